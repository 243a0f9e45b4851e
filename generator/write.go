package generator

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
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
}

func newStaging(out string) (*staging, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	removeStale(out)
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
	if err != nil {
		return nil, err
	}
	s := &staging{dir: dir, out: out, folders: map[string]folder{}}
	if info, err := os.Stat(out); err == nil && info.IsDir() {
		s.prev = out
	}
	return s, nil
}

// removeStale deletes staging and retired folders left by builds that were killed.
func removeStale(out string) {
	pattern := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".*-*")
	stale, _ := filepath.Glob(pattern)
	for _, s := range stale {
		if base := filepath.Base(s); strings.Contains(base, ".new-") || strings.Contains(base, ".old-") {
			os.RemoveAll(s)
		}
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

// commit replaces the output with the staged site. The old site is moved aside first
// and removed last, so at every instant one complete site is on disk.
func (s *staging) commit() error {
	s.closeFolders()
	if err := os.Chmod(s.dir, 0o755); err != nil {
		return err
	}
	info, err := os.Stat(s.out)
	switch {
	case err == nil && !info.IsDir():
		return fmt.Errorf("%s exists and is not a folder", s.out)
	case err == nil:
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
		if err := os.Rename(s.dir, s.out); err != nil {
			os.Rename(old, s.out) // put the last good site back
			return err
		}
		return os.RemoveAll(old)
	case errors.Is(err, os.ErrNotExist):
		return os.Rename(s.dir, s.out)
	default:
		return err
	}
}

// abort throws the staged files away.
func (s *staging) abort() {
	s.closeFolders()
	os.RemoveAll(s.dir)
}
