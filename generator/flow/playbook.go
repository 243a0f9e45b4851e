package flow

import (
	"strconv"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/matrix"
)

// The diagrams of a playbook. Links are site-relative; routing comes from the matrix
// package, so a diagram always says what `escalator route` decides.

// pending is an edge waiting for the next node of a chain of rules.
type pending struct {
	from     int
	label    string
	class    Class
	straight bool
}

func (d *Diagram) join(from []pending, to int) {
	for _, p := range from {
		d.link(p.from, to, p.label, p.class, p.straight)
	}
}

// Policy draws the routing rules in order: each rule's question, its answer leading to
// a team, the next rule when it does not match, ending in the default rule.
func Policy(p *matrix.Playbook) *Diagram {
	d := &Diagram{
		ID:    "flow-policy",
		Title: "Routing policy: " + plural(len(p.Routes), "rule") + " in order",
		Desc: "Each rule's question is asked in order. Yes leads to the team the rule names; " +
			"a team marked “then continue” is notified and the next question is asked; " +
			"no leads to the next question. Immediate routes have a heavy border; the default rule's team a dotted one.",
	}
	d.Nodes = make([]Node, 0, 3*len(p.Routes)+2)
	d.Edges = make([]Edge, 0, 4*len(p.Routes)+2)
	start := d.add(Node{Label: "A new incident", Note: "rules are tried in order", Class: Start})
	when := make([][]*matrix.Cond, len(p.Routes))
	for i, r := range p.Routes {
		for k := range r.When {
			when[i] = append(when[i], &r.When[k])
		}
	}
	rules(p, d, []pending{{from: start, straight: true}}, p.Routes, when)
	return d
}

// Domain draws the decision path of an issue in one domain: the rules that can apply to
// it, in order, asking only what the domain does not already answer. It returns nil
// when the playbook has no domain fact.
func Domain(p *matrix.Playbook, dom *matrix.Domain) *Diagram {
	df := p.DomainFact()
	if df == nil {
		return nil
	}
	f := p.NewFacts()
	if err := f.Set(df.ID, dom.ID); err != nil {
		return nil
	}
	// Explain says, for each rule, how its conditions fare when only the domain is known.
	var applies []*matrix.Rule
	var open [][]*matrix.Cond // the conditions of each rule that applies still to ask
	for _, tr := range p.Explain(f) {
		ok := true
		var rest []*matrix.Cond
		for _, c := range tr.Conds {
			if c.Set && !c.Held {
				ok = false
				break
			}
			if !c.Set {
				rest = append(rest, c.Cond)
			}
		}
		if ok {
			applies = append(applies, tr.Rule)
			open = append(open, rest)
		}
	}
	d := &Diagram{
		ID:    "flow-domain",
		Title: "Decision path for an issue in " + dom.Name,
		Desc: "The routing rules that can apply to " + dom.Name + ", in order, asking only what the domain does not answer. " +
			"Yes leads to the owning team; a team marked “then continue” is notified and the next question is asked.",
	}
	start := d.add(Node{Label: "An issue in " + dom.Name, Note: df.ID + " = " + dom.ID, Class: Start})
	rules(p, d, []pending{{from: start, straight: true}}, applies, open)
	return d
}

// rules chains rules after the pending edges. when[i] holds the conditions still to
// ask of list[i]; a rule with none left always matches.
func rules(p *matrix.Playbook, d *Diagram, prev []pending, list []*matrix.Rule, when [][]*matrix.Cond) {
	for i, r := range list {
		conds := when[i]
		if len(conds) == 0 {
			team := d.add(ruleTeam(p, r, true))
			d.join(prev, team)
			runbooks(p, d, r, team)
			if !r.Continue {
				return
			}
			prev = []pending{{from: team, straight: true}}
			continue
		}
		q := d.add(Node{Label: question(p, conds), Note: "rule " + strconv.Itoa(r.Index+1), Href: "matrix.html#rule-" + strconv.Itoa(r.Index), Class: Question})
		d.join(prev, q)
		team := d.add(ruleTeam(p, r, false))
		d.link(q, team, "yes", Yes, false)
		runbooks(p, d, r, team)
		prev = []pending{{from: q, label: "no", class: No, straight: true}}
		if r.Continue {
			prev = append(prev, pending{from: team, label: "then", class: Yes})
		}
	}
	end := d.add(Node{Label: "No route", Note: "the playbook has no default rule", Class: End})
	d.join(prev, end)
}

// runbooks hangs the runbooks a rule names under its team: the page to open next.
func runbooks(p *matrix.Playbook, d *Diagram, r *matrix.Rule, team int) {
	for _, ref := range r.Runbooks {
		if rb := p.Runbook(ref.ID); rb != nil {
			d.link(team, d.add(Node{Label: rb.Title, Note: "runbook", Href: "runbooks/" + rb.ID + ".html", Class: Runbook}), "", "", false)
		}
	}
}

// question is a rule's conditions as a question; a lone yes-or-no fact asks its own.
func question(p *matrix.Playbook, conds []*matrix.Cond) string {
	if len(conds) == 1 && conds[0].Raw == "true" {
		if f := p.Fact(conds[0].Fact); f != nil && f.Type == matrix.Bool && f.Question != "" {
			return f.Question
		}
	}
	parts := make([]string, len(conds))
	for i, c := range conds {
		parts[i] = c.String()
	}
	return strings.Join(parts, " and ") + "?"
}

// ruleTeam is the node of the team a rule routes to, with what else the rule does.
func ruleTeam(p *matrix.Playbook, r *matrix.Rule, always bool) Node {
	n := Node{Label: teamName(p, r.To.ID), Href: "teams/" + r.To.ID + ".html", Class: Team}
	var note []string
	switch {
	case r.Immediate:
		n.Class = Immediate
		note = append(note, "immediately")
	case r.Continue:
		n.Class = Notify
		note = append(note, "notified")
	case r.IsDefault():
		n.Class = Default
		note = append(note, "every other case")
	case always:
		note = append(note, "every remaining case")
	}
	if len(r.Also) > 0 {
		names := make([]string, len(r.Also))
		for i, a := range r.Also {
			names[i] = teamName(p, a.ID)
		}
		note = append(note, "also notify "+strings.Join(names, ", "))
	}
	if r.Severity.ID != "" {
		note = append(note, "at least "+r.Severity.ID)
	}
	if r.Continue {
		note = append(note, "then continue")
	}
	n.Note = strings.Join(note, "; ")
	return n
}

// Ladder draws a team's escalation chain, handoff by handoff with the time each one
// happens, and who takes over out of hours.
func Ladder(p *matrix.Playbook, t *matrix.Team) *Diagram {
	d := &Diagram{
		ID:    "flow-team",
		Title: "Escalation ladder of " + t.Name,
		Desc: "Who is paged, in order, with the time after the start of the incident at which each handoff happens" +
			" while the incident is still unacknowledged or unresolved, and who takes over out of hours.",
	}
	hours := "24x7"
	if !t.Hours.Always {
		hours = "business hours, " + t.Hours.TimeZone
	}
	start := d.add(Node{Label: "Incident routed to " + t.Name, Note: hours, Class: Start})
	prev := start
	handoffs := p.Handoffs(t, time.Time{})
	for _, h := range handoffs {
		n := Node{Label: h.Name, Note: who(h), Class: Step}
		if len(h.Teams) > 0 {
			n.Href = "teams/" + h.Teams[0].ID + ".html"
		}
		if h.Round > 0 {
			n.Note = "repeat " + strconv.Itoa(h.Round) + ": " + n.Note
		}
		cur := d.add(n)
		label := "T+" + matrix.FormatDuration(h.After)
		if prev != start {
			label += " if " + h.While
		}
		d.link(prev, cur, label, "", true)
		prev = cur
	}
	if len(handoffs) == 0 {
		d.link(start, d.add(Node{Label: "No escalation chain", Class: End}), "", "", true)
	}
	prev = start
	for _, fb := range p.Fallbacks(t) {
		note := "24x7"
		if !fb.Hours.Always {
			note = "in its hours, else the next"
		}
		cur := d.add(Node{Label: fb.Name, Note: note, Href: "teams/" + fb.ID + ".html", Class: Fallback})
		d.link(prev, cur, "out of hours", No, prev != start)
		prev = cur
	}
	return d
}

// who lists whom a handoff pages.
func who(h matrix.Handoff) string { return strings.Join(h.Who(), ", ") }

// Lifecycle draws a severity's incident lifecycle, phase by phase, left to right, with
// the SLA clock at each cut-over: the deadline by which the phase before it is done.
func Lifecycle(sev *matrix.Severity) *Diagram {
	d := &Diagram{
		ID:          "flow-severity",
		Title:       "Lifecycle of a " + sev.ID + " " + sev.Name + " incident",
		LeftToRight: true,
		Desc: "The phases of an incident in order; each cut-over is labelled with the SLA deadline, counted from " +
			"the start of the incident, by which the phase before it must be done.",
	}
	clock := func(t matrix.Duration) string {
		if !t.Set {
			return ""
		}
		return "T+" + t.String()
	}
	phases := []struct {
		label, note string
		cut         string // the clock on the edge into the phase
	}{
		{"Declared", "T+0", ""},
		{"Acknowledge", "", ""},
		{"Triage", "", clock(sev.SLA.Acknowledge)},
		{"Contain", "", clock(sev.SLA.Triage)},
		{"Remediate", "", clock(sev.SLA.Contain)},
		{"Verify", "", ""},
		{"Review", "", clock(sev.SLA.Resolve)}, // resolved; the root cause comes next
		{"Closed", "", clock(sev.SLA.RootCause)},
	}
	for i, ph := range phases {
		class := Step
		switch i {
		case 0:
			class = Start
		case len(phases) - 1:
			class = End
		}
		n := d.add(Node{Label: ph.label, Note: ph.note, Class: class})
		if i > 0 {
			d.link(n-1, n, ph.cut, "", true)
		}
	}
	return d
}

func teamName(p *matrix.Playbook, id string) string {
	if t := p.Team(id); t != nil {
		return t.Name
	}
	return id
}

func plural(n int, s string) string {
	if n == 1 {
		return "1 " + s
	}
	return strconv.Itoa(n) + " " + s + "s"
}
