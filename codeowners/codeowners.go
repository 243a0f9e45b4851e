package codeowners

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/escalator-dev/escalator/internal/atomicfile"
	"github.com/escalator-dev/escalator/matrix"
)

// Header starts every file Generate writes; WriteFile replaces only files that start
// with it.
const Header = "# Written by `escalator codeowners` from the playbook's owner fields and the teams'\n# handle fields: edit those, not this file.\n"

// Generate returns the CODEOWNERS text for p: one line per document with an owner,
// sorted by path, each path rooted at prefix (the playbook folder's path in the
// repository, "content/"). root is the prefix of p's file names (the root it was loaded
// with), dropped from them. An owner without a handle is listed in a comment instead,
// with the fix.
func Generate(p *matrix.Playbook, root, prefix string) []byte {
	type line struct{ path, text string }
	var lines []line
	var missing []string
	for _, m := range p.Metas() {
		if m.Owner.ID == "" || m.File == "" {
			continue
		}
		rel := m.File
		if root != "" && root != "." {
			rel = strings.TrimPrefix(rel, strings.TrimSuffix(root, "/")+"/")
		}
		pattern := "/" + escape(path.Join(prefix, rel))
		t := p.Team(m.Owner.ID)
		if t == nil || t.Handle == "" {
			if !slices.Contains(missing, m.Owner.ID) {
				missing = append(missing, m.Owner.ID)
			}
			lines = append(lines, line{pattern, fmt.Sprintf("# %s: team %s has no handle", pattern, m.Owner.ID)})
			continue
		}
		lines = append(lines, line{pattern, pattern + " " + t.Handle})
	}
	slices.SortFunc(lines, func(a, b line) int { return strings.Compare(a.path, b.path) })
	var b bytes.Buffer
	b.WriteString(Header)
	if len(missing) > 0 {
		slices.Sort(missing)
		fmt.Fprintf(&b, "# Teams without a handle own no file here: add `handle: \"@org/team\"` to %s.\n", strings.Join(missing, ", "))
	}
	b.WriteByte('\n')
	for _, l := range lines {
		b.WriteString(l.text)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// escape writes a path as a CODEOWNERS pattern that matches only it: spaces and the
// pattern characters are escaped.
func escape(p string) string {
	return strings.NewReplacer(`\`, `\\`, " ", `\ `, "*", `\*`, "?", `\?`, "[", `\[`, "#", `\#`, "!", `\!`).Replace(p)
}

// ErrNotOurs says that WriteFile would replace a file this tool did not write.
var ErrNotOurs = errors.New("exists and was not written by escalator codeowners")

// WriteFile writes data to name atomically (a temporary file renamed over it). It
// replaces an existing file only when that file starts with Header, or with force.
func WriteFile(name string, data []byte, force bool) (err error) {
	if info, err := os.Lstat(name); err == nil {
		if !info.Mode().IsRegular() {
			return fmt.Errorf("%s exists and is not a regular file", name)
		}
		old, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		if !force && !bytes.HasPrefix(old, []byte(Header)) {
			return fmt.Errorf("%s %w", name, ErrNotOurs)
		}
	}
	return atomicfile.Replace(name, data)
}
