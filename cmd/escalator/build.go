package main

import (
	"errors"
	"flag"
	"fmt"
	iofs "io/fs"
	"time"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/generator"
	"github.com/escalator-dev/escalator/internal/rootfs"
	"github.com/escalator-dev/escalator/matrix"
)

func init() {
	commands = append(commands, &command{
		name:    "build",
		args:    "[playbook-dir]",
		summary: "check the playbook, then write its site",
		help: `
Build checks the playbook like 'escalator check' and, when it has no errors, writes the
static site: the matrix, severities, teams and contacts, roles, runbooks with printable
checklists, brief forms, vendors, pages, the JSON export and the schemas. The site is
written beside the output folder and swapped in whole: a failed build leaves the last
good site untouched. Files of the playbook's theme/ folder override the built-in theme.

The output folder is never the playbook folder, inside it, or above it, and build
replaces an existing folder only when it is empty or a site escalator wrote (marked by
its .escalator-site file); --force replaces another folder, deleting what it holds.`,
		flags: func(fs *flag.FlagSet) func(*env, []string) int {
			out := fs.String("o", "public", "output `folder`")
			baseURL := fs.String("base-url", "", "`URL` the site is published at (printouts get a QR code to the live page)")
			redact := fs.Bool("redact-contacts", false, "leave personal phone numbers, e-mail addresses and channel PINs out, for a public build")
			redactPeople := fs.Bool("redact-people", false, "leave people's names from incident records out (also playbook.yaml's redact_people)")
			quiet := fs.Bool("quiet", false, "print only problems")
			force := fs.Bool("force", false, "replace the output folder even when it holds files escalator did not write (they are deleted)")
			return func(e *env, args []string) int {
				dir, rest := splitDir(args)
				if len(rest) > 0 {
					e.errorf("build: unexpected arguments %q (build takes one playbook folder)", rest)
					return exitUsage
				}
				if err := generator.CheckOutput(*out, dir, *force); err != nil {
					e.errorf("build: %v", err)
					return exitUsage
				}
				start := time.Now()
				p, diags := matrix.LoadDir(dir, matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: start})
				diags = generator.WithLinks(diags, p, nil)
				e.report(diags)
				if diags.HasErrors() {
					fmt.Fprintf(e.stderr, "%s: %s; the site was not built\n", diag.Printable(dir), countDiags(diags))
					return exitInvalid
				}
				sizeMemory(p.SourceBytes)
				theme, _ := iofs.Sub(rootfs.Dir(dir), "theme") // the playbook's links only
				assets, _ := iofs.Sub(rootfs.Dir(dir), matrix.AssetsDir)
				res, err := generator.Build(p, generator.Options{
					Out: *out, Source: dir, Force: *force, BaseURL: *baseURL, RedactContacts: *redact, RedactPeople: *redactPeople,
					Theme: theme, Assets: assets, Revision: generator.Revision(dir), Now: start,
				})
				var oe *generator.OutputError
				if errors.As(err, &oe) {
					e.errorf("build: %v", err)
					return exitUsage
				}
				var l diag.List
				if errors.As(err, &l) { // the Markdown of a document is too complex to render
					e.report(l)
					fmt.Fprintf(e.stderr, "%s: %s; the site was not built\n", diag.Printable(dir), countDiags(l))
					return exitInvalid
				}
				if err != nil {
					e.errorf("build: %v", err)
					return exitInvalid
				}
				if !*quiet {
					fmt.Fprintf(e.stdout, "wrote %d pages (%d files, %.1f MB) to %s in %d ms\n",
						res.Pages, res.Files, float64(res.Bytes)/1e6, diag.Printable(*out), time.Since(start).Milliseconds())
				}
				return exitOK
			}
		},
	})
}
