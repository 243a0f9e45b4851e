package matrix

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/internal/rootfs"
)

// AssetsDir is the playbook folder of files that bodies link to or show as images;
// the build copies it to the site.
const AssetsDir = "assets"

// MaxAssetSize bounds one file of assets/: the site copies it whole.
const MaxAssetSize = 16 << 20

// listAssets lists every file under assets/ into Playbook.Assets and reports the
// entries a build could not copy, as checkTheme does for the theme: a link that
// leaves the playbook or loops, a link to a folder (not followed), a named pipe or
// device, a file over MaxAssetSize. Names starting with "." are left out.
func (l *loader) listAssets() {
	if _, err := fs.Stat(l.fsys, AssetsDir); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.fileProblem(AssetsDir, err)
		}
		return
	}
	l.assetDir(AssetsDir)
	sort.Strings(l.p.Assets)
}

func (l *loader) assetDir(dir string) {
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		l.fileProblem(dir, err)
		return
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		p := path.Join(dir, e.Name())
		t := e.Type()
		if t.IsDir() {
			l.assetDir(p)
			continue
		}
		info, err := fs.Stat(l.fsys, p) // follows a link that stays inside
		switch {
		case err != nil:
			l.fileProblem(p, err)
		case info.IsDir():
			l.errorf(diag.RefusedFile, l.display(p), Pos{}, "a link to a folder inside "+AssetsDir+"/ is not followed",
				"put the folder itself here, or link each file")
		case !info.Mode().IsRegular():
			l.fileProblem(p, &fs.PathError{Op: "open", Path: p, Err: &rootfs.NotRegularError{Mode: info.Mode()}})
		case info.Size() > MaxAssetSize:
			l.errorf(diag.AssetTooLarge, l.display(p), Pos{}, fmt.Sprintf("asset is %d bytes, over the %d a file of %s/ may have", info.Size(), MaxAssetSize, AssetsDir),
				"make the image smaller, or link to it where it is published")
		default:
			l.p.Assets = append(l.p.Assets, p)
		}
	}
}
