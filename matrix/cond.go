package matrix

import "strconv"

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
