package matrix

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/escalator-dev/escalator/diag"
	"github.com/rogpeppe/go-internal/txtar"
)

// now is the audit's reference instant in tests, so review warnings do not drift.
var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// txtarFS turns a txtar archive into a file system, for inline test playbooks.
func txtarFS(src string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(src)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

// loadOK loads an inline playbook that must have no errors.
func loadOK(t testing.TB, src string) *Playbook {
	t.Helper()
	p, diags := Load(txtarFS(src), "pb", Options{Run: RoutingTests | Audit, Now: now})
	if diags.HasErrors() {
		t.Fatalf("playbook has errors:\n%s", diags.Error())
	}
	return p
}

func loadDiags(t testing.TB, src string) diag.List {
	t.Helper()
	_, diags := Load(txtarFS(src), "pb", Options{Run: RoutingTests | Audit, Now: now})
	return diags
}
