package drill

import "testing"

// BenchmarkGenerate draws one scenario of the sample, out of hours and across a DST
// change: the slowest options, as most draws are refused.
func BenchmarkGenerate(b *testing.B) {
	p := sample(b)
	for i := range b.N {
		if _, err := Generate(p, Options{Seed: uint64(i), OutOfHours: true, DST: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkKey computes the answer key of each sample drill.
func BenchmarkKey(b *testing.B) {
	p := sample(b)
	for range b.N {
		for _, d := range p.Drills {
			if _, err := Key(p, d); err != nil {
				b.Fatal(err)
			}
		}
	}
}
