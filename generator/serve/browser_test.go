package serve

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/escalator-dev/escalator/generator"
	"github.com/escalator-dev/escalator/internal/browser"
	"github.com/escalator-dev/escalator/matrix"
)

// waitFor polls the page until the JavaScript expression js is true. Errors count as
// false: the page may be reloading.
func waitFor(t *testing.T, tab *browser.Tab, js, what string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		var ok bool
		if err := tab.Eval(js, &ok); err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("gave up waiting for %s", what)
}

// An open page reloads by itself after a save, where it was scrolled to; the overlay
// lists the errors of a bad save and goes once the file is fixed.
func TestBrowserReloadAndOverlay(t *testing.T) {
	b := browser.Require(t)
	r := start(t, playbook(t), 0)
	tab := b.NewTab(t)
	page := r.url + "runbooks/card-payments-failing.html"
	if err := tab.Open(page); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `document.readyState === "complete"`, "the page")
	if err := tab.Eval(`window.scrollTo(0, 600), window.__marker = "before", true`, nil); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // let the event stream connect

	r.edit(t, runbook, "## Background", "## Background, edited live")
	waitFor(t, tab, `document.body.innerText.includes("Background, edited live")`, "the edit to show")
	var state struct {
		Marker  any
		ScrollY float64
	}
	waitFor(t, tab, `document.readyState === "complete"`, "the reloaded page")
	if err := tab.Eval(`({marker: window.__marker || null, scrollY: window.scrollY})`, &state); err != nil {
		t.Fatal(err)
	}
	if state.Marker != nil {
		t.Error("the page was not reloaded")
	}
	if state.ScrollY < 550 || state.ScrollY > 650 {
		t.Errorf("scroll position %v after the reload, want 600", state.ScrollY)
	}

	r.edit(t, runbook, "title: Card payments failing at the processor", "title: [Card payments")
	waitFor(t, tab, `!!document.getElementById("escalator-problems")`, "the overlay")
	text, err := tab.Text("#escalator-problems")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"The playbook has 1 error", "runbooks/card-payments-failing.md:3:8", "invalid YAML", "close every bracket"} {
		if !strings.Contains(text, want) {
			t.Errorf("overlay lacks %q:\n%s", want, text)
		}
	}
	if v, _ := tab.Visible("#escalator-problems"); !v {
		t.Error("the overlay is not visible")
	}
	if v := tab.Axe(t); len(v) > 0 {
		t.Errorf("axe, with the overlay open:\n  %s", strings.Join(v, "\n  "))
	}
	if h1, _ := tab.Text("h1"); !strings.Contains(h1, "Card payments failing at the processor") {
		t.Error("the last good page is not shown under the overlay")
	}

	r.edit(t, runbook, "title: [Card payments", "title: Card payments, fixed")
	waitFor(t, tab, `!document.getElementById("escalator-problems") && document.body.innerText.includes("Card payments, fixed")`, "the overlay to go and the fix to show")
	if p := tab.Problems(); len(p) > 0 {
		t.Errorf("problems in the page:\n  %s", strings.Join(p, "\n  "))
	}
}

// Sites written by build carry no trace of the live-reload script.
func TestBuildHasNoReloadScript(t *testing.T) {
	dir := playbook(t)
	p, diags := matrix.LoadDir(dir, matrix.Options{Run: matrix.RoutingTests | matrix.Audit})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(p, generator.Options{Out: out}); err != nil {
		t.Fatal(err)
	}
	n := 0
	filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := os.ReadFile(path)
		if strings.Contains(string(data), "_escalator") || strings.Contains(string(data), "EventSource") {
			t.Errorf("%s mentions the live-reload script", path)
		}
		n++
		return nil
	})
	if n < 50 {
		t.Fatalf("only %d files built", n)
	}
}
