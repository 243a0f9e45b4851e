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
	// Facts are the drill's facts as a triage would answer them, in the playbook's order.
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

// Key routes the drill's facts at its start. The playbook must have loaded without
// errors, so that the drill's facts and start were read.
func Key(p *matrix.Playbook, d *matrix.Drill) (*Answer, error) {
	dec, err := p.Route(d.Given, d.At)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.File, err)
	}
	a := &Answer{Drill: d, Decision: dec, Vendor: p.Vendor(d.Vendor.ID), Loc: p.Site.Location.Location}
	a.Why = why(dec)
	a.Checkpoints = checkpoints(dec)
	for _, f := range p.Facts {
		if v, ok := d.Given.Get(f.ID); ok {
			a.Facts = append(a.Facts, FactAnswer{f, v})
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
