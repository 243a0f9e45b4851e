//go:build !linux

package generator

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
)

// folder is a staging folder, by its path.
type folder struct{ path string }

func openFolder(p string) (folder, error) { return folder{p}, nil }

func (f folder) close() {}

// write makes the file base in the folder with data. With stat, it also returns the
// permission bits the file got (the umask applied); else 0.
func (f folder) write(base string, data []byte, stat bool) (perm uint32, err error) {
	p := filepath.Join(f.path, base)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return 0, err
	}
	if stat {
		if info, err := os.Stat(p); err == nil {
			perm = uint32(info.Mode().Perm())
		}
	}
	return perm, nil
}

// holds reports whether the file at p is a regular file, not a symbolic link, with
// permission bits perm and exactly data in it.
func holds(p string, data []byte, perm uint32) bool {
	info, err := os.Lstat(p)
	if err != nil || !info.Mode().IsRegular() || uint32(info.Mode().Perm()) != perm || info.Size() != int64(len(data)) {
		return false
	}
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	got, err := io.ReadAll(io.LimitReader(f, int64(len(data))+1))
	return err == nil && bytes.Equal(got, data)
}
