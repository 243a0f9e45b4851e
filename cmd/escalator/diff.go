package main

import (
	"flag"
	"os"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/matrix"
	"github.com/escalator-dev/escalator/playbookdiff"
)

func init() {
	commands = append(commands, &command{
		name:    "diff",
		args:    "OLD [NEW] | --base REV [playbook-dir]",
		summary: "show what a change does to routing, on-call, contacts and documents",
		help: `
Diff compares two versions of a playbook by what they compute: matrix cells (domain x
severity, in hours and out of hours) whose owner, notified teams, severity, runbooks or
brief change, with the rule that decides each side; routing tests whose outcome
changes; escalation timelines; on-call shifts in the coming 4 weeks that change hands
and coverage gaps opened; contacts; audit warnings added or resolved; documents added,
removed, renamed or changed. Only what changed is listed.

Each side is a playbook folder or a git revision of one, read without checking
anything out: 'escalator diff main' compares the playbook folder with main's version
of it, as does 'escalator diff --base main content'; 'escalator diff OLD NEW' names
both sides.
Exit status is 0 whether or not something changed, 1 when a side has errors, or with
--fail-on routing when routing changes.`,
		flags: func(fs *flag.FlagSet) func(*env, []string) int {
			format := fs.String("format", "text", "output `format`: text, markdown (a pull-request comment), json or github (annotations)")
			base := fs.String("base", "", "compare the playbook folder with its version at git revision `REV`")
			failOn := fs.String("fail-on", "", "exit 1 when this `kind` of change is found: routing (matrix cells, routing tests, escalation timelines)")
			redact := fs.Bool("redact-contacts", false, "leave phone numbers, addresses and other contact details out")
			asOf := fs.String("as-of", "", "compare on-call shifts, and audit both sides, from this `date` (2006-01-02) instead of now")
			return func(e *env, args []string) int {
				f, err := playbookdiff.ParseFormat(*format)
				if err != nil {
					e.errorf("diff: %v", err)
					return exitUsage
				}
				if *failOn != "" && *failOn != "routing" {
					e.errorf("diff: unknown --fail-on %q (use routing)", *failOn)
					return exitUsage
				}
				now, ok := e.asOf("diff", *asOf)
				if !ok {
					return exitUsage
				}
				oldSide, newSide, msg := diffSides(*base, args)
				if msg != "" {
					e.errorf("diff: %s\nRun 'escalator help diff' for usage.", msg)
					return exitUsage
				}
				root := newSide.Dir
				cache := matrix.NewContentCache()
				opt := matrix.Options{Run: matrix.Audit, Now: now, SkipBodies: true, Cache: cache} // a failing test is a change to report, not an error
				sides := []playbookdiff.Side{oldSide, newSide}
				var ps [2]*matrix.Playbook
				var ds [2]diag.List
				for i, s := range sides {
					p, d, err := s.Load(root, opt)
					if err != nil {
						e.errorf("diff: %v", err)
						return exitUsage
					}
					if d.HasErrors() {
						e.report(d)
						e.errorf("diff: %s has errors; fix them first (escalator check shows them)", s.Label())
						return exitInvalid
					}
					ps[i], ds[i] = p, d
				}
				r := playbookdiff.Compare(ps[0], ps[1], ds[0], ds[1], playbookdiff.Options{Now: now,
					Old: oldSide.Label(), New: newSide.Label(), RedactContacts: *redact})
				if err := playbookdiff.Write(e.stdout, f, r); err != nil {
					e.errorf("diff: %v", err)
					return exitInvalid
				}
				if *failOn == "routing" && r.Routing() {
					return exitInvalid
				}
				return exitOK
			}
		},
	})
}

// diffSides reads the two sides from --base and the arguments; msg says what is wrong.
// A side that names a folder is that folder; any other is a git revision of the other
// side's folder, or of the default playbook folder.
func diffSides(base string, args []string) (old, new playbookdiff.Side, msg string) {
	isDir := func(s string) bool {
		info, err := os.Stat(s)
		return err == nil && info.IsDir()
	}
	switch {
	case base != "":
		if len(args) > 1 {
			return old, new, "with --base, name at most the playbook folder"
		}
		dir, _ := splitDir(args)
		return playbookdiff.Side{Dir: dir, Rev: base}, playbookdiff.Side{Dir: dir}, ""
	case len(args) == 1:
		if isDir(args[0]) {
			return old, new, "name what to compare " + args[0] + " with: a git revision, another folder, or --base REV"
		}
		dir, _ := splitDir(nil)
		return playbookdiff.Side{Dir: dir, Rev: args[0]}, playbookdiff.Side{Dir: dir}, ""
	case len(args) == 2:
		dir, _ := splitDir(nil)
		for _, a := range args {
			if isDir(a) {
				dir = a
				break
			}
		}
		side := func(a string) playbookdiff.Side {
			if isDir(a) {
				return playbookdiff.Side{Dir: a}
			}
			return playbookdiff.Side{Dir: dir, Rev: a}
		}
		return side(args[0]), side(args[1]), ""
	}
	return old, new, "name the two sides: OLD [NEW], or --base REV [playbook-dir]"
}
