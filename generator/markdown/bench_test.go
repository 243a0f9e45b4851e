package markdown

import (
	"os"
	"testing"
	"time"
)

// BenchmarkRender renders testdata/runbook.md (about 1,000 words with a
// table, a task list, a footnote and bash, SQL and YAML code blocks).
// "cold" highlights every code block on every render, as a first build
// does; "warm" is New's Renderer, which remembers highlighted blocks, as
// for a block repeated across pages or a rebuild in watch mode. Besides
// wall time it reports cpu-ns/op, the process's CPU time per render (GC
// included), which stays meaningful on a busy machine.
func BenchmarkRender(b *testing.B) {
	src, err := os.ReadFile("testdata/runbook.md")
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		r    *Renderer
	}{
		{"cold", newRenderer(Options{}, 0)},
		{"warm", New(Options{})},
	} {
		b.Run(bc.name, func(b *testing.B) {
			if _, err := bc.r.Render(src); err != nil { // compile chroma's lexers outside the timing
				b.Fatal(err)
			}
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cpuTime()
			for b.Loop() {
				if _, err := bc.r.Render(src); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, cpu)
		})
	}
}

// BenchmarkInline renders a checklist step.
func BenchmarkInline(b *testing.B) {
	r := New(Options{})
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		_ = r.Inline("Fail over to the synchronous replica with `pgctl failover`, see [the guide](../guide/).")
	}
	reportCPU(b, cpu)
}

func reportCPU(b *testing.B, start time.Duration) {
	if start < 0 {
		return
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}
