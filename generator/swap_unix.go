//go:build unix

package generator

import (
	"os"
	"syscall"
)

// lockFolder holds an advisory lock on the folder dir until the returned function is
// called: a build's staging folder is locked while it runs, so that another build's
// sweep leaves it alone.
func lockFolder(dir string) (func(), error) { return flockFolder(dir, syscall.LOCK_EX) }

// tryLockFolder is lockFolder that fails at once when another process holds the lock.
func tryLockFolder(dir string) (func(), error) {
	return flockFolder(dir, syscall.LOCK_EX|syscall.LOCK_NB)
}

func flockFolder(dir string, how int) (func(), error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), how); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}
