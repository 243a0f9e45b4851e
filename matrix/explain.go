package matrix

import (
	"strings"
	"time"
)

// RuleTrace says how one rule fared for a case.
type RuleTrace struct {
	Rule *Rule
	// Reached is false for rules after the deciding one: evaluation stopped before them.
	Reached bool
	Matched bool
	Decided bool
	// Raised is the tier the rule raised the case to, when it matched and its
	// `severity` was more severe than the case's tier so far; nil otherwise.
	Raised *Severity
	Conds  []CondTrace
}

// CondTrace says whether one condition held, and what the fact was.
type CondTrace struct {
	Cond  *Cond
	Held  bool
	Given string // the fact's value as the rule saw it, or "" when not given
	Set   bool
	// RaisedBy is the earlier rule that raised the severity the condition read (the
	// facts gave another tier, or none); nil when it read the fact as given.
	RaisedBy *Rule
}

// Explain traces the evaluation of every rule for f, in order, the way Route does: a
// rule's raise is seen by the conditions on severity after it.
func (p *Playbook) Explain(f Facts) []RuleTrace {
	out := make([]RuleTrace, 0, len(p.Routes))
	sf := -1
	var sev, raised *Severity
	var by *Rule
	if fact := p.SeverityFact(); fact != nil {
		sf = fact.Index
		if f.set != nil && f.set[sf] {
			sev = p.Severity(f.vals[sf].s)
		}
	}
	decided := false
	for _, r := range p.Routes {
		tr := RuleTrace{Rule: r, Reached: !decided}
		tr.Matched = true
		for i := range r.When {
			c := &r.When[i]
			ct := CondTrace{Cond: c}
			if fact := p.Fact(c.Fact); fact != nil && c.valid {
				if raised != nil && c.fact == sf && tr.Reached {
					ct.Given, ct.Set, ct.RaisedBy = raised.ID, true, by
					ct.Held = c.holds(fact.Type, value{s: raised.ID})
				} else {
					ct.Given, ct.Set = f.Get(fact.ID)
					ct.Held = ct.Set && c.holds(fact.Type, f.vals[c.fact])
				}
			}
			tr.Matched = tr.Matched && ct.Held
			tr.Conds = append(tr.Conds, ct)
		}
		if !tr.Reached {
			tr.Matched = false
		}
		if tr.Matched {
			if s := p.Severity(r.Severity.ID); s != nil && (sev == nil || s.Rank < sev.Rank) {
				sev, raised, by, tr.Raised = s, s, r, s
			}
			if !r.Continue {
				tr.Decided, decided = true, true
			}
		}
		out = append(out, tr)
	}
	return out
}

// String renders the condition as an author wrote it: `severity in [sev1, sev2]`.
func (c Cond) String() string {
	raw := c.Raw
	switch {
	case strings.HasPrefix(raw, "["):
		return c.Fact + " in " + raw
	case raw != "" && strings.ContainsAny(raw[:1], "<>=!"):
		return c.Fact + " " + raw
	}
	return c.Fact + " = " + raw
}

// HoursTrace says how a team's hours applied at an instant: its local time, and the
// window, closed day or holiday that decided whether it was open.
type HoursTrace struct {
	Team   *Team
	Local  time.Time // the instant on the team's clock; zero for 24x7 teams
	Open   bool
	Reason string // "24x7", "mon-fri 08:00-18:00", "closed on 2026-12-25", "Christmas Day (england)", "outside mon-fri 08:00-18:00"
}

// ExplainHours traces the hours of every team a decision at the instant at turned on:
// the routed team and the fallbacks passed over, the owner, and the notified teams
// with those they replaced.
func (p *Playbook) ExplainHours(d *Decision) []HoursTrace {
	if d == nil || d.At.IsZero() {
		return nil
	}
	var teams []*Team
	add := func(ts ...*Team) {
		for _, t := range ts {
			teams = appendTeam(teams, t)
		}
	}
	add(d.Routed)
	add(d.OffHours...)
	add(d.Owner)
	add(d.NotifiedOffHours...)
	add(d.Notified...)
	out := make([]HoursTrace, 0, len(teams))
	for _, t := range teams {
		out = append(out, p.hoursAt(t, d.At))
	}
	return out
}

func (p *Playbook) hoursAt(t *Team, at time.Time) HoursTrace {
	tr := HoursTrace{Team: t}
	h := t.Hours
	if h.Always || !h.Set {
		tr.Open, tr.Reason = true, "24x7"
		return tr
	}
	if h.loc == nil {
		tr.Reason = "unknown time zone " + h.TimeZone
		return tr
	}
	tr.Local = at.In(h.loc)
	y, m, day := tr.Local.Date()
	for _, c := range h.Closed {
		if !c.IsZero() && c.Year() == y && c.Month() == m && c.Day() == day {
			tr.Reason = "closed on " + c.Format(time.DateOnly)
			return tr
		}
	}
	for _, r := range h.Holidays {
		if c := p.Holiday(r.ID); c != nil {
			if name, closed := c.Closes(y, m, day); closed {
				tr.Reason = name + " (" + c.ID + ")"
				return tr
			}
		}
	}
	var all []string
	for _, w := range h.Windows {
		text := w.Days + " " + w.Start + "-" + w.End
		if (Hours{Set: true, Windows: []Window{w}, loc: h.loc}).Contains(at) {
			tr.Open, tr.Reason = true, text
			return tr
		}
		all = append(all, text)
	}
	tr.Reason = "outside " + strings.Join(all, ", ")
	return tr
}
