package serve

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/matrix"
	"github.com/fsnotify/fsnotify"
)

// playbookEntries are the top-level names of a playbook folder whose changes matter.
var playbookEntries = matrix.Entries()

// newWatcher watches the playbook folder and every folder under it that matters, and
// the folder it is in, for the playbook folder itself going and coming back (rm -r
// and a fresh copy, a move, a checkout that replaces it).
func (s *Server) newWatcher() (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	if err := s.watchPlaybook(w); err != nil {
		w.Close()
		return nil, err
	}
	dir := filepath.Clean(s.opt.Dir)
	if parent := filepath.Dir(dir); parent != dir {
		w.Add(parent) // without it, serve still works until the folder goes
	}
	return w, nil
}

// watchPlaybook watches the playbook folder and the folders under it that matter.
func (s *Server) watchPlaybook(w *fsnotify.Watcher) error {
	dir := filepath.Clean(s.opt.Dir)
	if err := w.Add(dir); err != nil {
		return err
	}
	for _, e := range playbookEntries {
		s.addTree(w, filepath.Join(dir, e))
	}
	return nil
}

// unwatchPlaybook stops watching the playbook folder and everything under it: a folder
// moved away keeps its watches, which would report its changes under the old names.
func (s *Server) unwatchPlaybook(w *fsnotify.Watcher) {
	dir := filepath.Clean(s.opt.Dir)
	for _, p := range w.WatchList() {
		if r, err := filepath.Rel(dir, p); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			w.Remove(p) // gone already when the folder was deleted
		}
	}
}

// addTree watches a folder and the folders under it; it ignores anything else.
func (s *Server) addTree(w *fsnotify.Watcher, root string) {
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		w.Add(p)
		return nil
	})
}

// batch is what changed since the last rebuild.
type batch struct {
	files []string // slash paths in the playbook folder
	full  bool     // render every page: the theme changed, or events were lost
	first time.Time
}

func (b *batch) empty() bool { return len(b.files) == 0 && !b.full }

// watch rebuilds the site after each burst of changes, one rebuild at a time, until
// ctx is done. Events that arrive during a rebuild, however long it takes, make one
// next rebuild. It returns at once when ctx is done, without waiting for a rebuild
// under way: Close makes that rebuild give up and drop its site.
func (s *Server) watch(ctx context.Context, w *fsnotify.Watcher) {
	var pending batch
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	built := make(chan struct{}, 1) // a rebuild that ends after watch returns must not block
	building := false
	start := func() {
		if building || pending.empty() {
			return
		}
		building = true
		b := pending
		pending = batch{}
		go func() {
			s.Rebuild(b.files, b.full)
			built <- struct{}{}
		}()
	}
	// Rebuild once the files have been quiet for the debounce time, or at the latest
	// a little after the first change, so a steady stream of writes still shows.
	arm := func() {
		wait := s.opt.Debounce
		if limit := 10*s.opt.Debounce - time.Since(pending.first); limit < wait {
			wait = max(limit, 0)
		}
		quiet.Reset(wait)
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			rel, full, relevant := s.classify(w, ev)
			if !relevant {
				continue
			}
			if pending.empty() {
				pending.first = time.Now()
			}
			pending.full = pending.full || full
			if rel != "" && !slices.Contains(pending.files, rel) {
				pending.files = append(pending.files, rel)
			}
			if s.opt.noticed != nil {
				s.opt.noticed(rel)
			}
			arm()
		case _, ok := <-w.Errors:
			if !ok {
				return
			}
			// The kernel's queue overflowed: changes were lost, trust nothing cached.
			s.cache.Clear()
			if pending.empty() {
				pending.first = time.Now()
			}
			pending.full = true
			arm()
		case <-quiet.C:
			start()
		case <-built:
			building = false
			if !pending.empty() {
				arm()
			}
		}
	}
}

// classify says whether an event matters, the file it names relative to the playbook,
// and whether it calls for a full rebuild. New folders are watched as they appear.
func (s *Server) classify(w *fsnotify.Watcher, ev fsnotify.Event) (rel string, full, relevant bool) {
	if filepath.Clean(ev.Name) == filepath.Clean(s.opt.Dir) {
		// The playbook folder itself, seen from its parent. While it is gone, the
		// rebuild fails and the last good site stays, with the error over it.
		switch {
		case ev.Has(fsnotify.Create):
			s.watchPlaybook(w)
		case ev.Has(fsnotify.Remove | fsnotify.Rename):
			s.unwatchPlaybook(w)
		default:
			return "", false, false
		}
		s.cache.Clear()
		return "", true, true
	}
	r, err := filepath.Rel(s.opt.Dir, ev.Name)
	if err != nil || r == "." || strings.HasPrefix(r, "..") {
		return "", false, false
	}
	rel = filepath.ToSlash(r)
	parts := strings.Split(rel, "/")
	if !slices.Contains(playbookEntries, parts[0]) {
		return "", false, false
	}
	base := parts[len(parts)-1]
	if editorTemp(base) {
		return "", false, false
	}
	for _, p := range parts[:len(parts)-1] {
		if strings.HasPrefix(p, ".") {
			return "", false, false
		}
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
			// A folder appeared, maybe with files in it already (a checkout, a move):
			// watch it, and reread everything rather than guess what it holds.
			s.addTree(w, ev.Name)
			s.cache.Clear()
			return "", true, true
		}
	}
	if len(parts) == 1 && !strings.Contains(base, ".") && ev.Has(fsnotify.Remove|fsnotify.Rename) {
		s.cache.Clear() // a kind folder went
		return "", true, true
	}
	return rel, parts[0] == "theme", true
}

// editorTemp reports files that editors write beside the one being saved.
func editorTemp(name string) bool {
	switch {
	case strings.HasPrefix(name, ".") && name != ".", // .foo.swp, .#foo, .DS_Store
		strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"),
		strings.HasSuffix(name, ".tmp"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		name == "4913": // vim's test of whether it can write the folder
		return true
	}
	return false
}
