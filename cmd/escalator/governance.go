package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/codeowners"
	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/internal/gitfs"
	"github.com/escalator-dev/escalator/matrix"
	"github.com/escalator-dev/escalator/review"
)

func init() {
	commands = append(commands, &command{
		name:    "review",
		args:    "[playbook-dir]",
		summary: "list the documents due for review, by owner",
		help: `
Review lists the documents due for review as of today (or --as-of): those whose
last_reviewed is older than playbook.yaml's review_interval, and those never reviewed.
They are grouped by owner, with the count per owner, owners with the oldest review
first and each owner's documents oldest first.
Exit status is 0 whatever is due, 1 when the playbook has errors.`,
		flags: func(fs *flag.FlagSet) func(*env, []string) int {
			format := fs.String("format", "text", "output `format`: text, markdown or json")
			asOf := fs.String("as-of", "", "judge review dates as of this `date` (2006-01-02) instead of today")
			return func(e *env, args []string) int {
				if *format != "text" && *format != "markdown" && *format != "json" {
					e.errorf("review: unknown format %q (use text, markdown or json)", *format)
					return exitUsage
				}
				now, ok := e.asOf("review", *asOf)
				if !ok {
					return exitUsage
				}
				dir, rest := splitDir(args)
				if len(rest) > 0 {
					e.errorf("review: unexpected arguments %q (review takes one playbook folder)", rest)
					return exitUsage
				}
				p, ok := loadValid(e, "review", dir, now)
				if !ok {
					return exitInvalid
				}
				due := review.Due(review.Status(p, now), p.Site.ReviewInterval.Set)
				writeReview(e.stdout, *format, p, due, now)
				return exitOK
			}
		},
	})
	commands = append(commands, &command{
		name:    "codeowners",
		args:    "[playbook-dir]",
		summary: "write a CODEOWNERS file from the documents' owners",
		help: `
Codeowners writes a CODEOWNERS file that makes each document's owner team, by the
team's handle (handle: "@org/team" in teams/*.yaml), the owner of its file on the code
host, so that a pull request changing a runbook asks its team for review. Paths are
rooted at the playbook folder's place in the git repository (--prefix otherwise).
Documents of a team without a handle are listed in comments.

  escalator codeowners content -o .github/CODEOWNERS

-o replaces an existing file only when escalator wrote it (or with --force).`,
		flags: func(fs *flag.FlagSet) func(*env, []string) int {
			out := fs.String("o", "", "write to `file` (replaced atomically) instead of standard output")
			force := fs.Bool("force", false, "replace the -o file even when escalator did not write it")
			prefix := fs.String("prefix", "", "the playbook folder's `path` in the repository, when it is not a git work tree")
			return func(e *env, args []string) int {
				dir, rest := splitDir(args)
				if len(rest) > 0 {
					e.errorf("codeowners: unexpected arguments %q (codeowners takes one playbook folder)", rest)
					return exitUsage
				}
				pre := *prefix
				if pre == "" {
					var err error
					if pre, err = gitfs.Prefix(dir); err != nil {
						pre = filepath.ToSlash(filepath.Clean(dir))
					}
				}
				pre = strings.Trim(pre, "/")
				if pre == "." {
					pre = ""
				}
				p, ok := loadValid(e, "codeowners", dir, time.Now())
				if !ok {
					return exitInvalid
				}
				data := codeowners.Generate(p, filepath.ToSlash(dir), pre)
				if *out == "" {
					e.stdout.Write(data)
					return exitOK
				}
				if err := codeowners.WriteFile(*out, data, *force); err != nil {
					e.errorf("codeowners: %v (choose another -o, or add --force to replace it)", err)
					return exitUsage
				}
				return exitOK
			}
		},
	})
}

// loadValid loads the playbook for a command that needs it whole; on errors it prints
// them and says so.
func loadValid(e *env, cmd, dir string, now time.Time) (*matrix.Playbook, bool) {
	p, diags := matrix.LoadDir(dir, matrix.Options{Run: matrix.Audit, Now: now, SkipBodies: true})
	if diags.HasErrors() {
		e.report(diags)
		e.errorf("%s: the playbook has errors; run `escalator check %s`", cmd, dir)
		return nil, false
	}
	return p, true
}

// writeReview prints the documents due, by owner.
func writeReview(w io.Writer, format string, p *matrix.Playbook, due []review.Owner, now time.Time) {
	total := 0
	for _, o := range due {
		total += len(o.Docs)
	}
	iv := p.Site.ReviewInterval
	if format == "json" {
		out := struct {
			Version  int            `json:"version"`
			AsOf     string         `json:"as_of"`
			Interval string         `json:"review_interval"`
			Due      int            `json:"due"`
			Owners   []review.Owner `json:"owners"`
		}{1, now.Format(time.DateOnly), "", total, due}
		if iv.Set {
			out.Interval = iv.String()
		}
		if out.Owners == nil {
			out.Owners = []review.Owner{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.Encode(out)
		return
	}
	word := "documents"
	if total == 1 {
		word = "document"
	}
	head := fmt.Sprintf("%d %s due for review as of %s", total, word, now.Format(time.DateOnly))
	if iv.Set {
		head += " (review interval " + iv.String() + ")"
	}
	line := func(d review.Doc) string {
		when := "never reviewed"
		if d.LastReviewed != "" {
			when = fmt.Sprintf("last reviewed %s, %d days overdue", d.LastReviewed, d.DaysOverdue)
		}
		return fmt.Sprintf("%s %s %q (%s): %s", d.Kind, d.ID, d.Title, d.File, when)
	}
	owner := func(o review.Owner) string {
		if o.Team == "" {
			return fmt.Sprintf("no owner: %d due", len(o.Docs))
		}
		return fmt.Sprintf("%s (%s): %d due", o.Team, o.Name, len(o.Docs))
	}
	if format == "markdown" {
		fmt.Fprintf(w, "**%s**\n", head)
		for _, o := range due {
			fmt.Fprintf(w, "\n### %s\n\n", diag.Printable(owner(o)))
			for _, d := range o.Docs {
				fmt.Fprintf(w, "- %s\n", diag.Printable(line(d)))
			}
		}
		return
	}
	fmt.Fprintln(w, head)
	for _, o := range due {
		fmt.Fprintln(w, diag.Printable(owner(o)))
		for _, d := range o.Docs {
			fmt.Fprintln(w, "  "+diag.Printable(line(d)))
		}
	}
}
