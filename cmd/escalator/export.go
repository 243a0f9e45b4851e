package main

import (
	"errors"
	"flag"

	"github.com/escalator-dev/escalator/generator"
	"github.com/escalator-dev/escalator/matrix"
)

func init() {
	commands = append(commands, &command{
		name:    "export",
		args:    "[playbook-dir]",
		summary: "write the whole playbook and its routing policy as JSON",
		help: `
Export writes the whole playbook as one JSON document for integrations: the site
settings, severities with their SLAs, domains, facts, the routing rules in order with
their conditions, the routing tests, teams with hours, contacts and escalation chains,
roles, runbooks, briefs, vendors, pages, and the domain x severity grid.

  escalator export > playbook.json
  escalator export content -o public/api/playbook.json

The shape is versioned ("version": 1) and described by schema/export.schema.json. The
output holds no timestamps and names files relative to the playbook folder, so the
same playbook always exports the same bytes. A playbook with errors (failing routing
tests included) is not exported: the errors are printed and the exit status is 1.

-o never writes inside the playbook folder, and replaces an existing file only when it
is an export (or with --force).`,
		flags: func(fs *flag.FlagSet) func(*env, []string) int {
			out := fs.String("o", "", "write to `file` (replaced atomically) instead of standard output")
			force := fs.Bool("force", false, "replace the -o file even when it is not an escalator export")
			return func(e *env, args []string) int {
				dir, rest := splitDir(args)
				if len(rest) > 0 {
					e.errorf("export: unexpected arguments %q (export takes one playbook folder)", rest)
					return exitUsage
				}
				if *out != "" {
					// Refuse before the load: nothing is written until it succeeds.
					if err := generator.WriteExportCheck(*out, dir, *force); err != nil {
						e.errorf("export: %v", err)
						return exitUsage
					}
				}
				p, diags := matrix.LoadDir(dir, matrix.Options{Run: matrix.RoutingTests | matrix.Audit})
				if diags.HasErrors() {
					e.report(diags)
					e.errorf("export: the playbook has errors; run `escalator check %s`", dir)
					return exitInvalid
				}
				data, err := p.Export().JSON()
				switch {
				case err != nil:
				case *out == "":
					_, err = e.stdout.Write(data)
				default:
					err = generator.WriteExport(*out, data, dir, *force)
				}
				var oe *generator.OutputError
				if errors.As(err, &oe) {
					e.errorf("export: %v", err)
					return exitUsage
				}
				if err != nil {
					e.errorf("export: %v", err)
					return exitInvalid
				}
				return exitOK
			}
		},
	})
}
