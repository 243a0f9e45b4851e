package generator

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"sync"
)

// folder is a staging folder, open as a root so that files are made relative to it:
// the kernel walks no path per file (openat on Unix).
type folder struct {
	root *os.Root
	path string
}

func openFolder(p string) (folder, error) {
	r, err := os.OpenRoot(p)
	if err != nil {
		return folder{}, err
	}
	return folder{r, p}, nil
}

func (f folder) close() { f.root.Close() }

// write makes the file base in the folder with data. With stat, it also returns the
// permission bits the file got (the umask applied); else 0.
func (f folder) write(base string, data []byte, stat bool) (perm uint32, err error) {
	file, err := f.root.OpenFile(base, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return 0, f.pathError("open", base, err)
	}
	_, err = file.Write(data)
	if err == nil && stat {
		if info, serr := file.Stat(); serr == nil {
			perm = uint32(info.Mode().Perm())
		}
	}
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, f.pathError("write", base, err)
	}
	return perm, nil
}

// pathError names the file by its whole path: the root's errors name base alone.
func (f folder) pathError(op, base string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &os.PathError{Op: op, Path: filepath.Join(f.path, base), Err: err}
}

// holds reports whether the file at p is a regular file, not a symbolic link, with
// permission bits perm (and no setuid, setgid or sticky bit) and exactly data in it.
func holds(p string, data []byte, perm uint32) bool {
	info, err := os.Lstat(p)
	const special = os.ModeSetuid | os.ModeSetgid | os.ModeSticky
	if err != nil || !info.Mode().IsRegular() || info.Mode()&special != 0 ||
		uint32(info.Mode().Perm()) != perm || info.Size() != int64(len(data)) {
		return false
	}
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	if opened, err := f.Stat(); err != nil || !os.SameFile(info, opened) {
		return false // replaced between the two
	}
	bp := readBufs.Get().(*[]byte)
	defer readBufs.Put(bp)
	buf := *bp
	for len(data) > 0 {
		n, err := f.Read(buf[:min(len(buf), len(data))])
		if n <= 0 || !bytes.Equal(buf[:n], data[:n]) {
			return false
		}
		data = data[n:]
		if err != nil && len(data) > 0 {
			return false
		}
	}
	return true
}

var readBufs = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}
