package generator

import (
	"path/filepath"
	"testing"

	"github.com/escalator-dev/escalator/internal/synth"
	"github.com/escalator-dev/escalator/matrix"
)

// BenchmarkBuildLarge builds the site of a synthetic playbook of 10,000 runbooks of about
// 900 words, each with a checklist, a code block and a table: 20,000+ pages.
func BenchmarkBuildLarge(b *testing.B) {
	p, diags := matrix.Load(synth.FS(synth.Large()), "large", matrix.Options{Now: today})
	if diags.HasErrors() {
		b.Fatal(diags.Error())
	}
	out := filepath.Join(b.TempDir(), "public")
	b.ReportAllocs()
	b.ResetTimer()
	var res Result
	for b.Loop() {
		var err error
		if res, err = Build(p, Options{Out: out, Now: today}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
