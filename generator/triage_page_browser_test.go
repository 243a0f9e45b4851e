package generator

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/escalator-dev/escalator/internal/browser"
)

// triageTab opens the sample's triage page, with fragment (the answers) when not "".
func triageTab(t *testing.T, fragment string) (*browser.Tab, string) {
	t.Helper()
	b := browser.Require(t)
	out := sampleSite(t)
	tab := b.NewTab(t)
	u := browser.FileURL(filepath.Join(out, "triage.html"))
	if fragment != "" {
		u += "#" + fragment
	}
	if err := tab.Open(u); err != nil {
		t.Fatal(err)
	}
	if p := tab.Problems(); len(p) > 0 {
		t.Fatalf("the triage page has problems: %v", p)
	}
	return tab, out
}

func evalString(t *testing.T, tab *browser.Tab, js string) string {
	t.Helper()
	var s string
	if err := tab.Eval(js, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// shot writes a screenshot into $ESCALATOR_SHOTS, when it is set, for a person to look at.
func shot(t *testing.T, tab *browser.Tab, name string) {
	if dir := os.Getenv("ESCALATOR_SHOTS"); dir != "" {
		if err := tab.Screenshot(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
		// Where the window is, to cut the view a person has out of the whole page.
		var y float64
		tab.Eval(`window.scrollY`, &y)
		os.WriteFile(filepath.Join(dir, name+".scroll"), []byte(fmt.Sprint(y)), 0o644)
	}
}

// From the first question to the brief with the keyboard alone: the page starts in
// the first question, number keys answer, Enter goes on, typing a number works, and
// from the last question Enter reaches "Write the brief", whose form opens filled in
// with the tier, the owning team and the SLA status.
func TestTriageKeyboard(t *testing.T) {
	// Tuesday 3 March 2026, 10:30 in London: payments engineering is in its hours.
	tab, _ := triageTab(t, "at=2026-03-03T10:30Z")
	focus := func() string {
		return evalString(t, tab, `(function () { var e = document.activeElement; return e.name + "=" + e.value; })()`)
	}
	if got := focus(); got != "domain=payments" {
		t.Fatalf("the page starts in %q, not the first question", got)
	}
	keys := func(k string) {
		t.Helper()
		if err := tab.Key(k); err != nil {
			t.Fatal(err)
		}
	}
	keys("2") // Instant payouts
	keys("1") // no: Card payments after all
	keys(browser.Enter)
	if got := focus(); !strings.HasPrefix(got, "severity=") {
		t.Fatalf("Enter went to %q, not the severity question", got)
	}
	shot(t, tab, "triage-midway.png")
	var decided bool
	tab.Eval(`document.body.classList.contains("triage-decided")`, &decided)
	if decided {
		t.Error("the decision shows before the severity is answered")
	}
	keys("1") // sev1
	tab.Eval(`document.body.classList.contains("triage-decided")`, &decided)
	if !decided {
		t.Fatal("no decision once the required questions are answered")
	}
	keys(browser.Enter) // security
	keys("2")           // no
	keys(browser.Enter) // customers
	keys("12")
	for range 6 { // sla-risk, high-value, category, confirmed, start, and on
		keys(browser.Enter)
	}
	if got := evalString(t, tab, `document.activeElement.id`); got != "triage-brief" {
		t.Fatalf("Enter from the last question reached %q, not the brief", got)
	}
	frag := evalString(t, tab, `location.hash`)
	for _, want := range []string{"domain=payments", "severity=sev1", "security=false", "customers=12", "at=2026-03-03T10:30Z"} {
		if !strings.Contains(frag, want) {
			t.Errorf("the URL %s lacks %s", frag, want)
		}
	}
	owner := evalString(t, tab, `document.querySelector("#t-owner + p").textContent`)
	if owner != "Payments Engineering" {
		t.Errorf("owner %q, want Payments Engineering", owner)
	}
	keys(browser.Enter)
	waitFor(t, tab, `location.pathname.endsWith("/briefs/engineering.html") && document.readyState === "complete" && document.getElementById("brief-missing").textContent !== ""`)
	var got map[string]string
	tab.Eval(`(function () { var f = document.getElementById("brief").elements, o = {};
		["severity", "target", "sla-status", "customers-affected"].forEach(function (k) { o[k] = f.namedItem(k).value; }); return o; })()`, &got)
	want := map[string]string{"severity": "Critical", "target": "Payments Engineering", "sla-status": "Breached", "customers-affected": ""}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("the brief's %s is %q, want %q", k, got[k], v)
		}
	}
}

// A decision's URL opens the same view, on another tab: the answers, the start and
// the decision; Back and Forward step through the answers given.
func TestTriageDeepLink(t *testing.T) {
	tab, _ := triageTab(t, "domain=payments&severity=sev1&category=outage&at=2026-03-01T03:00Z")
	p := sample(t)
	f, _ := p.CellFacts("payments", "sev1")
	f.Set("category", "outage")
	d, err := p.Route(f, time.Date(2026, 3, 1, 3, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	text := evalString(t, tab, `document.getElementById("triage-decision").innerText`)
	for _, want := range []string{d.Owner.Name, d.Routed.Name, "After-hours hand-over"} {
		if !strings.Contains(text, want) {
			t.Errorf("the linked decision lacks %q:\n%s", want, text)
		}
	}
	checked := evalString(t, tab, `Array.prototype.map.call(document.querySelectorAll("#triage-form input:checked"), function (e) { return e.name + "=" + e.value; }).join(" ")`)
	if checked != "domain=payments severity=sev1 category=outage" {
		t.Errorf("the form shows %q", checked)
	}
	// Changing an answer is a new entry in the history.
	if err := tab.Click(`input[name=severity][value=sev3]`); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `location.hash.indexOf("severity=sev3") >= 0`)
	sev := func() string {
		return evalString(t, tab, `document.querySelector("#t-sev + p a").textContent`)
	}
	if got := sev(); got != "sev3 · Medium" {
		t.Errorf("after choosing sev3 the decision says %q", got)
	}
	tab.Eval(`history.back()`, nil)
	waitFor(t, tab, `location.hash.indexOf("severity=sev1") >= 0 && document.querySelector("input[name=severity][value=sev1]").checked`)
	if got := sev(); got != "sev1 · Critical" {
		t.Errorf("Back shows %q", got)
	}
	tab.Eval(`history.forward()`, nil)
	waitFor(t, tab, `location.hash.indexOf("severity=sev3") >= 0 && document.querySelector("input[name=severity][value=sev3]").checked`)
	if got := sev(); got != "sev3 · Medium" {
		t.Errorf("Forward shows %q", got)
	}

	// What is typed into a box is one entry, however many keys it took.
	if err := tab.Click(`#f-customers`); err != nil {
		t.Fatal(err)
	}
	if err := tab.Key("12"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `location.hash.indexOf("customers=12") >= 0`)
	tab.Eval(`history.back()`, nil)
	waitFor(t, tab, `location.hash.indexOf("customers") < 0 && document.getElementById("f-customers").value === ""`)
	tab.Eval(`history.forward()`, nil)
	waitFor(t, tab, `location.hash.indexOf("customers=12") >= 0 && document.getElementById("f-customers").value === "12"`)

	// Pasted into another tab, the link gives the same decision.
	link := evalString(t, tab, `location.href`)
	b := browser.Require(t)
	other := b.NewTab(t)
	if err := other.Open(link); err != nil {
		t.Fatal(err)
	}
	if a, b := evalString(t, tab, `document.getElementById("triage-out").innerText`), evalString(t, other, `document.getElementById("triage-out").innerText`); a != b {
		t.Errorf("the link opens another view:\n%s\n----\n%s", b, a)
	}
}

// A security case says "escalate now" above everything else; the page has no
// accessibility violations before and after the decision, nor at phone width, where
// nothing scrolls sideways and a linked decision is in view.
func TestTriageSecurityA11yPhone(t *testing.T) {
	tab, _ := triageTab(t, "")
	if v := tab.Axe(t); len(v) > 0 {
		t.Errorf("axe, before any answer:\n  %s", strings.Join(v, "\n  "))
	}
	tab2, _ := triageTab(t, "domain=api&severity=sev3&security=yes&at=2026-12-02T14:00Z")
	first := evalString(t, tab2, `(function () { var n = document.getElementById("triage-now"); if (n.hidden) return "";
		var all = document.querySelectorAll("main > *, main .triage *"); for (var i = 0; i < all.length; i++) if (all[i].offsetHeight > 0 && all[i].tagName !== "H1") return all[i].id + ": " + all[i].innerText; return ""; })()`)
	if !strings.HasPrefix(first, "triage-now: Escalate now: page Security") || !strings.Contains(first, "+44 20 7946 0601") {
		t.Errorf("the first thing under the title is %q, not the call to escalate now", first)
	}
	shot(t, tab2, "triage-security.png")
	if v := tab2.Axe(t); len(v) > 0 {
		t.Errorf("axe, security decision:\n  %s", strings.Join(v, "\n  "))
	}

	b := browser.Require(t)
	phone := b.NewTab(t)
	if err := phone.SetViewport(390, 844); err != nil {
		t.Fatal(err)
	}
	if err := phone.Open(evalString(t, tab2, `location.href.split("#")[0]`) + "#domain=payments&severity=sev2&customers=12&at=2026-12-02T16:50Z"); err != nil {
		t.Fatal(err)
	}
	shot(t, phone, "triage-phone.png")
	var m struct {
		Scroll, Width        int
		DecisionTop, JumpTop float64
	}
	phone.Eval(`({scroll: document.documentElement.scrollWidth, width: window.innerWidth,
		decisionTop: document.getElementById("triage-decision").getBoundingClientRect().top})`, &m)
	// Back at the questions, a bar at the bottom leads to the decision.
	phone.Eval(`window.scrollTo(0, 0)`, nil)
	waitFor(t, phone, `!document.body.classList.contains("triage-seen")`)
	phone.Eval(`document.getElementById("triage-jump").getBoundingClientRect().top`, &m.JumpTop)
	if m.Scroll > m.Width {
		t.Errorf("at 390 px the page is %d px wide", m.Scroll)
	}
	if m.DecisionTop < 0 || m.DecisionTop > 844 {
		t.Errorf("at 390 px the linked decision is at %v px, out of view", m.DecisionTop)
	}
	// A security route opens at its call to escalate now, above the questions.
	if err := phone.Open(evalString(t, tab2, `location.href`)); err != nil {
		t.Fatal(err)
	}
	var nowTop float64
	phone.Eval(`document.getElementById("triage-now").getBoundingClientRect().top`, &nowTop)
	if nowTop < 0 || nowTop > 400 {
		t.Errorf("at 390 px the call to escalate now is at %v px", nowTop)
	}
	if m.JumpTop < 700 || m.JumpTop > 844 {
		t.Errorf("at 390 px the bar leading to the decision is at %v px, not at the bottom", m.JumpTop)
	}
	if v := phone.Axe(t); len(v) > 0 {
		t.Errorf("axe, at 390 px:\n  %s", strings.Join(v, "\n  "))
	}
}

// The decision prints on one page, with the facts it is for, and without the questions.
func TestTriagePrintsOnOnePage(t *testing.T) {
	tab, _ := triageTab(t, "domain=reporting&severity=sev1&sla-risk=yes&high-value=yes&customers=12&at=2026-11-24T23:30Z")
	if err := tab.EmulateMedia("print", "light"); err != nil {
		t.Fatal(err)
	}
	shot(t, tab, "triage-print.png")
	text := evalString(t, tab, `document.body.innerText`)
	for _, want := range []string{"domain = reporting", "owning team", "acknowledge", "escalation timeline"} {
		if !strings.Contains(strings.ToLower(text), want) {
			t.Errorf("the printout lacks %q", want)
		}
	}
	if strings.Contains(text, "Which part of the product is affected?") {
		t.Error("the printout has the questions")
	}
	for _, paper := range []string{"A4", "Letter"} {
		pdf, err := tab.PrintPDF(browser.PDFOptions{Paper: paper})
		if err != nil {
			t.Fatal(err)
		}
		if n := browser.PDFPages(pdf); n != 1 {
			t.Errorf("on %s the decision prints on %d pages", paper, n)
		}
	}
}

// Without script the page says what it is and where the same answer is.
func TestTriageWithoutScript(t *testing.T) {
	out := build(t, sample(t), Options{})
	page := string(readTree(t, out)["triage.html"])
	for _, want := range []string{`id="triage-noscript"`, `href="matrix.html#grid"`, `href="matrix.html#rules"`, `<div class="triage" id="triage" hidden>`} {
		if !strings.Contains(page, want) {
			t.Errorf("triage.html lacks %s", want)
		}
	}
	for _, page := range []string{"index.html", "teams/sre-oncall.html"} {
		root := strings.Repeat("../", strings.Count(page, "/"))
		if !strings.Contains(string(readTree(t, out)[page]), `href="`+root+`triage.html"`) {
			t.Errorf("%s does not link to the triage page", page)
		}
	}
}

// The page, its script and its data stay under 100 KB for the sample.
func TestTriageBytes(t *testing.T) {
	files := readTree(t, build(t, sample(t), Options{}))
	total := 0
	var parts []string
	for _, f := range []string{"triage.html", "assets/triage.js", TriageDataFile} {
		total += len(files[f])
		parts = append(parts, fmt.Sprintf("%s %d", f, len(files[f])))
	}
	if total >= 100_000 {
		t.Errorf("the triage page loads %d bytes of its own (%s), over 100 KB", total, strings.Join(parts, ", "))
	}
	t.Logf("%d bytes: %s", total, strings.Join(parts, ", "))
}

// BenchmarkTriageDecision measures, in Chromium, the time from the last required
// answer (a click on the tier) to the decision painted: the median and the slowest
// of 100 (and the median of the script's part, routing and rendering, before the
// paint), for a case with continuing rules and an after-hours hand-over.
//
//	go test ./generator -run '^$' -bench TriageDecision -benchtime 1x
func BenchmarkTriageDecision(b *testing.B) {
	br := browser.Require(b)
	out := build(b, sample(b), Options{})
	tab := br.NewTab(b)
	if err := tab.Open(browser.FileURL(filepath.Join(out, "triage.html")) + "#domain=payments&sla-risk=yes&high-value=yes&customers=12&at=2026-12-02T16:50Z"); err != nil {
		b.Fatal(err)
	}
	var res struct{ Median, Max, Script float64 }
	for range b.N {
		err := tab.Eval(`(async function () {
			var frame = function () { return new Promise(function (ok) { requestAnimationFrame(function () { setTimeout(ok, 0); }); }); };
			var r = document.querySelector("input[name=severity][value=sev1]"), times = [], script = [];
			for (var i = 0; i < 100; i++) {
				r.checked = false;
				window.escalatorTriage.render();
				await frame();
				var t0 = performance.now();
				r.click(); // the change event routes and renders before click returns
				script.push(performance.now() - t0);
				await frame();
				if (!document.body.classList.contains("triage-decided")) throw new Error("no decision");
				times.push(performance.now() - t0);
			}
			var med = function (l) { l.sort(function (a, b) { return a - b; }); return (l[49] + l[50]) / 2; };
			return { median: med(times), max: times[99], script: med(script) };
		})()`, &res)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(res.Median, "ms-median")
	b.ReportMetric(res.Max, "ms-max")
	b.ReportMetric(res.Script, "ms-script-median")
}

// --redact-contacts keeps personal phone numbers out of the triage data too; team
// channels stay.
func TestTriageRedactsContacts(t *testing.T) {
	files := readTree(t, build(t, sample(t), Options{RedactContacts: true}))
	s := string(files[TriageDataFile])
	if strings.Contains(s, "+44 20 7946 01") {
		t.Error("triage/data.js still holds personal contacts")
	}
	if !strings.Contains(s, "#payments-incidents") {
		t.Error("triage/data.js lost the team channels")
	}
	if !strings.Contains(string(readTree(t, build(t, sample(t), Options{}))[TriageDataFile]), "+44 20 7946 0114") {
		t.Error("without redaction, triage/data.js has no personal phone to call")
	}
}
