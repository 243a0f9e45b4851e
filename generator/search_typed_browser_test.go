package generator

import (
	"strings"
	"testing"

	"github.com/escalator-dev/escalator/internal/browser"
)

// Typed without a pause, a query loads the parts of its own results only: no titles
// or snippets for the words on the way to it, and its results show.
func TestSearchTypedLoadsOnlyTheLastQuery(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t)
	tab := b.NewTab(t)
	if err := tab.Open(browser.Serve(t, out) + "/roles/scribe.html"); err != nil {
		t.Fatal(err)
	}
	if err := tab.Click("#q"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `window.performance.getEntriesByType("resource").some(e => e.name.endsWith("/search/index.js"))`)
	const q = "postgres primary down"
	if err := tab.Key(q); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab, `document.querySelector(".search-all").getAttribute("href").endsWith("search.html?q=postgres%20primary%20down") && !document.querySelector(".search-list").hidden`)
	var got struct {
		First    string
		Options  int
		Sections []string
	}
	if err := tab.Eval(`({first: document.querySelector("#search-list [role=option]").getAttribute("href"),
		options: document.querySelectorAll("#search-list [role=option]").length,
		sections: window.performance.getEntriesByType("resource").map(e => e.name).filter(n => /\/search\/s\d+\.js$/.test(n))})`, &got); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got.First, "../runbooks/database-failover.html") {
		t.Errorf("first result %q, want the database failover runbook", got.First)
	}
	// Each result shown needs the sections of its page, at most one part each.
	if len(got.Sections) == 0 || len(got.Sections) > got.Options {
		t.Errorf("%d results shown, %d section parts loaded: %v", got.Options, len(got.Sections), got.Sections)
	}
	if p := tab.Problems(); len(p) > 0 {
		t.Errorf("problems:\n  %s", strings.Join(p, "\n  "))
	}
}

// A query the box has moved past stops asking for parts: the term parts it asked for
// arrive, and no title or section part follows them.
func TestSearchStaleQueryLoadsNoMore(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t)
	tab := b.NewTab(t)
	if err := tab.Open(browser.Serve(t, out) + "/roles/scribe.html"); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Err   string
		Terms int
		Later []string
	}
	err := tab.Eval(`(async () => {
		const scripts = () => Array.from(document.querySelectorAll("script[src*='search/']"), s => s.getAttribute("src"));
		let live = true;
		const q = window.escalatorSearch.query("postgres primary down", 8, {current: () => live});
		// Once it has asked for its term parts, the box changes.
		while (!scripts().some(s => /\/t\d+\.js$/.test(s))) await new Promise(r => setTimeout(r, 1));
		live = false;
		const err = await q.then(() => "", e => e.message);
		await new Promise(r => setTimeout(r, 200));
		return {err, terms: scripts().filter(s => /\/t\d+\.js$/.test(s)).length,
			later: scripts().filter(s => /\/[ps]\d+\.js$/.test(s))};
	})()`, &got)
	if err != nil {
		t.Fatal(err)
	}
	if got.Err != "stale" || got.Terms == 0 || len(got.Later) > 0 {
		t.Errorf("stale query: error %q, %d term parts, then %v; want stale, some, none", got.Err, got.Terms, got.Later)
	}
	// The same query, current, answers.
	if hs := runQuery(t, tab, "postgres primary down", 3); len(hs) == 0 || !strings.HasPrefix(hs[0].URL, "runbooks/database-failover.html") {
		t.Errorf("then the query gives %+v", hs)
	}
}
