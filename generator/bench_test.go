package generator

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/escalator-dev/escalator/internal/synth"
	"github.com/escalator-dev/escalator/matrix"
)

func loadLarge(b *testing.B) *matrix.Playbook {
	p, diags := matrix.Load(synth.FS(synth.Large()), "large", matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: today})
	if diags.HasErrors() {
		b.Fatal(diags.Error())
	}
	return p
}

// BenchmarkBuildLarge builds the site of a synthetic playbook of 10,000 runbooks of about
// 900 words, each with a checklist, a code block and a table: 20,000+ pages. Each build
// goes to a new folder, so that it writes every file.
func BenchmarkBuildLarge(b *testing.B) {
	p := loadLarge(b)
	dir := b.TempDir()
	b.ReportAllocs()
	b.ResetTimer()
	var res Result
	n := 0
	for b.Loop() {
		n++
		var err error
		if res, err = Build(p, Options{Out: filepath.Join(dir, fmt.Sprint("public", n)), Now: today}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkRebuildLarge builds the large site over itself, as a second `escalator build`
// of an unchanged playbook does: every file but the export is linked from the last site.
func BenchmarkRebuildLarge(b *testing.B) {
	p := loadLarge(b)
	out := filepath.Join(b.TempDir(), "public")
	if _, err := Build(p, Options{Out: out, Now: today}); err != nil {
		b.Fatal(err)
	}
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

// BenchmarkOnCallLarge is what schedules add to the build of the large synthetic
// playbook (500 teams, each with schedules): the shifts, shares and rules of every
// schedule, the month calendars and the .ics files. Compare it with
// BenchmarkBuildLarge.
func BenchmarkOnCallLarge(b *testing.B) {
	p := loadLarge(b)
	s, err := newSite(p, Options{Now: today})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	files := 0
	for b.Loop() {
		s.oncallViews = s.oncall()
		for _, t := range p.Teams {
			if len(s.oncallViews[t.ID]) > 0 {
				_ = s.calendar(t)
			}
		}
		files = 0
		s.calendarFiles(func(string, []byte) { files++ })
	}
	b.ReportMetric(float64(files), "files")
}

// BenchmarkScheduleCost weighs what schedules add to the whole job of `escalator
// build` (load, check and build) on the large synthetic playbook: each iteration
// builds it with its teams' schedules and without them (synth's NoSchedules), in
// turn, and reports the CPU time of each and the extra in percent. Pairs in turn keep
// the comparison fair on a machine whose speed drifts. TMPDIR=/dev/shm keeps the
// disk out of it.
func BenchmarkScheduleCost(b *testing.B) {
	with, without := synth.Large(), synth.Large()
	without.NoSchedules = true
	fsWith, fsWithout := synth.FS(with), synth.FS(without)
	job := func(fsys fs.FS) time.Duration {
		out := filepath.Join(b.TempDir(), "public")
		start := cpuTime()
		p, diags := matrix.Load(fsys, "large", matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: today})
		if diags.HasErrors() {
			b.Fatal(diags.Error())
		}
		if _, err := Build(p, Options{Out: out, Now: today}); err != nil {
			b.Fatal(err)
		}
		used := cpuTime() - start
		runtime.GC() // the next job starts with the heap this one left
		if err := os.RemoveAll(out); err != nil {
			b.Fatal(err)
		}
		return used
	}
	var cpuWith, cpuWithout time.Duration
	n := 0
	for b.Loop() {
		if n%2 == 0 {
			cpuWith += job(fsWith)
			cpuWithout += job(fsWithout)
		} else {
			cpuWithout += job(fsWithout)
			cpuWith += job(fsWith)
		}
		n++
	}
	b.ReportMetric(cpuWith.Seconds()/float64(n), "cpu-s-with")
	b.ReportMetric(cpuWithout.Seconds()/float64(n), "cpu-s-without")
	b.ReportMetric(100*(cpuWith-cpuWithout).Seconds()/cpuWithout.Seconds(), "extra-%")
}
