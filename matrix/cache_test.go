package matrix

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/escalator-dev/escalator/internal/synth"
)

// agedPlaybook writes a small synthetic playbook whose files were all last modified
// an hour ago, past the cache's racy window.
func agedPlaybook(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Small()); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	filepath.WalkDir(dir, func(p string, _ os.DirEntry, err error) error {
		if err == nil {
			err = os.Chtimes(p, old, old)
		}
		return err
	})
	return dir
}

func loadCached(t *testing.T, dir string, c *Cache) *Playbook {
	t.Helper()
	p, diags := LoadDir(dir, Options{Run: RoutingTests | Audit, Now: now, Cache: c})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	return p
}

// rewrite replaces old with new in a file, keeping its size and modification time when
// the two are the same length: the change a stamp cannot see.
func rewrite(t *testing.T, file, old, new string, mtime time.Time) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q", file, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(file, mtime, mtime); err != nil {
		t.Fatal(err)
	}
}

func firstRunbook(t *testing.T, dir string) string {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, "runbooks", "*.md"))
	if len(names) == 0 {
		t.Fatal("no runbooks")
	}
	return names[0]
}

func TestCacheReusesUnchangedDocuments(t *testing.T) {
	dir := agedPlaybook(t)
	c := NewCache()
	p1 := loadCached(t, dir, c)
	if c.Len() == 0 {
		t.Fatal("nothing cached")
	}
	p2 := loadCached(t, dir, c)
	if p1.Runbooks[0] != p2.Runbooks[0] || p1.Roles[0] != p2.Roles[0] || p1.Teams[0] != p2.Teams[0] {
		t.Error("unchanged documents were parsed again")
	}
}

func TestCacheSeesChanges(t *testing.T) {
	dir := agedPlaybook(t)
	c := NewCache()
	first := loadCached(t, dir, c)
	rb := firstRunbook(t, dir)
	id := first.Runbooks[0].ID

	// A new time: reread.
	rewrite(t, rb, `title: "`, `title: "Changed`, time.Now().Add(-30*time.Minute))
	if got := loadCached(t, dir, c).Runbook(id).Title; !strings.HasPrefix(got, "Changed") {
		t.Errorf("edit with a new time not seen: title %q", got)
	}

	// Same size and time, but recent: the stamp is not trusted.
	recent := time.Now()
	rewrite(t, rb, "Changed", "Altered", recent)
	if got := loadCached(t, dir, c).Runbook(id).Title; !strings.HasPrefix(got, "Altered") {
		t.Fatalf("recent edit not seen: title %q", got)
	}
	rewrite(t, rb, "Altered", "Amended", recent)
	if got := loadCached(t, dir, c).Runbook(id).Title; !strings.HasPrefix(got, "Amended") {
		t.Errorf("second edit in the same clock tick not seen: title %q", got)
	}

	// Same size and an old time: only Forget tells.
	old := time.Now().Add(-20 * time.Minute)
	rewrite(t, rb, "Amended", "Revised", old)
	loadCached(t, dir, c)
	rewrite(t, rb, "Revised", "Retitle", old)
	c.Forget(filepath.ToSlash(must(filepath.Rel(dir, rb))))
	if got := loadCached(t, dir, c).Runbook(id).Title; !strings.HasPrefix(got, "Retitle") {
		t.Errorf("forgotten file not reread: title %q", got)
	}

	// A deleted file goes, from the playbook and the cache.
	n := c.Len()
	if err := os.Remove(rb); err != nil {
		t.Fatal(err)
	}
	// Routes may name the runbook: errors are expected, a stale document is not.
	if p, _ := LoadDir(dir, Options{Run: RoutingTests | Audit, Now: now, Cache: c}); p.Runbook(id) != nil {
		t.Error("deleted runbook still loaded")
	}
	if c.Len() != n-1 {
		t.Errorf("cache holds %d documents after a delete, want %d", c.Len(), n-1)
	}
}

func TestCacheKeepsDiagnostics(t *testing.T) {
	dir := agedPlaybook(t)
	c := NewCache()
	loadCached(t, dir, c)
	rb := firstRunbook(t, dir)
	rewrite(t, rb, "title:", "title: [unclosed", time.Now().Add(-30*time.Minute))
	_, d1 := LoadDir(dir, Options{Run: RoutingTests | Audit, Now: now, Cache: c})
	_, d2 := LoadDir(dir, Options{Run: RoutingTests | Audit, Now: now, Cache: c})
	_, fresh := LoadDir(dir, Options{Run: RoutingTests | Audit, Now: now})
	if !d1.HasErrors() || d1.Error() != d2.Error() || d2.Error() != fresh.Error() {
		t.Errorf("diagnostics differ:\nfirst:\n%s\ncached:\n%s\nfresh:\n%s", d1.Error(), d2.Error(), fresh.Error())
	}
}

// TestCachedLoadMatchesFresh: a playbook assembled from the cache is the one a fresh
// load gives, down to the export.
func TestCachedLoadMatchesFresh(t *testing.T) {
	dir := agedPlaybook(t)
	c := NewCache()
	loadCached(t, dir, c)
	rewrite(t, firstRunbook(t, dir), `title: "`, `title: "Changed`, time.Now().Add(-30*time.Minute))
	cached := loadCached(t, dir, c)
	fresh := loadCached(t, dir, nil)
	a, _ := json.Marshal(cached.Export())
	b, _ := json.Marshal(fresh.Export())
	if string(a) != string(b) {
		t.Error("cached load exports differently from a fresh one")
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestCacheSharesSafely: a playbook stays usable while the next one is loaded from the
// same cache. The loads share its documents, and what it answers does not change
// while they check them (.ci/run also runs this under -race, which sees a check that
// writes to a shared document even when it writes the same value).
func TestCacheSharesSafely(t *testing.T) {
	dir := agedPlaybook(t)
	c := NewWatchedCache()
	p1 := loadCached(t, dir, c)
	// Compared as Go values: encoding them would share encoding/json's pooled buffers
	// between the goroutines, which orders their accesses and hides a race from -race.
	type answer struct {
		export ExportJSON
		grid   GridJSON
		tests  []string
	}
	answers := func(p *Playbook) answer {
		a := answer{export: p.Export(), grid: p.GridJSON(p.Grid())}
		for _, r := range p.RunTests() {
			a.tests = append(a.tests, r.Test.Name+": "+strings.Join(r.Failures, "; "))
		}
		return a
	}
	want := answers(p1)
	done := make(chan []string)
	go func() {
		var differ []string
		for i := range 6 {
			if !reflect.DeepEqual(answers(p1), want) {
				differ = append(differ, fmt.Sprintf("use %d of the first playbook during the loads", i+1))
			}
		}
		done <- differ
	}()
	for i := range 6 {
		p := loadCached(t, dir, c)
		if p.Runbooks[0] != p1.Runbooks[0] || p.Teams[0] != p1.Teams[0] {
			t.Fatalf("load %d did not share the cached documents: nothing to race on", i+1)
		}
		if !reflect.DeepEqual(answers(p), want) {
			t.Errorf("load %d answers differently from the first", i+1)
		}
	}
	for _, d := range <-done {
		t.Errorf("%s answered differently from before them", d)
	}
	if !reflect.DeepEqual(answers(p1), want) {
		t.Error("the first playbook answers differently after the loads")
	}
}

func TestChangedFiles(t *testing.T) {
	dir := agedPlaybook(t)
	c := NewCache()
	p1 := loadCached(t, dir, c)
	if got := loadCached(t, dir, c).ChangedFiles(p1); len(got) != 0 {
		t.Errorf("nothing changed, but ChangedFiles = %v", got)
	}
	rb := firstRunbook(t, dir)
	rewrite(t, rb, `title: "`, `title: "Changed`, time.Now().Add(-30*time.Minute))
	rewrite(t, filepath.Join(dir, "matrix.yaml"), "severities:", "severities: ", time.Now().Add(-30*time.Minute))
	p2 := loadCached(t, dir, c)
	want := []string{filepath.ToSlash(filepath.Join(dir, "matrix.yaml")), filepath.ToSlash(rb)}
	if got := p2.ChangedFiles(p1); !slices.Equal(got, want) {
		t.Errorf("ChangedFiles = %v, want %v", got, want)
	}
	if err := os.Remove(rb); err != nil {
		t.Fatal(err)
	}
	p3, _ := LoadDir(dir, Options{Run: RoutingTests | Audit, Now: now, Cache: c})
	if got := p3.ChangedFiles(p2); !slices.Equal(got, want[1:]) {
		t.Errorf("after a delete, ChangedFiles = %v, want %v", got, want[1:])
	}
}
