package rootfs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// tree makes a folder with a file, a link inside, links that leave it, a loop, a named
// pipe and a link to standard input.
func tree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	play := filepath.Join(dir, "play")
	must(t, os.MkdirAll(filepath.Join(play, "sub"), 0o755))
	must(t, os.WriteFile(filepath.Join(play, "sub", "a.txt"), []byte("inside\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "secret.txt"), []byte("outside\n"), 0o644))
	must(t, os.Symlink("sub/a.txt", filepath.Join(play, "inlink.txt")))
	must(t, os.Symlink("sub", filepath.Join(play, "indir")))
	must(t, os.Symlink("../secret.txt", filepath.Join(play, "up.txt")))
	must(t, os.Symlink(filepath.Join(dir, "secret.txt"), filepath.Join(play, "abs.txt")))
	must(t, os.Symlink("/proc/self/environ", filepath.Join(play, "environ.txt")))
	must(t, os.Symlink(dir, filepath.Join(play, "outdir")))
	must(t, os.Symlink("loop2", filepath.Join(play, "loop1")))
	must(t, os.Symlink("loop1", filepath.Join(play, "loop2")))
	must(t, os.Symlink("/dev/stdin", filepath.Join(play, "stdin.txt")))
	must(t, syscall.Mkfifo(filepath.Join(play, "fifo.txt"), 0o644))
	return play
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestReadFile(t *testing.T) {
	f, err := Open(tree(t))
	must(t, err)
	defer f.Close()
	tests := []struct {
		name string
		want string // the contents, or "" for an error
		err  error
	}{
		{"sub/a.txt", "inside\n", nil},
		{"inlink.txt", "inside\n", nil},
		{"indir/a.txt", "inside\n", nil},
		{"up.txt", "", ErrOutside},
		{"abs.txt", "", ErrOutside},
		{"environ.txt", "", ErrOutside},
		{"outdir/secret.txt", "", ErrOutside},
		{"stdin.txt", "", ErrOutside},
		{"loop1", "", ErrLoop},
		{"../secret.txt", "", fs.ErrInvalid},
		{"missing.txt", "", fs.ErrNotExist},
	}
	for _, tt := range tests {
		data, err := f.ReadFile(tt.name)
		if tt.err == nil {
			if err != nil || string(data) != tt.want {
				t.Errorf("ReadFile(%s) = %q, %v; want %q", tt.name, data, err, tt.want)
			}
			continue
		}
		if !errors.Is(err, tt.err) {
			t.Errorf("ReadFile(%s) = %q, %v; want %v", tt.name, data, err, tt.err)
		}
		if _, _, ok := Problem(err); ok != (tt.err == ErrOutside || tt.err == ErrLoop) {
			t.Errorf("Problem(%v) ok = %v", err, ok)
		}
	}
}

// A named pipe is refused at once, never waited on.
func TestFIFODoesNotBlock(t *testing.T) {
	f, err := Open(tree(t))
	must(t, err)
	defer f.Close()
	done := make(chan error, 1)
	go func() { _, err := f.ReadFile("fifo.txt"); done <- err }()
	select {
	case err := <-done:
		var nr *NotRegularError
		if !errors.As(err, &nr) || nr.Mode&fs.ModeNamedPipe == 0 {
			t.Fatalf("ReadFile(fifo) = %v, want a NotRegularError for a named pipe", err)
		}
		msg, _, ok := Problem(err)
		if !ok || msg != "a named pipe, not a regular file: it is not read" {
			t.Errorf("Problem = %q, %v", msg, ok)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("reading a named pipe blocked")
	}
	if _, err := f.Stat("fifo.txt"); err != nil {
		t.Errorf("Stat(fifo) = %v; a pipe can be described", err)
	}
}

func TestStatAndReadDir(t *testing.T) {
	f, err := Open(tree(t))
	must(t, err)
	defer f.Close()
	if info, err := f.Stat("indir"); err != nil || !info.IsDir() {
		t.Errorf("Stat(indir) = %v, %v; want a folder", info, err)
	}
	if _, err := f.Stat("outdir"); !errors.Is(err, ErrOutside) {
		t.Errorf("Stat(outdir) = %v, want ErrOutside", err)
	}
	if info, err := f.Lstat("outdir"); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Lstat(outdir) = %v, %v; want the link itself", info, err)
	}
	if _, err := f.ReadDir("outdir"); !errors.Is(err, ErrOutside) {
		t.Errorf("ReadDir(outdir) = %v, want ErrOutside", err)
	}
	entries, err := f.ReadDir("indir")
	if err != nil || len(entries) != 1 || entries[0].Name() != "a.txt" {
		t.Errorf("ReadDir(indir) = %v, %v", entries, err)
	}
	sub, err := fs.Sub(f, "sub")
	must(t, err)
	if data, err := fs.ReadFile(sub, "a.txt"); err != nil || string(data) != "inside\n" {
		t.Errorf("Sub: ReadFile(a.txt) = %q, %v", data, err)
	}
}

// The FS behaves as an fs.FS should on an ordinary tree.
func TestFSContract(t *testing.T) {
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, "a", "b"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "a", "b", "c.txt"), []byte("c"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "top.txt"), []byte("top"), 0o644))
	f, err := Open(dir)
	must(t, err)
	defer f.Close()
	if err := fstest.TestFS(f, "a/b/c.txt", "top.txt"); err != nil {
		t.Fatal(err)
	}
}

// Dir refuses what FS refuses and reads a folder deleted and made again.
func TestDir(t *testing.T) {
	play := tree(t)
	d := Dir(play)
	if _, err := d.ReadFile("environ.txt"); !errors.Is(err, ErrOutside) {
		t.Errorf("ReadFile(environ.txt) = %v, want ErrOutside", err)
	}
	theme, err := fs.Sub(d, "sub")
	must(t, err)
	if data, err := fs.ReadFile(theme, "a.txt"); err != nil || string(data) != "inside\n" {
		t.Errorf("ReadFile(sub/a.txt) = %q, %v", data, err)
	}
	must(t, os.RemoveAll(play))
	if _, err := fs.ReadFile(theme, "a.txt"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("after removal: %v, want fs.ErrNotExist", err)
	}
	must(t, os.MkdirAll(filepath.Join(play, "sub"), 0o755))
	must(t, os.WriteFile(filepath.Join(play, "sub", "a.txt"), []byte("again\n"), 0o644))
	if data, err := fs.ReadFile(theme, "a.txt"); err != nil || string(data) != "again\n" {
		t.Errorf("after making it again: %q, %v", data, err)
	}
	if err := fstest.TestFS(d, "sub/a.txt"); err != nil {
		t.Error(err)
	}
}
