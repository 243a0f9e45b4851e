package generator

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func writeFiles(t *testing.T, dir string, files ...string) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCheckOutput pins which output folders a build may replace.
func TestCheckOutput(t *testing.T) {
	root := t.TempDir()
	play := filepath.Join(root, "project", "content")
	writeFiles(t, play, "playbook.yaml", "runbooks/a.md")
	writeFiles(t, filepath.Join(root, "project"), ".git/HEAD")
	writeFiles(t, filepath.Join(root, "docs"), "notes.txt", "drafts/a.md")
	writeFiles(t, filepath.Join(root, "repo"), ".git/HEAD")
	writeFiles(t, filepath.Join(root, "marked"), Marker, "index.html")
	writeFiles(t, filepath.Join(root, "legacy"), "index.html", "404.html", "api/playbook.json", "assets/site.js", "assets/search.js", "search/index.js")
	writeFiles(t, root, "file.txt")
	os.MkdirAll(filepath.Join(root, "empty"), 0o755)
	os.Symlink(filepath.Join(root, "marked"), filepath.Join(root, "link"))
	os.Symlink(play, filepath.Join(root, "link-to-playbook"))
	in := func(p string) string { return filepath.Join(root, p) }
	tests := []struct {
		name   string
		out    string
		force  bool
		refuse string // a part of the refusal, or "" when the build may go on
	}{
		{"the playbook", play, true, "is the playbook folder"},
		{"a folder of the playbook", filepath.Join(play, "runbooks"), true, "is inside the playbook folder"},
		{"a new folder inside the playbook", filepath.Join(play, "public"), true, "is inside the playbook folder"},
		{"the project holding the playbook", in("project"), true, "holds the playbook folder"},
		{"the folder above", root, true, "holds the playbook folder"},
		{"a link to the playbook", in("link-to-playbook"), true, "is the playbook folder"},
		{"the root", "/", true, "refusing to write to /: it"},
		{"the current folder", ".", true, "holds the current folder"},
		{"a folder of the user's", in("docs"), false, "holds 2 files and 1 folder that escalator did not write: drafts, notes.txt"},
		{"a folder of the user's, forced", in("docs"), true, ""},
		{"a repository, forced", in("repo"), true, "holds a git repository"},
		{"a file", in("file.txt"), true, "exists and is not a folder"},
		{"a new folder", in("public"), false, ""},
		{"an empty folder", in("empty"), false, ""},
		{"a site escalator wrote", in("marked"), false, ""},
		{"a site of an earlier version", in("legacy"), false, ""},
		{"a link to a site", in("link"), false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckOutput(tt.out, play, tt.force)
			var oe *OutputError
			switch {
			case tt.refuse == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.refuse != "" && !errors.As(err, &oe):
				t.Fatalf("err = %v, want an OutputError", err)
			case tt.refuse != "" && !strings.Contains(err.Error(), tt.refuse):
				t.Fatalf("err = %v, want %q", err, tt.refuse)
			}
		})
	}
	// A link is built through: the site lands in the folder it names, the link stays.
	if _, err := Build(sample(t), Options{Out: in("link"), Now: today}); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(in("link")); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v, %v", info, err)
	}
	if _, err := os.Stat(in("marked/matrix.html")); err != nil {
		t.Errorf("the site is not in the linked folder: %v", err)
	}
}

// TestCommitCrash kills a build between the steps of its commit and checks that the
// next build, failing or not, leaves a complete site, and sweeps only its own leftovers.
func TestCommitCrash(t *testing.T) {
	p := sample(t)
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	build(t, p, Options{Out: out})
	before, err := os.ReadFile(filepath.Join(out, "matrix.html"))
	if err != nil {
		t.Fatal(err)
	}
	// What users and other tools keep beside it stays.
	writeFiles(t, parent, ".public.old-notes/keep.txt", ".public.new-123/keep.txt")

	crash := func(step string) {
		crashHook = func(s string) error {
			if s == step {
				return errors.New("killed at " + s)
			}
			return nil
		}
	}
	t.Cleanup(func() { crashHook, exchangeFolders = nil, exchange })

	t.Run("killed between the two renames, then a failing build", func(t *testing.T) {
		exchangeFolders = func(string, string) error { return errNoExchange }
		crash("between-renames")
		if _, err := Build(p, Options{Out: out, Now: today}); err == nil {
			t.Fatal("the commit was not stopped")
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Fatalf("the crash left %s: %v; the test crashed nothing", out, err)
		}
		crashHook = nil
		badTheme := fstest.MapFS{"templates/page.html": {Data: []byte("{{ if }")}}
		if _, err := Build(p, Options{Out: out, Now: today, Theme: badTheme}); err == nil {
			t.Fatal("the broken theme built")
		}
		got, err := os.ReadFile(filepath.Join(out, "matrix.html"))
		if err != nil || string(got) != string(before) {
			t.Fatalf("after a failing build: %v; the last site is not there", err)
		}
	})

	t.Run("killed after the exchange, before the old site went", func(t *testing.T) {
		exchangeFolders = exchange
		crash("remove-old")
		if _, err := Build(p, Options{Out: out, Now: today}); err == nil {
			t.Fatal("the commit was not stopped")
		}
		if _, err := os.Stat(filepath.Join(out, "matrix.html")); err != nil {
			t.Fatalf("no site after the exchange: %v", err)
		}
		crashHook = nil
		build(t, p, Options{Out: out})
	})

	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != ".public.new-123 .public.old-notes public" {
		t.Errorf("beside the site: %s; want only the user's folders and the site", got)
	}
}

// A running build's staging folder is locked, and another build's sweep leaves it.
func TestSweepSparesRunningBuilds(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	st, err := newStaging(out)
	if err != nil {
		t.Fatal(err)
	}
	defer st.abort()
	sweep(out)
	if _, err := os.Stat(filepath.Join(st.dir, Marker)); err != nil {
		t.Fatalf("the sweep removed a running build's staging folder: %v", err)
	}
}
