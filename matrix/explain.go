package matrix

import "strings"

// RuleTrace says how one rule fared for a case.
type RuleTrace struct {
	Rule *Rule
	// Reached is false for rules after the deciding one: evaluation stopped before them.
	Reached bool
	Matched bool
	Decided bool
	Conds   []CondTrace
}

// CondTrace says whether one condition held, and what the fact was.
type CondTrace struct {
	Cond  *Cond
	Held  bool
	Given string // the fact's value, or "" when not given
	Set   bool
}

// Explain traces the evaluation of every rule for f, in order, the way Route does.
func (p *Playbook) Explain(f Facts) []RuleTrace {
	out := make([]RuleTrace, 0, len(p.Routes))
	decided := false
	for _, r := range p.Routes {
		tr := RuleTrace{Rule: r, Reached: !decided}
		tr.Matched = true
		for i := range r.When {
			c := &r.When[i]
			ct := CondTrace{Cond: c}
			if fact := p.Fact(c.Fact); fact != nil && c.valid {
				ct.Given, ct.Set = f.Get(fact.ID)
				ct.Held = ct.Set && c.holds(fact.Type, f.vals[c.fact])
			}
			tr.Matched = tr.Matched && ct.Held
			tr.Conds = append(tr.Conds, ct)
		}
		if tr.Reached && tr.Matched && !r.Continue {
			tr.Decided, decided = true, true
		}
		if !tr.Reached {
			tr.Matched = false
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
