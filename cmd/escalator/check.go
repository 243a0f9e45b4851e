package main

import (
	"flag"
	"fmt"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/generator"
	"github.com/escalator-dev/escalator/matrix"
)

func init() {
	commands = append(commands, &command{
		name:    "check",
		args:    "[playbook-dir]",
		summary: "validate a playbook and run its routing tests",
		help: `
Check loads the playbook, validates every file against its JSON Schema, resolves every
reference, checks the routing rules, runs the routing tests and audits the content.
Each problem is printed as file:line:col: severity[code]: message (suggestion), then
its notes as file:line:col: note: message; with --source (the default on a terminal)
each is followed by its source line and a caret under the column. docs/format.md lists
the codes. Exit status is 1 when there is an error (or, with --strict, a warning).`,
		flags: func(fs *flag.FlagSet) func(*env, []string) int {
			format := fs.String("format", "text", "output `format`: text, json or github (GitHub Actions annotations)")
			strict := &strictFlag{}
			fs.Var(strict, "strict", "fail on warnings too; --strict=CODE,... fails on the warnings of those codes only")
			var ignore codesFlag
			fs.Var(&ignore, "ignore", "leave out the warnings of these `codes` (comma-separated; repeatable)")
			source := &sourceFlag{}
			fs.Var(source, "source", "show each problem's source line with a caret under its column (default: when stderr is a terminal)")
			asOf := fs.String("as-of", "", "audit review dates, and the 4 weeks of schedules from, this `date` (2006-01-02) instead of today")
			return func(e *env, args []string) int {
				now, ok := e.asOf("check", *asOf)
				if !ok {
					return exitUsage
				}
				f, err := diag.ParseFormat(*format)
				if err != nil {
					e.errorf("check: %v", err)
					return exitUsage
				}
				dir, rest := splitDir(args)
				if len(rest) > 0 {
					e.errorf("check: unexpected arguments %q (check takes one playbook folder)", rest)
					return exitUsage
				}
				var skip map[diag.Code]bool
				if len(ignore) > 0 {
					skip = map[diag.Code]bool{}
					for _, c := range ignore {
						skip[c] = true
					}
				}
				bodies := &generator.Bodies{}
				p, diags := matrix.LoadDir(dir, matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: now, SkipBodies: true, CheckBody: bodies.Check, Ignore: skip})
				diags = generator.WithLinks(diags, p, bodies)
				out := e.stdout
				if f == diag.Text {
					out = e.stderr
				}
				if f == diag.Text {
					err = e.reportText(out, diags, source.on || (!source.set && isTerminal(out)))
				} else {
					err = diag.Write(out, f, diags)
				}
				if err != nil {
					e.errorf("check: %v", err)
					return exitInvalid
				}
				failed := diags.HasErrors() || strict.fails(diags)
				if f == diag.Text {
					summary(e, dir, p, diags, failed)
				}
				if failed {
					return exitInvalid
				}
				return exitOK
			}
		},
	})
}

// summary prints one line saying what was checked and how it went.
func summary(e *env, dir string, p *matrix.Playbook, diags diag.List, failed bool) {
	counts := countDiags(diags)
	if failed || p == nil {
		fmt.Fprintf(e.stderr, "%s: %s\n", diag.Printable(dir), counts)
		return
	}
	drills := ""
	if n := len(p.Drills); n > 0 {
		drills = fmt.Sprintf(" and %d drill %s", n, map[bool]string{true: "key", false: "keys"}[n == 1])
	}
	fmt.Fprintf(e.stdout, "%s: ok: %d teams, %d runbooks, %d routes, %d routing tests%s passed; %s\n",
		dir, len(p.Teams), len(p.Runbooks), len(p.Routes), len(p.Tests), drills, counts)
}
