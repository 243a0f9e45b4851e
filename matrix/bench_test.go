package matrix

import (
	"testing"

	"github.com/escalator-dev/escalator/internal/synth"
)

// BenchmarkLoadLarge loads and checks a synthetic playbook of 10,000 runbooks and 500
// teams from disk, as `escalator check` does.
func BenchmarkLoadLarge(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Large()); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		p, diags := LoadDir(dir, Options{Now: now})
		if diags.HasErrors() || len(p.Runbooks) != 10000 {
			b.Fatalf("%d runbooks, diagnostics:\n%s", len(p.Runbooks), diags.Error())
		}
	}
}
