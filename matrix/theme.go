package matrix

import (
	"errors"
	"io/fs"
	"path"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/internal/rootfs"
)

// themeFolders are the folders of theme/ that the site build reads, every file below
// them: they may themselves be links to folders inside the playbook.
var themeFolders = []string{"theme/templates", "theme/static"}

// checkTheme reports every entry of the theme's folders that a build would not read: a
// link that leaves the playbook or loops, a named pipe or device, and a link to a
// folder below them, which is not followed (following it could loop). A build that went
// on without them would silently publish a site without the user's styles.
func (l *loader) checkTheme() {
	if _, err := fs.Stat(l.fsys, "theme"); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.fileProblem("theme", err)
		}
		return
	}
	for _, dir := range themeFolders {
		if _, err := fs.Stat(l.fsys, dir); err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				l.fileProblem(dir, err)
			}
			continue
		}
		l.checkThemeDir(dir)
	}
}

func (l *loader) checkThemeDir(dir string) {
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		l.fileProblem(dir, err)
		return
	}
	for _, e := range entries {
		p := path.Join(dir, e.Name())
		switch t := e.Type(); {
		case t.IsDir():
			l.checkThemeDir(p)
		case t&fs.ModeSymlink != 0:
			info, err := fs.Stat(l.fsys, p)
			switch {
			case err != nil:
				l.fileProblem(p, err)
			case info.IsDir():
				l.errorf(diag.RefusedFile, l.display(p), Pos{}, "a link to a folder inside "+dir+"/ is not followed",
					"put the folder itself here, or link each file")
			case !info.Mode().IsRegular():
				l.fileProblem(p, &fs.PathError{Op: "open", Path: p, Err: &rootfs.NotRegularError{Mode: info.Mode()}})
			}
		case !t.IsRegular():
			l.fileProblem(p, &fs.PathError{Op: "open", Path: p, Err: &rootfs.NotRegularError{Mode: t}})
		}
	}
}

// fileProblem reports a file that cannot be read at its path.
func (l *loader) fileProblem(name string, err error) {
	if msg, hint, ok := rootfs.Problem(err); ok {
		l.errorf(diag.RefusedFile, l.display(name), Pos{}, msg, hint)
		return
	}
	l.errorf(diag.UnreadableFile, l.display(name), Pos{}, "cannot read: "+err.Error(), "")
}
