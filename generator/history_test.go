package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/escalator-dev/escalator/internal/browser"
)

// The sample's incident records give a "How we are doing" page, linked from home, and
// each rule on the matrix page shows its record.
func TestHistoryPage(t *testing.T) {
	p := sample(t)
	// A misrouted record with a commander, whose name the page shows unless redacted.
	for _, inc := range p.Incidents {
		if inc.ID == "inc-2025-005" {
			inc.Commander = "Ana Silvestre"
		}
	}
	files := readTree(t, build(t, p, Options{}))
	page := string(files["history.html"])
	for _, want := range []string{
		`<h1>How we are doing</h1>`,
		`<svg class="chart-svg"`,
		`<th scope="row">sev1 Critical (target 5m)</th>`,
		`Rules most often wrong`,
		`rule &#34;Critical or High reporting incident&#34;: severity: [sev1, sev2] -&gt; [sev1, sev2, sev3]`,
		`commander Ana Silvestre`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("history.html lacks %q", want)
		}
	}
	if strings.Contains(page, "<script>") || strings.Contains(page, " onload=") {
		t.Error("history.html has inline script")
	}
	if !strings.Contains(string(files["index.html"]), `<a href="history.html">How we are doing</a>`) {
		t.Error("the home page does not link the history page")
	}
	if !strings.Contains(string(files["matrix.html"]), `In past incidents</a>: routed 32 incidents, 4 misroutes.`) {
		t.Error("the matrix page does not show the rules' records")
	}
	for _, opt := range []struct {
		name string
		opt  Options
		site bool
	}{{"flag", Options{RedactPeople: true}, false}, {"setting", Options{}, true}} {
		p.Site.RedactPeople = opt.site
		files := readTree(t, build(t, p, opt.opt))
		if s := string(files["history.html"]); strings.Contains(s, "Ana Silvestre") || !strings.Contains(s, "Rules most often wrong") {
			t.Errorf("redacted by %s: the name is still there, or the evidence is gone", opt.name)
		}
	}
}

// Without incident records there is no history page, and no link to one.
func TestNoHistoryPage(t *testing.T) {
	p := sample(t)
	p.Incidents = nil
	out := build(t, p, Options{})
	if _, err := os.Stat(filepath.Join(out, "history.html")); err == nil {
		t.Error("history.html written without records")
	}
	files := readTree(t, out)
	if strings.Contains(string(files["index.html"]), "history.html") || strings.Contains(string(files["matrix.html"]), "In past incidents") {
		t.Error("links to a history page that does not exist")
	}
}

// With ESCALATOR_SCREENSHOTS=DIR, the history page in dark mode, for a person to look
// at; TestFlowchartScreenshots takes it in light mode and printed.
func TestHistoryDarkScreenshot(t *testing.T) {
	dir := os.Getenv("ESCALATOR_SCREENSHOTS")
	if dir == "" {
		t.Skip("set ESCALATOR_SCREENSHOTS to a folder to take screenshots")
	}
	b := browser.Require(t)
	tab := b.NewTab(t)
	if err := tab.SetColorScheme("dark"); err != nil {
		t.Fatal(err)
	}
	if err := tab.Open(browser.FileURL(filepath.Join(sampleSite(t), "history.html"))); err != nil {
		t.Fatal(err)
	}
	if err := tab.SetViewport(1280, 1400); err != nil {
		t.Fatal(err)
	}
	if err := tab.Screenshot(filepath.Join(dir, "history-dark.png")); err != nil {
		t.Fatal(err)
	}
}
