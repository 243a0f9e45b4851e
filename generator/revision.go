package generator

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
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
				data, err := os.ReadFile(gitDir)
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

func short(id string) string {
	if len(id) < 12 {
		return id
	}
	return id[:12]
}

func resolveHead(gitDir string) string {
	data, err := os.ReadFile(filepath.Join(gitDir, "HEAD"))
	if err != nil {
		return ""
	}
	head := strings.TrimSpace(string(data))
	ref, ok := strings.CutPrefix(head, "ref: ")
	if !ok {
		return head // detached
	}
	common := gitDir
	if c, err := os.ReadFile(filepath.Join(gitDir, "commondir")); err == nil {
		common = filepath.Join(gitDir, strings.TrimSpace(string(c)))
	}
	for _, g := range []string{gitDir, common} {
		if data, err := os.ReadFile(filepath.Join(g, filepath.FromSlash(ref))); err == nil {
			return strings.TrimSpace(string(data))
		}
	}
	f, err := os.Open(filepath.Join(common, "packed-refs"))
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
