package generator

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/escalator-dev/escalator/internal/atomicfile"
)

// Marker is the file that marks a folder as a site this tool wrote. A build replaces an
// existing output folder only when it holds the marker (or is empty, or is a site of an
// earlier version, which wrote none): never a folder of the user's.
const Marker = ".escalator-site"

const markerText = "This folder is a site written by `escalator build`. The next build replaces it whole.\n"

// OutputError is a refused output: a folder or file the tool must not replace.
type OutputError struct {
	Out    string // the output as given
	Reason string // what is wrong, a sentence fragment: "is the playbook folder"
	Hint   string
}

func (e *OutputError) Error() string {
	msg := fmt.Sprintf("refusing to write to %s: it %s", e.Out, e.Reason)
	if e.Hint != "" {
		msg += " (" + e.Hint + ")"
	}
	return msg
}

// resolve returns the absolute path of p with the links of its existing part followed.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for cur := abs; ; cur = filepath.Dir(cur) {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			slices.Reverse(rest)
			return filepath.Join(append([]string{r}, rest...)...), nil
		}
		if filepath.Dir(cur) == cur {
			return abs, nil
		}
		rest = append(rest, filepath.Base(cur))
	}
}

// within reports whether p is inside dir (both absolute and clean), or is dir.
func within(p, dir string) bool {
	if p == dir {
		return true
	}
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// checkPlace refuses an output that is the playbook folder, lies inside it, or holds
// it, and the folders no output replaces: the root, the home folder, the current folder
// and those above it. example is a good -o, for the hint.
func checkPlace(out, abs, source, example string) error {
	refuse := func(reason, hint string) error { return &OutputError{Out: out, Reason: reason, Hint: hint} }
	if source != "" {
		src, err := resolve(source)
		if err != nil {
			return err
		}
		switch {
		case abs == src:
			return refuse("is the playbook folder", "write it elsewhere, such as "+example)
		case within(abs, src):
			return refuse("is inside the playbook folder "+source, "write it outside the playbook, such as "+example)
		case within(src, abs):
			return refuse("holds the playbook folder "+source, "write it to a place of its own, such as "+example)
		}
	}
	if abs == filepath.Dir(abs) {
		return refuse("is the root of the file system", "write it to a place of its own, such as "+example)
	}
	if home, err := os.UserHomeDir(); err == nil {
		if h, err := resolve(home); err == nil && abs == h {
			return refuse("is your home folder", "write it to a place of its own, such as "+example)
		}
	}
	if wd, err := os.Getwd(); err == nil {
		if w, err := resolve(wd); err == nil && within(w, abs) {
			return refuse("holds the current folder", "write it to a place of its own, such as "+example)
		}
	}
	return nil
}

// CheckOutput says whether Build may write to out, with the same refusals, so that a
// command can refuse before it loads the playbook.
func CheckOutput(out, source string, force bool) error {
	_, err := checkOutput(out, source, force)
	return err
}

// checkOutput decides whether a build may replace the folder out: it is not the
// playbook's (see checkPlace) and is missing, empty, or a site this tool wrote. force
// allows replacing another folder, but never one checkPlace refuses nor a repository.
// It returns out resolved: a link to a folder is built through, not replaced.
func checkOutput(out, source string, force bool) (string, error) {
	abs, err := resolve(out)
	if err != nil {
		return "", err
	}
	if err := checkPlace(out, abs, source, "-o public"); err != nil {
		return "", err
	}
	info, err := os.Lstat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return abs, nil
	case err != nil:
		return "", err
	case !info.IsDir():
		return "", &OutputError{Out: out, Reason: "exists and is not a folder", Hint: "remove it, or choose another -o"}
	}
	if _, err := os.Lstat(filepath.Join(abs, ".git")); err == nil {
		return "", &OutputError{Out: out, Reason: "holds a git repository (.git)", Hint: "write it to a place of its own, such as -o public"}
	}
	if isSite(abs) || force {
		return abs, nil
	}
	files, folders, names := count(abs)
	if files+folders == 0 {
		return abs, nil
	}
	return "", &OutputError{Out: out,
		Reason: fmt.Sprintf("holds %s that escalator did not write: %s", things(files, folders), strings.Join(names, ", ")),
		Hint:   "choose another -o, or add --force to delete them and write the site there"}
}

// isSite reports whether dir holds a site this tool wrote: the marker, or the files
// every site of a version before the marker has.
func isSite(dir string) bool {
	if info, err := os.Lstat(filepath.Join(dir, Marker)); err == nil && info.Mode().IsRegular() {
		return true
	}
	for _, f := range []string{"index.html", "404.html", "api/playbook.json", "assets/site.js", "assets/search.js", "search/index.js"} {
		if info, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(f))); err != nil || !info.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// count counts the files and folders under dir and names the first few at its top.
func count(dir string) (files, folders int, names []string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if p == dir {
			return err
		}
		if filepath.Dir(p) == dir && len(names) < 3 {
			names = append(names, d.Name())
		}
		if d.IsDir() {
			folders++
		} else {
			files++
		}
		return nil
	})
	if files+folders > len(names) {
		names = append(names, "…")
	}
	return files, folders, names
}

func things(files, folders int) string {
	plural := func(n int, one string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %ss", n, one)
	}
	switch {
	case folders == 0:
		return plural(files, "file")
	case files == 0:
		return plural(folders, "folder")
	}
	return plural(files, "file") + " and " + plural(folders, "folder")
}

// errNoExchange says the platform or file system cannot exchange two folders at once.
var errNoExchange = errors.New("folders cannot be exchanged here")

// WriteExport writes an export to the file name through a temporary file beside it, so
// that readers see the old file or the new one, never a part. It refuses (an
// *OutputError) a file in the playbook folder source, and an existing file that is not
// an export, unless force. A link is written through, not replaced.
func WriteExport(name string, data []byte, source string, force bool) (err error) {
	if err := WriteExportCheck(name, source, force); err != nil {
		return err
	}
	abs, err := resolve(name)
	if err != nil {
		return err
	}
	defer func() {
		// Name the file asked for, not the temporary one.
		var pe *fs.PathError
		var le *os.LinkError
		switch {
		case errors.As(err, &pe):
			err = fmt.Errorf("cannot write %s: %w", name, pe.Err)
		case errors.As(err, &le):
			err = fmt.Errorf("cannot write %s: %w", name, le.Err)
		}
	}()
	return atomicfile.Replace(abs, data)
}

// exportHead is how every export begins.
const exportHead = "{\n  \"version\": "

// isExport reports whether the file p begins as an export does.
func isExport(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(exportHead))
	_, err = io.ReadFull(f, head)
	return err == nil && string(head) == exportHead
}

// WriteExportCheck says whether WriteExport may write name, with the same refusals.
func WriteExportCheck(name, source string, force bool) error {
	abs, err := resolve(name)
	if err != nil {
		return err
	}
	if err := checkPlace(name, abs, source, "-o playbook.json"); err != nil {
		return err
	}
	if info, err := os.Lstat(abs); err == nil {
		switch {
		case !info.Mode().IsRegular():
			return &OutputError{Out: name, Reason: "exists and is not a regular file", Hint: "choose another -o"}
		case !force && !isExport(abs):
			return &OutputError{Out: name, Reason: "exists and is not an escalator export", Hint: "choose another -o, or add --force to replace it"}
		}
	}
	return nil
}
