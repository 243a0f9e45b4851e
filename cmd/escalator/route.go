package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/matrix"
)

func init() {
	commands = append(commands, &command{
		name:    "route",
		args:    "[playbook-dir] fact=value ...",
		summary: "decide who owns a case, and how fast it escalates",
		help: `
Route applies the playbook's routing rules to the facts given as fact=value arguments
and prints the owning team and how to reach it now, the teams to notify, the severity
with its SLA deadlines, the escalation timeline, the runbooks and the brief to use.

  escalator route domain=payments severity=sev1
  escalator route content --at 2026-03-01T03:00:00Z domain=api severity=sev2 customers=4
  escalator route --grid

--at takes an RFC 3339 instant, or 2006-01-02T15:04 in the playbook's time zone; the
default is now. Operating hours are applied at that instant: an owner out of hours
hands over to its after-hours team.`,
		flags: func(fs *flag.FlagSet) func(*env, []string) int {
			at := fs.String("at", "", "the `instant` the incident starts (default now)")
			asJSON := fs.Bool("json", false, "print the decision as JSON (a versioned shape for tools)")
			explain := fs.Bool("explain", false, "list every rule considered and why it matched or not")
			grid := fs.Bool("grid", false, "print the domain x severity grid instead of routing one case")
			return func(e *env, args []string) int {
				dir, factArgs := splitDir(args)
				p, diags := matrix.LoadDir(dir, matrix.Options{ForRouting: true})
				if diags.HasErrors() {
					e.report(diags)
					e.errorf("route: the playbook has errors; run `escalator check %s`", dir)
					return exitInvalid
				}
				if *grid {
					if len(factArgs) > 0 {
						e.errorf("route: --grid takes no facts")
						return exitUsage
					}
					return printGrid(e, p, *asJSON)
				}
				f, errs := p.ParseFacts(factArgs)
				bad := map[string]bool{} // given but wrong: already reported, not missing
				for _, err := range errs {
					if fe, ok := err.(*matrix.FactError); ok {
						bad[fe.Fact] = true
					}
				}
				for _, m := range f.Missing() {
					if bad[m.ID] {
						continue
					}
					errs = append(errs, fmt.Errorf("missing required fact %q: %s (valid: %s)", m.ID, m.Question, strings.Join(factValues(m), ", ")))
				}
				if len(errs) > 0 {
					for _, err := range errs {
						e.errorf("route: %v", err)
					}
					fmt.Fprint(e.stderr, factHelp(p))
					return exitUsage
				}
				start := time.Now()
				atSet := false
				fs.Visit(func(f *flag.Flag) { atSet = atSet || f.Name == "at" })
				if atSet {
					var err error
					if start, err = matrix.ParseLocalInstant(*at, p.Site.Location.Location); err != nil {
						if _, gap := err.(*matrix.GapError); gap {
							e.errorf("route: --at %v", err)
						} else {
							e.errorf("route: cannot read --at %q (use 2026-03-01T03:00:00Z in the years %d to %d, or 2026-03-01T03:00 in %s in the years %d to %d)",
								*at, matrix.MinYear, matrix.MaxYear, p.Site.Location.Name, matrix.MinLocalYear, matrix.MaxLocalYear)
						}
						return exitUsage
					}
				}
				d, err := p.Route(f, start)
				if err != nil {
					e.errorf("route: %v", err)
					return exitInvalid
				}
				if *asJSON {
					out := p.DecisionJSON(d, f)
					if *explain {
						return writeJSON(e, struct {
							matrix.DecisionJSON
							Explain []matrix.TraceJSON      `json:"explain"`
							Hours   []matrix.HoursTraceJSON `json:"hours"`
						}{out, p.TraceJSON(p.Explain(f)), matrix.HoursTracesJSON(p.ExplainHours(d))})
					}
					return writeJSON(e, out)
				}
				out := diag.PrintableWriter(e.stdout) // names and contacts come from the playbook
				if *explain {
					printExplain(out, p, f, d)
					fmt.Fprintln(out)
				}
				printDecision(out, p, d)
				return exitOK
			}
		},
	})
}

func writeJSON(e *env, v any) int {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		e.errorf("%v", err)
		return exitInvalid
	}
	return exitOK
}

func factValues(f *matrix.Fact) []string {
	switch f.Type {
	case matrix.Choice:
		return f.Choices
	case matrix.Bool:
		return []string{"true", "false"}
	case matrix.Number:
		return []string{"a number"}
	}
	return []string{"any text"}
}

// factHelp lists the facts the playbook knows, for a responder who got one wrong: a
// fact and its question on a line, then its values, wrapped, so that a fact with
// fifty choices does not widen every line.
func factHelp(p *matrix.Playbook) string {
	width := 0
	for _, f := range p.Facts {
		width = max(width, len(f.ID)+1)
	}
	indent := strings.Repeat(" ", 2+width+2)
	var b strings.Builder
	b.WriteString("\nFacts:\n")
	for _, f := range p.Facts {
		req := ""
		if f.Required {
			req = " (required)"
		}
		fmt.Fprintf(&b, "  %-*s  %s%s\n", width, f.ID+"=", f.Question, req)
		line := indent
		for i, v := range factValues(f) {
			if i > 0 {
				v = "|" + v
			}
			if len(line) > len(indent) && len(line)+len(v) > 80 {
				b.WriteString(line + "\n")
				line = indent
			}
			line += v
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

func clock(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Mon 2 Jan 15:04 MST")
}

func printDecision(w io.Writer, p *matrix.Playbook, d *matrix.Decision) {
	loc := p.Site.Location.Location
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	defer tw.Flush()
	if d.Immediate {
		fmt.Fprintf(tw, "IMMEDIATE\tescalate now: do not wait for triage or a deadline\n")
	}
	o := d.Owner
	fmt.Fprintf(tw, "Owner\t%s (%s)\n", o.Name, o.ID)
	for _, t := range d.OffHours {
		fmt.Fprintf(tw, "\t%s is out of hours; its after-hours team takes over\n", t.ID)
	}
	if oc := d.OnCall; oc != nil {
		fmt.Fprintf(tw, "  on call now:\t%s\n", onCallText(oc, loc))
	}
	for _, c := range o.Channels {
		pin := ""
		if c.PIN != "" {
			pin = " (PIN " + c.PIN + ")"
		}
		fmt.Fprintf(tw, "  %s\t%s: %s%s\n", c.Kind, c.Name, c.Address, pin)
	}
	for _, m := range o.Members {
		role := ""
		if m.Role != "" {
			role = " (" + m.Role + ")"
		}
		fmt.Fprintf(tw, "  person\t%s%s: %s\n", m.Name, role, contacts(&m))
	}
	if len(d.Notified) > 0 {
		var ids []string
		for _, t := range d.Notified {
			ids = append(ids, t.ID)
		}
		fmt.Fprintf(tw, "Notify\t%s\n", strings.Join(ids, ", "))
	}
	for _, t := range d.NotifiedOffHours {
		fmt.Fprintf(tw, "\t%s is out of hours; its after-hours team is notified\n", t.ID)
	}
	if s := d.Severity; s != nil {
		raised := ""
		if d.Given != s {
			raised = ", raised"
			if d.Given != nil {
				raised += " from " + d.Given.ID
			}
			if d.RaisedBy != nil {
				raised += fmt.Sprintf(" by %q (line %d)", d.RaisedBy.Name, d.RaisedBy.Pos.Line)
			}
		}
		fmt.Fprintf(tw, "Severity\t%s %s%s\n", s.ID, s.Name, raised)
		fmt.Fprintf(tw, "Updates\tinternal %s, customers %s\n", cadence(s.Updates.Internal), cadence(s.Updates.Customer))
	}
	fmt.Fprintf(tw, "Started\t%s\n", clock(d.At, loc))
	if s := d.Severity; s != nil {
		// Every timer, in order: one the playbook leaves out reads "no target".
		for _, t := range s.SLA.Timers() {
			i := slices.IndexFunc(d.Deadlines, func(dl matrix.Deadline) bool { return dl.Name == t.Name })
			switch {
			case i < 0:
				fmt.Fprintf(tw, "  %s\t%s\n", t.Name, matrix.NoTarget)
			case d.Deadlines[i].At.IsZero():
				fmt.Fprintf(tw, "  %s\tT+%s\n", t.Name, t.After)
			default:
				fmt.Fprintf(tw, "  %s\tT+%s\t%s\n", t.Name, t.After, clock(d.Deadlines[i].At, loc))
			}
		}
	}
	if len(d.Handoffs) > 0 {
		fmt.Fprintf(tw, "Escalation\t%s\n", o.ID)
		handedOver := false
		for _, h := range d.Handoffs {
			if ho := d.Handover; ho != nil && !handedOver && h.Team == ho.To {
				handedOver = true
				fmt.Fprintf(tw, "  T+%s\t%s\t%s closes; %s's chain goes on from here\n",
					matrix.FormatDuration(ho.At.Sub(d.At)), clock(ho.At, loc), ho.From.ID, ho.To.ID)
			}
			var who []string
			for _, m := range h.Members {
				who = append(who, m.Name)
			}
			for _, c := range h.Channels {
				who = append(who, c.Name)
			}
			for _, oc := range h.OnCall {
				who = append(who, personName(oc.Person)+" ("+oc.Schedule.ID+offsetText(oc.Offset)+")")
			}
			for _, t := range h.Teams {
				who = append(who, t.ID)
			}
			cond := "if unacknowledged"
			if h.While == "unresolved" {
				cond = "if unresolved"
			}
			fmt.Fprintf(tw, "  T+%s\t%s\t%s: %s (%s)\n", matrix.FormatDuration(h.After), clock(h.At, loc), h.Name, strings.Join(who, ", "), cond)
			for _, t := range h.TeamsOffHours {
				fmt.Fprintf(tw, "\t\t  %s is out of hours then; its after-hours team is paged\n", t.ID)
			}
			for i := range h.OnCall {
				fmt.Fprintf(tw, "\t\t  %s%s: %s\n", h.OnCall[i].Schedule.ID, offsetText(h.OnCall[i].Offset), onCallText(&h.OnCall[i], loc))
			}
		}
	}
	for i, r := range d.Runbooks {
		label := ""
		if i == 0 {
			label = "Runbooks"
		}
		fmt.Fprintf(tw, "%s\t%s: %s\n", label, r.ID, r.Title)
	}
	if len(d.Roles) > 0 {
		var ids []string
		for _, r := range d.Roles {
			ids = append(ids, r.ID)
		}
		fmt.Fprintf(tw, "Roles\t%s\n", strings.Join(ids, ", "))
	}
	for i, b := range d.Briefs {
		label := ""
		if i == 0 {
			label = map[bool]string{true: "Brief", false: "Briefs"}[len(d.Briefs) == 1]
		}
		fmt.Fprintf(tw, "%s\t%s: %s\n", label, b.ID, b.Title)
	}
	fmt.Fprintf(tw, "Rule\t%q (%s:%d:%d)\n", d.Rule.Name, p.MatrixFile, d.Rule.Pos.Line, d.Rule.Pos.Col)
}

func printExplain(w io.Writer, p *matrix.Playbook, f matrix.Facts, d *matrix.Decision) {
	for _, tr := range p.Explain(f) {
		mark := "  no "
		switch {
		case tr.Decided:
			mark = "=> yes"
		case tr.Matched:
			mark = "+  yes"
		case !tr.Reached:
			mark = "   -- "
		}
		extra := ""
		if tr.Rule.Continue {
			extra = " [continue]"
		}
		fmt.Fprintf(w, "%s %q -> %s%s (line %d)\n", mark, tr.Rule.Name, tr.Rule.To.ID, extra, tr.Rule.Pos.Line)
		if !tr.Reached {
			continue
		}
		if len(tr.Conds) == 0 {
			fmt.Fprintf(w, "         default rule: matches every case\n")
		}
		for _, c := range tr.Conds {
			got := "not given"
			if c.Set {
				got = "is " + c.Given
			}
			if c.RaisedBy != nil {
				got += fmt.Sprintf(", raised by line %d", c.RaisedBy.Pos.Line)
			}
			ok := "holds"
			if !c.Held {
				ok = "fails"
			}
			fmt.Fprintf(w, "         %s: %s (%s)\n", c.Cond, ok, got)
		}
		if tr.Raised != nil {
			fmt.Fprintf(w, "         raises severity to %s: the rules after it see %s\n", tr.Raised.ID, tr.Raised.ID)
		}
	}
	fmt.Fprintln(w, "legend: => decides, + matched and continued, no did not match, -- not reached")
	if trs := p.ExplainHours(d); len(trs) > 0 {
		fmt.Fprintf(w, "\nhours at %s:\n", d.At.UTC().Format(time.RFC3339))
		for _, tr := range trs {
			state := "closed"
			if tr.Open {
				state = "open"
			}
			local := ""
			if !tr.Local.IsZero() {
				local = tr.Local.Format(" Mon 2 Jan 15:04 MST") + " (" + tr.Team.Hours.TimeZone + ")"
			}
			fmt.Fprintf(w, "  %s%s: %s, %s\n", tr.Team.ID, local, state, tr.Reason)
		}
	}
}

func printGrid(e *env, p *matrix.Playbook, asJSON bool) int {
	grid := p.Grid()
	if grid == nil {
		e.errorf("route: --grid needs a fact `from: domains` and one `from: severities`")
		return exitInvalid
	}
	if asJSON {
		return writeJSON(e, p.GridJSON(grid))
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 8, 2, ' ', 0)
	fmt.Fprint(tw, "domain")
	for _, s := range p.Severities {
		fmt.Fprintf(tw, "\t%s", s.ID)
	}
	fmt.Fprintln(tw)
	for _, row := range grid {
		fmt.Fprint(tw, row[0].Domain.ID)
		for _, c := range row {
			cell := "-"
			if d := c.Decision; d != nil {
				cell = d.Owner.ID
				if d.Immediate {
					cell += "!"
				}
				if d.Rule.IsDefault() {
					cell += "*"
				}
			}
			fmt.Fprintf(tw, "\t%s", cell)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	fmt.Fprintln(e.stdout, "\n* by the default rule   ! immediate   (hours ignored: the owner in business hours)")
	return exitOK
}

// contacts lists the ways to reach a person, phone first.
func contacts(m *matrix.Member) string {
	var how []string
	for _, s := range []string{m.Phone, m.Email, m.Chat} {
		if s != "" {
			how = append(how, s)
		}
	}
	return strings.Join(how, ", ")
}

func personName(p *matrix.Person) string {
	if p == nil {
		return "nobody on duty"
	}
	return p.Member.Name
}

func offsetText(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" +%d", n)
}

// onCallText reads "NAME until Mon 09:00 GMT (then NAME): contacts".
func onCallText(oc *matrix.OnCall, loc *time.Location) string {
	var b strings.Builder
	b.WriteString(personName(oc.Person))
	if oc.Person != nil && oc.Person.Team != oc.Team {
		b.WriteString(" of " + oc.Person.Team.ID)
	}
	if oc.Override != nil {
		b.WriteString(" (override")
		if oc.Override.Note != "" {
			b.WriteString(": " + oc.Override.Note)
		}
		b.WriteString(")")
	}
	if !oc.Until.IsZero() {
		layout := "Mon 15:04 MST"
		if oc.Until.Sub(oc.At) >= 6*24*time.Hour {
			layout = "Mon 2 Jan 15:04 MST"
		}
		fmt.Fprintf(&b, " until %s (then %s)", oc.Until.In(loc).Format(layout), personName(oc.Next))
	}
	if oc.Person != nil {
		if c := contacts(oc.Person.Member); c != "" {
			b.WriteString(": " + c)
		}
	}
	return b.String()
}

// cadence reads an update cadence: "every 30m", or "no target" when the playbook sets none.
func cadence(d matrix.Duration) string {
	if !d.Set {
		return matrix.NoTarget
	}
	return "every " + d.String()
}
