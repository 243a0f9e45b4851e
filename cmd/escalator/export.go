package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/escalator-dev/escalator/diag"
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
tests included) is not exported: the errors are printed and the exit status is 1.`,
		flags: func(fs *flag.FlagSet) func(*env, []string) int {
			out := fs.String("o", "", "write to `file` (replaced atomically) instead of standard output")
			return func(e *env, args []string) int {
				dir, rest := splitDir(args)
				if len(rest) > 0 {
					e.errorf("export: unexpected arguments %q (export takes one playbook folder)", rest)
					return exitUsage
				}
				p, diags := matrix.LoadDir(dir, matrix.Options{})
				if diags.HasErrors() {
					diag.Write(e.stderr, diag.Text, diags)
					e.errorf("export: the playbook has errors; run `escalator check %s`", dir)
					return exitInvalid
				}
				data, err := p.Export().JSON()
				switch {
				case err != nil:
				case *out == "":
					_, err = e.stdout.Write(data)
				default:
					err = writeAtomic(*out, data)
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

// writeAtomic replaces name with data through a temporary file in the same folder, so
// that readers see the old file or the new one, never a part.
func writeAtomic(name string, data []byte) (err error) {
	defer func() {
		// Name the file asked for, not the temporary one.
		var pe *fs.PathError
		var le *os.LinkError
		switch {
		case errors.As(err, &pe):
			err = fmt.Errorf("cannot write %s: %w", name, pe.Err)
		case errors.As(err, &le):
			err = fmt.Errorf("cannot write %s: %w", name, le.Err)
		}
	}()
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
