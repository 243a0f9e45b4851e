package generator

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// staging is a folder beside the output where a build is written before it replaces the
// output whole, so a failed build never leaves a partial site.
type staging struct {
	dir  string // the staging folder
	out  string // the final output folder
	prev string // out when it holds a site, whose unchanged files are linked, not written

	mu      sync.Mutex
	folders map[string]folder // staging folders written into, by slash-separated path
	perm    atomic.Uint32     // the permission bits a new file gets here, once one is made
	unlock  func()            // releases the lock that keeps other builds from sweeping dir
}

// newStaging prepares a staging folder beside out, which must have passed checkOutput.
func newStaging(out string) (*staging, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
	if err != nil {
		return nil, err
	}
	unlock, err := lockFolder(dir)
	if err != nil {
		os.Remove(dir)
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, Marker), []byte(markerText), 0o644); err != nil {
		unlock()
		os.RemoveAll(dir)
		return nil, err
	}
	s := &staging{dir: dir, out: out, folders: map[string]folder{}, unlock: unlock}
	if info, err := os.Stat(out); err == nil && info.IsDir() {
		s.prev = out
	}
	return s, nil
}

// leftovers returns the staging and retired folders beside out that this tool made:
// named as it names them and holding its marker. A user's `.public.old-notes` is not.
func leftovers(out string) (staged, retired []string) {
	parent, base := filepath.Dir(out), filepath.Base(out)
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		name := e.Name()
		rest, ok := strings.CutPrefix(name, "."+base+".")
		if !ok || !e.IsDir() {
			continue
		}
		kind, digits, ok := strings.Cut(rest, "-")
		if !ok || digits == "" || strings.Trim(digits, "0123456789") != "" || (kind != "new" && kind != "old") {
			continue
		}
		p := filepath.Join(parent, name)
		if info, err := os.Lstat(filepath.Join(p, Marker)); err != nil || !info.Mode().IsRegular() {
			continue
		}
		if kind == "new" {
			staged = append(staged, p)
		} else {
			retired = append(retired, p)
		}
	}
	return staged, retired
}

// restoreStranded puts back the last site when out is missing and a retired copy is
// beside it: the state a build killed between its two renames leaves. Build calls it
// before anything that can fail, so that a failing build never leaves no site at all.
func restoreStranded(out string) error {
	if _, err := os.Lstat(out); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	_, retired := leftovers(out)
	var newest string
	var when time.Time
	for _, r := range retired {
		if info, err := os.Stat(r); err == nil && (newest == "" || info.ModTime().After(when)) {
			newest, when = r, info.ModTime()
		}
	}
	if newest == "" {
		return nil
	}
	return os.Rename(newest, out)
}

// sweep deletes what builds left beside out: staging folders of builds that are no
// longer running, and retired sites. It runs only after a build's commit, so a retired
// copy is never the only site there is.
func sweep(out string) {
	staged, retired := leftovers(out)
	for _, p := range staged {
		if unlock, err := tryLockFolder(p); err == nil {
			os.RemoveAll(p)
			unlock()
		}
	}
	for _, p := range retired {
		os.RemoveAll(p)
	}
}

// write stores one file of the site; name is slash-separated and relative. A file that
// the site being replaced holds with the same bytes (and the permissions a new file
// would get) is linked from it instead: rebuilding after an edit then writes only what
// changed, and removing the old site frees only the files that did. Fresh files are
// written relative to their folder, opened once.
func (s *staging) write(name string, data []byte) error {
	dir, base := path.Split(name)
	f, err := s.folder(strings.TrimSuffix(dir, "/"))
	if err != nil {
		return err
	}
	if perm := s.perm.Load(); perm != 0 && s.prev != "" {
		old := filepath.Join(s.prev, filepath.FromSlash(name))
		if holds(old, data, perm) && os.Link(old, filepath.Join(s.dir, filepath.FromSlash(name))) == nil {
			return nil
		}
	}
	perm, err := f.write(base, data, s.perm.Load() == 0)
	if perm != 0 {
		s.perm.CompareAndSwap(0, perm)
	}
	return err
}

// folder returns the staging folder at the slash-separated path rel, made if need be.
func (s *staging) folder(rel string) (folder, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f, ok := s.folders[rel]; ok {
		return f, nil
	}
	p := filepath.Join(s.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(p, 0o755); err != nil {
		return folder{}, err
	}
	f, err := openFolder(p)
	if err != nil {
		return folder{}, err
	}
	s.folders[rel] = f
	return f, nil
}

// closeFolders releases the folders opened for writing.
func (s *staging) closeFolders() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for rel, f := range s.folders {
		f.close()
		delete(s.folders, rel)
	}
}

// create opens a new file of the site for writing; name is slash-separated.
func (s *staging) create(name string) (io.WriteCloser, error) {
	p := filepath.Join(s.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, err
	}
	return os.Create(p)
}

// commit replaces the output with the staged site. Where the platform can exchange
// two folders in one step, it does, and at every instant one complete site is at out;
// elsewhere the old site is moved aside first (a build killed then leaves it beside
// out, and the next build puts it back before anything else). Old copies are deleted
// only once the new site is in place.
func (s *staging) commit() error {
	s.closeFolders()
	defer s.unlock()
	if err := os.Chmod(s.dir, 0o755); err != nil {
		return err
	}
	info, err := os.Lstat(s.out)
	switch {
	case err == nil && !info.IsDir():
		return fmt.Errorf("%s exists and is not a folder", s.out)
	case err == nil:
		if err := hook("exchange"); err != nil {
			return err
		}
		if err := exchangeFolders(s.dir, s.out); err == nil {
			// s.dir now holds the old site, marked: a kill here leaves it to the sweep.
			if err := hook("remove-old"); err != nil {
				return err
			}
			os.RemoveAll(s.dir)
			sweep(s.out)
			return nil
		} else if !errors.Is(err, errNoExchange) {
			return err
		}
		old, err := os.MkdirTemp(filepath.Dir(s.out), "."+filepath.Base(s.out)+".old-")
		if err != nil {
			return err
		}
		if err := os.Remove(old); err != nil {
			return err
		}
		if err := os.Rename(s.out, old); err != nil {
			return err
		}
		if err := hook("between-renames"); err != nil {
			return err
		}
		if err := os.Rename(s.dir, s.out); err != nil {
			os.Rename(old, s.out) // put the last good site back
			return err
		}
		sweep(s.out)
		return nil
	case errors.Is(err, os.ErrNotExist):
		if err := os.Rename(s.dir, s.out); err != nil {
			return err
		}
		sweep(s.out)
		return nil
	default:
		return err
	}
}

// exchangeFolders is exchange, unless a test takes the path of platforms without it.
var exchangeFolders = exchange

// crashHook, when set by a test, is called at each step of a commit; an error it
// returns stops the commit there, as if the process had been killed.
var crashHook func(step string) error

func hook(step string) error {
	if crashHook != nil {
		return crashHook(step)
	}
	return nil
}

// abort throws the staged files away.
func (s *staging) abort() {
	s.closeFolders()
	os.RemoveAll(s.dir)
	s.unlock()
}
