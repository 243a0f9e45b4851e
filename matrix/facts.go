package matrix

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/escalator-dev/escalator/diag"
)

// value is a fact's value or a condition's operand: text for choice, text and bool
// facts (bools as "true" or "false"), a float for numbers.
type value struct {
	s string
	n float64
}

// Facts is what is known about one case, indexed by fact. The zero value knows nothing;
// build one with Playbook.NewFacts.
type Facts struct {
	p    *Playbook
	vals []value
	set  []bool
}

// NewFacts returns an empty set of facts for p.
func (p *Playbook) NewFacts() Facts {
	return Facts{p: p, vals: make([]value, len(p.Facts)), set: make([]bool, len(p.Facts))}
}

// FactError is a fact that cannot be used, with what would be valid instead.
type FactError struct {
	Fact    string
	Message string
	Hint    string
}

func (e *FactError) Error() string {
	if e.Hint == "" {
		return e.Message
	}
	return e.Message + " (" + e.Hint + ")"
}

// Set records fact id = raw, checking raw against the fact's type and options.
func (f *Facts) Set(id, raw string) error {
	fact := f.p.Fact(id)
	if fact == nil {
		ids := make([]string, len(f.p.Facts))
		for i, x := range f.p.Facts {
			ids[i] = x.ID
		}
		hint := diag.DidYouMean(id, ids)
		if hint == "" {
			hint = "known facts: " + strings.Join(ids, ", ")
		} else {
			hint += "; known facts: " + strings.Join(ids, ", ")
		}
		return &FactError{id, fmt.Sprintf("unknown fact %q", id), hint}
	}
	v, err := fact.parse(raw)
	if err != nil {
		return err
	}
	f.vals[fact.Index], f.set[fact.Index] = v, true
	return nil
}

// Get returns the value of fact id as written for display, and whether it is set.
func (f Facts) Get(id string) (string, bool) {
	fact := f.p.Fact(id)
	if fact == nil || !f.set[fact.Index] {
		return "", false
	}
	if fact.Type == Number {
		return strconv.FormatFloat(f.vals[fact.Index].n, 'f', -1, 64), true
	}
	return f.vals[fact.Index].s, true
}

// Missing lists the required facts that are not set.
func (f Facts) Missing() []*Fact {
	var out []*Fact
	for _, fact := range f.p.Facts {
		if fact.Required && !f.set[fact.Index] {
			out = append(out, fact)
		}
	}
	return out
}

// ParseFacts reads `fact=value` arguments into facts, reporting every bad argument.
func (p *Playbook) ParseFacts(args []string) (Facts, []error) {
	f := p.NewFacts()
	var errs []error
	given := map[string]string{} // fact id -> the argument that set it
	for _, a := range args {
		id, raw, ok := strings.Cut(a, "=")
		if !ok {
			errs = append(errs, &FactError{a, fmt.Sprintf("argument %q is not fact=value", a), "write it as fact=value, such as domain=payments"})
			continue
		}
		id = strings.TrimSpace(id)
		if first, ok := given[id]; ok {
			errs = append(errs, &FactError{id, fmt.Sprintf("fact %q is given twice: %q and %q", id, first, a), "give each fact once"})
			continue
		}
		given[id] = a
		if err := f.Set(id, strings.TrimSpace(raw)); err != nil {
			errs = append(errs, err)
		}
	}
	return f, errs
}

// parse checks raw against the fact's type and returns its value.
func (fact *Fact) parse(raw string) (value, error) {
	bad := func(msg, hint string) (value, error) {
		return value{}, &FactError{fact.ID, msg, hint}
	}
	switch fact.Type {
	case Bool:
		switch strings.ToLower(raw) {
		case "true", "yes", "y", "1":
			return value{s: "true"}, nil
		case "false", "no", "n", "0":
			return value{s: "false"}, nil
		}
		return bad(fmt.Sprintf("fact %q is yes or no, not %q", fact.ID, raw), "use true or false")
	case Number:
		n, err := strconv.ParseFloat(raw, 64)
		if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
			return bad(fmt.Sprintf("fact %q is a number, not %q", fact.ID, raw), "use a number such as 3")
		}
		return value{n: n}, nil
	case Choice:
		if slices.Contains(fact.Choices, raw) {
			return value{s: raw}, nil
		}
		lower := strings.ToLower(raw)
		if slices.Contains(fact.Choices, lower) {
			return value{s: lower}, nil
		}
		hint := diag.DidYouMean(lower, fact.Choices)
		if hint != "" {
			hint += "; "
		}
		return bad(fmt.Sprintf("%q is not a valid %s", raw, fact.ID), hint+"valid: "+strings.Join(fact.Choices, ", "))
	default:
		// Text matches regardless of case: people type "Stripe" and "stripe".
		return value{s: strings.ToLower(raw)}, nil
	}
}
