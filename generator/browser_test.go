package generator

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	escalator "github.com/escalator-dev/escalator"
	"github.com/escalator-dev/escalator/internal/browser"
	"github.com/escalator-dev/escalator/matrix"
)

// pageKinds is one page of each kind of the sample site.
var pageKinds = []string{
	"index.html", "matrix.html", "history.html", "severities.html", "severities/sev1.html", "teams.html",
	"teams/payments-eng.html", "teams/sre-oncall.html", "teams/payments-eng.calendar.html", "domains/payments.html", "contacts.html", "roles/incident-commander.html",
	"runbooks.html", "runbooks/card-payments-failing.html", "runbooks/card-payments-failing.checklist.html",
	"briefs/engineering.html", "vendors/paystream.html", "pages/how-to-escalate.html",
	"search.html", "404.html", "print/payments.html", "review.html",
	"drills.html", "drills/payments-dst-night.html", "drills/payments-dst-night.key.html", "drills/payments-dst-night.sheet.html", "drills/payments-dst-night.score.html",
}

// sampleSite returns the sample's site, built once for the test binary: the browser
// tests only read it, and a build per test was a tenth of their time.
func sampleSite(t *testing.T) string {
	t.Helper()
	sampleSiteOnce.Do(func() {
		dir, err := os.MkdirTemp("", "escalator-sample-site-")
		if err != nil {
			sampleSiteErr = err
			return
		}
		sampleSiteDir = filepath.Join(dir, "public")
		assets, _ := fs.Sub(escalator.Sample(), "assets")
		p, diags := matrix.Load(escalator.Sample(), "content", matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: today})
		if diags.HasErrors() {
			sampleSiteErr = diags
			return
		}
		_, sampleSiteErr = Build(p, Options{Out: sampleSiteDir, Now: today, BaseURL: "https://escalation.northwind.example/", Revision: "0123456789ab", Assets: assets})
	})
	if sampleSiteErr != nil {
		t.Fatal(sampleSiteErr)
	}
	return sampleSiteDir
}

var (
	sampleSiteOnce sync.Once
	sampleSiteDir  string
	sampleSiteErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if sampleSiteDir != "" {
		os.RemoveAll(filepath.Dir(sampleSiteDir))
	}
	os.Exit(code)
}

// Every kind of page loads over HTTP with no console error, no CSP violation and no
// request to another host (TestPagesOnAPhone opens every page from disk), and axe-core
// finds no WCAG 2 A or AA violation on it, with the Handbook menu open where a page
// has it. One walk does both, as a page's load is much of what either costs; without
// axe-core, outside CI, only the loads are checked.
func TestPagesAreAccessible(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t)
	base := browser.Serve(t, out)
	tab := b.NewTab(t)
	axe := browser.AxeInstalled() || os.Getenv("CI") != "" // in CI, Axe fails when it is missing
	if !axe {
		t.Log("axe-core is not installed: checking the loads only (bash .ci/run installs it)")
	}
	for _, page := range pageKinds {
		u := base + "/" + page
		if err := tab.Open(u); err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		if p := tab.Problems(); len(p) > 0 {
			t.Errorf("%s:\n  %s", u, strings.Join(p, "\n  "))
		}
		if !axe {
			continue
		}
		tab.Eval(`document.querySelectorAll(".nav-pages details").forEach(d => d.open = true)`, nil)
		if v := tab.Axe(t); len(v) > 0 {
			t.Errorf("%s:\n  %s", page, strings.Join(v, "\n  "))
		}
	}
}

// The brief form refuses to finish while a required field is empty, then produces the
// structured text.
func TestBriefForm(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t)
	tab := b.NewTab(t)
	if err := tab.Open(browser.FileURL(filepath.Join(out, "briefs", "engineering.html"))); err != nil {
		t.Fatal(err)
	}
	if err := tab.Click(`#brief button[type=submit]`); err != nil {
		t.Fatal(err)
	}
	msg, err := tab.Text("#brief-error")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(msg, "Fill in the required fields first: One-line summary, Severity, Target team") {
		t.Errorf("error message = %q", msg)
	}
	if shown, _ := tab.Visible("#brief-output"); shown {
		t.Error("the brief was produced with required fields empty")
	}
	var focused string
	tab.Eval(`document.activeElement.id`, &focused)
	if focused != "f-summary" {
		t.Errorf("focus went to %q, want the first missing field", focused)
	}

	// Fill every required field, and one list, then finish.
	var n int
	err = tab.Eval(`(function () {
		var n = 0;
		document.querySelectorAll("#brief [required]").forEach(function (el) {
			n++;
			if (el.type === "checkbox") { el.checked = true; return; }
			if (el.tagName === "SELECT") { el.value = el.options[1].value; return; }
			if (el.type === "number") { el.value = "42"; return; }
			if (el.type === "datetime-local") { el.value = "2026-03-03T10:30"; return; }
			el.value = "v-" + el.name;
		});
		return n;
	})()`, &n)
	if err != nil || n < 5 {
		t.Fatalf("filled %d required fields: %v", n, err)
	}
	if err := tab.SetValue("#f-steps", "Open the dashboard\nRefund 1001 GBP\n"); err != nil {
		t.Fatal(err)
	}
	if err := tab.Click(`#brief button[type=submit]`); err != nil {
		t.Fatal(err)
	}
	if shown, _ := tab.Visible("#brief-output"); !shown {
		msg, _ := tab.Text("#brief-error")
		t.Fatalf("no brief produced; error: %q", msg)
	}
	var text string
	if err := tab.Eval(`document.getElementById("brief-text").value`, &text); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Escalation to engineering\n=========================\n",
		"\n## Summary\nOne-line summary: v-summary\nSeverity: Critical\n",
		"\n  - Open the dashboard\n  - Refund 1001 GBP\n",
		"Customers affected: 42\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("brief text lacks %q:\n%s", want, text)
		}
	}
	if p := tab.Problems(); len(p) > 0 {
		t.Errorf("problems: %v", p)
	}
}

// Every runbook's checklist prints on exactly one page, on A4 and on Letter; the contacts
// sheet prints on one landscape page, and so does each team's month calendar.
func TestPrintouts(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t)
	tab := b.NewTab(t)
	p := sample(t)
	for _, r := range p.Runbooks {
		page := filepath.Join(out, "runbooks", r.ID+".checklist.html")
		if err := tab.Open(browser.FileURL(page)); err != nil {
			t.Fatal(err)
		}
		for _, paper := range []string{"A4", "Letter"} {
			pdf, err := tab.PrintPDF(browser.PDFOptions{Paper: paper})
			if err != nil {
				t.Fatal(err)
			}
			if n := browser.PDFPages(pdf); n != 1 {
				t.Errorf("%s checklist prints on %d pages of %s", r.ID, n, paper)
			}
		}
	}
	if err := tab.Open(browser.FileURL(filepath.Join(out, "contacts.html"))); err != nil {
		t.Fatal(err)
	}
	for _, paper := range []string{"A4", "Letter"} {
		pdf, err := tab.PrintPDF(browser.PDFOptions{Paper: paper, Landscape: true})
		if err != nil {
			t.Fatal(err)
		}
		if n := browser.PDFPages(pdf); n != 1 {
			t.Errorf("contacts print on %d landscape pages of %s", n, paper)
		}
	}
	// The month calendars: one page each, with the paper's default orientation (the
	// page's own CSS turns it).
	for _, team := range []string{"payments-eng", "sre-oncall"} {
		if err := tab.Open(browser.FileURL(filepath.Join(out, "teams", team+".calendar.html"))); err != nil {
			t.Fatal(err)
		}
		for _, paper := range []string{"A4", "Letter"} {
			pdf, err := tab.PrintPDF(browser.PDFOptions{Paper: paper})
			if err != nil {
				t.Fatal(err)
			}
			if n := browser.PDFPages(pdf); n != 1 {
				t.Errorf("%s's month calendar prints on %d pages of %s", team, n, paper)
			}
		}
	}
}

// A flowchart's copy button appears with script on and copies the Mermaid source; the
// links lie exactly over their nodes.
func TestFlowcharts(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t)
	tab := b.NewTab(t)
	for _, page := range []string{"matrix.html", "teams/payments-eng.html", "severities/sev1.html", "domains/payments.html"} {
		if err := tab.Open(browser.FileURL(filepath.Join(out, filepath.FromSlash(page)))); err != nil {
			t.Fatal(err)
		}
		if shown, err := tab.Visible(".flow-tools .copy"); err != nil || !shown {
			t.Errorf("%s: no Copy as Mermaid button (%v)", page, err)
		}
		var misplaced []string
		err := tab.Eval(`(function () {
			var bad = [], nodes = document.querySelectorAll(".flow-svg .linked rect"), links = document.querySelectorAll(".flow-links a rect");
			if (nodes.length !== links.length) return ["nodes " + nodes.length + ", links " + links.length];
			var boxes = Array.prototype.map.call(nodes, function (n) { return n.getBoundingClientRect(); });
			links.forEach(function (l) {
				var b = l.getBoundingClientRect();
				var over = boxes.some(function (a) {
					return Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.width - b.width) < 0.5 && Math.abs(a.height - b.height) < 0.5;
				});
				if (!over) bad.push(l.parentNode.getAttribute("aria-label"));
			});
			return bad;
		})()`, &misplaced)
		if err != nil || len(misplaced) > 0 {
			t.Errorf("%s: links not over their nodes: %v %v", page, misplaced, err)
		}
		// Text measured by the browser, in the fonts it found, stays inside its box.
		var spills []string
		err = tab.Eval(`(function () {
			var bad = [];
			document.querySelectorAll(".flow-svg .node, .flow-svg .edge-label").forEach(function (g) {
				var r = g.querySelector("rect").getBBox(), t = g.querySelector("text").getBBox();
				if (t.x < r.x - 0.5 || t.y < r.y - 0.5 || t.x + t.width > r.x + r.width + 0.5 || t.y + t.height > r.y + r.height + 0.5) bad.push(g.textContent);
			});
			return bad;
		})()`, &spills)
		if err != nil || len(spills) > 0 {
			t.Errorf("%s: text outside its box: %q %v", page, spills, err)
		}
		if err := tab.Click(".flow-tools .copy"); err != nil {
			t.Fatal(err)
		}
		// The clipboard answers asynchronously; the label changes when it has.
		var got string
		for range 40 {
			if got, _ = tab.Text(".flow-tools .copy"); got != "Copy as Mermaid" {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		if got != "Copied" && got != "Select and copy" {
			t.Errorf("%s: after a click the button says %q", page, got)
		}
		if p := tab.Problems(); len(p) > 0 {
			t.Errorf("%s: %v", page, p)
		}
	}
}

// With ESCALATOR_SCREENSHOTS=DIR, pictures of the pages with flowcharts, on screen and
// printed (one PNG per printed page, through pdftoppm), for a person to look at.
func TestFlowchartScreenshots(t *testing.T) {
	dir := os.Getenv("ESCALATOR_SCREENSHOTS")
	if dir == "" {
		t.Skip("set ESCALATOR_SCREENSHOTS to a folder to take screenshots")
	}
	b := browser.Require(t)
	out := sampleSite(t)
	tab := b.NewTab(t)
	for _, page := range []string{"matrix.html", "history.html", "teams/payments-eng.html", "teams/sre-oncall.html", "severities/sev1.html", "domains/payments.html"} {
		if err := tab.Open(browser.FileURL(filepath.Join(out, filepath.FromSlash(page)))); err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, strings.NewReplacer("/", "-", ".html", "").Replace(page))
		if err := tab.Screenshot(name + ".png"); err != nil {
			t.Fatal(err)
		}
		pdf, err := tab.PrintPDF(browser.PDFOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name+".pdf", pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command("pdftoppm", "-png", "-r", "60", name+".pdf", name+"-print").CombinedOutput(); err != nil {
			t.Errorf("pdftoppm: %v\n%s", err, out)
		}
	}
}
