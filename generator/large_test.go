package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/escalator-dev/escalator/internal/browser"

	"github.com/escalator-dev/escalator/internal/synth"
	"github.com/escalator-dev/escalator/matrix"
)

// largePolicy is the synthetic playbook of 1,000 routing rules (synth.Large's policy,
// with fewer runbooks: the matrix page does not list them all).
func largePolicy(t testing.TB) *matrix.Playbook {
	t.Helper()
	c := synth.Large()
	c.Runbooks = 2000
	p, diags := matrix.Load(synth.FS(c), "large", matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: today})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	return p
}

// The matrix page of a 1,000-rule playbook stays usable: under 1 MB.
func TestLargeMatrixPageSize(t *testing.T) {
	p := largePolicy(t)
	s, err := NewSite(p, Options{Now: today})
	if err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"matrix.html"} {
		data, ok, err := s.Page(page)
		if err != nil || !ok {
			t.Fatalf("%s: %v %v", page, ok, err)
		}
		t.Logf("%s: %d bytes, %d routes, %d domains, %d teams", page, len(data), len(p.Routes), len(p.Domains), len(p.Teams))
		if len(data) > 1<<20 {
			t.Errorf("%s is %d bytes, over 1 MB", page, len(data))
		}
	}
}

// The matrix page of the 1,000-rule playbook, in Chromium: it loads cleanly, is
// small enough to use, and the domain charts draw where they are, not off to a
// side of a mostly empty picture.
func TestLargeMatrixInBrowser(t *testing.T) {
	b := browser.Require(t)
	p := largePolicy(t)
	s, err := NewSite(p, Options{Now: today})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := s.Assets()
	pages := []string{"matrix.html", "domains/" + p.Domains[0].ID + ".html"}
	for _, page := range pages {
		data, _, err := s.Page(page)
		if err != nil {
			t.Fatal(err)
		}
		files[page] = data
	}
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tab := b.NewTab(t)
	for _, page := range pages {
		if err := tab.Open(browser.FileURL(filepath.Join(dir, filepath.FromSlash(page)))); err != nil {
			t.Fatal(err)
		}
		var got struct {
			Elements, Height int
			Charts           []string
		}
		err := tab.Eval(`(function () {
			var charts = [];
			document.querySelectorAll(".flow-layers").forEach(function (layers) {
				var box = layers.getBoundingClientRect(), lo = Infinity, hi = -Infinity;
				layers.querySelectorAll(".flow-svg .node rect").forEach(function (r) {
					var b = r.getBoundingClientRect();
					lo = Math.min(lo, b.left); hi = Math.max(hi, b.right);
				});
				if (hi > lo) charts.push(Math.round(lo - box.left) + "-" + Math.round(hi - box.left) + " of " + Math.round(box.width));
			});
			return {elements: document.getElementsByTagName("*").length, height: document.documentElement.scrollHeight, charts: charts};
		})()`, &got)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d elements, %d px tall, chart slices (nodes' x range): %v", page, got.Elements, got.Height, got.Charts)
		if got.Elements > 20000 {
			t.Errorf("%s has %d elements", page, got.Elements)
		}
		if p := tab.Problems(); len(p) > 0 {
			t.Errorf("%s: %v", page, p)
		}
		if shots := os.Getenv("ESCALATOR_SCREENSHOTS"); shots != "" {
			name := filepath.Join(shots, "large-"+strings.NewReplacer("/", "-", ".html", "").Replace(page))
			if err := tab.Screenshot(name + ".png"); err != nil {
				t.Fatal(err)
			}
			splitPNG(t, name+".png", 1400)
		}
	}
}
