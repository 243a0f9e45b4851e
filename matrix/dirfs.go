package matrix

import (
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

// readWhole reads the regular file name into *buf, stopping past MaxFileSize.
func (d dirFS) readWhole(name string, buf *[]byte) ([]byte, error) {
	return d.ReadRegular(name, buf, MaxFileSize)
}
