package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestRebuildLinksUnchangedFiles checks that a rebuild over a site links the files
// it would write unchanged, writes those that changed, and leaves out of it any old
// file that is not a plain file with a new file's permissions, whatever its bytes.
func TestRebuildLinksUnchangedFiles(t *testing.T) {
	p := sample(t)
	out := build(t, p, Options{})
	const (
		same      = "runbooks/database-failover.html"
		chmodded  = "runbooks/database-failover.checklist.html"
		symlinked = "assets/site.css"
		changed   = "index.html"
	)
	before := map[string]os.FileInfo{}
	for _, name := range []string{same, chmodded, changed} {
		info, err := os.Stat(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		before[name] = info
	}
	if err := os.WriteFile(filepath.Join(out, changed), []byte("edited by hand"), 0); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(out, chmodded), 0o600); err != nil {
		t.Fatal(err)
	}
	elsewhere := filepath.Join(t.TempDir(), "site.css")
	css, err := os.ReadFile(filepath.Join(out, symlinked))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(elsewhere, css, before[same].Mode().Perm()); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(out, symlinked)); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(out, symlinked)); err != nil {
		t.Fatal(err)
	}

	build(t, p, Options{Out: out})

	tests := []struct {
		name   string
		file   string
		linked bool
	}{
		{"an unchanged page is linked", same, true},
		{"a page with other permissions is written", chmodded, false},
		{"a page whose bytes differ is written", changed, false},
	}
	for _, tt := range tests {
		info, err := os.Lstat(filepath.Join(out, tt.file))
		if err != nil {
			t.Fatal(err)
		}
		if got := os.SameFile(before[tt.file], info); got != tt.linked {
			t.Errorf("%s: same file as before = %v, want %v", tt.name, got, tt.linked)
		}
		if info.Mode() != before[same].Mode() {
			t.Errorf("%s: mode %v, want %v", tt.name, info.Mode(), before[same].Mode())
		}
	}
	if info, err := os.Lstat(filepath.Join(out, symlinked)); err != nil || !info.Mode().IsRegular() {
		t.Errorf("a file that was a symbolic link is not written as a plain file: %v, %v", info, err)
	}

	fresh := readTree(t, build(t, p, Options{}))
	rebuilt := readTree(t, out)
	if len(fresh) != len(rebuilt) {
		t.Fatalf("%d files rebuilt, %d built afresh", len(rebuilt), len(fresh))
	}
	for name, data := range fresh {
		if !bytes.Equal(data, rebuilt[name]) {
			t.Errorf("%s: rebuilt differs from built afresh", name)
		}
	}
}
