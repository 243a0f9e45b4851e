package matrix

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/diag"
)

// TestResult is the outcome of one routing test.
type TestResult struct {
	Test     *Test
	Decision *Decision
	// Failures says what differed, one item per expectation; empty when the test passed.
	Failures []string
	// FailedAt is where each failure's expectation (or unreadable fact) is written.
	FailedAt []Pos
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
	fail := func(at Pos, msg string) {
		if at == (Pos{}) {
			at = t.Pos
		}
		res.Failures = append(res.Failures, msg)
		res.FailedAt = append(res.FailedAt, at)
	}
	f := p.NewFacts()
	for _, g := range t.Given {
		if err := f.Set(g.Fact, g.Value); err != nil {
			fail(g.ValuePos, err.Error())
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
				fail(t.At.Pos, "at: "+err.Error())
			} else {
				fail(t.At.Pos, fmt.Sprintf("cannot read the instant %q (use 2026-03-01T03:00:00Z or 2026-03-01T03:00)", t.At.Raw))
			}
		}
	}
	if len(res.Failures) > 0 {
		return res
	}
	d, err := p.Route(f, at)
	if err != nil {
		fail(t.Pos, err.Error())
		return res
	}
	res.Decision = d
	e := t.Expect
	if e.Team.ID != "" && (d.Owner == nil || d.Owner.ID != e.Team.ID) {
		fail(e.Team.Pos, fmt.Sprintf("expected team %s, got %s", e.Team.ID, teamID(d.Owner)))
	}
	if e.Severity.ID != "" && (d.Severity == nil || d.Severity.ID != e.Severity.ID) {
		got := "none"
		if d.Severity != nil {
			got = d.Severity.ID
		}
		fail(e.Severity.Pos, fmt.Sprintf("expected severity %s, got %s", e.Severity.ID, got))
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
			at := t.Pos
			if len(e.Notified) > 0 {
				at = e.Notified[0].Pos
			}
			fail(at, fmt.Sprintf("expected notified [%s], got [%s]", strings.Join(want, ", "), strings.Join(got, ", ")))
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
			fail(e.OnCall.Pos, fmt.Sprintf("expected %s on call, got %s", e.OnCall.ID, got))
		}
	}
	if e.Immediate != nil && *e.Immediate != d.Immediate {
		fail(t.Pos, fmt.Sprintf("expected immediate %t, got %t", *e.Immediate, d.Immediate))
	}
	return res
}

func teamID(t *Team) string {
	if t == nil {
		return "none"
	}
	return t.ID
}

// runTests reports a failed routing test at the first expectation that failed, with
// notes at the others, at the test and at the rule that decided.
func (l *loader) runTests() {
	if l.diags.HasErrors() {
		return // routing over a broken playbook would only repeat its errors
	}
	mf := l.p.MatrixFile
	for _, r := range l.p.RunTests() {
		if len(r.Failures) == 0 {
			continue
		}
		var notes []diag.Note
		for i, f := range r.Failures[1:] {
			notes = append(notes, noteAt(mf, r.FailedAt[i+1], "and "+f))
		}
		notes = append(notes, noteAt(mf, r.Test.Pos, fmt.Sprintf("in routing test %q", r.Test.Name)))
		if d := r.Decision; d != nil {
			msg := fmt.Sprintf("rule %q decided", d.Rule.Name)
			if len(d.OffHours) > 0 {
				msg += fmt.Sprintf("; %s was out of hours", d.OffHours[0].ID)
			}
			notes = append(notes, noteAt(mf, d.Rule.Pos, msg))
		}
		l.errorf(diag.TestFailed, mf, r.FailedAt[0], fmt.Sprintf("routing test %q failed: %s", r.Test.Name, r.Failures[0]), "", notes...)
	}
}
