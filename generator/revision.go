package generator

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Revision returns the short commit id of the git checkout holding dir, or "" when
// there is none. It reads .git directly: a build must not depend on a git binary.
func Revision(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for d := abs; ; d = filepath.Dir(d) {
		gitDir := filepath.Join(d, ".git")
		if info, err := os.Stat(gitDir); err == nil {
			if !info.IsDir() {
				// A worktree or submodule: .git is a file naming the real folder.
				data, err := readGit(gitDir)
				if err != nil {
					return ""
				}
				ref, ok := strings.CutPrefix(strings.TrimSpace(string(data)), "gitdir: ")
				if !ok {
					return ""
				}
				if !filepath.IsAbs(ref) {
					ref = filepath.Join(d, ref)
				}
				gitDir = ref
			}
			return short(resolveHead(gitDir))
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// short returns the first 12 digits of a commit id, or "" for anything that is not
// one: the revision is printed on every page, and .git may be anything at all.
func short(id string) string {
	if len(id) < 7 || len(id) > 64 || strings.Trim(id, "0123456789abcdef") != "" {
		return ""
	}
	return id[:min(12, len(id))]
}

// readGit reads a small regular file of a git folder, never waiting on a named pipe.
func readGit(name string) ([]byte, error) {
	f, err := openGit(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, 1<<16))
}

// openGit opens a regular file of a git folder without blocking.
func openGit(name string) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s is not a regular file", name)
	}
	return f, nil
}

func resolveHead(gitDir string) string {
	data, err := readGit(filepath.Join(gitDir, "HEAD"))
	if err != nil {
		return ""
	}
	head := strings.TrimSpace(string(data))
	ref, ok := strings.CutPrefix(head, "ref: ")
	if !ok {
		return head // detached
	}
	common := gitDir
	if c, err := readGit(filepath.Join(gitDir, "commondir")); err == nil {
		common = filepath.Join(gitDir, strings.TrimSpace(string(c)))
	}
	for _, g := range []string{gitDir, common} {
		if data, err := readGit(filepath.Join(g, filepath.FromSlash(ref))); err == nil {
			return strings.TrimSpace(string(data))
		}
	}
	f, err := openGit(filepath.Join(common, "packed-refs"))
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		id, name, ok := strings.Cut(sc.Text(), " ")
		if ok && name == ref {
			return id
		}
	}
	return ""
}
