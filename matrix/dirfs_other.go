//go:build !unix

package matrix

import "io/fs"

// readWhole reads name through the file system interface.
func (d dirFS) readWhole(name string, buf *[]byte) ([]byte, error) {
	return readFile(d.FS, name, buf)
}

func inode(fs.FileInfo) uint64 { return 0 }
