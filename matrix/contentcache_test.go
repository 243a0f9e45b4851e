package matrix

import (
	"io/fs"
	"testing"
	"testing/fstest"

	escalator "github.com/escalator-dev/escalator"
)

// copyFS copies fsys into memory, so that a test can edit one file.
func copyFS(t *testing.T, fsys fs.FS) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		m[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// A content cache shares the documents two versions have in common, and parses afresh
// a file whose bytes changed, though both are read from different file systems.
func TestContentCacheSharesEqualFiles(t *testing.T) {
	old := copyFS(t, escalator.Sample())
	edited := copyFS(t, escalator.Sample())
	edited["teams/security.yaml"].Data = append([]byte("# edited\n"), edited["teams/security.yaml"].Data...)
	const rb = "runbooks/dashboard-down.md"
	edited[rb] = &fstest.MapFile{Data: []byte(string(old[rb].Data) + "\nA typo fixed.\n")}

	c := NewContentCache()
	p1, d1 := Load(old, "content", Options{Run: RoutingTests | Audit, Now: now, Cache: c})
	p2, d2 := Load(edited, "content", Options{Run: RoutingTests | Audit, Now: now, Cache: c})
	if d1.HasErrors() || d2.HasErrors() {
		t.Fatalf("errors:\n%s\n%s", d1.Error(), d2.Error())
	}
	if p1.Runbook("api-5xx-latency") != p2.Runbook("api-5xx-latency") {
		t.Error("an unchanged runbook was parsed twice")
	}
	if a, b := p1.Runbook("dashboard-down"), p2.Runbook("dashboard-down"); a == b || b.Body == a.Body {
		t.Error("a changed runbook was taken from the cache")
	}
	if p1.Team("security") == p2.Team("security") {
		t.Error("a changed team was taken from the cache")
	}
	if got := p2.ChangedFiles(p1); len(got) != 2 || got[0] != "content/"+rb || got[1] != "content/teams/security.yaml" {
		t.Errorf("ChangedFiles = %v", got)
	}
}
