package main

import (
	"flag"
	"time"

	"github.com/escalator-dev/escalator/history"
	"github.com/escalator-dev/escalator/matrix"
)

func init() {
	commands = append(commands, &command{
		name:    "replay",
		args:    "[playbook-dir]",
		summary: "replay past incidents through today's rules; misroutes and SLA figures",
		help: `
Replay routes every incident record (incidents/*.yaml) at its opening instant with
today's rules and compares the decision with the team that resolved it: the misroute
rate overall, by domain and by rule, the rules most often wrong with the records as
evidence, and for each misroute the smallest change to a rule's when that would have
routed it right (a suggestion, never applied). Then the SLA figures per severity and
domain: the share that met each timer, median and 90th percentile, reassignments per
incident, and the trend per quarter.

  escalator replay
  escalator replay --since 2026-07-01 --format markdown > replay.md
  escalator replay --emit-tests >> tests.yaml

Met at exactly the deadline counts as met; percentiles are nearest-rank; an incident
still open counts as a miss only once a deadline has passed (see docs/format.md).`,
		flags: func(fs *flag.FlagSet) func(*env, []string) int {
			since := fs.String("since", "", "only incidents opened on or after `date` (YYYY-MM-DD or RFC 3339, in the playbook's zone)")
			asOf := fs.String("as-of", "", "judge open incidents as of `instant` (default now)")
			format := fs.String("format", "text", "output `format`: text, json or markdown")
			emit := fs.Bool("emit-tests", false, "print routing tests made from the records instead of the report")
			return func(e *env, args []string) int {
				dir, rest := splitDir(args)
				if len(rest) > 0 {
					e.errorf("replay: unexpected arguments %q (replay takes one playbook folder)", rest)
					return exitUsage
				}
				if *format != "text" && *format != "json" && *format != "markdown" {
					e.errorf("replay: unknown format %q (use text, json or markdown)", *format)
					return exitUsage
				}
				p, diags := matrix.LoadDir(dir, matrix.Options{Run: matrix.RoutingTests | matrix.Audit, SkipBodies: true})
				if diags.HasErrors() {
					e.report(diags)
					e.errorf("replay: the playbook has errors; run `escalator check %s`", dir)
					return exitInvalid
				}
				opt := history.Options{}
				for _, f := range []struct {
					name, val string
					to        *time.Time
				}{{"--since", *since, &opt.Since}, {"--as-of", *asOf, &opt.AsOf}} {
					if f.val == "" {
						continue
					}
					t, ok := matrix.ParseInstant(f.val, p.Site.Location.Location)
					if !ok {
						e.errorf("replay: %s %q is not a date or an instant (use 2026-07-01, 2026-07-01T09:00 or RFC 3339)", f.name, f.val)
						return exitUsage
					}
					*f.to = t
				}
				if len(p.Incidents) == 0 {
					e.errorf("replay: %s has no incident records (add incidents/*.yaml, or `escalator import incidents FILE`)", dir)
					return exitInvalid
				}
				rep := history.Replay(p, history.Records(p), opt)
				var err error
				switch {
				case *emit:
					err = rep.WriteTests(e.stdout)
				case *format == "json":
					err = rep.WriteJSON(e.stdout)
				case *format == "markdown":
					err = rep.WriteMarkdown(e.stdout)
				default:
					err = rep.WriteText(e.stdout)
				}
				if err != nil {
					e.errorf("replay: %v", err)
					return exitInvalid
				}
				return exitOK
			}
		},
	})
}
