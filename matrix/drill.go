package matrix

import (
	"fmt"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/diag"
	"go.yaml.in/yaml/v3"
)

// Drill is one tabletop exercise from drills/*.yaml: the story told to participants,
// the facts a good triage establishes, the start instant, the injects and objectives,
// and the answer key pinned as a routing test. Load checks it and fills in Given and
// At; `check` fails at the key when the route of the facts no longer matches it.
type Drill struct {
	Meta       `yaml:",inline"`
	Title      string     `yaml:"title"`
	Summary    string     `yaml:"summary"`
	Start      Timestamp  `yaml:"start"`
	Story      string     `yaml:"story"`
	Monitors   []string   `yaml:"monitors"`
	Vendor     Ref        `yaml:"vendor"`
	Facts      FactValues `yaml:"facts"`
	Injects    []Inject   `yaml:"injects"`
	Objectives []string   `yaml:"objectives"`
	Key        DrillKey   `yaml:"key"`

	// Given is Facts parsed against the playbook's facts; At is Start as read.
	Given Facts     `yaml:"-"`
	At    time.Time `yaml:"-"`
}

// Inject is what the trainer reveals at a moment of a drill, and what is expected then.
type Inject struct {
	Pos    Pos      `yaml:"-"`
	At     Duration `yaml:"at"`
	Text   string   `yaml:"text"`
	Expect string   `yaml:"expect"`
}

func (i *Inject) UnmarshalYAML(n *yaml.Node) (err error) {
	type plain Inject
	i.Pos, err = decodeAt(n, (*plain)(i))
	return err
}

// DrillKey is a drill's pinned answer: a routing expectation, with where it is written.
type DrillKey struct {
	Expect
	Pos Pos
}

func (k *DrillKey) UnmarshalYAML(n *yaml.Node) error {
	k.Pos = nodePos(n)
	_ = n.Decode(&k.Expect)
	return nil
}

// Test returns the drill as the routing test its key pins.
func (d *Drill) Test() *Test {
	return &Test{Pos: d.Key.Pos, Name: d.ID, Given: d.Facts, At: d.Start, Expect: d.Key.Expect}
}

// checkDrills resolves the drills' references, facts and start instants.
func (l *loader) checkDrills() {
	p, ix := l.p, &l.p.idx
	dupes(l, "drill", p.Drills, func(d *Drill) (string, string, Pos) { return d.ID, d.File, d.IDPos })
	for _, d := range p.Drills {
		file := d.File
		resolve(l, file, d.Vendor, "vendor", ix.vendors)
		resolve(l, file, d.Key.Team, "team", ix.teams)
		resolve(l, file, d.Key.Severity, "severity", ix.severities)
		for _, n := range d.Key.Notified {
			resolve(l, file, n, "team", ix.teams)
		}
		if l.broken[file] {
			continue
		}
		d.Given = p.NewFacts()
		for _, g := range d.Facts {
			if p.Fact(g.Fact) == nil {
				l.errorf(diag.UnknownFact, file, g.FactPos, fmt.Sprintf("unknown fact %q", g.Fact), refHint(g.Fact, "fact", ix.facts))
				continue
			}
			if err := d.Given.Set(g.Fact, g.Value); err != nil {
				msg, hint := err.Error(), ""
				if fe, ok := err.(*FactError); ok {
					msg, hint = fe.Message, fe.Hint
				}
				l.errorf(diag.InvalidFactValue, file, g.ValuePos, msg, hint)
			}
		}
		t, err := ParseLocalInstant(d.Start.Raw, p.Site.Location.Location)
		switch err.(type) {
		case nil:
			d.At = t
		case *GapError:
			l.errorf(diag.InvalidInstant, file, d.Start.Pos, "start: "+err.Error(), "")
		default:
			l.errorf(diag.InvalidInstant, file, d.Start.Pos, fmt.Sprintf("cannot read the instant start %q", d.Start.Raw),
				"use RFC 3339 like 2026-03-01T03:00:00Z, or 2026-03-01T03:00 in the playbook's time zone")
		}
		for i := 1; i < len(d.Injects); i++ {
			if a, b := d.Injects[i-1].At, d.Injects[i].At; b.Set && a.Set && b.Duration < a.Duration {
				l.errorf(diag.InjectOrder, file, b.Pos, fmt.Sprintf("inject at %s comes after one at %s", b, a),
					"list injects in time order, as the tabletop sheet reads them")
			}
		}
	}
}

// runDrills reports every drill whose pinned key no longer matches the route of its
// facts, at the expectation that differs. The playbook must be free of errors.
func (l *loader) runDrills() {
	p := l.p
	for _, d := range p.Drills {
		r := p.runTest(d.Test())
		hint, notes := "", []diag.Note(nil)
		if dec := r.Decision; dec != nil {
			hint = "update the key, or run `escalator drill new` for a fresh drill"
			notes = append(notes, noteAt(p.MatrixFile, dec.Rule.Pos, fmt.Sprintf("rule %q decided", dec.Rule.Name)))
		}
		for _, f := range r.Failures {
			l.errorf(diag.DrillOutOfDate, d.File, d.Key.failurePos(f), fmt.Sprintf("drill %s: the answer key is out of date: %s", d.ID, f), hint, notes...)
		}
	}
}

// failurePos is where in the key the expectation that a failure names is written.
func (k DrillKey) failurePos(failure string) Pos {
	pos := Pos{}
	switch {
	case strings.HasPrefix(failure, "expected team"):
		pos = k.Team.Pos
	case strings.HasPrefix(failure, "expected severity"):
		pos = k.Severity.Pos
	case strings.HasPrefix(failure, "expected notified") && len(k.Notified) > 0:
		pos = k.Notified[0].Pos
	case strings.Contains(failure, " on call, got "):
		pos = k.OnCall.Pos
	}
	if pos.Line == 0 {
		return k.Pos
	}
	return pos
}
