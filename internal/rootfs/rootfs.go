package rootfs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"slices"
	"strings"
	"syscall"
)

// ErrOutside is the error for a path whose links lead outside the folder.
var ErrOutside = errors.New("a symbolic link leads outside the playbook folder")

// ErrLoop is the error for a path whose links form a loop.
var ErrLoop = errors.New("a loop of symbolic links")

// NotRegularError is the error for a file that is neither a regular file nor a folder.
type NotRegularError struct{ Mode fs.FileMode }

func (e *NotRegularError) Error() string {
	return "not a regular file (" + Kind(e.Mode) + ")"
}

// Kind names the type of file mode m in words.
func Kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsDir():
		return "a folder"
	case m.IsRegular():
		return "a regular file"
	}
	return "an irregular file"
}

// FS is a folder opened for reading. It implements fs.FS, fs.ReadFileFS, fs.ReadDirFS
// and fs.StatFS; Open returns only regular files and folders.
type FS struct {
	root *os.Root
	fast fastReader // ReadRegular's system calls, where the platform has them
}

// Open opens the folder dir.
func Open(dir string) (*FS, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &FS{root: r, fast: openFast(dir)}, nil
}

// Close releases the folder.
func (f *FS) Close() error {
	f.fast.close()
	return f.root.Close()
}

// ReadRegular reads the regular file name whole into *buf, whose memory it reuses and
// grows, and stops reading past limit bytes (the result is then longer than limit). The
// result aliases *buf. A playbook of ten thousand files is read through it, so on Linux
// it is four system calls a file.
func (f *FS) ReadRegular(name string, buf *[]byte, limit int) ([]byte, error) {
	return f.readRegular(name, func(r io.Reader) ([]byte, error) { return ReadLimit(r, buf, limit) })
}

// ReadRegularPrefix is ReadRegular for a caller that needs only the start of a file: it
// reads step bytes at a time and stops as soon as enough reports that the bytes read so
// far hold what it needs, or at the end, or past limit.
func (f *FS) ReadRegularPrefix(name string, buf *[]byte, limit, step int, enough func([]byte) bool) ([]byte, error) {
	return f.readRegular(name, func(r io.Reader) ([]byte, error) { return readPrefix(r, buf, limit, step, enough) })
}

// readRegular opens the regular file name beneath the root and leaves the reading to
// readAll.
func (f *FS) readRegular(name string, readAll func(io.Reader) ([]byte, error)) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if data, handled, err := f.fast.read(name, readAll); handled {
		return data, err
	}
	file, err := f.OpenFile(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	if info, err := file.Stat(); err == nil && info.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: &NotRegularError{info.Mode()}}
	}
	data, err := readAll(file)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return data, nil
}

// readPrefix reads r into *buf step bytes at a time until enough holds, the end (a
// short read, as in ReadLimit) or more than limit bytes.
func readPrefix(r io.Reader, buf *[]byte, limit, step int, enough func([]byte) bool) ([]byte, error) {
	b := (*buf)[:0]
	for len(b) <= limit {
		b = slices.Grow(b, step)
		n, err := r.Read(b[len(b) : len(b)+step])
		b = b[:len(b)+n]
		if err != nil && err != io.EOF {
			return nil, err
		}
		if err == io.EOF || n < step || enough(b) {
			break
		}
	}
	*buf = b
	return b, nil
}

// ReadLimit reads the regular file r to its end into *buf, whose memory it reuses and
// grows, or until it holds more than limit bytes. A short read means the end, which
// saves the call that would say so: one call usually reads a whole playbook file.
func ReadLimit(r io.Reader, buf *[]byte, limit int) ([]byte, error) {
	b := (*buf)[:0]
	for {
		if len(b) == cap(b) {
			if len(b) > limit {
				break
			}
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if n > 0 && len(b) < cap(b) {
			break
		}
	}
	*buf = b
	return b, nil
}

// Name returns the folder's name as given to Open.
func (f *FS) Name() string { return f.root.Name() }

// Open opens a regular file or a folder. It never blocks: a named pipe is opened
// without waiting for a writer, and refused.
func (f *FS) Open(name string) (fs.File, error) {
	file, err := f.OpenFile(name)
	if err != nil {
		return nil, err
	}
	return file, nil
}

// OpenFile is Open with the *os.File it returns.
func (f *FS) OpenFile(name string) (*os.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	file, err := f.root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, classify("open", name, err)
	}
	info, err := file.Stat()
	if err != nil {
		file.Close()
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if m := info.Mode(); !m.IsRegular() && !m.IsDir() {
		file.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: &NotRegularError{m}}
	}
	return file, nil
}

// ReadFile reads the whole regular file name.
func (f *FS) ReadFile(name string) ([]byte, error) {
	buf := make([]byte, 0, 4<<10)
	return f.ReadRegular(name, &buf, math.MaxInt)
}

// ReadDir lists the folder name, sorted by file name. Entries describe the names as
// they are (a link is a link); Stat tells where a link leads.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	file, _ := f.fast.openDir(name)
	if file == nil {
		var err error
		if file, err = f.OpenFile(name); err != nil {
			return nil, err
		}
	}
	defer file.Close()
	entries, err := file.ReadDir(-1)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

// Stat describes the file name, following links that stay inside the folder.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	info, err := f.root.Stat(name)
	if err != nil {
		return nil, classify("stat", name, err)
	}
	return info, nil
}

// Lstat describes the file name itself, a link as a link.
func (f *FS) Lstat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "lstat", Path: name, Err: fs.ErrInvalid}
	}
	info, err := f.root.Lstat(name)
	if err != nil {
		return nil, classify("lstat", name, err)
	}
	return info, nil
}

// classify gives os.Root's errors for escaping and looping paths sentinel values.
func classify(op, name string, err error) error {
	var pe *fs.PathError
	inner := err
	if errors.As(err, &pe) {
		inner = pe.Err
	}
	switch {
	case errors.Is(inner, syscall.ELOOP):
		inner = ErrLoop
	case strings.Contains(inner.Error(), "escapes from parent"):
		// os.Root's own error, which it does not export.
		inner = ErrOutside
	}
	return &fs.PathError{Op: op, Path: name, Err: inner}
}

// Problem returns what is wrong with err's file, in words fit for a diagnostic, and how
// to fix it; ok is false when err is not one of this package's refusals.
func Problem(err error) (msg, hint string, ok bool) {
	var nr *NotRegularError
	switch {
	case errors.Is(err, ErrOutside):
		return "symbolic link leads outside the playbook folder; it is not read",
			"copy the file into the playbook folder, or remove the link", true
	case errors.Is(err, ErrLoop):
		return "symbolic links form a loop; the file is not read", "remove the link or point it at a file", true
	case errors.As(err, &nr):
		return fmt.Sprintf("%s, not a regular file: it is not read", Kind(nr.Mode)),
			"remove it from the playbook folder; playbook files are regular text files", true
	}
	return "", "", false
}

// Dir is a folder by its name, opened afresh for each call with the same refusals as
// FS: for readers that live long, such as a preview server whose folder may be deleted
// and made again, and for the few files of a theme.
type Dir string

func (d Dir) with(fn func(*FS) error) error {
	f, err := Open(string(d))
	if err != nil {
		return err
	}
	defer f.Close()
	return fn(f)
}

// Open opens a regular file or a folder of d; the file stays usable after the call.
func (d Dir) Open(name string) (file fs.File, err error) {
	err = d.with(func(f *FS) (err error) { file, err = f.Open(name); return err })
	return file, err
}

// ReadFile reads the whole regular file name of d.
func (d Dir) ReadFile(name string) (data []byte, err error) {
	err = d.with(func(f *FS) (err error) { data, err = f.ReadFile(name); return err })
	return data, err
}

// ReadDir lists the folder name of d.
func (d Dir) ReadDir(name string) (entries []fs.DirEntry, err error) {
	err = d.with(func(f *FS) (err error) { entries, err = f.ReadDir(name); return err })
	return entries, err
}

// Stat describes the file name of d, following links that stay inside it.
func (d Dir) Stat(name string) (info fs.FileInfo, err error) {
	err = d.with(func(f *FS) (err error) { info, err = f.Stat(name); return err })
	return info, err
}
