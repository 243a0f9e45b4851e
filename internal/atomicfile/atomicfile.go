// Package atomicfile writes a file so that readers see the old bytes or the new ones,
// never a part: the data goes to a temporary file beside it, which is then renamed
// over it or linked to its name.
package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// Replace writes data to name, replacing what is there, mode 0644. Whether name may be
// replaced is the caller's to decide first.
func Replace(name string, data []byte) error {
	tmp, err := write(name, data)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// CreateNew writes data to name, mode 0644, unless name exists: then it writes
// nothing and created is false.
func CreateNew(name string, data []byte) (created bool, err error) {
	tmp, err := write(name, data)
	if err != nil {
		return false, err
	}
	defer os.Remove(tmp) // the link, made or not, leaves the temporary name ours
	err = os.Link(tmp, name)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	return err == nil, err
}

// write puts data in a new temporary file beside name, synced, and returns its name.
func write(name string, data []byte) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}
