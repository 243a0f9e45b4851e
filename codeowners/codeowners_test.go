package codeowners

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/escalator-dev/escalator/matrix"
)

const playbook = `title: T
organisation: O
time_zone: Europe/London
review_interval: 180d
`

const matrixYAML = `owner: sre
severities:
  - {id: sev1, name: Critical, description: d, criteria: [c], sla: {acknowledge: 5m}}
domains:
  - {id: web, name: Web, owner: web}
facts:
  - {id: domain, question: "Where?", type: choice, from: domains}
  - {id: severity, question: "How bad?", type: choice, from: severities}
routes:
  - {name: default, to: sre}
`

func team(id, extra string) string {
	return "id: " + id + "\nname: " + id + "\nkind: sre\nhours: 24x7\nchannels: [{id: p, kind: pager, name: P, address: \"x@pager.example.com\"}]\n" + extra
}

func TestGenerate(t *testing.T) {
	fsys := fstest.MapFS{
		"playbook.yaml":        {Data: []byte(playbook)},
		"matrix.yaml":          {Data: []byte(matrixYAML)},
		"teams/sre.yaml":       {Data: []byte(team("sre", "owner: sre\nhandle: \"@acme/sre\"\n"))},
		"teams/web.yaml":       {Data: []byte(team("web", "owner: web\n"))},
		"teams/nobody.yaml":    {Data: []byte(team("nobody", ""))},
		"pages/a b.md":         {Data: []byte("---\nid: ab\ntitle: AB\nowner: sre\n---\n")},
		"pages/unowned-too.md": {Data: []byte("---\nid: x\ntitle: X\n---\n")},
	}
	p, diags := matrix.Load(fsys, "pb", matrix.Options{Run: matrix.Audit})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	got := string(Generate(p, "pb", "docs/playbook"))
	want := Header + "# Teams without a handle own no file here: add `handle: \"@org/team\"` to web.\n\n" +
		"/docs/playbook/matrix.yaml @acme/sre\n" +
		"/docs/playbook/pages/a\\ b.md @acme/sre\n" +
		"/docs/playbook/teams/sre.yaml @acme/sre\n" +
		"# /docs/playbook/teams/web.yaml: team web has no handle\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// WriteFile replaces its own file, refuses another unless forced, and leaves no
// temporary file behind.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	mine, theirs := filepath.Join(dir, "CODEOWNERS"), filepath.Join(dir, "OTHER")
	if err := WriteFile(mine, []byte(Header+"/a @x\n"), false); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(mine, []byte(Header+"/b @x\n"), false); err != nil {
		t.Errorf("replacing its own file: %v", err)
	}
	os.WriteFile(theirs, []byte("* @someone\n"), 0o644)
	if err := WriteFile(theirs, []byte(Header), false); err == nil || !strings.Contains(err.Error(), "was not written by escalator codeowners") {
		t.Errorf("replacing another file: %v", err)
	}
	if data, _ := os.ReadFile(theirs); string(data) != "* @someone\n" {
		t.Errorf("the other file was changed: %q", data)
	}
	if err := WriteFile(theirs, []byte(Header), true); err != nil {
		t.Errorf("--force: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("folder holds %d files", len(entries))
	}
}
