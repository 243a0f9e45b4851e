package generator

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/escalator-dev/escalator"
	"github.com/escalator-dev/escalator/matrix"
)

// sampleDir writes the sample playbook to a folder, its files dated an hour ago.
func sampleDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, escalator.Sample()); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	filepath.WalkDir(dir, func(p string, _ fs.DirEntry, err error) error {
		if err == nil {
			err = os.Chtimes(p, old, old)
		}
		return err
	})
	return dir
}

func newTestSite(t *testing.T, dir string, c *matrix.Cache) *Site {
	t.Helper()
	p, diags := matrix.LoadDir(dir, matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: today, Cache: c})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	s, err := NewSite(p, Options{Now: today})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestStale: after an edit, every page Stale leaves out renders exactly as before, and
// an edit to a runbook's body or checklist leaves out everything but its own pages.
// Next finds the same pages stale and renders every page as a new site would.
func TestStale(t *testing.T) {
	const rb = "runbooks/card-payments-failing.md"
	// The runbook's own pages, the print packs that hold its checklist, and the drills'
	// answer keys that quote it.
	own := []string{"runbooks/card-payments-failing.html", "runbooks/card-payments-failing.checklist.html", "print/all.html", "print/payments.html",
		"drills/payments-dst-night.key.html", "drills/paystream-saturday-night.key.html"}
	lists := []string{"lists"}
	tests := []struct {
		name, file, old, new string
		want                 []string // nil: every page; lists: every page but other runbooks'
	}{
		{"runbook body", rb, "## Background", "## Background and history", own},
		{"runbook checklist step", rb, "Compare the auth success rate", "Compare the authorisation rate", own},
		{"runbook containment", rb, "Contained when", "Contained only when", own},
		{"a step a role's page lists", rb, "Approve enabling the psp-failover flag", "Approve the psp-failover flag", lists},
		{"a step's role", rb, "role: customer-liaison", "role: scribe", lists},
		{"runbook title", rb, "title: Card payments failing", "title: Card payments down", lists},
		{"runbook summary", rb, "Authorisations, captures or refunds fail", "Authorisations fail", lists},
		{"runbook severities", rb, "severities: [sev1, sev2]", "severities: [sev1]", lists},
		{"team phone", "teams/payments-eng.yaml", "+44 20 7946 0112", "+44 20 7946 0199", nil},
		{"playbook title", "playbook.yaml", "title:", "title: New", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := sampleDir(t)
			c := matrix.NewWatchedCache()
			before := newTestSite(t, dir, c)
			file := filepath.Join(dir, filepath.FromSlash(tt.file))
			data, err := os.ReadFile(file)
			if err != nil || !bytes.Contains(data, []byte(tt.old)) {
				t.Fatalf("%s has no %q (%v)", tt.file, tt.old, err)
			}
			os.WriteFile(file, bytes.Replace(data, []byte(tt.old), []byte(tt.new), 1), 0o644)
			c.Forget(tt.file)
			after := newTestSite(t, dir, c)
			next, nextStale, nextAll, err := before.Next(after.Playbook(), today)
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want
			if slices.Equal(want, lists) {
				want = nil
				for _, page := range after.Pages() {
					if !strings.HasPrefix(page, "runbooks/") || strings.HasPrefix(page, "runbooks/card-payments-failing.") {
						want = append(want, page)
					}
				}
			}
			if nextAll != (want == nil) || !nextAll && !slices.Equal(nextStale, want) {
				t.Errorf("Next: stale %v (all %t), want %v", nextStale, nextAll, want)
			}
			if !slices.Equal(next.Pages(), after.Pages()) {
				t.Errorf("Next has pages %v\nNewSite has %v", next.Pages(), after.Pages())
			}
			rendered := map[string][]byte{} // after's pages, rendered once for both comparisons
			for _, page := range after.Pages() {
				a, _, err := after.Page(page)
				if err != nil {
					t.Fatal(err)
				}
				rendered[page] = a
				b, _, err := next.Page(page)
				if err != nil || !bytes.Equal(a, b) {
					t.Errorf("%s: Next renders it differently from NewSite (%v)", page, err)
				}
			}

			stale, all := after.Stale(before)
			if want == nil {
				if !all {
					t.Errorf("Stale = %v, want every page", stale)
				}
				return
			}
			if all || !slices.Equal(stale, want) {
				t.Errorf("Stale = %v (all %t), want %v", stale, all, want)
			}
			differ := 0
			for _, page := range after.Pages() {
				b, _, err := before.Page(page)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(rendered[page], b) {
					differ++
					if !slices.Contains(stale, page) {
						t.Errorf("%s changed but is not stale", page)
					}
				}
			}
			if differ == 0 {
				t.Error("the edit changed no page: the test proves nothing")
			}
		})
	}
}

// TestSiteMatchesBuild: a Site renders each file as Build writes it, the search index
// and the flowcharts' Mermaid sources included.
func TestSiteMatchesBuild(t *testing.T) {
	p := sample(t)
	built := readTree(t, build(t, p, Options{}))
	delete(built, Marker) // marks the folder a build wrote, not a file of the site
	s, err := NewSite(p, Options{Now: today})
	if err != nil {
		t.Fatal(err)
	}
	files, err := s.Files()
	if err != nil {
		t.Fatal(err)
	}
	n := len(files)
	pages := map[string][]byte{}
	for _, page := range s.Pages() {
		data, ok, err := s.Page(page)
		if !ok || err != nil {
			t.Fatalf("%s: ok %t, %v", page, ok, err)
		}
		pages[page], files[page] = data, data
		mmd := strings.TrimSuffix(page, ".html") + ".mmd"
		if data, ok := s.Mermaid(mmd); ok {
			files[mmd] = data
			n++
		}
	}
	index := s.SearchIndex(func(page string) []byte { return pages[page] })
	for name, data := range index {
		files[name] = data
	}
	if len(files) != len(built) || len(s.Pages())+len(index)+n != len(built) {
		t.Errorf("site has %d files, build wrote %d", len(files), len(built))
	}
	for name, want := range built {
		if !bytes.Equal(files[name], want) {
			t.Errorf("%s differs from the build's", name)
		}
	}
	for name := range s.Assets() {
		if !strings.HasPrefix(name, "assets/") && !strings.HasPrefix(name, "schema/") {
			t.Errorf("asset %s outside assets/ and schema/", name)
		}
	}
	if _, ok, _ := s.Page("teams/nobody.html"); ok {
		t.Error("a page that does not exist was found")
	}
}

// A new runbook makes every page but the other runbooks' stale, and Next renders the
// new site as NewSite does.
func TestStaleNewRunbook(t *testing.T) {
	dir := sampleDir(t)
	c := matrix.NewWatchedCache()
	before := newTestSite(t, dir, c)
	src, err := os.ReadFile(filepath.Join(dir, "runbooks", "card-payments-failing.md"))
	if err != nil {
		t.Fatal(err)
	}
	extra := strings.Replace(string(src), "id: card-payments-failing", "id: card-payments-slow", 1)
	extra = strings.Replace(extra, "title: Card payments failing", "title: Card payments slow", 1)
	os.WriteFile(filepath.Join(dir, "runbooks", "card-payments-slow.md"), []byte(extra), 0o644)
	after := newTestSite(t, dir, c)

	next, stale, all, err := before.Next(after.Playbook(), today)
	if err != nil || all {
		t.Fatalf("Next: all %t, %v", all, err)
	}
	for _, page := range after.Pages() {
		isStale := slices.Contains(stale, page)
		other := strings.HasPrefix(page, "runbooks/") && !strings.HasPrefix(page, "runbooks/card-payments-slow.")
		if isStale == other {
			t.Errorf("%s: stale %t", page, isStale)
		}
		a, _, _ := after.Page(page)
		b, _, _ := next.Page(page)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: Next renders it differently from NewSite", page)
		}
		if old, ok, _ := before.Page(page); !isStale && (!ok || !bytes.Equal(old, a)) {
			t.Errorf("%s changed but is not stale", page)
		}
	}
	if !slices.Contains(stale, "runbooks/card-payments-slow.html") || !slices.Contains(stale, "runbooks.html") {
		t.Errorf("stale %v lacks the new runbook or the list", stale)
	}
}

// TestNavCurrent checks that the header rendered once per section marks the same
// entries as the page's own Current would.
func TestNavCurrent(t *testing.T) {
	entries := []string{"index.html", "matrix.html", "severities.html", "teams.html", "contacts.html", "runbooks.html", "search.html"}
	tests := []struct {
		name, path, section string
	}{
		{"the home page", "index.html", "index.html"},
		{"a top-level page", "matrix.html", "matrix.html"},
		{"a list page", "teams.html", "teams.html"},
		{"a team", "teams/sre.html", "teams.html"},
		{"a checklist", "runbooks/db-failover.checklist.html", "runbooks.html"},
		{"a nested page", "runbooks/old/x.html", "runbooks.html"},
	}
	for _, tt := range tests {
		if got := section(tt.path); got != tt.section {
			t.Errorf("%s: section(%q) = %q, want %q", tt.name, tt.path, got, tt.section)
		}
		v := &view{page: &page{Path: tt.path}}
		n := navView{section: section(tt.path)}
		for _, e := range entries {
			if got, want := n.Current(e), v.Current(e); got != want {
				t.Errorf("%s: Current(%q) = %v in the header, %v on the page", tt.name, e, got, want)
			}
		}
	}
}
