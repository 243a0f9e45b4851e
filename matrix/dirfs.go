package matrix

import (
	"io/fs"
	"os"
)

// dirFS is os.DirFS with a whole-file read that skips what an *os.File sets up (a
// non-blocking descriptor, a poller registration that regular files refuse): on a
// playbook of ten thousand files those system calls are a tenth of the load.
type dirFS struct {
	fs.FS
	dir string
}

func newDirFS(dir string) dirFS { return dirFS{FS: os.DirFS(dir), dir: dir} }

// wholeFileReader is a file system that reads a whole file into a caller's buffer.
type wholeFileReader interface {
	readWhole(name string, buf *[]byte) ([]byte, error)
}
