package matrix

import (
	"slices"
	"strconv"
)

// The methods here let other packages ask what-if questions of the rules (the history
// package's suggestions) without copying how conditions are typed and matched.

// Matches reports whether every condition of r holds for f; the default rule matches
// every case.
func (r *Rule) Matches(f Facts) bool { return r.matches(&f) }

// Holds reports whether the condition holds for f. A condition on a fact f lacks, or
// one that did not compile, does not hold.
func (c *Cond) Holds(f Facts) bool {
	return c.valid && f.set != nil && f.set[c.fact] && c.holds(c.typ, f.vals[c.fact])
}

// Op returns the comparison of a condition on a number fact (">=", ">", "<=", "<",
// "!="), or "" for a condition that holds when the fact is one of Values.
func (c *Cond) Op() string {
	switch c.op {
	case opNe:
		return "!="
	case opLt:
		return "<"
	case opLe:
		return "<="
	case opGt:
		return ">"
	case opGe:
		return ">="
	}
	return ""
}

// Values returns the condition's operands as a fact's values are written: for a
// comparison, its bound.
func (c *Cond) Values() []string {
	out := make([]string, len(c.vals))
	for i, v := range c.vals {
		if c.typ == Number {
			out[i] = strconv.FormatFloat(v.n, 'f', -1, 64)
		} else {
			out[i] = v.s
		}
	}
	return out
}

// SeenBy returns the facts as rule r reads them when it is reached: the severity fact
// raised by the matching rules before it (see Route). It returns f itself when nothing
// before r raised the severity, and never changes f.
func (p *Playbook) SeenBy(f Facts, r *Rule) Facts {
	sf := p.SeverityFact()
	if sf == nil || f.set == nil || r == nil || r.Index <= 0 || r.Index > len(p.Routes) {
		return f
	}
	var given *Severity
	if f.set[sf.Index] {
		given = p.Severity(f.vals[sf.Index].s)
	}
	sev, raised := given, (*Severity)(nil)
	for _, e := range p.Routes[:r.Index] {
		if e.Severity.ID == "" || !e.matchesRaised(&f, sf.Index, raised) {
			continue
		}
		if s := p.Severity(e.Severity.ID); s != nil && (sev == nil || s.Rank < sev.Rank) {
			sev, raised = s, s
		}
	}
	if raised == nil {
		return f
	}
	out := Facts{p: f.p, vals: slices.Clone(f.vals), set: slices.Clone(f.set)}
	out.vals[sf.Index], out.set[sf.Index] = value{s: raised.ID}, true
	return out
}
