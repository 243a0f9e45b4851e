package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/escalator-dev/escalator/drill"
	"github.com/escalator-dev/escalator/matrix"
)

func init() {
	commands = append(commands, &command{
		name:    "drill",
		args:    "new [playbook-dir]",
		summary: "write tabletop drill scenarios whose answer keys the rules compute",
		help: `
Drill new writes drill scenarios into the playbook's drills/ folder, one file each:
a story for the participants, the facts a good triage would establish, a start
instant, timed injects, objectives, and the answer key that escalator route gives
for those facts at that instant, pinned so that escalator check fails when the rules
change under the drill. The same flags write the same files.

  escalator drill new --seed 42 --count 3
  escalator drill new content --domain payments --severity sev1 --out-of-hours --dst

A scenario the rules cannot route is never written. An existing file is never
replaced: drill new refuses it, names it, and exits 1.`,
		flags: func(fs *flag.FlagSet) func(*env, []string) int {
			seed := fs.Uint64("seed", 0, "the `seed` the scenarios are drawn from (default: from the clock, and printed)")
			count := fs.Int("count", 1, "how many scenarios to write (1-100)")
			domain := fs.String("domain", "", "the `domain` id of every scenario (default any)")
			severity := fs.String("severity", "", "the `severity` id of the first report (default any; rules may raise it)")
			outOfHours := fs.Bool("out-of-hours", false, "start while the team the rules name is closed")
			dst := fs.Bool("dst", false, "start within a day before a daylight-saving change of the playbook's zone")
			year := fs.Int("year", 0, "the `year` the scenarios start in (default this year)")
			return func(e *env, args []string) int {
				if len(args) == 0 || args[0] != "new" {
					e.errorf("drill: usage: escalator drill new [playbook-dir] [--seed N] [--count K]")
					return exitUsage
				}
				dir, rest := splitDir(args[1:])
				if len(rest) > 0 {
					e.errorf("drill: unexpected arguments %q (drill new takes one playbook folder)", rest)
					return exitUsage
				}
				if *count < 1 || *count > 100 {
					e.errorf("drill: --count %d is not between 1 and 100", *count)
					return exitUsage
				}
				seedSet := false
				fs.Visit(func(f *flag.Flag) { seedSet = seedSet || f.Name == "seed" })
				if !seedSet {
					*seed = uint64(time.Now().UnixNano()) % 1_000_000
				}
				if *year == 0 {
					*year = time.Now().Year()
				}
				p, diags := matrix.LoadDir(dir, matrix.Options{Run: matrix.Audit, SkipBodies: true})
				if diags.HasErrors() {
					e.report(diags)
					e.errorf("drill: the playbook has errors; run `escalator check %s`", dir)
					return exitInvalid
				}
				ss, err := drill.Generate(p, drill.Options{Seed: *seed, Count: *count, Domain: *domain, Severity: *severity,
					OutOfHours: *outOfHours, DST: *dst, Year: *year})
				if err != nil {
					e.errorf("drill: %v", err)
					return exitUsage
				}
				out := filepath.Join(dir, "drills")
				if fi, err := os.Lstat(out); err == nil && fi.Mode()&os.ModeSymlink != 0 {
					e.errorf("drill: %s is a link: drill new writes only inside the playbook folder (make drills/ a real folder)", out)
					return exitInvalid
				}
				written, skipped, err := drill.WriteNew(out, ss, p.Site.Location.Location)
				for _, name := range written {
					fmt.Fprintf(e.stdout, "wrote %s\n", filepath.ToSlash(name))
				}
				for _, name := range skipped {
					e.errorf("drill: %s exists: not replaced (drill new never overwrites a file; pick another --seed)", filepath.ToSlash(name))
				}
				if err != nil {
					e.errorf("drill: %v", err)
					return exitInvalid
				}
				if !seedSet {
					fmt.Fprintf(e.stdout, "seed %d: run again with --seed %d for the same drills\n", *seed, *seed)
				}
				if len(skipped) > 0 {
					return exitInvalid
				}
				return exitOK
			}
		},
	})
}
