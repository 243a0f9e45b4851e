package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/escalator-dev/escalator/internal/synth"
)

// BenchmarkSaveToReload measures, on a synthetic playbook of 10,000 runbooks, the time
// from saving one runbook to the reload event reaching a page: the watcher, the
// debounce, the reload through the cache, rendering the stale pages and the event.
func BenchmarkSaveToReload(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Large()); err != nil {
		b.Fatal(err)
	}
	age(b, dir)
	r := start(b, dir, 0)
	events := r.stream(b)
	next(b, events, "reload")
	file := filepath.Join(dir, "runbooks", "analytics-alert-storm-2.md")
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	var took []time.Duration
	b.ResetTimer()
	i := 0
	for b.Loop() {
		i++
		saved := time.Now()
		if err := os.WriteFile(file, fmt.Appendf(data[:len(data):len(data)], "\nSave %d.\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
		next(b, events, "reload")
		took = append(took, time.Since(saved))
	}
	b.StopTimer()
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "p95-ms")
}
