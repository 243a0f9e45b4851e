package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestReplaceAndCreateNew(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "f")
	if err := Replace(name, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := Replace(name, []byte("two")); err != nil {
		t.Fatal(err)
	}
	if created, err := CreateNew(name, []byte("three")); created || err != nil {
		t.Fatalf("CreateNew over an existing file: created %v, %v", created, err)
	}
	if data, _ := os.ReadFile(name); string(data) != "two" {
		t.Fatalf("%s holds %q, want the replaced bytes", name, data)
	}
	if created, err := CreateNew(filepath.Join(dir, "g"), []byte("new")); !created || err != nil {
		t.Fatalf("CreateNew of a new file: created %v, %v", created, err)
	}
	if info, err := os.Stat(filepath.Join(dir, "g")); err != nil || info.Mode().Perm() != 0o644 {
		t.Fatalf("mode %v, %v", info.Mode(), err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Fatalf("left behind: %v", entries)
	}
	if err := Replace(filepath.Join(dir, "no", "such"), nil); err == nil {
		t.Fatal("Replace into a missing folder succeeded")
	}
}
