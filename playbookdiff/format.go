package playbookdiff

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/diag"
)

// Format names an output format of a report.
type Format string

const (
	Text     Format = "text"
	Markdown Format = "markdown"
	JSON     Format = "json"
	GitHub   Format = "github"
)

// ParseFormat accepts the names of the formats Write knows.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case Text, Markdown, JSON, GitHub:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q (use text, markdown, json or github)", s)
}

// maxShifts is how many changed shifts of one schedule text and Markdown list; JSON
// lists them all.
const maxShifts = 10

// Write renders r in format f. Every format lists the sections in one order: cells,
// tests, timelines, on-call, contacts, warnings, documents; text from the playbook is
// made printable.
func Write(w io.Writer, f Format, r *Report) error {
	switch f {
	case JSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	case GitHub:
		return diag.Write(w, diag.GitHub, r.Annotations())
	case Markdown:
		_, err := io.WriteString(w, r.markdown())
		return err
	default:
		_, err := io.WriteString(w, r.text())
		return err
	}
}

// section is one part of a report as text: a heading and its lines.
type section struct {
	title string
	lines []string
}

// Summary is the report in one line: what changed, by section.
func (r *Report) Summary() string {
	if r.Empty() {
		return "no changes"
	}
	var parts []string
	for _, s := range r.sections() {
		parts = append(parts, s.title)
	}
	return strings.Join(parts, "; ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func (c Change) text() string {
	switch {
	case c.Old == "" && c.New == "" && c.Note == "":
		return c.Field + " changed"
	case len(c.Added)+len(c.Removed) > 0:
		var b []string
		for _, x := range c.Added {
			b = append(b, "+"+x)
		}
		for _, x := range c.Removed {
			b = append(b, "-"+x)
		}
		return c.Field + ": " + strings.Join(b, " ")
	}
	s := c.Field + ": " + orNone(c.Old) + " -> " + orNone(c.New)
	if c.Note != "" {
		s += " (" + c.Note + ")"
	}
	return s
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func changes(list []Change) string {
	var out []string
	for _, c := range list {
		out = append(out, c.text())
	}
	return strings.Join(out, "; ")
}

func (w Where) String() string {
	switch {
	case w.File == "":
		return ""
	case w.Line == 0:
		return w.File
	}
	return fmt.Sprintf("%s:%d", w.File, w.Line)
}

func (s ShiftChange) text() string {
	if s.Change != "hands" {
		return s.Team + "/" + s.Schedule + ": " + s.Change
	}
	loc := s.loc
	if loc == nil {
		loc = time.UTC
	}
	const layout = "Mon 2 Jan 15:04 MST"
	who := func(n string) string {
		if n == "" {
			return "nobody"
		}
		return n
	}
	line := fmt.Sprintf("%s/%s %s to %s: %s -> %s", s.Team, s.Schedule,
		time.Time(s.From).In(loc).Format(layout), time.Time(s.Until).In(loc).Format(layout), who(s.Old), who(s.New))
	if s.Gap {
		line += " (coverage gap)"
	}
	return line
}

// sections renders the non-empty sections, in the report's order.
func (r *Report) sections() []section {
	var out []section
	if len(r.Cells) > 0 {
		s := section{title: plural(len(r.Cells), "matrix cell", "matrix cells") + " changed"}
		for _, c := range r.Cells {
			s.lines = append(s.lines, fmt.Sprintf("%s x %s: %s; %s", c.Domain, c.Severity, changes(c.Changes), c.Why))
		}
		out = append(out, s)
	}
	if len(r.Tests) > 0 {
		s := section{title: plural(len(r.Tests), "routing test", "routing tests") + " changed"}
		for _, t := range r.Tests {
			var line string
			switch t.Change {
			case "added":
				line = fmt.Sprintf("added %q (%s): %s", t.Name, t.Where, t.New)
			case "removed":
				line = fmt.Sprintf("removed %q: it %s", t.Name, t.Old)
			default:
				line = fmt.Sprintf("%q (%s): %s -> %s", t.Name, t.Where, t.Old, t.New)
			}
			s.lines = append(s.lines, line)
		}
		out = append(out, s)
	}
	if len(r.Timelines) > 0 {
		s := section{title: plural(len(r.Timelines), "escalation timeline", "escalation timelines") + " changed"}
		for _, t := range r.Timelines {
			s.lines = append(s.lines, fmt.Sprintf("%s (%s): %s", t.Team, t.Where, changes(t.Changes)))
		}
		out = append(out, s)
	}
	if len(r.OnCall) > 0 {
		title := plural(len(r.OnCall), "on-call change", "on-call changes") + " in the 4 weeks from " + time.Time(r.From).Format("2 Jan 2006")
		if g := r.Gaps(); g > 0 {
			title += ", " + plural(g, "coverage gap", "coverage gaps") + " opened"
		}
		s := section{title: title}
		shown := map[string]int{}
		for _, c := range r.OnCall {
			k := c.Team + "/" + c.Schedule
			if shown[k]++; shown[k] <= maxShifts {
				s.lines = append(s.lines, c.text())
			}
		}
		for _, c := range r.OnCall {
			k := c.Team + "/" + c.Schedule
			if n := shown[k]; n > maxShifts {
				s.lines = append(s.lines, fmt.Sprintf("%s: and %d more", k, n-maxShifts))
				shown[k] = 0
			}
		}
		out = append(out, s)
	}
	if len(r.Contacts) > 0 {
		s := section{title: plural(len(r.Contacts), "contact", "contacts") + " changed"}
		for _, c := range r.Contacts {
			line := fmt.Sprintf("%s %s %s %s", c.Owner, c.Kind, c.ID, c.Change)
			if c.Kind == "vendor" {
				line = fmt.Sprintf("vendor %s support %s", c.ID, c.Change)
			}
			if len(c.Changes) > 0 {
				line += ": " + changes(c.Changes)
			}
			s.lines = append(s.lines, line)
		}
		out = append(out, s)
	}
	if len(r.Warnings) > 0 {
		added := 0
		for _, w := range r.Warnings {
			if w.Change == "added" {
				added++
			}
		}
		s := section{title: fmt.Sprintf("audit warnings: %d added, %d resolved", added, len(r.Warnings)-added)}
		for _, w := range r.Warnings {
			sign := "+"
			if w.Change == "resolved" {
				sign = "-"
			}
			s.lines = append(s.lines, fmt.Sprintf("%s %s: %s", sign, w.Where, w.Message))
		}
		out = append(out, s)
	}
	if len(r.Documents) > 0 {
		s := section{title: fmt.Sprintf("documents changed: %d", len(r.Documents))}
		for _, d := range r.Documents {
			var line string
			switch d.Change {
			case "added":
				line = fmt.Sprintf("added %s %s (%s)", d.Kind, d.ID, d.File)
			case "removed":
				line = fmt.Sprintf("removed %s %s (%s)", d.Kind, d.ID, d.OldFile)
			case "renamed":
				line = fmt.Sprintf("renamed %s %s: %s -> %s", d.Kind, d.ID, d.OldFile, d.File)
			default:
				line = "changed " + d.File
			}
			s.lines = append(s.lines, line)
		}
		out = append(out, s)
	}
	return out
}

// text is the report for a terminal: each section's heading, then its lines indented.
func (r *Report) text() string {
	if r.Empty() {
		return "no changes\n"
	}
	var b strings.Builder
	for _, s := range r.sections() {
		b.WriteString(diag.Printable(s.title))
		b.WriteByte('\n')
		for _, l := range s.lines {
			b.WriteString("  ")
			b.WriteString(diag.Printable(l))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// markdown is the report for a pull-request comment: a summary line, then each section
// collapsed, routing sections open.
func (r *Report) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "**escalator diff** (%s → %s): %s\n", mdText(r.Old), mdText(r.New), mdText(r.Summary()))
	for i, s := range r.sections() {
		open := ""
		if i == 0 && r.Routing() {
			open = " open"
		}
		fmt.Fprintf(&b, "\n<details%s><summary>%s</summary>\n\n", open, htmlText(s.title))
		for _, l := range s.lines {
			b.WriteString("- ")
			b.WriteString(mdText(l))
			b.WriteByte('\n')
		}
		b.WriteString("\n</details>\n")
	}
	return b.String()
}

// mdText escapes what Markdown or HTML would read in playbook text, on one line.
var mdEscaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "|", `\|`, "#", `\#`, "~", `\~`, "\n", " ", "\r", " ")

func mdText(s string) string {
	return strings.ReplaceAll(mdEscaper.Replace(diag.Printable(s)), " -&gt; ", " → ")
}

var htmlEscaper = strings.NewReplacer("<", "&lt;", ">", "&gt;", "&", "&amp;", "\n", " ")

func htmlText(s string) string { return htmlEscaper.Replace(diag.Printable(s)) }

// Annotations are the report as notices at the lines each change touches, for
// `--format github`: a cell at the rule that now decides it, a test at the test, a
// timeline at the chain, a shift at the schedule, a contact at its entry, a warning
// where it is (as a warning when added), a document at its file.
func (r *Report) Annotations() diag.List {
	var l diag.List
	note := func(code diag.Code, w Where, msg string) {
		l = append(l, diag.Diagnostic{File: w.File, Line: w.Line, Col: w.Col, Severity: diag.Notice, Code: code, Message: msg})
	}
	ss := r.sections()
	idx := 0
	next := func() section { s := ss[idx]; idx++; return s }
	if len(r.Cells) > 0 {
		s := next()
		for i, c := range r.Cells {
			w := Where{}
			if c.New != nil {
				w = c.New.Where
			} else if c.Old != nil {
				w = Where{File: c.Old.File}
			}
			note(diag.ChangedRoute, w, s.lines[i])
		}
	}
	if len(r.Tests) > 0 {
		s := next()
		for i, t := range r.Tests {
			note(diag.ChangedTest, t.Where, "routing test "+s.lines[i])
		}
	}
	if len(r.Timelines) > 0 {
		s := next()
		for i, t := range r.Timelines {
			note(diag.ChangedEscalation, t.Where, "escalation "+s.lines[i])
		}
	}
	if len(r.OnCall) > 0 {
		next()
		// One notice a schedule: a rotation reordered changes every shift.
		var first []int
		count := map[string]int{}
		for i, c := range r.OnCall {
			k := c.Team + "/" + c.Schedule
			if count[k]++; count[k] == 1 {
				first = append(first, i)
			}
		}
		for _, i := range first {
			c := r.OnCall[i]
			msg := "on call: " + c.text()
			if n := count[c.Team+"/"+c.Schedule]; n > 1 {
				msg += fmt.Sprintf(", and %d more shifts of this schedule change hands", n-1)
			}
			note(diag.ChangedOnCall, c.Where, msg)
		}
	}
	if len(r.Contacts) > 0 {
		s := next()
		for i, c := range r.Contacts {
			note(diag.ChangedContact, c.Where, "contact "+s.lines[i])
		}
	}
	for _, w := range r.Warnings {
		if w.Change == "added" {
			l = append(l, diag.Diagnostic{File: w.File, Line: w.Line, Col: w.Col, Severity: diag.Warning, Code: w.Code, Message: "new warning: " + w.Message, Suggestion: w.Suggestion})
		} else {
			note(diag.ResolvedWarning, Where{File: w.File}, "resolved warning: "+w.Message)
		}
	}
	for _, d := range r.Documents {
		note(diag.ChangedDocument, Where{File: cmp.Or(d.File, d.OldFile)}, strings.TrimSpace("document "+d.Change+": "+d.Kind+" "+d.ID))
	}
	l.Sort()
	return l
}
