// Package theme holds the site's templates, stylesheets and scripts. A playbook may
// override any file by placing its own at the same path under <playbook>/theme/.
package theme

import (
	"embed"
	"errors"
	"io/fs"
	"sort"
)

//go:embed templates static
var embedded embed.FS

// FS returns the theme with overrides shadowing the embedded files. overrides may be
// nil; it is rooted like the theme (templates/page.html, static/site.css).
func FS(overrides fs.FS) fs.FS {
	if overrides == nil {
		return embedded
	}
	return overlay{top: overrides, base: embedded}
}

// overlay reads a file from top when it has one, else from base; directory listings
// are the union of both. Whatever top cannot give (a file refused by rootfs, a folder
// that will not list) is taken from base, so the built-in styles and scripts are
// never lost; the playbook's check reports the refusal.
type overlay struct {
	top, base fs.FS
}

func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.top.Open(name)
	if err == nil {
		if st, serr := f.Stat(); serr == nil && !st.IsDir() {
			return f, nil
		}
		f.Close()
	}
	return o.base.Open(name)
}

func (o overlay) ReadFile(name string) ([]byte, error) {
	if data, err := fs.ReadFile(o.top, name); err == nil {
		return data, nil
	}
	return fs.ReadFile(o.base, name)
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]fs.DirEntry{}
	var found bool
	for i, f := range []fs.FS{o.base, o.top} {
		entries, err := fs.ReadDir(f, name)
		if err != nil {
			if i == 1 || errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return nil, err
		}
		found = true
		for _, e := range entries {
			seen[e.Name()] = e
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(seen))
	for _, e := range seen {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}
