package synth

import (
	"slices"
	"strconv"
)

// value is a fact's value in a routing test, or the scalar of a condition.
type value struct {
	fact string
	kind byte // 's' string, 'b' bool, 'n' number
	s    string
	b    bool
	n    int
}

// cond is one entry of a rule's `when`.
type cond struct {
	fact string
	kind byte     // 's' equals, 'l' any of, 'b' bool, 'c' numeric comparison
	s    string   // 's'
	list []string // 'l'
	b    bool     // 'b'
	op   string   // 'c': >=, >, <, <=, ==, !=
	n    int      // 'c'
}

func eq(fact, s string) cond              { return cond{fact: fact, kind: 's', s: s} }
func anyOf(fact string, l ...string) cond { return cond{fact: fact, kind: 'l', list: l} }
func isBool(fact string, b bool) cond     { return cond{fact: fact, kind: 'b', b: b} }
func cmpN(fact, op string, n int) cond    { return cond{fact: fact, kind: 'c', op: op, n: n} }

func str(fact, s string) value { return value{fact: fact, kind: 's', s: s} }
func boolean(fact string, b bool) value {
	return value{fact: fact, kind: 'b', b: b}
}
func num(fact string, n int) value { return value{fact: fact, kind: 'n', n: n} }

// holds reports whether c holds for the given facts; a condition on a fact that was not
// given does not hold.
func (c cond) holds(given []value) bool {
	for _, v := range given {
		if v.fact != c.fact {
			continue
		}
		switch c.kind {
		case 's':
			return v.kind == 's' && v.s == c.s
		case 'l':
			for _, s := range c.list {
				if v.kind == 's' && v.s == s {
					return true
				}
			}
			return false
		case 'b':
			return v.kind == 'b' && v.b == c.b
		case 'c':
			if v.kind != 'n' {
				return false
			}
			switch c.op {
			case ">=":
				return v.n >= c.n
			case ">":
				return v.n > c.n
			case "<=":
				return v.n <= c.n
			case "<":
				return v.n < c.n
			case "==":
				return v.n == c.n
			case "!=":
				return v.n != c.n
			}
		}
		return false
	}
	return false
}

// rule is one route. Team and severity fields are indexes; -1 means unset.
type rule struct {
	name      string
	when      []cond
	to        int
	also      []int
	cont      bool
	sev       int
	immediate bool
	runbooks  []string
	brief     string
	example   []value // facts that make this rule decide (for tests)
	cell      bool    // routes a domain's cells to its owner
}

// decision is the outcome of routing one case under the documented semantics.
type decision struct {
	to        int
	sev       int   // index into severities, or -1 when none was given or raised
	immediate bool  // the deciding rule's
	anyImm    bool  // any matched rule's
	notified  []int // continue rules' to, every matched rule's also, less the owner
}

// route evaluates rules in order: continue rules only add notified teams and raise the
// severity, which the rules after them see as the severity fact; the first matching rule
// without continue decides the team.
func route(rules []rule, given []value, sevIDs []string) decision {
	d := decision{to: -1, sev: -1}
	for _, v := range given {
		if v.fact == "severity" && v.kind == 's' {
			d.sev = slices.Index(sevIDs, v.s)
		}
	}
	seen := given // the facts with the severity as raised so far
	for k := range rules {
		r := &rules[k]
		ok := true
		for _, c := range r.when {
			if !c.holds(seen) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if r.sev >= 0 && (d.sev < 0 || r.sev < d.sev) {
			d.sev = r.sev
			seen = withSeverity(given, sevIDs[r.sev])
		}
		d.anyImm = d.anyImm || r.immediate
		if r.cont {
			d.notified = appendNew(d.notified, r.to)
		}
		for _, t := range r.also {
			d.notified = appendNew(d.notified, t)
		}
		if !r.cont {
			d.to, d.immediate = r.to, r.immediate
			break
		}
	}
	d.notified = slices.DeleteFunc(d.notified, func(t int) bool { return t == d.to })
	return d
}

// withSeverity returns given with the severity fact set to id, given itself unchanged.
func withSeverity(given []value, id string) []value {
	out := make([]value, 0, len(given)+1)
	for _, v := range given {
		if v.fact != "severity" {
			out = append(out, v)
		}
	}
	return append(out, str("severity", id))
}

// cond writes `fact: condition` inside a flow mapping.
func (w *buf) cond(c cond) {
	w.s(c.fact).s(": ")
	switch c.kind {
	case 's':
		w.q(c.s)
	case 'l':
		w.c('[')
		for k, s := range c.list {
			if k > 0 {
				w.s(", ")
			}
			w.q(s)
		}
		w.c(']')
	case 'b':
		w.s(strconv.FormatBool(c.b))
	case 'c':
		w.c('"').s(c.op).c(' ').i(c.n).c('"')
	}
}

// value writes `fact: value` inside a flow mapping.
func (w *buf) value(v value) {
	w.s(v.fact).s(": ")
	switch v.kind {
	case 's':
		w.q(v.s)
	case 'b':
		w.s(strconv.FormatBool(v.b))
	case 'n':
		w.i(v.n)
	}
}

func appendNew(l []int, t int) []int {
	if slices.Contains(l, t) {
		return l
	}
	return append(l, t)
}
