package playbookdiff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/escalator-dev/escalator/matrix"
)

// cellState is what a reviewer compares in one cell: the decision of the matrix grid
// (hours ignored: the team a rule names, as the site's grid shows in hours), and who
// owns and hears of it at night, when every after-hours fallback has been followed.
type cellState struct {
	owner, offOwner       string
	notified, offNotified []string
	severity              string
	runbooks              []string
	briefs                []string
	rule                  *matrix.Rule
}

type cellKey struct{ domain, severity string }

// grid reads every cell of g, p's matrix.Grid (the computation the site's grid shows),
// and lists the keys in p's order.
func grid(p *matrix.Playbook, g [][]matrix.Cell) (map[cellKey]cellState, []cellKey) {
	out := map[cellKey]cellState{}
	var keys []cellKey
	for _, row := range g {
		for _, c := range row {
			k := cellKey{c.Domain.ID, c.Severity.ID}
			keys = append(keys, k)
			d := c.Decision
			if d == nil {
				out[k] = cellState{}
				continue
			}
			s := cellState{rule: d.Rule, owner: teamID(d.Owner), offOwner: teamID(night(p, d.Owner))}
			if d.Severity != nil {
				s.severity = d.Severity.ID
			}
			for _, b := range d.Briefs {
				s.briefs = append(s.briefs, b.ID)
			}
			for _, rb := range d.Runbooks {
				s.runbooks = append(s.runbooks, rb.ID)
			}
			nightOwner := night(p, d.Owner)
			for _, t := range d.Notified {
				s.notified = append(s.notified, t.ID)
				if n := night(p, t); n != nightOwner && !slices.Contains(s.offNotified, n.ID) {
					s.offNotified = append(s.offNotified, n.ID)
				}
			}
			out[k] = s
		}
	}
	return out, keys
}

// night is who answers for t when every team with hours is closed: the last of its
// after-hours fallbacks, as the site's grid shows out of hours.
func night(p *matrix.Playbook, t *matrix.Team) *matrix.Team {
	if t == nil {
		return nil
	}
	if fb := p.Fallbacks(t); len(fb) > 0 {
		return fb[len(fb)-1]
	}
	return t
}

func teamID(t *matrix.Team) string {
	if t == nil {
		return ""
	}
	return t.ID
}

// cells lists the cells whose decision differs, in new's order, then those only old
// has; oldGrid and newGrid are the playbooks' grids.
func cells(old, new *matrix.Playbook, oldGrid, newGrid [][]matrix.Cell) []CellChange {
	og, okeys := grid(old, oldGrid)
	ng, nkeys := grid(new, newGrid)
	out := []CellChange{}
	seen := map[cellKey]bool{}
	add := func(k cellKey) {
		if seen[k] {
			return
		}
		seen[k] = true
		o, inOld := og[k]
		n, inNew := ng[k]
		var ch []Change
		switch {
		case !inOld:
			ch = append(ch, Change{Field: "cell", Old: "", New: "added"})
		case !inNew:
			ch = append(ch, Change{Field: "cell", Old: "", New: "removed"})
		}
		ch = appendField(ch, "owner", o.owner, n.owner)
		if o.offOwner != n.offOwner && (o.offOwner != o.owner || n.offOwner != n.owner) {
			ch = appendField(ch, "owner out of hours", o.offOwner, n.offOwner)
		}
		ch = appendList(ch, "notified", o.notified, n.notified)
		if !slices.Equal(o.offNotified, n.offNotified) && (!slices.Equal(o.offNotified, o.notified) || !slices.Equal(n.offNotified, n.notified)) {
			ch = appendList(ch, "notified out of hours", o.offNotified, n.offNotified)
		}
		ch = appendField(ch, "severity", o.severity, n.severity)
		ch = appendList(ch, "runbooks", o.runbooks, n.runbooks)
		ch = appendList(ch, "brief", o.briefs, n.briefs) // every brief, the deciding rule's first
		if len(ch) == 0 {
			return
		}
		out = append(out, CellChange{Domain: k.domain, Severity: k.severity, Changes: ch,
			Old: ruleRef(old, o.rule), New: ruleRef(new, n.rule), Why: why(old, new, o.rule, n.rule)})
	}
	for _, k := range nkeys {
		add(k)
	}
	for _, k := range okeys {
		add(k)
	}
	return out
}

func appendField(ch []Change, field, o, n string) []Change {
	if o == n {
		return ch
	}
	return append(ch, Change{Field: field, Old: o, New: n})
}

// appendList adds a change of a list field: what it gained and lost, keeping order.
func appendList(ch []Change, field string, o, n []string) []Change {
	if slices.Equal(o, n) {
		return ch
	}
	c := Change{Field: field, Old: strings.Join(o, ", "), New: strings.Join(n, ", ")}
	for _, x := range n {
		if !slices.Contains(o, x) {
			c.Added = append(c.Added, x)
		}
	}
	for _, x := range o {
		if !slices.Contains(n, x) {
			c.Removed = append(c.Removed, x)
		}
	}
	if len(c.Added)+len(c.Removed) == 0 {
		c.Note = "reordered"
	}
	return append(ch, c)
}

// ruleName is how a rule is known across versions: its name, else its place.
func ruleName(r *matrix.Rule) string {
	if r.Name != "" {
		return r.Name
	}
	return fmt.Sprintf("rule %d", r.Index+1)
}

func ruleRef(p *matrix.Playbook, r *matrix.Rule) *RuleRef {
	if r == nil {
		return nil
	}
	return &RuleRef{ruleName(r), at(p.MatrixFile, r.Pos)}
}

// findRule returns p's rule known by name, or nil.
func findRule(p *matrix.Playbook, name string) *matrix.Rule {
	for _, r := range p.Routes {
		if ruleName(r) == name {
			return r
		}
	}
	return nil
}

// why says how the rule deciding a cell changed between o (in old) and n (in new).
func why(old, new *matrix.Playbook, o, n *matrix.Rule) string {
	pos := func(p *matrix.Playbook, r *matrix.Rule) string {
		return fmt.Sprintf("%s:%d", p.MatrixFile, r.Pos.Line)
	}
	switch {
	case o == nil && n == nil:
		return "no rule decides it"
	case o == nil:
		return fmt.Sprintf("rule '%s' (%s) now decides it", ruleName(n), pos(new, n))
	case n == nil:
		return fmt.Sprintf("rule '%s' no longer decides it, and no rule does", ruleName(o))
	}
	on, nn := ruleName(o), ruleName(n)
	if on == nn {
		return fmt.Sprintf("rule '%s' (%s) decides it, as before", nn, pos(new, n))
	}
	still := findRule(new, on)
	switch {
	case still == nil:
		return fmt.Sprintf("rule '%s' was removed; rule '%s' (%s) now decides it", on, nn, pos(new, n))
	case n.Index < still.Index:
		return fmt.Sprintf("rule '%s' (%s) now shadows '%s'", nn, pos(new, n), on)
	default:
		return fmt.Sprintf("rule '%s' (%s) no longer matches; rule '%s' (%s) now decides it", on, pos(new, still), nn, pos(new, n))
	}
}
