package generator

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/escalator-dev/escalator/generator/search"
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
	for b.Loop() {
		files = search.Build(pages, search.Options{Synonyms: p.Site.Synonyms}).Files()
	}
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
