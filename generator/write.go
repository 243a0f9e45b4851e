package generator

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// staging is a folder beside the output where a build is written before it replaces the
// output whole, so a failed build never leaves a partial site.
type staging struct {
	dir string // the staging folder
	out string // the final output folder
}

func newStaging(out string) (*staging, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	removeStale(out)
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
	if err != nil {
		return nil, err
	}
	return &staging{dir: dir, out: out}, nil
}

// removeStale deletes staging and retired folders left by builds that were killed.
func removeStale(out string) {
	pattern := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".*-*")
	stale, _ := filepath.Glob(pattern)
	for _, s := range stale {
		if base := filepath.Base(s); strings.Contains(base, ".new-") || strings.Contains(base, ".old-") {
			os.RemoveAll(s)
		}
	}
}

// write stores one file of the site; name is slash-separated and relative.
func (s *staging) write(name string, data []byte) error {
	p := filepath.Join(s.dir, filepath.FromSlash(name))
	if err := os.WriteFile(p, data, 0o644); err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	}
	return nil
}

// create opens a new file of the site for writing; name is slash-separated.
func (s *staging) create(name string) (io.WriteCloser, error) {
	p := filepath.Join(s.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, err
	}
	return os.Create(p)
}

// commit replaces the output with the staged site. The old site is moved aside first
// and removed last, so at every instant one complete site is on disk.
func (s *staging) commit() error {
	if err := os.Chmod(s.dir, 0o755); err != nil {
		return err
	}
	info, err := os.Stat(s.out)
	switch {
	case err == nil && !info.IsDir():
		return fmt.Errorf("%s exists and is not a folder", s.out)
	case err == nil:
		old, err := os.MkdirTemp(filepath.Dir(s.out), "."+filepath.Base(s.out)+".old-")
		if err != nil {
			return err
		}
		if err := os.Remove(old); err != nil {
			return err
		}
		if err := os.Rename(s.out, old); err != nil {
			return err
		}
		if err := os.Rename(s.dir, s.out); err != nil {
			os.Rename(old, s.out) // put the last good site back
			return err
		}
		return os.RemoveAll(old)
	case errors.Is(err, os.ErrNotExist):
		return os.Rename(s.dir, s.out)
	default:
		return err
	}
}

// abort throws the staged files away.
func (s *staging) abort() { os.RemoveAll(s.dir) }
