package main

import (
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/escalator-dev/escalator/matrix"
)

func init() {
	commands = append(commands, &command{
		name:    "oncall",
		args:    "[playbook-dir]",
		summary: "say who is on call in every schedule, and the coming handoffs",
		help: `
Oncall prints who is on duty in every team's on-call schedule at an instant, with their
contacts, until when and who takes over, then every handoff of the coming weeks.

  escalator oncall
  escalator oncall content --team sre-oncall --at 2026-03-29T00:30 --weeks 2
  escalator oncall --json

--at takes an RFC 3339 instant, or 2006-01-02T15:04 in the playbook's time zone; the
default is now. Times are shown in each schedule's zone.`,
		flags: func(fs *flag.FlagSet) func(*env, []string) int {
			at := fs.String("at", "", "the `instant` to answer for (default now)")
			team := fs.String("team", "", "only the schedules of the team with this `id`")
			weeks := fs.Int("weeks", 1, "list the handoffs of this many `weeks` after the instant (0-520)")
			asJSON := fs.Bool("json", false, "print the roster as JSON (a versioned shape for tools)")
			return func(e *env, args []string) int {
				dir, rest := splitDir(args)
				if len(rest) > 0 {
					e.errorf("oncall: unexpected arguments %q (oncall takes one playbook folder)", rest)
					return exitUsage
				}
				if *weeks < 0 || *weeks > 520 {
					e.errorf("oncall: --weeks %d is not between 0 and 520", *weeks)
					return exitUsage
				}
				p, diags := matrix.LoadDir(dir, matrix.Options{Run: matrix.Audit, SkipBodies: true})
				if diags.HasErrors() {
					e.report(diags)
					e.errorf("oncall: the playbook has errors; run `escalator check %s`", dir)
					return exitInvalid
				}
				start := time.Now()
				if *at != "" {
					var err error
					if start, err = matrix.ParseLocalInstant(*at, p.Site.Location.Location); err != nil {
						if _, gap := err.(*matrix.GapError); gap {
							e.errorf("oncall: --at %v", err)
						} else {
							e.errorf("oncall: cannot read --at %q (use 2026-03-01T03:00:00Z, or 2026-03-01T03:00 in %s)", *at, p.Site.Location.Name)
						}
						return exitUsage
					}
				}
				var t *matrix.Team
				if *team != "" {
					if t = p.Team(*team); t == nil {
						var ids []string
						for _, x := range p.Teams {
							ids = append(ids, x.ID)
						}
						e.errorf("oncall: unknown team %q%s", *team, didYouMean(*team, ids))
						return exitUsage
					}
				}
				r := p.Roster(start, start.Add(time.Duration(*weeks)*7*24*time.Hour), t)
				if *asJSON {
					return writeJSON(e, r.JSON())
				}
				printRoster(e.stdout, r)
				return exitOK
			}
		},
	})
}

func printRoster(w io.Writer, r matrix.Roster) {
	if len(r.Entries) == 0 {
		fmt.Fprintln(w, "no schedules: add `schedules:` to a team (see docs/format.md)")
		return
	}
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	defer tw.Flush()
	for i, e := range r.Entries {
		if i > 0 {
			fmt.Fprintln(tw)
		}
		fmt.Fprintf(tw, "%s/%s\t%s (%s)\n", e.Team.ID, e.Schedule.ID, e.Schedule.Title(), e.Location)
		fmt.Fprintf(tw, "  on call now:\t%s\n", onCallText(&e.Now, e.Location))
		for _, sh := range e.Shifts {
			if !sh.From.After(r.At) {
				continue // the one on call now
			}
			who := personName(sh.Person)
			if sh.Person != nil && sh.Person.Team != e.Team {
				who += " of " + sh.Person.Team.ID
			}
			if sh.Override != nil {
				who += " (override"
				if sh.Override.Note != "" {
					who += ": " + sh.Override.Note
				}
				who += ")"
			}
			fmt.Fprintf(tw, "  %s\t%s\n", sh.From.In(e.Location).Format("Mon 2 Jan 15:04 MST"), who)
		}
	}
}
