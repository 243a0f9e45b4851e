package flow

import (
	"runtime"
	"sync"
	"testing"

	"github.com/escalator-dev/escalator/internal/synth"
)

// bench is the synthetic policy of the benchmarks: 1,000 rules, 200 teams, 30 domains.
var bench = synth.Config{Seed: 1, Teams: 200, Runbooks: 2000, Routes: 1000, Domains: 30}

// BenchmarkAllDiagrams draws every diagram of the synthetic policy, as a build does:
// the policy, each domain's path, each team's ladder and each severity's lifecycle,
// each laid out and rendered as SVG, text and Mermaid.
func BenchmarkAllDiagrams(b *testing.B) {
	p := load(b, &bench)
	if len(p.Routes) != 1000 || len(p.Teams) != 200 {
		b.Fatalf("%d rules, %d teams", len(p.Routes), len(p.Teams))
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, n := range all(p) {
			if _, err := Render(n.d, "../"); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkAllDiagramsParallel draws the same diagrams the way a build does: each in
// the page-rendering worker of its page, one worker per core.
func BenchmarkAllDiagramsParallel(b *testing.B) {
	p := load(b, &bench)
	b.ReportAllocs()
	for b.Loop() {
		jobs := make(chan *Diagram)
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for d := range jobs {
					if _, err := Render(d, "../"); err != nil {
						b.Error(err)
					}
				}
			})
		}
		for _, n := range all(p) {
			jobs <- n.d
		}
		close(jobs)
		wg.Wait()
	}
}

// BenchmarkPolicy draws the 1,000-rule policy alone, the largest diagram.
func BenchmarkPolicy(b *testing.B) {
	p := load(b, &bench)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(Policy(p), ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLayoutPolicy is the layout of the 1,000-rule policy, without rendering.
func BenchmarkLayoutPolicy(b *testing.B) {
	d := Policy(load(b, &bench))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Lay(d); err != nil {
			b.Fatal(err)
		}
	}
}
