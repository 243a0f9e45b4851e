package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"syscall"
)

// folder is a staging folder, open so that files are made relative to it: the kernel
// then walks no path per file, and a file costs three system calls, not the eight of
// os.WriteFile.
type folder struct {
	fd   int
	path string
}

func openFolder(p string) (folder, error) {
	fd, err := syscall.Open(p, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return folder{}, &os.PathError{Op: "open", Path: p, Err: err}
	}
	return folder{fd, p}, nil
}

func (f folder) close() { syscall.Close(f.fd) }

// write makes the file base in the folder with data. With stat, it also returns the
// permission bits the file got (the umask applied); else 0.
func (f folder) write(base string, data []byte, stat bool) (perm uint32, err error) {
	var fd int
	for {
		fd, err = syscall.Openat(f.fd, base, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return 0, &os.PathError{Op: "open", Path: filepath.Join(f.path, base), Err: err}
	}
	for len(data) > 0 && err == nil {
		var n int
		n, err = syscall.Write(fd, data)
		switch {
		case err == syscall.EINTR:
			err = nil
		case err == nil && n == 0:
			err = syscall.EIO
		}
		data = data[max(n, 0):]
	}
	if err == nil && stat {
		var st syscall.Stat_t
		if syscall.Fstat(fd, &st) == nil {
			perm = st.Mode & 0o777
		}
	}
	if cerr := syscall.Close(fd); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return 0, &os.PathError{Op: "write", Path: filepath.Join(f.path, base), Err: err}
	}
	return perm, nil
}

// holds reports whether the file at p is a regular file, not a symbolic link, with
// permission bits perm and exactly data in it.
func holds(p string, data []byte, perm uint32) bool {
	fd, err := syscall.Open(p, syscall.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0)
	if err != nil {
		return false
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if syscall.Fstat(fd, &st) != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG || st.Mode&0o7777 != perm || st.Size != int64(len(data)) {
		return false
	}
	bp := readBufs.Get().(*[]byte)
	defer readBufs.Put(bp)
	buf := *bp
	for len(data) > 0 {
		n, err := syscall.Read(fd, buf[:min(len(buf), len(data))])
		if err == syscall.EINTR {
			continue
		}
		if err != nil || n <= 0 || !bytes.Equal(buf[:n], data[:n]) {
			return false
		}
		data = data[n:]
	}
	return true
}

var readBufs = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}
