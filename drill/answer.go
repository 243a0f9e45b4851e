package drill

import (
	"fmt"
	"time"

	"github.com/escalator-dev/escalator/matrix"
)

// Answer is a drill's key: the route of its facts at its start, and what follows from
// it, in the playbook's time zone.
type Answer struct {
	Drill    *matrix.Drill
	Decision *matrix.Decision
	// Why says how the severity came about: the tier the facts gave, or the rule that
	// raised it.
	Why string
	// Checkpoints are who is paged at T+0, T+15 and T+30 if nobody acknowledges.
	Checkpoints []Checkpoint
	// Given are the drill's facts as routed; Facts the same as a triage would answer
	// them, in the playbook's order.
	Given  matrix.Facts
	Facts  []FactAnswer
	Vendor *matrix.Vendor
	Loc    *time.Location
}

// Checkpoint is a moment of the drill and the escalation steps due by then that were
// not due at the checkpoint before it.
type Checkpoint struct {
	Label string // "T+0", "T+15", "T+30"
	After time.Duration
	At    time.Time
	Steps []matrix.Handoff
}

// FactAnswer is one fact of a drill with its question.
type FactAnswer struct {
	Fact  *matrix.Fact
	Value string
}

// CheckpointTimes are the moments the key says who is paged at.
var CheckpointTimes = []time.Duration{0, 15 * time.Minute, 30 * time.Minute}

// Key routes the drill's facts at its start, read afresh from the drill as written, so
// that a drill the loader could not check gives an error rather than a wrong key.
func Key(p *matrix.Playbook, d *matrix.Drill) (*Answer, error) {
	f := p.NewFacts()
	for _, g := range d.Facts {
		if err := f.Set(g.Fact, g.Value); err != nil {
			return nil, fmt.Errorf("%s:%d:%d: %w", d.File, g.ValuePos.Line, g.ValuePos.Col, err)
		}
	}
	at, err := matrix.ParseLocalInstant(d.Start.Raw, p.Site.Location.Location)
	if err != nil {
		return nil, fmt.Errorf("%s:%d:%d: start: %w", d.File, d.Start.Pos.Line, d.Start.Pos.Col, err)
	}
	dec, err := p.Route(f, at)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.File, err)
	}
	a := &Answer{Drill: d, Decision: dec, Given: f, Vendor: p.Vendor(d.Vendor.ID), Loc: p.Site.Location.Location}
	a.Why = why(dec)
	a.Checkpoints = checkpoints(dec)
	for _, fact := range p.Facts {
		if v, ok := f.Get(fact.ID); ok {
			a.Facts = append(a.Facts, FactAnswer{fact, v})
		}
	}
	return a, nil
}

// why explains the decision's severity.
func why(d *matrix.Decision) string {
	if d.Severity == nil {
		return "The facts name no severity and no rule sets one."
	}
	for _, r := range d.Matched {
		if r.Severity.ID == d.Severity.ID && (d.Given == nil || d.Given.ID != d.Severity.ID) {
			from := "no severity"
			if d.Given != nil {
				from = d.Given.ID
			}
			return fmt.Sprintf("Raised from %s by the rule %q.", from, r.Name)
		}
	}
	return fmt.Sprintf("%s as triaged: no rule raises it.", d.Severity.ID)
}

// checkpoints groups the escalation steps by the checkpoint they fall due by.
func checkpoints(d *matrix.Decision) []Checkpoint {
	out := make([]Checkpoint, len(CheckpointTimes))
	prev := time.Duration(-1)
	for i, after := range CheckpointTimes {
		c := Checkpoint{Label: fmt.Sprintf("T+%d", int(after.Minutes())), After: after, At: d.At.Add(after)}
		for _, h := range d.Handoffs {
			if h.After > prev && h.After <= after {
				c.Steps = append(c.Steps, h)
			}
		}
		out[i], prev = c, after
	}
	return out
}
