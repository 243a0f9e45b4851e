package search

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func TestTokens(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     []string
	}{
		{"words are lower-cased", "Card Payments FAILING", []string{"card", "payments", "failing"}},
		{"punctuation splits", "on-call/pager, #payments-incidents", []string{"on", "call", "pager", "payments", "incidents"}},
		{"letters and digits stay together", "sev1 5xx 2fa http/2", []string{"sev1", "5xx", "2fa", "http", "2"}},
		{"an apostrophe inside a word joins", "customer's don’t 'quoted'", []string{"customers", "dont", "quoted"}},
		{"accents are letters", "Lucía Fernández", []string{"lucía", "fernández"}},
		{"words over 40 bytes are dropped", "key " + strings.Repeat("a", 41) + " end", []string{"key", "end"}},
		{"nothing", " -- ", nil},
	} {
		if got := Tokens(c.in); !slices.Equal(got, c.want) {
			t.Errorf("%s: Tokens(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestStem(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"payments", "payment"},
		{"payment", "payment"},
		{"failing", "fail"},
		{"failed", "fail"},
		{"fails", "fail"},
		{"escalation", "escalat"},
		{"escalating", "escalat"},
		{"escalated", "escalat"},
		{"escalate", "escalat"},
		{"escalations", "escalat"},
		{"routing", "rout"},
		{"route", "rout"},
		{"paging", "page"},
		{"pages", "page"},
		{"stopped", "stop"},
		{"policies", "policy"},
		{"notified", "notify"},
		{"acknowledged", "acknowledg"},
		{"acknowledge", "acknowledg"},
		{"updates", "updat"},
		{"status", "status"},
		{"access", "access"},
		{"agreed", "agreed"},
		{"sev1", "sev1"},
		{"db", "db"},
		{"sms", "sms"},
		{"naïve", "naïve"},
	} {
		if got := Stem(c.in); got != c.want {
			t.Errorf("Stem(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// terms lists what analyzer.terms finds in text.
func terms(a *analyzer, text string) []string {
	var out []string
	a.each(text, func(t int32) { out = append(out, a.terms[t]) })
	return out
}

// Stopwords are dropped though their stems differ from them ("does" is "doe").
func TestStopwordsAreDropped(t *testing.T) {
	a := newAnalyzer(nil)
	if got := terms(a, stopwordList); len(got) != 0 {
		t.Errorf("stopwords indexed as %q", got)
	}
	if got := terms(a, "where does payments escalate"); !slices.Equal(got, []string{"payment", "escalat"}) {
		t.Errorf("terms = %q", got)
	}
}

// A word said more often than a count can hold still counts, as often as it can.
func TestCountsSaturate(t *testing.T) {
	text := strings.Repeat("outage ", 1<<16) // one more than a uint16 holds
	ix := Build([]Page{{URL: "a.html", Title: "A", Sections: []Section{{Text: text}}}}, Options{})
	td := ix.terms[Stem("outage")]
	if td == nil || len(td.postings) != 1 || td.postings[0].weight < 30 {
		t.Fatalf("a word said 65,536 times: %+v", td)
	}
}

func TestAnalyzerSynonyms(t *testing.T) {
	a := newAnalyzer([][]string{{"db", "database", "postgres"}, {"sev1", "major incident"}, {"on-call", "pager"}})
	for _, c := range []struct {
		name, in string
		want     []string
	}{
		{"a one-word synonym adds its group", "the database", []string{"~0", "databas"}},
		{"a phrase adds its group at its first word", "a major incident now", []string{"~1", "major", "incident", "now"}},
		{"stopwords go, but still make phrases", "who is on call", []string{"~2", "call"}},
		{"plurals still match", "databases", []string{"~0", "databas"}},
		{"no synonym", "card payments", []string{"card", "payment"}},
	} {
		if got := terms(a, c.in); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q gives %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

// postings decodes a term's postings, as search.js does: page, section, weight.
func postings(ix *Index, term string) [][3]int {
	var out [][3]int
	for _, p := range ix.terms[term].postings {
		out = append(out, [3]int{int(p.page), int(p.section), int(p.weight)})
	}
	return out
}

func TestWeights(t *testing.T) {
	body := "Check the dashboard and the logs before anything else. " + strings.Repeat("Words that fill a section. ", 5)
	ix := Build([]Page{
		{URL: "a.html", Title: "Failover", Sections: []Section{{Text: body}}},
		{URL: "b.html", Title: "Other", Sections: []Section{{Text: body}, {Anchor: "failover", Heading: "Failover", Text: body}}},
		{URL: "c.html", Title: "Third", Names: []string{"Failover team"}, Sections: []Section{{Text: body}}},
		{URL: "d.html", Title: "Fourth", Sections: []Section{{Text: "we failover at once. " + body}}},
		{URL: "e.html", Title: "Failover", Boost: 0.5, Sections: []Section{{Text: body}}},
	}, Options{})
	p := postings(ix, "failover")
	if len(p) != 5 {
		t.Fatalf("postings %v", p)
	}
	title, heading, name, text, boosted := p[0][2], p[1][2], p[2][2], p[3][2], p[4][2]
	if !(title > heading && heading > name && name > text) {
		t.Errorf("want title > heading > name > body: %d, %d, %d, %d", title, heading, name, text)
	}
	if p[1][1] != 1 {
		t.Errorf("the heading's match is in section %d, want 1", p[1][1])
	}
	if boosted != title/2 {
		t.Errorf("a page boosted by 0.5 weighs %d, want %d", boosted, title/2)
	}
	if df := ix.terms["failover"].df; df != 5 {
		t.Errorf("df = %d, want 5", df)
	}
}

func TestPostingsAreBounded(t *testing.T) {
	var pages []Page
	for i := range maxPostings + 50 {
		text := "common"
		if i%7 == 0 {
			text = "common common common"
		}
		pages = append(pages, Page{URL: "p.html", Title: "x", Sections: []Section{{Text: text + " filler words here"}}})
	}
	ix := Build(pages, Options{})
	td := ix.terms["common"]
	if len(td.postings) != maxPostings || td.df != maxPostings+50 {
		t.Fatalf("%d postings, df %d", len(td.postings), td.df)
	}
	if !slices.IsSortedFunc(td.postings, func(a, b posting) int { return int(a.page - b.page) }) {
		t.Error("postings are not in page order")
	}
	for i := 0; i < len(pages); i += 7 {
		if !slices.ContainsFunc(td.postings, func(p posting) bool { return int(p.page) == i }) {
			t.Errorf("page %d, with the most mentions, was dropped", i)
		}
	}
}

func TestFilesSplitByPrefix(t *testing.T) {
	var pages []Page
	for i := range 3000 {
		w := []string{"alpha", "beta", "gamma", "delta"}[i%4]
		pages = append(pages, Page{URL: "x.html", Title: w, Kind: "page",
			Sections: []Section{{Text: strings.Repeat(w+itoa(i)+" ", 3) + "shared words"}}})
	}
	files := Build(pages, Options{}).Files()
	man := string(files["search/index.js"])
	if !strings.HasPrefix(man, `escSearch("i",0,{`) {
		t.Fatalf("manifest %.80s", man)
	}
	n := 0
	for name, data := range files {
		if strings.HasPrefix(name, "search/t") {
			n++
			if len(data) > termPartBytes+4096 {
				t.Errorf("%s is %d bytes", name, len(data))
			}
		}
	}
	if n < 10 {
		t.Errorf("%d term parts", n)
	}
	for _, key := range []string{`"a`, `"b`, `"g`, `"d`} {
		if !strings.Contains(man, key) {
			t.Errorf("no part key starts with %s", key)
		}
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1)) // the same index from one processor as from many
	again := Build(pages, Options{}).Files()
	for name, data := range files {
		if string(again[name]) != string(data) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("word ", 100)
	s := snippet(long)
	if len(s) > snippetBytes+len("…") || !strings.HasSuffix(s, "word…") {
		t.Errorf("snippet = %q", s)
	}
	if snippet("short") != "short" {
		t.Error("a short text is cut")
	}
}

func TestIsASCII(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"", true},
		{"a", true},
		{"abcdefgh", true},
		{"abcdefghijklmnop", true},
		{"é", false},
		{"abcdefgé", false},  // in the last eight-byte step
		{"abcdefghé", false}, // in the tail
		{"1234567\x80", false},
		{strings.Repeat("x", 100) + "\xff", false},
	}
	for _, tt := range tests {
		if got := isASCII(tt.s); got != tt.want {
			t.Errorf("isASCII(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// TestBestAsItGoes checks that keeping only the best postings whenever a term's list
// reaches twice maxPostings, as analyse does, keeps what best keeps of the whole list.
func TestBestAsItGoes(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for try := range 200 {
		n := r.IntN(5 * maxPostings)
		spread := []int{1, 3, 50, 999}[try%4] // few weights make many ties
		all := make([]posting, n)
		var kept []posting
		for i := range all {
			all[i] = posting{page: int32(i), weight: uint16(1 + r.IntN(spread))}
			kept = append(kept, all[i])
			if len(kept) >= 2*maxPostings {
				kept = best(kept, maxPostings)
			}
		}
		want := best(slices.Clone(all), maxPostings)
		if got := best(kept, maxPostings); !slices.Equal(got, want) {
			t.Fatalf("try %d (%d postings, weights 1-%d): kept %d postings, best of all %d", try, n, spread, len(got), len(want))
		}
	}
}
