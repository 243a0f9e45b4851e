package search

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/escalator-dev/escalator/internal/browser"
	"github.com/escalator-dev/escalator/theme"
)

// engine writes pages' index and the theme's search.js into a folder with one empty
// page, opens it in a tab, and returns a function that runs a query in search.js.
func engine(t *testing.T, pages []Page, opt Options) (*browser.Tab, func(q string) []string) {
	t.Helper()
	b := browser.Require(t)
	dir := t.TempDir()
	files := Build(pages, opt).Files()
	js, err := fs.ReadFile(theme.FS(nil), "static/search.js")
	if err != nil {
		t.Fatal(err)
	}
	files["search.js"] = js
	files["index.html"] = []byte(`<!doctype html><html lang="en"><head><title>t</title>` +
		`<script src="search.js" defer></script></head><body data-root=""><main>t</main></body></html>`)
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tab := b.NewTab(t)
	if err := tab.Open(browser.FileURL(filepath.Join(dir, "index.html"))); err != nil {
		t.Fatal(err)
	}
	return tab, func(q string) []string {
		t.Helper()
		var hits []struct{ URL string }
		if err := tab.Eval(fmt.Sprintf(`window.escalatorSearch.query(%s, 10)`, quote(q)), &hits); err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		var urls []string
		for _, h := range hits {
			urls = append(urls, h.URL)
		}
		return urls
	}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

var enginePages = []Page{
	{URL: "payments.html", Title: "Payments Engineering", Kind: "team", Names: []string{"Amara Okafor"},
		Sections: []Section{{Text: "Owns card payments and payouts."}, {Anchor: "reach", Heading: "How to reach them", Text: "Pager and #payments-incidents."}}},
	{URL: "failover.html", Title: "Database failover", Kind: "runbook",
		Sections: []Section{{Text: "When the primary is down, promote the replica."}, {Anchor: "rollback", Heading: "Rolling back", Text: "Fail back after the incident."}}},
	{URL: "ic.html", Title: "Incident commander", Kind: "role",
		Sections: []Section{{Text: "Runs the incident; decides escalation."}}},
	{URL: "mention.html", Title: "Glossary", Kind: "page",
		Sections: []Section{{Text: "Payments, failover, incident, escalation: words used in this playbook, and many more words besides to make the text long enough."}}},
	{URL: "escalate.html", Title: "How to escalate", Kind: "page",
		Sections: []Section{{Text: "Escalating early is never wrong."}}},
	{URL: "js.html", Title: "Constructor", Kind: "page",
		Sections: []Section{{Text: "A word that JavaScript objects know: toString."}}},
}

// search.js finds by prefix, by one typo, by synonym; ranks title above heading above
// body, and more query words above fewer; and links to the heading that matched.
func TestEngine(t *testing.T) {
	_, query := engine(t, enginePages, Options{Synonyms: [][]string{{"db", "database", "postgres"}, {"ic", "incident commander"}}})
	for _, c := range []struct {
		name, q string
		first   string // "" for no result
	}{
		{"a title match beats a body match", "payments", "payments.html"},
		{"a name finds its team", "amara", "payments.html"},
		{"a heading match links to the heading", "rolling back", "failover.html#rollback"},
		{"a channel name", "#payments-incidents", "payments.html"},
		{"the last word is a prefix while typed", "incid", "ic.html"},
		{"a prefix past the stem", "escalati", "escalate.html"},
		{"a finished word is no prefix", "incid ", ""},
		{"a one-letter prefix finds nothing", "i", ""},
		{"one swapped pair of letters", "paymnets", "payments.html"},
		{"one missing letter", "failovr", "failover.html"},
		{"one extra letter", "databasse", "failover.html"},
		{"no typo allowed under four letters", "dv", ""},
		{"two typos are too many", "pymnets", ""},
		{"a synonym", "postgres", "failover.html"},
		{"a phrase synonym", "ic", "ic.html"},
		{"stems meet", "escalating", "escalate.html"},
		{"words that name JavaScript's own properties", "constructor tostring", "js.html"},
		{"question words are stopwords, stemmed or not", "where does payments", "payments.html"},
		{"more words matched beat fewer", "database failover incident rollback", "failover.html"},
		{"stopwords alone find nothing", "who is the ", ""},
		{"a stopword being typed is a prefix", "who is the", "payments.html#reach"},
	} {
		got := query(c.q)
		first := ""
		if len(got) > 0 {
			first = got[0]
		}
		if first != c.first {
			t.Errorf("%s: %q ranks first %q, want %q (all: %v)", c.name, c.q, first, c.first, got)
		}
	}
}

func TestOneEdit(t *testing.T) {
	tab, _ := engine(t, enginePages, Options{})
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"payment", "paymnet", true},
		{"payment", "paymen", true},
		{"payment", "payments", true},
		{"payment", "pzyment", true},
		{"payment", "payment", false},
		{"payment", "pymnet", false},
		{"abcd", "badc", false},
		{"abcd", "bacd", true},
		{"ab", "abcd", false},
	} {
		var got bool
		if err := tab.Eval(fmt.Sprintf(`window.escalatorSearch.oneEdit(%s, %s)`, quote(c.a), quote(c.b)), &got); err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("oneEdit(%q, %q) = %v", c.a, c.b, got)
		}
	}
	if p := tab.Problems(); len(p) > 0 {
		t.Errorf("problems: %s", strings.Join(p, "; "))
	}
}

// No query makes search.js throw: odd characters, long input, many words, regular
// expression syntax, a lone surrogate, names of Object.prototype.
func TestEngineOddQueries(t *testing.T) {
	tab, _ := engine(t, enginePages, Options{Synonyms: [][]string{{"db", "database"}, {"ic", "incident commander"}}})
	odd := []string{"", " ", "\t\n", "~0", "~", "__proto__", "constructor", "hasOwnProperty", "toString",
		"((", "[a-z]+", ".*", "\\", "'", "’", "''", "a'b", "ΟΔΥΣΣΕΥΣ", "İstanbul", "日本語 検索", "🔥 outage",
		"e\u0301", strings.Repeat("a", 500), strings.Repeat("db ", 200), "incident commander incident commander ic",
		"x\u2028y", "0", "5xx", "sev1 sev1 sev1"}
	js := fmt.Sprintf(`(async () => {
		const out = [];
		for (const q of %s.concat([String.fromCharCode(0xd800) + "x"])) {
			try { const r = await window.escalatorSearch.query(q, 8); if (!Array.isArray(r)) out.push(q + ": not a list"); }
			catch (e) { out.push(JSON.stringify(q) + ": " + e); }
		}
		return out;
	})()`, quote2(odd))
	var failed []string
	if err := tab.Eval(js, &failed); err != nil {
		t.Fatal(err)
	}
	for _, f := range failed {
		t.Error(f)
	}
	if p := tab.Problems(); len(p) > 0 {
		t.Errorf("problems: %s", strings.Join(p, "; "))
	}
}

func quote2(v []string) string {
	b, _ := json.Marshal(v)
	return string(b)
}
