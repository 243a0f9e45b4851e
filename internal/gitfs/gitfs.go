package gitfs

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os/exec"
	"strconv"
	"strings"
	"testing/fstest"
)

// entry is one file of a listed tree.
type entry struct {
	path string
	oid  string
	size int64
}

// Open returns the folder dir, a folder of a git work tree, as revision rev holds it.
// Only regular files are included: a revision's symbolic links and submodules are left
// out, as the loader never follows a link out of a playbook. A file larger than max
// bytes is kept as max+1 zero bytes, so that the loader reports it as too large without
// this package reading it.
func Open(dir, rev string, max int64) (fs.FS, error) {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("%q is not a git revision", rev)
	}
	if _, err := git(dir, nil, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}"); err != nil {
		if _, terr := git(dir, nil, "rev-parse", "--git-dir"); terr != nil {
			return nil, fmt.Errorf("%s is not inside a git repository, so %q cannot be read as a revision", dir, rev)
		}
		return nil, fmt.Errorf("unknown git revision %q", rev)
	}
	// REV:./ is the tree of dir itself in that revision; --full-tree lists all of it, not
	// only the part under the current folder, which ls-tree would take to be dir again.
	out, err := git(dir, nil, "ls-tree", "-r", "-z", "-l", "--full-tree", "--end-of-options", rev+":./")
	if err != nil {
		return nil, fmt.Errorf("revision %s has no folder %s: %v", rev, dir, err)
	}
	entries, err := parseTree(out)
	if err != nil {
		return nil, err
	}
	m := make(fstest.MapFS, len(entries))
	var batch bytes.Buffer
	var want []entry
	for _, e := range entries {
		if e.size > max {
			m[e.path] = &fstest.MapFile{Data: make([]byte, max+1), Mode: 0o644}
			continue
		}
		want = append(want, e)
		batch.WriteString(e.oid)
		batch.WriteByte('\n')
	}
	if len(want) == 0 {
		return m, nil
	}
	if err := catFiles(dir, &batch, want, m); err != nil {
		return nil, err
	}
	return m, nil
}

// catFiles reads the blobs of want through one `git cat-file --batch`, streamed: the
// files of a large playbook are tens of megabytes, which a buffer of the whole output
// would copy again at every doubling.
func catFiles(dir string, batch io.Reader, want []entry, m fstest.MapFS) error {
	cmd := exec.Command("git", "-C", dir, "cat-file", "--batch")
	cmd.Stdin = batch
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	rerr := readBatch(bufio.NewReaderSize(out, 64<<10), want, m)
	if rerr != nil {
		cmd.Process.Kill()
	}
	werr := cmd.Wait()
	switch {
	case rerr != nil:
		return rerr
	case werr != nil && strings.TrimSpace(stderr.String()) != "":
		return errors.New(strings.TrimSpace(stderr.String()))
	}
	return werr
}

// Prefix returns dir's path inside its repository, with a trailing slash ("" at the top).
func Prefix(dir string) (string, error) {
	out, err := git(dir, nil, "rev-parse", "--show-prefix")
	if err != nil {
		return "", err
	}
	return strings.TrimRight(string(out), "\n"), nil
}

// parseTree reads `git ls-tree -r -z -l`: "mode type oid size\tpath" records, NUL-ended.
func parseTree(out []byte) ([]entry, error) {
	var list []entry
	for rec := range bytes.SplitSeq(out, []byte{0}) {
		if len(rec) == 0 {
			continue
		}
		head, path, ok := bytes.Cut(rec, []byte{'\t'})
		f := strings.Fields(string(head))
		if !ok || len(f) != 4 {
			return nil, fmt.Errorf("git ls-tree: cannot read %q", rec)
		}
		if f[1] != "blob" || (f[0] != "100644" && f[0] != "100755") {
			continue // a link, or a submodule's commit
		}
		size, err := strconv.ParseInt(f[3], 10, 64)
		if err != nil || size < 0 {
			return nil, fmt.Errorf("git ls-tree: cannot read the size in %q", rec)
		}
		if !fs.ValidPath(string(path)) {
			continue
		}
		list = append(list, entry{string(path), f[2], size})
	}
	return list, nil
}

// readBatch reads `git cat-file --batch` output for want, in order, into m.
func readBatch(r *bufio.Reader, want []entry, m fstest.MapFS) error {
	for _, e := range want {
		line, err := r.ReadString('\n')
		if err != nil {
			return fmt.Errorf("git cat-file: %s: %v", e.path, err)
		}
		f := strings.Fields(line)
		if len(f) != 3 || f[0] != e.oid || f[1] != "blob" {
			return fmt.Errorf("git cat-file: %s: unexpected %q", e.path, strings.TrimSpace(line))
		}
		n, err := strconv.ParseInt(f[2], 10, 64)
		if err != nil || n != e.size {
			return fmt.Errorf("git cat-file: %s: unexpected size %q", e.path, f[2])
		}
		data := make([]byte, n+1) // the content and its newline
		if _, err := io.ReadFull(r, data); err != nil {
			return fmt.Errorf("git cat-file: %s: %v", e.path, err)
		}
		m[e.path] = &fstest.MapFile{Data: data[:n], Mode: 0o644}
	}
	return nil
}

// git runs git in dir with stdin, and returns its output; an error carries git's message.
func git(dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if msg := strings.TrimSpace(stderr.String()); errors.As(err, &ee) && msg != "" {
			return nil, errors.New(msg)
		}
		return nil, err
	}
	return out, nil
}
