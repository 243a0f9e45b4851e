package generator

import (
	"strings"
	"testing"

	"github.com/escalator-dev/escalator/internal/browser"
)

// Tab out of the open search list closes it and moves focus on to the next thing
// on the page, as from any text box: not back to the body.
func TestSearchTabOut(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t)
	base := browser.Serve(t, out)
	tab := b.NewTab(t)
	if err := tab.Open(base + "/roles/scribe.html"); err != nil {
		t.Fatal(err)
	}
	if err := tab.Key("/"); err != nil {
		t.Fatal(err)
	}
	if err := tab.Key("db failov"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `document.querySelectorAll("#search-list [role=option]").length > 0`)
	var noHref int
	tab.Eval(`document.querySelectorAll(".search-list a:not([href])").length`, &noHref)
	if noHref > 0 {
		t.Errorf("%d links of the search list have no href", noHref)
	}
	if err := tab.Key(browser.TabKey); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Tag, Text    string
		Hidden, Main bool
	}
	tab.Eval(`({tag: document.activeElement.tagName, text: (document.activeElement.textContent || "").trim().slice(0, 40),
		hidden: document.querySelector(".search-list").hidden, main: !!document.activeElement.closest("main")})`, &got)
	if !got.Main || !got.Hidden {
		t.Errorf("after Tab from the open list: focus on %s %q (in main: %v), list hidden %v", got.Tag, got.Text, got.Main, got.Hidden)
	}
}

// A brief opened from a route has its severity and target filled in; what was typed
// survives a reload in the tab and goes with the clear button; the form counts the
// required fields still empty; a date-time in the brief carries its zone.
func TestBriefFormKeepsAndCounts(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t)
	base := browser.Serve(t, out)
	tab := b.NewTab(t)
	if err := tab.Open(base + "/briefs/engineering.html?severity=High&target=Payments%20Engineering"); err != nil {
		t.Fatal(err)
	}
	var got struct{ Severity, Target, Missing string }
	read := func() {
		t.Helper()
		if err := tab.Eval(`({severity: document.getElementById("f-severity").value, target: document.getElementById("f-target").value,
			missing: document.getElementById("brief-missing").textContent})`, &got); err != nil {
			t.Fatal(err)
		}
	}
	read()
	if got.Severity != "High" || got.Target != "Payments Engineering" {
		t.Errorf("from the route: severity %q, target %q", got.Severity, got.Target)
	}
	before := got.Missing
	if !strings.HasSuffix(before, "required fields are still empty.") {
		t.Errorf("missing count %q", before)
	}
	if err := tab.Click("#f-summary"); err != nil {
		t.Fatal(err)
	}
	if err := tab.Key("Refunds failing for EU merchants"); err != nil {
		t.Fatal(err)
	}
	if err := tab.SetValue("#f-deadline", "2026-03-03T10:30"); err != nil {
		t.Fatal(err)
	}
	read()
	if got.Missing == before {
		t.Errorf("the count did not move after a required field was filled: %q", got.Missing)
	}
	if err := tab.Open(base + "/briefs/engineering.html"); err != nil {
		t.Fatal(err)
	}
	var summary string
	tab.Eval(`document.getElementById("f-summary").value`, &summary)
	if summary != "Refunds failing for EU merchants" {
		t.Errorf("after a reload the summary is %q", summary)
	}
	read()
	if got.Severity != "High" {
		t.Errorf("after a reload the severity is %q", got.Severity)
	}
	var zone string
	tab.Eval(`document.querySelector("[data-zone]").textContent`, &zone)
	if !strings.Contains(zone, "UTC") {
		t.Errorf("date-time fields name no zone: %q", zone)
	}
	if err := tab.Click("#brief-clear"); err != nil {
		t.Fatal(err)
	}
	if err := tab.Open(base + "/briefs/engineering.html"); err != nil {
		t.Fatal(err)
	}
	tab.Eval(`document.getElementById("f-summary").value + sessionStorage.length`, &summary)
	if summary != "0" {
		t.Errorf("after Clear and a reload: %q", summary)
	}
	if p := tab.Problems(); len(p) > 0 {
		t.Errorf("problems: %v", p)
	}
}
