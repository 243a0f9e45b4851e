package theme

import (
	"errors"
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"
)

// broken is a theme folder whose static/ cannot be listed and whose files cannot be
// read, as when they are links that rootfs refuses.
type broken struct{ fstest.MapFS }

var errRefused = errors.New("refused")

func (b broken) Open(name string) (fs.File, error) {
	if name == "static" || name == "static/site.css" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errRefused}
	}
	return b.MapFS.Open(name)
}

// What the playbook's theme cannot give comes from the built-in theme, never missing.
func TestOverlayFallsBack(t *testing.T) {
	th := FS(broken{fstest.MapFS{"static/mine.css": {Data: []byte("x")}}})
	var names []string
	err := fs.WalkDir(th, "static", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"static/site.css", "static/site.js", "static/search.js"} {
		if !slices.Contains(names, want) {
			t.Errorf("%s missing from %v", want, names)
		}
	}
	if data, err := fs.ReadFile(th, "static/site.css"); err != nil || len(data) == 0 {
		t.Errorf("static/site.css: %d bytes, %v", len(data), err)
	}
}
