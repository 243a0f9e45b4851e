package generator

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/escalator-dev/escalator/generator/search"
	"github.com/escalator-dev/escalator/internal/browser"
	"github.com/escalator-dev/escalator/internal/synth"
	"github.com/escalator-dev/escalator/matrix"
)

// largePages builds the site of the Large synthetic playbook (10,000 runbooks) once and
// returns the pages its search index is made of, and the site's folder.
func largePages(tb testing.TB) ([]search.Page, *matrix.Playbook, string) {
	tb.Helper()
	p, diags := matrix.Load(synth.FS(synth.Large()), "large", matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: today})
	if diags.HasErrors() {
		tb.Fatal(diags.Error())
	}
	var pages []search.Page
	searchPagesHook = func(ps []search.Page) { pages = ps }
	defer func() { searchPagesHook = nil }()
	out := filepath.Join(tb.TempDir(), "public")
	if _, err := Build(p, Options{Out: out, Now: today}); err != nil {
		tb.Fatal(err)
	}
	return pages, p, out
}

// BenchmarkSearchIndexLarge builds the search index of the Large synthetic playbook
// from its pages' text, and encodes its files: tokenising, stemming, weighting,
// splitting. It reports the index's size.
func BenchmarkSearchIndexLarge(b *testing.B) {
	pages, p, _ := largePages(b)
	var files map[string][]byte
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		files = search.Build(pages, search.Options{Synonyms: p.Site.Synonyms}).Files()
	}
	// CPU time says what wall time hides on a shared machine.
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
	var total, terms, termParts int
	for name, data := range files {
		total += len(data)
		if strings.HasPrefix(name, "search/t") {
			terms += len(data)
			termParts++
		}
	}
	b.ReportMetric(float64(len(pages)), "pages")
	b.ReportMetric(float64(total), "index-bytes")
	b.ReportMetric(float64(terms), "term-bytes")
	b.ReportMetric(float64(len(files)), "files")
	b.ReportMetric(float64(termParts), "term-parts")
}

// TestSearchLargeInChromium measures search.js on the Large synthetic playbook: the
// bytes and requests of a first query typed key by key into the search box at 100 ms
// a key, in a fresh browser context (no cache), script included; how long after the
// last key its results show; and the time of 120 queries, while parts still load
// (cold) and once they are loaded (warm). It builds 20,000 pages, so it runs only
// with ESCALATOR_SEARCH_BENCH=1 (ESCALATOR_SEARCH_TRACE=1 logs each key and file):
//
//	ESCALATOR_SEARCH_BENCH=1 go test ./generator -run TestSearchLargeInChromium -v
func TestSearchLargeInChromium(t *testing.T) {
	if os.Getenv("ESCALATOR_SEARCH_BENCH") == "" {
		t.Skip("set ESCALATOR_SEARCH_BENCH=1 to measure search on 10,000 runbooks")
	}
	b := browser.Require(t)
	_, _, out := largePages(t)

	var mu sync.Mutex
	var served, requests int // search bytes and requests served since the last reset
	files := http.FileServer(http.Dir(out))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/search/") || r.URL.Path == "/assets/search.js" {
			if info, err := os.Stat(filepath.Join(out, filepath.FromSlash(r.URL.Path))); err == nil {
				mu.Lock()
				served += int(info.Size())
				requests++
				if os.Getenv("ESCALATOR_SEARCH_TRACE") != "" {
					t.Logf("%s %s %d", time.Now().Format("05.000"), r.URL.Path, info.Size())
				}
				mu.Unlock()
			}
		}
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()

	var total int64
	filepath.WalkDir(filepath.Join(out, "search"), func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			info, _ := d.Info()
			total += info.Size()
		}
		return err
	})
	t.Logf("index: %.1f MB in search/", float64(total)/1e6)

	queries := largeQueries()

	// A first query as typed, in a fresh browser context each (no cache).
	var bytes, reqs []int
	var cold, warm []float64
	for _, q := range queries[:10] {
		mu.Lock()
		served, requests = 0, 0
		mu.Unlock()
		tab := b.NewTab(t)
		if err := tab.Open(srv.URL + "/runbooks.html"); err != nil {
			t.Fatal(err)
		}
		ms, gap := typeQuery(t, tab, q)
		cold = append(cold, ms)
		// Nothing more loads once the results are shown.
		for last := -1; ; time.Sleep(300 * time.Millisecond) {
			mu.Lock()
			n := requests
			mu.Unlock()
			if n == last {
				break
			}
			last = n
		}
		mu.Lock()
		bytes, reqs = append(bytes, served), append(reqs, requests)
		mu.Unlock()
		// The same query typed again, its parts loaded.
		if err := tab.SetValue("#q", ""); err != nil {
			t.Fatal(err)
		}
		ms, _ = typeQuery(t, tab, q)
		warm = append(warm, ms)
		var n int
		if err := tab.Eval(`document.querySelectorAll("#search-list [role=option]").length`, &n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Errorf("%q finds nothing", q)
		}
		t.Logf("%-28q %6.1f KB in %2d requests; results %3.0f ms after the last key, %3.0f ms typed again; longest gap between keys %3.0f ms",
			q, float64(bytes[len(bytes)-1])/1024, reqs[len(reqs)-1], cold[len(cold)-1], warm[len(warm)-1], gap)
		if p := tab.Problems(); len(p) > 0 {
			t.Errorf("%q: %s", q, strings.Join(p, "\n"))
		}
	}
	slices.Sort(bytes)
	slices.Sort(reqs)
	slices.Sort(cold)
	slices.Sort(warm)
	t.Logf("first query typed at 100 ms a key, search.js and index parts: median %.1f KB, max %.1f KB, %d-%d requests over %d queries in fresh browser contexts",
		float64(bytes[len(bytes)/2])/1024, float64(bytes[len(bytes)-1])/1024, reqs[0], reqs[len(reqs)-1], len(bytes))
	t.Logf("results after the last key: first time median %.0f ms, max %.0f ms; typed again median %.0f ms, max %.0f ms",
		cold[len(cold)/2], cold[len(cold)-1], warm[len(warm)/2], warm[len(warm)-1])
	if bytes[len(bytes)/2] > 80<<10 {
		t.Errorf("a first query typed loads %d bytes at the median, over 80 KB", bytes[len(bytes)/2])
	}
	if warm[len(warm)-1] > 150 {
		t.Errorf("results for a query typed again came %.0f ms after the last key, over 150 ms", warm[len(warm)-1])
	}

	// Query times, measured in the page.
	tab := b.NewTab(t)
	if err := tab.Open(srv.URL + "/index.html"); err != nil {
		t.Fatal(err)
	}
	for _, pass := range []string{"cold", "warm"} {
		var ms []float64
		err := tab.Eval(fmt.Sprintf(`(async () => {
			const out = [];
			for (const q of %s) {
				const t0 = performance.now();
				await window.escalatorSearch.query(q, 8);
				out.push(performance.now() - t0);
			}
			return out;
		})()`, jsonValue(queries)), &ms)
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(ms)
		t.Logf("%s: %d queries, median %.1f ms, p95 %.1f ms, max %.1f ms", pass, len(ms),
			ms[len(ms)/2], ms[len(ms)*95/100], ms[len(ms)-1])
		if pass == "warm" && ms[len(ms)*95/100] > 20 {
			t.Errorf("warm p95 %.1f ms, over 20 ms", ms[len(ms)*95/100])
		}
	}
	if p := tab.Problems(); len(p) > 0 {
		t.Errorf("problems: %s", strings.Join(p, "\n"))
	}
}

// typeQuery focuses the search box of tab, types q into it key by key at 100 ms a key,
// and returns how long after the last key the list showed q's results and the longest
// gap between two keys as the page saw them (a loaded machine delays keys), in ms.
func typeQuery(t *testing.T, tab *browser.Tab, q string) (ms, gap float64) {
	t.Helper()
	if err := tab.Click("#q"); err != nil {
		t.Fatal(err)
	}
	if err := tab.Eval(`window.lastKey = 0, window.maxGap = 0, document.getElementById("q").addEventListener("input", () => {
		const now = performance.now();
		if (window.lastKey) window.maxGap = Math.max(window.maxGap, now - window.lastKey);
		window.lastKey = now;
	}), true`, nil); err != nil {
		t.Fatal(err)
	}
	// The page watches for the results from the first key on: a check after the
	// last key would come too late to time them.
	err := tab.Eval(fmt.Sprintf(`window.shown = new Promise(resolve => {
		const want = "search.html?q=" + encodeURIComponent(%s);
		const check = () => {
			const all = document.querySelector(".search-all");
			if (all && all.getAttribute("href").endsWith(want) && !document.querySelector(".search-list").hidden) resolve(performance.now() - window.lastKey);
			else setTimeout(check, 2);
		};
		check();
	}), true`, jsonString(q)), nil)
	if err != nil {
		t.Fatal(err)
	}
	// Keys on a fixed beat: one late key does not push back the ones after it.
	start := time.Now()
	for i, r := range q {
		time.Sleep(time.Until(start.Add(time.Duration(i) * 100 * time.Millisecond)))
		if err := tab.Key(string(r)); err != nil {
			t.Fatal(err)
		}
		if os.Getenv("ESCALATOR_SEARCH_TRACE") != "" {
			t.Logf("%s key %q", time.Now().Format("05.000"), r)
		}
	}
	var got struct {
		MS, Gap float64
	}
	if err := tab.Eval(`window.shown.then(ms => ({ms, gap: window.maxGap}))`, &got); err != nil {
		t.Fatalf("%q: %v", q, err)
	}
	return got.MS, got.Gap
}

// largeQueries are 120 queries on the Large playbook's words: an area and a symptom,
// some with the last word half typed or with a typo, and people's names.
func largeQueries() []string {
	areas := []string{"payments", "checkout", "identity", "search", "notifications", "storage", "billing", "ledger",
		"dns", "cdn", "kubernetes", "settlement", "payouts", "fraud detection", "api gateway"}
	symptoms := []string{"high error rate", "elevated latency", "queue backlog", "certificate expiry", "disk full",
		"memory leak", "database failover", "replication lag", "bad deploy", "retry storm", "clock skew", "slow queries"}
	names := []string{"amara okafor", "chen wang", "priya patel", "oscar silva", "keiko tanaka", "luca rossi"}
	var qs []string
	for i := 0; len(qs) < 120; i++ {
		q := areas[i%len(areas)] + " " + symptoms[(i*7)%len(symptoms)]
		switch i % 6 {
		case 1: // the last word still being typed
			q = q[:len(q)-3]
		case 3: // two letters swapped
			j := strings.IndexByte(q, ' ') + 2
			q = q[:j] + string(q[j+1]) + string(q[j]) + q[j+2:]
		case 5:
			q = names[i%len(names)]
		}
		qs = append(qs, q)
	}
	return qs
}

// BenchmarkSections reads the search text of synthetic runbook pages, as every build
// does for each of its 10,000 runbooks.
func BenchmarkSections(b *testing.B) {
	p, diags := matrix.Load(synth.FS(synth.Small()), "small", matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: today})
	if diags.HasErrors() {
		b.Fatal(diags.Error())
	}
	s, err := newSite(p, Options{Now: today})
	if err != nil {
		b.Fatal(err)
	}
	var pages [][]byte
	for _, pg := range s.pages {
		if pg.Kind == kindRunbook {
			var buf bytes.Buffer
			if err := (&view{shared: s, page: pg}).execute(&buf); err != nil {
				b.Fatal(err)
			}
			pages = append(pages, buf.Bytes())
		}
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		search.Sections(pages[i%len(pages)])
	}
}
