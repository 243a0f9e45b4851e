package matrix

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/escalator-dev/escalator/internal/synth"
)

// BenchmarkLoadLarge loads and checks a synthetic playbook of 10,000 runbooks and 500
// teams from disk, as `escalator check` does (bodies left out: check does not render).
func BenchmarkLoadLarge(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Large()); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		p, diags := LoadDir(dir, Options{Run: RoutingTests | Audit, Now: now, SkipBodies: true})
		if diags.HasErrors() || len(p.Runbooks) != 10000 {
			b.Fatalf("%d runbooks, diagnostics:\n%s", len(p.Runbooks), diags.Error())
		}
	}
}

// routeBench loads the large synthetic policy (1,000 rules, 500 teams) and returns facts
// for the cases the benchmarks route: every grid cell, in turn.
func routeBench(b *testing.B) (*Playbook, []Facts) {
	b.Helper()
	p, diags := Load(synth.FS(synth.Large()), "large", Options{Run: Audit, Now: now})
	if diags.HasErrors() {
		b.Fatal(diags.Error())
	}
	var cases []Facts
	for _, d := range p.Domains {
		for _, s := range p.Severities {
			f, err := p.CellFacts(d.ID, s.ID)
			if err != nil {
				b.Fatal(err)
			}
			cases = append(cases, f)
		}
	}
	return p, cases
}

// BenchmarkMatch measures the matching loop alone: it must not allocate.
func BenchmarkMatch(b *testing.B) {
	p, cases := routeBench(b)
	buf := make([]*Rule, 0, len(p.Routes))
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		buf, _, _ = p.match(&cases[i%len(cases)], buf[:0], nil)
		i++
	}
	if len(buf) == 0 {
		b.Fatal("no rule matched")
	}
}

// BenchmarkRoute measures whole decisions at an instant: matching, hours, deadlines and
// the escalation timeline.
func BenchmarkRoute(b *testing.B) {
	p, cases := routeBench(b)
	at := time.Date(2026, 3, 3, 3, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if _, err := p.Route(cases[i%len(cases)], at); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkReloadLarge reloads the large playbook after one runbook changed, through a
// watched Cache, as `escalator serve` does on a save.
func BenchmarkReloadLarge(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Large()); err != nil {
		b.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	names, _ := filepath.Glob(filepath.Join(dir, "*", "*"))
	for _, n := range names {
		os.Chtimes(n, old, old)
	}
	c := NewWatchedCache()
	LoadDir(dir, Options{Run: RoutingTests | Audit, Now: now, Cache: c})
	rb := filepath.Join(dir, "runbooks", "analytics-alert-storm-2.md")
	data, err := os.ReadFile(rb)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		i++
		os.WriteFile(rb, append(data, fmt.Sprintf("\nEdit %d.\n", i)...), 0o644)
		c.Forget("runbooks/analytics-alert-storm-2.md")
		p, diags := LoadDir(dir, Options{Run: RoutingTests | Audit, Now: now, Cache: c})
		if diags.HasErrors() || len(p.Runbooks) != 10000 {
			b.Fatalf("%d runbooks, diagnostics:\n%s", len(p.Runbooks), diags.Error())
		}
	}
}

// BenchmarkRosterLarge is `escalator oncall`'s work on the large synthetic playbook
// (500 teams, each with schedules): who is on call in every schedule and the shifts
// of the default week, as JSON-ready values.
func BenchmarkRosterLarge(b *testing.B) {
	p, _ := routeBench(b)
	at := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	n := 0
	for b.Loop() {
		r := p.Roster(at, at.Add(7*24*time.Hour), nil)
		n = len(r.JSON().Schedules)
	}
	if n < 500 {
		b.Fatalf("%d schedules", n)
	}
	b.ReportMetric(float64(n), "schedules")
}

// BenchmarkLoadForRoutingLarge is what one `escalator route` process loads from the
// 10,000-runbook playbook on disk.
func BenchmarkLoadForRoutingLarge(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Large()); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := LoadDir(dir, Options{ForRouting: true}); diags.HasErrors() {
			b.Fatal(diags.Error())
		}
	}
}
