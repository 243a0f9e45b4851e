//go:build !unix

package matrix

// readWhole reads name through the file system interface.
func (d dirFS) readWhole(name string, buf *[]byte) ([]byte, error) {
	return readFile(d.FS, name, buf)
}
