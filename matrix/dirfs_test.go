package matrix

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/escalator-dev/escalator/internal/rootfs"
)

// readWhole must read exactly what os.ReadFile reads, at every size around the buffer.
func TestReadWhole(t *testing.T) {
	dir := t.TempDir()
	root, err := rootfs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	d := dirFS{root}
	buf := make([]byte, 0, 64)
	for _, size := range []int{0, 1, 63, 64, 65, 128, 1000, 70000} {
		data := bytes.Repeat([]byte("x\n"), size/2+1)[:size]
		name := filepath.Join(dir, "f")
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := d.readWhole("f", &buf)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("size %d: got %d bytes, %v", size, len(got), err)
		}
	}
	if _, err := d.readWhole("missing.yaml", &buf); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want fs.ErrNotExist", err)
	}
	if _, err := d.readWhole("../escape", &buf); err == nil {
		t.Error("a path outside the folder was read")
	}
	big := make([]byte, MaxFileSize+100)
	os.WriteFile(filepath.Join(dir, "big"), big, 0o644)
	got, err := d.readWhole("big", &buf)
	if err != nil || len(got) <= MaxFileSize || len(got) > MaxFileSize+len(big) {
		t.Errorf("big file: read %d bytes, %v; want more than the limit, then stop", len(got), err)
	}
}
