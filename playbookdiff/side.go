package playbookdiff

import (
	"fmt"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/internal/gitfs"
	"github.com/escalator-dev/escalator/matrix"
)

// Side is one side of a diff: the folder Dir as it is on disk, or as git revision Rev
// holds it when Rev is set.
type Side struct {
	Dir, Rev string
}

// Label names the side for a reader: "main", or the folder.
func (s Side) Label() string {
	if s.Rev != "" {
		return s.Rev
	}
	return s.Dir
}

// Load loads the side, its diagnostics naming files under root, so that both sides of
// a diff name the same files alike. err is set when the side cannot be read at all (no
// such revision); problems of the playbook are diagnostics.
func (s Side) Load(root string, opt matrix.Options) (*matrix.Playbook, diag.List, error) {
	if s.Rev == "" {
		p, d := matrix.LoadDirAs(s.Dir, root, opt)
		return p, d, nil
	}
	fsys, err := gitfs.Open(s.Dir, s.Rev, matrix.MaxFileSize)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read %s at %s: %w", s.Dir, s.Rev, err)
	}
	p, d := matrix.Load(fsys, root, opt)
	return p, d, nil
}
