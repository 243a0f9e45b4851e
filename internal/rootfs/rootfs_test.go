package rootfs

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
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

// bothPaths runs a test with the fast reader and with os.Root alone.
func bothPaths(t *testing.T, test func(t *testing.T, f *FS)) {
	play := tree(t)
	for _, fast := range []bool{true, false} {
		t.Run(map[bool]string{true: "fast", false: "root"}[fast], func(t *testing.T) {
			f, err := Open(play)
			must(t, err)
			defer f.Close()
			if !fast {
				f.fast.close()
				f.fast = fastReader{-1}
			}
			test(t, f)
		})
	}
}

func TestReadFile(t *testing.T) {
	bothPaths(t, testReadFile)
}

func testReadFile(t *testing.T, f *FS) {
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
	buf := make([]byte, 0, 2)
	for _, tt := range tests {
		data, err := f.ReadFile(tt.name)
		regular, rerr := f.ReadRegular(tt.name, &buf, 100)
		if string(regular) != string(data) || (rerr == nil) != (err == nil) || (tt.err != nil && !errors.Is(rerr, tt.err)) {
			t.Errorf("ReadRegular(%s) = %q, %v; ReadFile gave %q, %v", tt.name, regular, rerr, data, err)
		}
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
	bothPaths(t, func(t *testing.T, f *FS) {
		var buf []byte
		var nr *NotRegularError
		if _, err := f.ReadRegular("fifo.txt", &buf, 100); !errors.As(err, &nr) || nr.Mode&fs.ModeNamedPipe == 0 {
			t.Errorf("ReadRegular(fifo) = %v", err)
		}
		if _, err := f.ReadRegular("sub", &buf, 100); !errors.As(err, &nr) || !nr.Mode.IsDir() {
			t.Errorf("ReadRegular(sub) = %v, want a folder refused", err)
		}
	})
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

// ReadRegular stops past its limit, and reads every size around its buffer's.
func TestReadRegularSizes(t *testing.T) {
	dir := t.TempDir()
	f, err := Open(dir)
	must(t, err)
	defer f.Close()
	buf := make([]byte, 0, 64)
	for _, size := range []int{0, 1, 63, 64, 65, 128, 1000, 70000} {
		data := strings.Repeat("x", size)
		must(t, os.WriteFile(filepath.Join(dir, "f"), []byte(data), 0o644))
		got, err := f.ReadRegular("f", &buf, 1<<20)
		if err != nil || string(got) != data {
			t.Errorf("size %d: got %d bytes, %v", size, len(got), err)
		}
	}
	must(t, os.WriteFile(filepath.Join(dir, "big"), make([]byte, 5000), 0o644))
	got, err := f.ReadRegular("big", &buf, 1000)
	if err != nil || len(got) <= 1000 || len(got) > 5000 {
		t.Errorf("over the limit: read %d bytes, %v; want more than the limit, then stop", len(got), err)
	}
}

func TestReadRegularPrefix(t *testing.T) {
	dir := t.TempDir()
	data := []byte(strings.Repeat("a", 5000) + "X" + strings.Repeat("b", 20000))
	if err := os.WriteFile(filepath.Join(dir, "f"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tests := []struct {
		name   string
		enough func([]byte) bool
		want   int
	}{
		{"stops at the step holding the mark", func(b []byte) bool { return bytes.IndexByte(b, 'X') >= 0 }, 8192},
		{"reads to the end", func([]byte) bool { return false }, len(data)},
		{"one step", func([]byte) bool { return true }, 4096},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf []byte
			got, err := f.ReadRegularPrefix("f", &buf, 1<<20, 4096, tt.enough)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.want || !bytes.Equal(got, data[:len(got)]) {
				t.Errorf("read %d bytes, want the first %d", len(got), tt.want)
			}
		})
	}
	var buf []byte
	if _, err := f.ReadRegularPrefix("../f", &buf, 1<<20, 4096, func([]byte) bool { return true }); err == nil {
		t.Error("read a path outside the folder")
	}
}
