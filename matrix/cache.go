package matrix

import (
	"hash/maphash"
	"io/fs"
	"slices"
	"sync"
	"time"
)

// Cache keeps the documents of a playbook between loads, so that reloading after an
// edit reparses only the files that changed: on a playbook of thousands of runbooks,
// reading and parsing them all is most of a load. Pass the same Cache in Options to
// every Load of one folder; it is safe for concurrent use.
//
// A cached document is shared by every playbook loaded from it, while an earlier
// playbook may still be in use: the checks must never modify a folder document.
// playbook.yaml and matrix.yaml, which they do modify, are kept as parsed YAML.
type Cache struct {
	mu      sync.Mutex
	docs    map[string]cached
	watched bool // see NewWatchedCache
	content bool // see NewContentCache
}

type cached struct {
	stamp      stamp
	skipBodies bool
	d          *doc
}

// stamp identifies one version of a file without reading it.
type stamp struct {
	size  int64
	mtime time.Time
	ino   uint64
}

// racyWindow is how recent a modification time must be for a stamp not to be trusted:
// file systems stamp times at the kernel's clock tick, so a second write within one
// tick can leave size and time unchanged. Such files are reread until they age.
const racyWindow = 2 * time.Second

// NewCache returns a cache that reuses a document while its file keeps the same size,
// modification time and inode.
func NewCache() *Cache {
	return &Cache{docs: map[string]cached{}}
}

// NewWatchedCache returns a cache for a caller that watches the folder: it calls Forget
// for every file that changes, and Clear when it may have missed one. Documents are
// then reused without looking at their files, which saves a system call per file.
func NewWatchedCache() *Cache {
	return &Cache{docs: map[string]cached{}, watched: true}
}

// NewContentCache returns a cache that reuses a document wherever a file of the same
// path has the same bytes, whichever folder or revision it is read from: loading two
// versions of a playbook that share most files (a diff) parses the shared ones once.
// Every file is still read, and hashed. Give it to loads with the same root only: a
// document keeps the file name its diagnostics were made with.
func NewContentCache() *Cache {
	return &Cache{docs: map[string]cached{}, content: true}
}

// loadByContent is load for a content cache: the stamp is the file's size and hash.
func (l *loader) loadByContent(j job, buf *[]byte) *doc {
	d, data, ok := l.readData(j, buf)
	if !ok {
		return d
	}
	c := l.opt.Cache
	st := stamp{size: int64(d.size), ino: d.sum}
	if hit := c.lookup(j.path, st, l.opt.SkipBodies); hit != nil {
		return decoded(hit, j.kind)
	}
	l.parse(d, data, j.kind, j.markdown)
	if j.cache {
		d = decoded(d, j.kind)
	}
	c.mu.Lock()
	c.docs[j.path] = cached{st, l.opt.SkipBodies, d}
	c.mu.Unlock()
	return decoded(d, j.kind)
}

// Clear empties the cache.
func (c *Cache) Clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.docs)
}

// Forget drops the named files (slash paths relative to the playbook folder), so the
// next load rereads them whatever their stamps say: a watcher that saw them change
// knows better than the clock.
func (c *Cache) Forget(names ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, n := range names {
		delete(c.docs, n)
	}
}

// Len reports how many documents the cache holds.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.docs)
}

// lookup returns the cached document for name if its file still has the stamp st.
func (c *Cache) lookup(name string, st stamp, skipBodies bool) *doc {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.docs[name]
	if !ok || (!c.watched && e.stamp != st) || e.skipBodies != skipBodies {
		return nil
	}
	return e.d
}

// store keeps d, read at instant read from a file with stamp st, unless the stamp is
// too recent to be trusted.
func (c *Cache) store(name string, st stamp, read time.Time, skipBodies bool, d *doc) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.watched && read.Sub(st.mtime) < racyWindow {
		delete(c.docs, name)
		return
	}
	c.docs[name] = cached{st, skipBodies, d}
}

// prune drops the files a load did not see: deleted documents.
func (c *Cache) prune(seen map[string]bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for n := range c.docs {
		if !seen[n] {
			delete(c.docs, n)
		}
	}
}

// statFile stamps a file of fsys.
func statFile(fsys fs.FS, name string) (stamp, bool) {
	var info fs.FileInfo
	var err error
	info, err = fs.Stat(fsys, name)
	if err != nil || !info.Mode().IsRegular() {
		return stamp{}, false
	}
	return stamp{size: info.Size(), mtime: info.ModTime(), ino: inode(info)}, true
}

// sumSeed hashes file contents; sums are compared only within one process.
var sumSeed = maphash.MakeSeed()

// ChangedFiles lists the files, by display name, whose contents differ between old and
// p, including files only one of them has; sorted. A server uses it to decide what to
// render again.
func (p *Playbook) ChangedFiles(old *Playbook) []string {
	var out []string
	for name, sum := range p.sums {
		if old.sums[name] != sum {
			out = append(out, name)
		}
	}
	for name := range old.sums {
		if _, ok := p.sums[name]; !ok {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}
