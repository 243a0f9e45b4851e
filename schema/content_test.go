package schema

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// sampleDoc is one document of the sample playbook: its YAML (front matter for
// Markdown) and its kind.
type sampleDoc struct {
	name string
	kind Kind
	yaml []byte
}

// sampleDocs reads the sample playbook in ../content, if it is there.
func sampleDocs(t testing.TB) []sampleDoc {
	t.Helper()
	root := os.DirFS("../content")
	if _, err := fs.Stat(root, "playbook.yaml"); err != nil {
		return nil
	}
	dirs := map[string]Kind{
		"teams": Team, "roles": Role, "runbooks": Runbook, "briefs": Brief, "vendors": Vendor, "pages": Page, "incidents": Incident, "drills": Drill,
	}
	var out []sampleDoc
	err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		kind, ok := dirs[path.Dir(p)]
		switch p {
		case "playbook.yaml":
			kind, ok = Playbook, true
		case "matrix.yaml":
			kind, ok = Matrix, true
		}
		if !ok {
			return nil
		}
		data, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".md") {
			data = frontMatter(data)
		}
		out = append(out, sampleDoc{p, kind, data})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// frontMatter returns the lines between a first line "---" and the next "---".
func frontMatter(data []byte) []byte {
	lines := bytes.SplitAfter(data, []byte("\n"))
	if len(lines) == 0 || string(bytes.TrimSpace(lines[0])) != "---" {
		return nil
	}
	var fm []byte
	for _, l := range lines[1:] {
		if string(bytes.TrimSpace(l)) == "---" {
			return fm
		}
		fm = append(fm, l...)
	}
	return nil
}

// The sample playbook is the big fixture: the schemas accept all of it.
func TestSampleContentIsValid(t *testing.T) {
	docs := sampleDocs(t)
	if len(docs) == 0 {
		t.Skip("no sample playbook in ../content")
	}
	for _, d := range docs {
		var n yaml.Node
		if err := yaml.Unmarshal(d.yaml, &n); err != nil {
			t.Errorf("%s: %v", d.name, err)
			continue
		}
		if l := Validate(d.name, d.kind, &n); len(l) > 0 {
			t.Errorf("%s:\n%v", d.name, l)
		}
	}
}
