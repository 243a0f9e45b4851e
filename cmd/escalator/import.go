package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/escalator-dev/escalator/history"
)

// multi is a flag given once per value.
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ", ") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

func init() {
	commands = append(commands, &command{
		name:    "import",
		args:    "incidents FILE",
		summary: "turn a CSV or JSON incident export into incident records",
		help: `
Import reads an incident export (CSV with a header row, or a JSON array of objects)
and writes one incidents/<id>.yaml record per row. --map says which column fills
which field; --value translates values, such as a paging tool's priorities into the
playbook's severities. Team and severity names are turned into ids ("Payments Eng"
becomes payments-eng); escalator check then names any that match nothing.

  escalator import incidents pagerduty.csv \
    --map "Incident Number=id" --map Title=title --map Urgency=severity \
    --map "Created On=opened" --map "Resolved On=resolved" \
    --map "Team=assigned_to" --map "Team=resolved_by" \
    --value severity:high=sev1 --value severity:low=sev3

Fields: id, title, summary, severity, severity_end, opened, acknowledged, triaged,
contained, resolved, root_caused, assigned_to, resolved_by, commander, pir, and
facts.<fact-id>. A column may fill several fields. docs/format.md gives the mappings
for PagerDuty's and Opsgenie's CSV exports. An existing file is never replaced: its
record is skipped and named.`,
		flags: func(fs *flag.FlagSet) func(*env, []string) int {
			var maps, values multi
			fs.Var(&maps, "map", "`column=field`: fill field from column (repeatable)")
			fs.Var(&values, "value", "`field:from=to`: translate a value (repeatable)")
			out := fs.String("o", filepath.Join("content", "incidents"), "write the records into `folder`")
			format := fs.String("format", "", "the export's `format`: csv or json (default: from the file name)")
			return func(e *env, args []string) int {
				if len(args) != 2 || args[0] != "incidents" {
					e.errorf("import: usage: escalator import incidents FILE --map column=field ...")
					return exitUsage
				}
				file := args[1]
				f := *format
				if f == "" {
					f = "csv"
					if strings.EqualFold(filepath.Ext(file), ".json") {
						f = "json"
					}
				}
				if f != "csv" && f != "json" {
					e.errorf("import: unknown format %q (use csv or json)", f)
					return exitUsage
				}
				m, err := history.ParseMapping(maps.list(), values.list())
				if err != nil {
					e.errorf("import: %v", err)
					return exitUsage
				}
				data, err := os.ReadFile(file)
				if err != nil {
					e.errorf("import: %v", err)
					return exitUsage
				}
				recs, diags := history.Import(filepath.ToSlash(file), data, f, m)
				e.report(diags)
				written, skipped, err := history.WriteRecords(*out, recs)
				for _, s := range skipped {
					e.errorf("import: %s exists: record skipped (imports never replace a file)", s)
				}
				fmt.Fprintf(e.stdout, "wrote %d records to %s", len(written), *out)
				if len(skipped) > 0 {
					fmt.Fprintf(e.stdout, ", skipped %d that exist", len(skipped))
				}
				fmt.Fprintln(e.stdout)
				if err != nil {
					e.errorf("import: %v", err)
					return exitInvalid
				}
				if diags.HasErrors() {
					e.errorf("import: %s", countDiags(diags))
					return exitInvalid
				}
				return exitOK
			}
		},
	})
}

func (m multi) list() []string { return m }
