package generator

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/escalator-dev/escalator/generator/search"
	"github.com/escalator-dev/escalator/internal/browser"
)

// hit is a result as search.js gives it.
type hit struct {
	URL, Title, Kind, Heading, Snippet string
}

// searchQueries are what responders type in an incident, and the page that must come
// in the first three results. They run through the site's own search.js.
var searchQueries = []struct {
	q, want string
}{
	{"paystream down", "vendors/paystream.html"},
	{"card payments failing", "runbooks/card-payments-failing.html"},
	{"who is on call for login", "teams/identity-eng.html"},
	{"sev1 update cadence", "severities/sev1.html"},
	{"paymnets", "teams/payments-eng.html"},
	{"apyments", "teams/payments-eng.html"}, // the typo moves the word to another index part
	{"secalate", "pages/how-to-escalate.html"},
	{"incid", "roles/incident-commander.html"},
	{"db failover", "runbooks/database-failover.html"},
	{"postgres primary down", "runbooks/database-failover.html"},
	{"2fa codes not arriving", "runbooks/login-2fa-failures.html"},
	{"sms vendor", "vendors/textwave.html"},
	{"credential leak", "runbooks/suspected-credential-leak.html"},
	{"exposed secret github", "runbooks/suspected-credential-leak.html"},
	{"merchant dashboard not loading", "runbooks/dashboard-down.html"},
	{"5xx spike", "runbooks/api-5xx-latency.html"},
	{"api slow", "runbooks/api-5xx-latency.html"},
	{"emails delayed", "runbooks/email-delivery-delays.html"},
	{"reporting pipeline late", "runbooks/reporting-pipeline-delayed.html"},
	{"incident commander", "roles/incident-commander.html"},
	{"scribe", "roles/scribe.html"},
	{"ic handoff", "roles/incident-commander.html"},
	{"post-incident review", "briefs/post-incident-review.html"},
	{"postmortem template", "briefs/post-incident-review.html"},
	{"escalate to leadership", "briefs/leadership.html"},
	{"customer status update", "briefs/customer-status-update.html"},
	{"kyc checks failing", "vendors/verifyly.html"},
	{"nimbus cloud outage", "vendors/nimbus-cloud.html"},
	{"sre on call", "teams/sre-oncall.html"},
	{"glossary", "pages/glossary.html"},
	{"how to escalate", "pages/how-to-escalate.html"},
	{"critical acknowledge sla", "severities/sev1.html"},
	{"escalatoin matrix", "matrix.html"},
	{"marcus bell", "teams/identity-eng.html"},
	{"#payments-incidents", "teams/payments-eng.html"},
	{"sev3", "severities/sev3.html"},
	{"refund replay captures", "runbooks/card-payments-failing.html"},
	{"runbok email", "runbooks/email-delivery-delays.html"},
}

// searchTab opens page of the sample site in a tab and returns a function that asks the
// site's search engine.
func runQuery(t *testing.T, tab *browser.Tab, q string, limit int) []hit {
	t.Helper()
	var raw json.RawMessage
	if err := tab.Eval(fmt.Sprintf(`window.escalatorSearch.query(%q, %d)`, q, limit), &raw); err != nil {
		t.Fatalf("%q: %v", q, err)
	}
	var hs []hit
	if err := json.Unmarshal(raw, &hs); err != nil {
		t.Fatal(err)
	}
	return hs
}

// Realistic queries, typos and partial words included, find their page in the first
// three results, over HTTP and from disk, with no console error.
func TestSearchQueries(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t)
	base := browser.Serve(t, out)
	for _, start := range []string{base + "/teams/payments-eng.html", browser.FileURL(filepath.Join(out, "index.html"))} {
		tab := b.NewTab(t)
		if err := tab.Open(start); err != nil {
			t.Fatal(err)
		}
		for _, c := range searchQueries {
			hs := runQuery(t, tab, c.q, 3)
			var got []string
			found := false
			for _, h := range hs {
				u, _, _ := strings.Cut(h.URL, "#")
				got = append(got, h.URL)
				found = found || u == c.want
			}
			if !found {
				t.Errorf("%s: %q: want %s in the top three, got %v", start, c.q, c.want, got)
			}
		}
		if p := tab.Problems(); len(p) > 0 {
			t.Errorf("%s:\n  %s", start, strings.Join(p, "\n  "))
		}
	}
}

// The search box is a combobox: results appear while typing, the arrow keys choose one,
// Enter opens it at the heading it matched, Escape closes the list; axe finds nothing
// wrong with the list open.
func TestSearchBoxKeyboard(t *testing.T) {
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
	var focused string
	tab.Eval(`document.activeElement.id`, &focused)
	if focused != "q" {
		t.Fatalf("/ focused %q, want the search box", focused)
	}
	if err := tab.Key("db failov"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `document.querySelectorAll("#search-list [role=option]").length > 0`)
	var state struct {
		Expanded, First, Kind, Mark string
		Options                     int
	}
	read := func() {
		t.Helper()
		if err := tab.Eval(`(() => {
			const q = document.getElementById("q");
			const o = document.querySelector("#search-list [role=option]");
			return {expanded: q.getAttribute("aria-expanded"), options: document.querySelectorAll("#search-list [role=option]").length,
				first: o ? o.getAttribute("href") : "", kind: o ? o.querySelector(".hit-kind").textContent : "",
				mark: o && o.querySelector("mark") ? o.querySelector("mark").textContent : ""};
		})()`, &state); err != nil {
			t.Fatal(err)
		}
	}
	read()
	if state.Expanded != "true" || !strings.HasPrefix(state.First, "../runbooks/database-failover.html") || state.Kind != "runbook" || state.Mark == "" {
		t.Errorf("after typing: %+v", state)
	}
	if v := tab.Axe(t); len(v) > 0 {
		t.Errorf("axe, with the results open:\n  %s", strings.Join(v, "\n  "))
	}

	// Down twice, up once: the first option is active.
	for _, k := range []string{browser.ArrowDown, browser.ArrowDown, browser.ArrowUp} {
		if err := tab.Key(k); err != nil {
			t.Fatal(err)
		}
	}
	var active, selected string
	tab.Eval(`document.getElementById("q").getAttribute("aria-activedescendant") || ""`, &active)
	tab.Eval(`document.querySelector("[aria-selected=true]").id`, &selected)
	if active != "search-hit-0" || selected != "search-hit-0" {
		t.Errorf("active option %q, selected %q; want search-hit-0", active, selected)
	}

	// Escape closes the list, and keeps the query.
	if err := tab.Key(browser.Escape); err != nil {
		t.Fatal(err)
	}
	var closed struct {
		Hidden   bool
		Expanded string
		Value    string
	}
	tab.Eval(`({hidden: document.querySelector(".search-list").hidden, expanded: document.getElementById("q").getAttribute("aria-expanded"), value: document.getElementById("q").value})`, &closed)
	if !closed.Hidden || closed.Expanded != "false" || closed.Value != "db failov" {
		t.Errorf("after Escape: %+v", closed)
	}

	// Down opens it again; Enter opens the first result at its heading.
	if err := tab.Key(browser.ArrowDown); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `!document.querySelector(".search-list").hidden`)
	if err := tab.Key(browser.ArrowDown); err != nil {
		t.Fatal(err)
	}
	if err := tab.Key(browser.Enter); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `location.pathname.endsWith("/runbooks/database-failover.html") && document.readyState === "complete"`)
	if p := tab.Problems(); len(p) > 0 {
		t.Errorf("problems:\n  %s", strings.Join(p, "\n  "))
	}
}

// Enter with no result chosen opens the search page with every result, from disk and
// over HTTP, with no console error or CSP violation.
func TestSearchEnterShowsAllResults(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t)
	tab := b.NewTab(t)
	for _, u := range []string{browser.FileURL(filepath.Join(out, "teams", "security.html")), browser.Serve(t, out) + "/teams/security.html"} {
		if err := tab.Open(u); err != nil {
			t.Fatal(err)
		}
		if err := tab.Click("#q"); err != nil {
			t.Fatal(err)
		}
		if err := tab.Key("paystream down" + browser.Enter); err != nil {
			t.Fatal(err)
		}
		waitFor(t, tab, `location.pathname.endsWith("/search.html") && document.querySelectorAll(".search-results li").length > 0`)
		var got struct{ Search, Value string }
		tab.Eval(`({search: location.search, value: document.getElementById("q").value})`, &got)
		if got.Search != "?q=paystream%20down" || got.Value != "paystream down" {
			t.Errorf("%s: landed on %+v", u, got)
		}
		if p := tab.Problems(); len(p) > 0 {
			t.Errorf("%s:\n  %s", u, strings.Join(p, "\n  "))
		}
	}
}

// The search page lists the results for ?q= with their snippets, from disk too.
func TestSearchPage(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t)
	tab := b.NewTab(t)
	if err := tab.Open(browser.FileURL(filepath.Join(out, "search.html")) + "?q=paystream+timeouts"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `document.querySelectorAll(".search-results li").length > 0`)
	var first struct{ Href, Text, Value string }
	tab.Eval(`({href: document.querySelector(".search-results a").getAttribute("href"), text: document.querySelector(".search-results a").textContent, value: document.getElementById("q").value})`, &first)
	if !strings.HasPrefix(first.Href, "runbooks/card-payments-failing.html") || first.Value != "paystream timeouts" {
		t.Errorf("first result %+v", first)
	}
	if p := tab.Problems(); len(p) > 0 {
		t.Errorf("problems:\n  %s", strings.Join(p, "\n  "))
	}
	// axe reads the stylesheets again, which a page from disk may not.
	if err := tab.Open(browser.Serve(t, out) + "/search.html?q=paystream+timeouts"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `document.querySelectorAll(".search-results li").length > 0`)
	if v := tab.Axe(t); len(v) > 0 {
		t.Errorf("axe:\n  %s", strings.Join(v, "\n  "))
	}
}

// search.js splits and stems every word of the sample site as generator/search does.
func TestSearchScriptMatchesGo(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t)
	tab := b.NewTab(t)
	if err := tab.Open(browser.FileURL(filepath.Join(out, "index.html"))); err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for name, f := range readTree(t, out) {
		if strings.HasSuffix(name, ".html") {
			text.Write(f)
		}
	}
	text.WriteString(" Lucía’s naïve ÅSTRÖM don't 2fa sev1 ÉCHEC x'y '' İstanbul ß ΟΔΥΣΣΕΥΣ")
	goWords := search.Tokens(text.String())
	var jsWords []string
	if err := tab.Eval(fmt.Sprintf(`window.escalatorSearch.tokens(%s).map(t => t.w)`, jsonString(text.String())), &jsWords); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(jsWords, goWords) {
		for i := range min(len(jsWords), len(goWords)) {
			if jsWords[i] != goWords[i] {
				t.Errorf("search.js splits words differently: word %d is %q, Go says %q", i, jsWords[i], goWords[i])
				break
			}
		}
		t.Errorf("search.js finds %d words, Go %d", len(jsWords), len(goWords))
	}
	var words []string
	seen := map[string]bool{}
	for _, w := range goWords {
		if !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	var jsStems []string
	if err := tab.Eval(fmt.Sprintf(`%s.map(window.escalatorSearch.stem)`, jsonValue(words)), &jsStems); err != nil {
		t.Fatal(err)
	}
	bad := 0
	for i, w := range words {
		if i < len(jsStems) && jsStems[i] != search.Stem(w) {
			if bad++; bad < 10 {
				t.Errorf("stem(%q): search.js %q, Go %q", w, jsStems[i], search.Stem(w))
			}
		}
	}
	if len(words) < 2000 {
		t.Errorf("only %d distinct words compared", len(words))
	}
}

func jsonString(s string) string { return jsonValue(s) }

func jsonValue(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// waitFor waits up to ten seconds for the JavaScript condition cond to hold. It asks
// again when the page navigates while it asks.
func waitFor(t *testing.T, tab *browser.Tab, cond string) {
	t.Helper()
	var err error
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(25 * time.Millisecond) {
		var ok bool
		if err = tab.Eval("!!("+cond+")", &ok); err == nil && ok {
			return
		}
	}
	t.Fatalf("waiting for %s: %v", cond, err)
}
