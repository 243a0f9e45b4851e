package matrix

import (
	"io/fs"

	"github.com/escalator-dev/escalator/internal/rootfs"
)

// dirFS is a playbook folder read through rootfs, so that no link leads a load outside
// it and no named pipe blocks it, with a whole-file read into a caller's buffer.
type dirFS struct {
	*rootfs.FS
}

// wholeFileReader is a file system that reads a whole file into a caller's buffer.
type wholeFileReader interface {
	readWhole(name string, buf *[]byte) ([]byte, error)
}

// readWhole reads the regular file name into *buf; see readInto.
func (d dirFS) readWhole(name string, buf *[]byte) ([]byte, error) {
	f, err := d.OpenFile(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: &rootfs.NotRegularError{Mode: info.Mode()}}
	}
	data, err := readInto(f, true, buf)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return data, nil
}
