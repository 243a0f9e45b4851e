package generator

import (
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

	"github.com/escalator-dev/escalator/generator/search"
	"github.com/escalator-dev/escalator/internal/browser"
	"github.com/escalator-dev/escalator/internal/synth"
	"github.com/escalator-dev/escalator/matrix"
)

// largePages builds the site of the Large synthetic playbook (10,000 runbooks) once and
// returns the pages its search index is made of, and the site's folder.
func largePages(tb testing.TB) ([]search.Page, *matrix.Playbook, string) {
	tb.Helper()
	p, diags := matrix.Load(synth.FS(synth.Large()), "large", matrix.Options{Now: today})
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
// bytes a fresh browser loads for a first query, script included, and the time of 120
// queries, while parts still load (cold) and once they are loaded (warm). It builds
// 20,000 pages, so it runs only with ESCALATOR_SEARCH_BENCH=1:
//
//	ESCALATOR_SEARCH_BENCH=1 go test ./generator -run TestSearchLargeInChromium -v
func TestSearchLargeInChromium(t *testing.T) {
	if os.Getenv("ESCALATOR_SEARCH_BENCH") == "" {
		t.Skip("set ESCALATOR_SEARCH_BENCH=1 to measure search on 10,000 runbooks")
	}
	b := browser.Require(t)
	_, _, out := largePages(t)

	var mu sync.Mutex
	loaded := map[string]int{} // search files served, by path, to the current tab
	files := http.FileServer(http.Dir(out))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/search/") || r.URL.Path == "/assets/search.js" {
			if info, err := os.Stat(filepath.Join(out, filepath.FromSlash(r.URL.Path))); err == nil {
				mu.Lock()
				loaded[r.URL.Path] = int(info.Size())
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

	// A first query in a fresh tab, for a few typical queries.
	var first []int
	for _, q := range queries[:12] {
		mu.Lock()
		clear(loaded)
		mu.Unlock()
		tab := b.NewTab(t)
		if err := tab.Open(srv.URL + "/runbooks.html"); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := tab.Eval(fmt.Sprintf(`window.escalatorSearch.query(%s, 8).then(r => r.length)`, jsonString(q)), &n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Errorf("%q finds nothing", q)
		}
		mu.Lock()
		sum := 0
		for _, size := range loaded {
			sum += size
		}
		mu.Unlock()
		first = append(first, sum)
	}
	slices.Sort(first)
	t.Logf("first query, search.js and index parts: median %.1f KB, max %.1f KB over %d queries in fresh tabs",
		float64(first[len(first)/2])/1024, float64(first[len(first)-1])/1024, len(first))
	if first[len(first)-1] > 150<<10 {
		t.Errorf("a first query loads %d bytes, over 150 KB", first[len(first)-1])
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
