package gitfs

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// repo makes a repository with one commit of files (and a link), then edits a.yaml in
// the work tree, so that the revision and the folder differ.
func repo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("book/a.yaml", "id: a\n")
	write("book/teams/t.yaml", "id: t\n")
	write("book/big.md", strings.Repeat("x", 100))
	write("other.txt", "outside\n")
	if err := os.Symlink("../other.txt", filepath.Join(dir, "book", "link.yaml")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"init", "-q"}, {"add", "."},
		{"-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "one"},
	} {
		if out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write("book/a.yaml", "id: a2\n")
	return dir
}

func TestOpen(t *testing.T) {
	dir := repo(t)
	fsys, err := Open(filepath.Join(dir, "book"), "HEAD", 50)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, want string
	}{
		{"a.yaml", "id: a\n"},                  // the revision's text, not the work tree's
		{"teams/t.yaml", "id: t\n"},            // nested folders
		{"big.md", strings.Repeat("\x00", 51)}, // over the limit: max+1 bytes, not read
	} {
		got, err := fs.ReadFile(fsys, tc.name)
		if err != nil || string(got) != tc.want {
			t.Errorf("%s: %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
	if _, err := fs.Stat(fsys, "link.yaml"); err == nil {
		t.Error("a committed link was included")
	}
	if _, err := fs.Stat(fsys, "other.txt"); err == nil {
		t.Error("a file outside the folder was included")
	}
	if p, err := Prefix(filepath.Join(dir, "book")); err != nil || p != "book/" {
		t.Errorf("Prefix = %q, %v", p, err)
	}
}

func TestOpenRefuses(t *testing.T) {
	dir := repo(t)
	for _, tc := range []struct {
		name, dir, rev, want string
	}{
		{"unknown revision", filepath.Join(dir, "book"), "nosuch", `unknown git revision "nosuch"`},
		{"an option is no revision", filepath.Join(dir, "book"), "--all", "is not a git revision"},
		{"outside a repository", t.TempDir(), "HEAD", "is not inside a git repository"},
	} {
		if _, err := Open(tc.dir, tc.rev, 1<<20); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}

// git's output is read defensively: whatever it holds, no panic, and only valid paths.
func FuzzParse(f *testing.F) {
	f.Add([]byte("100644 blob 78981922613b2afb6025042ff6bd878ac1994e85       2\ta.yaml\x00120000 blob 1234 5\tl\x00"), []byte("78981922613b2afb6025042ff6bd878ac1994e85 blob 2\na\n\n"))
	f.Add([]byte("100644 blob x -\t../x\x00"), []byte(""))
	f.Add([]byte("100644 blob x -5\ta\x00"), []byte("x blob -5\n"))
	f.Fuzz(func(t *testing.T, tree, batch []byte) {
		entries, err := parseTree(tree)
		if err != nil {
			return
		}
		for _, e := range entries {
			if !fs.ValidPath(e.path) {
				t.Fatalf("invalid path %q", e.path)
			}
		}
		readBatch(bufio.NewReader(bytes.NewReader(batch)), entries, map[string]*fstest.MapFile{})
	})
}
