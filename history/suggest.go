package history

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/matrix"
)

// Suggestion is a change to the rules' conditions that would have routed a misrouted
// record to the team that resolved it. It is advice for a person: never applied.
//
// The search tries, for the misroute's record, (1) widening a rule that sends cases to
// the resolving team and comes before the deciding rule: each of its conditions that
// fails gets the record's value (added to a list, a bound moved to it, or the
// condition dropped when the record lacks the fact); (2) narrowing the deciding rule
// (a list loses the record's value, a bound moves past it) so that a later rule
// decides; (3) both, for a right rule after the deciding one. Every candidate is
// checked by routing the record again. The smallest change wins: the fewest edited
// conditions, then the fewest records routed right today that it would misroute
// (Breaks), then the most misroutes it fixes (Fixes), then rule order.
type Suggestion struct {
	Edits  []Edit
	Fixes  int // misroutes, this one included, that the change routes right
	Breaks int // records routed right today that the change would misroute
	// Fixes and Breaks are -1 when not counted: Replay bounds the counting work to 5
	// records per record replayed (plus 50,000), which only huge histories reach.
}

// Edit is one changed condition of one rule.
type Edit struct {
	Rule *matrix.Rule
	Fact string
	// From and To are the condition as written before and after; an empty To
	// removes the condition.
	From, To string

	cond *matrix.Cond // the condition edited
	new  *cond        // nil when the condition is removed
}

func (e Edit) String() string {
	to := e.To
	if to == "" {
		to = "(remove the condition)"
	}
	return fmt.Sprintf("rule %q: %s: %s -> %s", e.Rule.Name, e.Fact, e.From, to)
}

func (s *Suggestion) String() string {
	parts := make([]string, len(s.Edits))
	for i, e := range s.Edits {
		parts[i] = e.String()
	}
	return strings.Join(parts, "; ")
}

// cond is an edited condition, evaluated on the facts as written.
type cond struct {
	fact string
	typ  matrix.FactType
	op   string // "" for any of vals
	vals []string
	num  float64
}

func (c *cond) holds(f matrix.Facts) bool {
	v, ok := f.Get(c.fact)
	if !ok {
		return false
	}
	if c.typ != matrix.Number {
		return slices.Contains(c.vals, v)
	}
	n, _ := strconv.ParseFloat(v, 64)
	switch c.op {
	case ">=":
		return n >= c.num
	case ">":
		return n > c.num
	case "<=":
		return n <= c.num
	case "<":
		return n < c.num
	}
	for _, x := range c.vals {
		if y, _ := strconv.ParseFloat(x, 64); y == n {
			return true
		}
	}
	return false
}

func (c *cond) String() string {
	if c.op != "" {
		return fmt.Sprintf("%q", c.op+" "+strconv.FormatFloat(c.num, 'f', -1, 64))
	}
	if len(c.vals) == 1 {
		return c.vals[0]
	}
	return "[" + strings.Join(c.vals, ", ") + "]"
}

// policy is the rules with some conditions edited.
type policy struct {
	p     *matrix.Playbook
	edits map[*matrix.Rule][]Edit
}

// matches reports whether r, edited, matches f as it reads it: with the severity the
// rules before it raised.
func (po *policy) matches(r *matrix.Rule, f matrix.Facts) bool {
	f = po.p.SeenBy(f, r)
	edits, ok := po.edits[r]
	if !ok {
		return r.Matches(f)
	}
	for i := range r.When {
		c := &r.When[i]
		var e *Edit
		for j := range edits {
			if edits[j].cond == c {
				e = &edits[j]
			}
		}
		switch {
		case e == nil:
			if !c.Holds(f) {
				return false
			}
		case e.new != nil && !e.new.holds(f):
			return false
		}
	}
	return true
}

// decide returns the rule that decides o's record under the edited policy, or nil.
// Only edited rules can take the case from o.Rule, the first unedited match; when o.Rule
// itself no longer matches, the rules after it are tried.
func (po *policy) decide(o *Outcome) *matrix.Rule {
	f := o.Record.Facts
	limit := len(po.p.Routes)
	if o.Rule != nil {
		limit = o.Rule.Index
	}
	var best *matrix.Rule
	for r := range po.edits {
		if !r.Continue && r.Index < limit && (best == nil || r.Index < best.Index) && po.matches(r, f) {
			best = r
		}
	}
	if best != nil || o.Rule == nil {
		return best
	}
	if _, edited := po.edits[o.Rule]; !edited || po.matches(o.Rule, f) {
		return o.Rule
	}
	for _, r := range po.p.Routes[o.Rule.Index+1:] {
		if !r.Continue && po.matches(r, f) {
			return r
		}
	}
	return nil
}

// right reports whether a case decided by rule goes to team at the instant.
func right(p *matrix.Playbook, rule *matrix.Rule, team string, at time.Time) bool {
	return rule != nil && (rule.To.ID == team || ownerAt(p, rule.To.ID, at) == team)
}

// widen returns the edit that makes c hold for f.
func widen(p *matrix.Playbook, r *matrix.Rule, c *matrix.Cond, f matrix.Facts) Edit {
	e := Edit{Rule: r, Fact: c.Fact, From: c.Raw, cond: c}
	fact := p.Fact(c.Fact)
	v, ok := f.Get(c.Fact)
	if !ok || fact == nil || fact.Type == matrix.Bool || c.Op() == "!=" {
		return e // remove the condition
	}
	n := &cond{fact: c.Fact, typ: fact.Type, op: c.Op()}
	switch n.op {
	case "":
		n.vals = append(c.Values(), v)
	case ">=", ">":
		n.op, n.num = ">=", parseNum(v)
	case "<=", "<":
		n.op, n.num = "<=", parseNum(v)
	}
	e.new, e.To = n, n.String()
	return e
}

// narrow returns the edits that would make c fail for f, each keeping the rest of it.
func narrow(p *matrix.Playbook, r *matrix.Rule, c *matrix.Cond, f matrix.Facts) []Edit {
	fact := p.Fact(c.Fact)
	v, ok := f.Get(c.Fact)
	if !ok || fact == nil {
		return nil
	}
	n := &cond{fact: c.Fact, typ: fact.Type, op: c.Op()}
	switch n.op {
	case "":
		vals := c.Values()
		if len(vals) < 2 || fact.Type == matrix.Number {
			return nil
		}
		n.vals = slices.DeleteFunc(vals, func(x string) bool { return x == v })
	case ">=", ">":
		n.op, n.num = ">", parseNum(v)
	case "<=", "<":
		n.op, n.num = "<", parseNum(v)
	default:
		return nil
	}
	return []Edit{{Rule: r, Fact: c.Fact, From: c.Raw, To: n.String(), cond: c, new: n}}
}

func parseNum(s string) float64 { n, _ := strconv.ParseFloat(s, 64); return n }

// candidates lists the changes that route o's record to its resolving team.
func candidates(p *matrix.Playbook, o *Outcome, teams map[string]bool) [][]Edit {
	rec := o.Record
	f, want, at := rec.Facts, rec.ResolvedBy, rec.At.Opened
	var out [][]Edit
	try := func(edits []Edit) {
		po := &policy{p: p, edits: map[*matrix.Rule][]Edit{}}
		for _, e := range edits {
			po.edits[e.Rule] = append(po.edits[e.Rule], e)
		}
		if right(p, po.decide(o), want, at) {
			out = append(out, edits)
		}
	}
	var narrowings [][]Edit // ways to take the case off the deciding rule
	if d := o.Rule; d != nil {
		for i := range d.When {
			for _, e := range narrow(p, d, &d.When[i], f) {
				narrowings = append(narrowings, []Edit{e})
			}
		}
	}
	for _, n := range narrowings {
		try(n)
	}
	for _, r := range p.Routes {
		if r.Continue || r == o.Rule || !teams[r.To.ID] {
			continue
		}
		var edits []Edit
		seen := p.SeenBy(f, r)
		for i := range r.When {
			if c := &r.When[i]; !c.Holds(seen) {
				edits = append(edits, widen(p, r, c, seen))
			}
		}
		if len(edits) == 0 && o.Rule != nil && r.Index < o.Rule.Index {
			continue // it already matches and comes first: cannot be
		}
		if o.Rule == nil || r.Index < o.Rule.Index {
			try(edits)
			continue
		}
		for _, n := range narrowings {
			try(append(slices.Clone(edits), n...))
		}
	}
	return out
}

// score counts what a change does to the other records: the misroutes it fixes and
// the right routes it breaks. Only records an edited rule can match, before or after
// the edit, can change; those are found through the rule's most selective list
// condition.
func score(p *matrix.Playbook, edits []Edit, outcomes []Outcome, byValue map[[2]string][]int, mark []uint32, stamp uint32) (fixes, breaks, work int) {
	po := &policy{p: p, edits: map[*matrix.Rule][]Edit{}}
	for _, e := range edits {
		po.edits[e.Rule] = append(po.edits[e.Rule], e)
	}
	var affected []int
	for r, es := range po.edits {
		for _, i := range reach(r, es, byValue) {
			if mark[i] != stamp {
				mark[i] = stamp
				affected = append(affected, i)
			}
		}
	}
	for _, i := range affected {
		o := &outcomes[i]
		work++
		if !o.Judged {
			continue
		}
		d := po.decide(o)
		if d == o.Rule {
			continue // decided as before
		}
		now := right(p, d, o.Record.ResolvedBy, o.Record.At.Opened)
		switch {
		case o.Agrees && !now:
			breaks++
		case !o.Agrees && now:
			fixes++
		}
	}
	return fixes, breaks, work
}

// reach lists the records rule r can match before or after the edits es: those with a
// value in the smallest of its list conditions, old values and new together.
func reach(r *matrix.Rule, es []Edit, byValue map[[2]string][]int) []int {
	best := byValue[[2]string{"", ""}]
	for i := range r.When {
		c := &r.When[i]
		if c.Op() != "" {
			continue
		}
		vals := c.Values()
		for _, e := range es {
			if e.cond == c {
				if e.new == nil || e.new.op != "" {
					vals = nil
				} else {
					vals = append(vals, e.new.vals...)
				}
			}
		}
		if vals == nil {
			continue
		}
		slices.Sort(vals)
		vals = slices.Compact(vals)
		n := 0
		for _, v := range vals {
			n += len(byValue[[2]string{c.Fact, v}])
		}
		if n >= len(best) {
			continue
		}
		var list []int
		for _, v := range vals {
			list = append(list, byValue[[2]string{c.Fact, v}]...)
		}
		best = list
	}
	return best
}

// suggestAll finds a suggestion for every misroute. Misroutes of the same case (same
// facts, same deciding rule, same team wanted, same hour) share one.
func suggestAll(p *matrix.Playbook, outcomes []Outcome) {
	byValue := map[[2]string][]int{}
	indexed := false
	cache := map[string]*Suggestion{}
	scores := map[string][2]int{} // a change's fixes and breaks do not depend on the misroute
	mark := make([]uint32, len(outcomes))
	var stamp uint32
	// Counting is bounded, so that a huge history with many distinct misroutes stays
	// linear; a real playbook's few thousand records never reach the bound.
	budget := 5*len(outcomes) + 50_000
	fallsTo := map[string][]*matrix.Team{}
	for _, t := range p.Teams {
		for _, f := range p.Fallbacks(t) {
			fallsTo[f.ID] = append(fallsTo[f.ID], t)
		}
	}
	for i := range outcomes {
		o := &outcomes[i]
		if !o.Misroute() {
			continue
		}
		if !indexed {
			byValue = indexValues(p, outcomes)
			indexed = true
		}
		k := caseKey(p, o)
		if s, ok := cache[k]; ok {
			o.Suggestion = s
			continue
		}
		var best *Suggestion
		// The teams whose cases o's resolving team would own at the opening instant.
		teams := map[string]bool{o.Record.ResolvedBy: true}
		for _, t := range fallsTo[o.Record.ResolvedBy] {
			if ownerAt(p, t.ID, o.Record.At.Opened) == o.Record.ResolvedBy {
				teams[t.ID] = true
			}
		}
		cands := candidates(p, o, teams)
		fewest := 0
		for _, c := range cands {
			if fewest == 0 || len(c) < fewest {
				fewest = len(c)
			}
		}
		for _, c := range cands {
			if len(c) != fewest {
				continue // only the smallest changes are worth scoring
			}
			s := &Suggestion{Edits: c}
			k := editKey(c)
			fb, ok := scores[k]
			if !ok && budget > 0 {
				stamp++
				var n int
				fb[0], fb[1], n = score(p, c, outcomes, byValue, mark, stamp)
				budget -= n
				scores[k] = fb
			} else if !ok {
				fb = [2]int{-1, -1}
			}
			s.Fixes, s.Breaks = fb[0], fb[1]
			if best == nil || better(s, best) {
				best = s
			}
		}
		cache[k] = best
		o.Suggestion = best
	}
}

func better(a, b *Suggestion) bool {
	if c := cmp.Or(cmp.Compare(len(a.Edits), len(b.Edits)), cmp.Compare(a.Breaks, b.Breaks), cmp.Compare(b.Fixes, a.Fixes),
		cmp.Compare(a.Edits[0].Rule.Index, b.Edits[0].Rule.Index)); c != 0 {
		return c < 0
	}
	return a.String() < b.String()
}

// indexValues maps (fact, value) to the records with that value, and ("", "") to all.
func indexValues(p *matrix.Playbook, outcomes []Outcome) map[[2]string][]int {
	m := map[[2]string][]int{}
	for i := range outcomes {
		f := outcomes[i].Record.Facts
		for _, fact := range p.Facts {
			if v, ok := f.Get(fact.ID); ok {
				k := [2]string{fact.ID, v}
				m[k] = append(m[k], i)
			}
		}
		m[[2]string{"", ""}] = append(m[[2]string{"", ""}], i)
	}
	return m
}

func caseKey(p *matrix.Playbook, o *Outcome) string {
	var b strings.Builder
	for _, fact := range p.Facts {
		v, _ := o.Record.Facts.Get(fact.ID)
		b.WriteString(v)
		b.WriteByte(0)
	}
	idx := -1
	if o.Rule != nil {
		idx = o.Rule.Index
	}
	fmt.Fprintf(&b, "%d\x00%s\x00%d", idx, o.Record.ResolvedBy, o.Record.At.Opened.Truncate(time.Hour).Unix())
	return b.String()
}

func editKey(edits []Edit) string {
	var b strings.Builder
	for _, e := range edits {
		fmt.Fprintf(&b, "%d\x00%s\x00%s\x00", e.Rule.Index, e.Fact, e.To)
	}
	return b.String()
}
