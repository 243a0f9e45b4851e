package matrix

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// TestResult is the outcome of one routing test.
type TestResult struct {
	Test     *Test
	Decision *Decision
	// Failures says what differed, one item per expectation; empty when the test passed.
	Failures []string
}

// RunTests runs the playbook's routing tests. A test whose facts do not parse fails
// with the reason.
func (p *Playbook) RunTests() []TestResult {
	out := make([]TestResult, 0, len(p.Tests))
	for _, t := range p.Tests {
		out = append(out, p.runTest(t))
	}
	return out
}

func (p *Playbook) runTest(t *Test) TestResult {
	res := TestResult{Test: t}
	f := p.NewFacts()
	for _, g := range t.Given {
		if err := f.Set(g.Fact, g.Value); err != nil {
			res.Failures = append(res.Failures, err.Error())
		}
	}
	var at time.Time
	if t.At.Raw != "" {
		loc := time.UTC
		if p.Site.Location != nil {
			loc = p.Site.Location.Location
		}
		var err error
		if at, err = ParseLocalInstant(t.At.Raw, loc); err != nil {
			if _, gap := err.(*GapError); gap {
				res.Failures = append(res.Failures, "at: "+err.Error())
			} else {
				res.Failures = append(res.Failures, fmt.Sprintf("cannot read the instant %q (use 2026-03-01T03:00:00Z or 2026-03-01T03:00)", t.At.Raw))
			}
		}
	}
	if len(res.Failures) > 0 {
		return res
	}
	d, err := p.Route(f, at)
	if err != nil {
		res.Failures = append(res.Failures, err.Error())
		return res
	}
	res.Decision = d
	e := t.Expect
	if e.Team.ID != "" && (d.Owner == nil || d.Owner.ID != e.Team.ID) {
		res.Failures = append(res.Failures, fmt.Sprintf("expected team %s, got %s", e.Team.ID, teamID(d.Owner)))
	}
	if e.Severity.ID != "" && (d.Severity == nil || d.Severity.ID != e.Severity.ID) {
		got := "none"
		if d.Severity != nil {
			got = d.Severity.ID
		}
		res.Failures = append(res.Failures, fmt.Sprintf("expected severity %s, got %s", e.Severity.ID, got))
	}
	if e.Notified != nil {
		want := make([]string, 0, len(e.Notified))
		for _, n := range e.Notified {
			want = append(want, n.ID)
		}
		got := make([]string, 0, len(d.Notified))
		for _, n := range d.Notified {
			got = append(got, n.ID)
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(want, got) {
			res.Failures = append(res.Failures, fmt.Sprintf("expected notified [%s], got [%s]", strings.Join(want, ", "), strings.Join(got, ", ")))
		}
	}
	if e.OnCall.ID != "" && !at.IsZero() {
		got := "nobody"
		switch {
		case d.OnCall == nil:
			got = "nobody (team " + teamID(d.Owner) + " has no schedule)"
		case d.OnCall.Person != nil:
			got = d.OnCall.Person.Member.ID
		}
		if got != e.OnCall.ID {
			res.Failures = append(res.Failures, fmt.Sprintf("expected %s on call, got %s", e.OnCall.ID, got))
		}
	}
	if e.Immediate != nil && *e.Immediate != d.Immediate {
		res.Failures = append(res.Failures, fmt.Sprintf("expected immediate %t, got %t", *e.Immediate, d.Immediate))
	}
	return res
}

func teamID(t *Team) string {
	if t == nil {
		return "none"
	}
	return t.ID
}

// runTests reports every failing routing test at the test, with the deciding rule.
func (l *loader) runTests() {
	if l.diags.HasErrors() {
		return // routing over a broken playbook would only repeat its errors
	}
	for _, r := range l.p.RunTests() {
		if len(r.Failures) == 0 {
			continue
		}
		hint := ""
		if d := r.Decision; d != nil {
			hint = fmt.Sprintf("rule %q at %s:%d:%d decided", d.Rule.Name, l.p.MatrixFile, d.Rule.Pos.Line, d.Rule.Pos.Col)
			if len(d.OffHours) > 0 {
				hint += fmt.Sprintf("; %s was out of hours", d.OffHours[0].ID)
			}
		}
		l.errorf(l.p.MatrixFile, r.Test.Pos, fmt.Sprintf("routing test %q failed: %s", r.Test.Name, strings.Join(r.Failures, "; ")), hint)
	}
}
