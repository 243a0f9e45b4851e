package matrix

import (
	"fmt"
	"time"

	"github.com/escalator-dev/escalator/diag"
	"go.yaml.in/yaml/v3"
)

// Incident is one past incident from incidents/*.yaml: what was known at triage, when
// each milestone was reached and who resolved it. Load checks it and fills in Given and
// the instants; the history package replays and measures it.
type Incident struct {
	Meta          `yaml:",inline"`
	Title         string         `yaml:"title"`
	Facts         FactValues     `yaml:"facts"`
	Severity      Ref            `yaml:"severity"`
	SeverityEnd   Ref            `yaml:"severity_end"`
	Opened        Timestamp      `yaml:"opened"`
	Acknowledged  Timestamp      `yaml:"acknowledged"`
	Triaged       Timestamp      `yaml:"triaged"`
	Contained     Timestamp      `yaml:"contained"`
	Resolved      Timestamp      `yaml:"resolved"`
	RootCaused    Timestamp      `yaml:"root_caused"`
	AssignedTo    Ref            `yaml:"assigned_to"`
	ResolvedBy    Ref            `yaml:"resolved_by"`
	Reassignments []Reassignment `yaml:"reassignments"`
	Commander     string         `yaml:"commander"`
	PIR           string         `yaml:"pir"`
	Summary       string         `yaml:"summary"`

	// Given is Facts parsed against the playbook's facts, the severity fact filled in
	// from Severity when the record leaves it out. At holds the instants as read.
	Given Facts         `yaml:"-"`
	At    IncidentTimes `yaml:"-"`
}

// IncidentTimes are an incident's milestones as instants; a zero one was not reached
// (or not recorded).
type IncidentTimes struct {
	Opened, Acknowledged, Triaged, Contained, Resolved, RootCaused time.Time
}

// Milestone returns the instant that stops the SLA timer of that name (see SLA.Timers).
func (t IncidentTimes) Milestone(timer string) time.Time {
	switch timer {
	case "acknowledge":
		return t.Acknowledged
	case "triage":
		return t.Triaged
	case "contain":
		return t.Contained
	case "resolve":
		return t.Resolved
	case "root_cause":
		return t.RootCaused
	}
	return time.Time{}
}

// Reassignment is one handover of an incident to another team.
type Reassignment struct {
	Pos    Pos       `yaml:"-"`
	At     Timestamp `yaml:"at"`
	To     Ref       `yaml:"to"`
	By     string    `yaml:"by"`
	Reason string    `yaml:"reason"`

	// Time is At as read.
	Time time.Time `yaml:"-"`
}

func (r *Reassignment) UnmarshalYAML(n *yaml.Node) (err error) {
	type plain Reassignment
	r.Pos, err = decodeAt(n, (*plain)(r))
	return err
}

// checkIncidents resolves the records' references and instants. Records are history:
// nothing in them changes a route, so their problems never hide the playbook's own.
func (l *loader) checkIncidents() {
	p, ix := l.p, &l.p.idx
	meta := func(i *Incident) (string, string, Pos) { return i.ID, i.File, i.IDPos }
	dupes(l, "incident", p.Incidents, meta)
	loc := time.UTC
	if p.Site.Location != nil {
		loc = p.Site.Location.Location
	}
	for _, inc := range p.Incidents {
		file := inc.File
		resolve(l, file, inc.Severity, "severity", ix.severities)
		resolve(l, file, inc.SeverityEnd, "severity", ix.severities)
		resolve(l, file, inc.AssignedTo, "team", ix.teams)
		resolve(l, file, inc.ResolvedBy, "team", ix.teams)
		if l.broken[file] {
			continue
		}
		inc.Given = p.NewFacts()
		for _, g := range inc.Facts {
			fact := p.Fact(g.Fact)
			if fact == nil {
				l.errorf(diag.UnknownFact, file, g.FactPos, fmt.Sprintf("unknown fact %q", g.Fact), refHint(g.Fact, "fact", ix.facts))
				continue
			}
			if err := inc.Given.Set(g.Fact, g.Value); err != nil {
				msg, hint := err.Error(), ""
				if fe, ok := err.(*FactError); ok {
					msg, hint = fe.Message, fe.Hint
				}
				l.errorf(diag.InvalidFactValue, file, g.ValuePos, msg, hint)
			}
		}
		if sf := p.SeverityFact(); sf != nil && p.Severity(inc.Severity.ID) != nil {
			if v, ok := inc.Given.Get(sf.ID); !ok {
				inc.Given.vals[sf.Index], inc.Given.set[sf.Index] = value{s: inc.Severity.ID}, true
			} else if v != inc.Severity.ID {
				l.errorf(diag.SeverityMismatch, file, inc.Severity.Pos, fmt.Sprintf("severity %s disagrees with the fact %s: %s", inc.Severity.ID, sf.ID, v),
					fmt.Sprintf("leave %s out of facts: the record's severity is the tier it was opened at", sf.ID))
			}
		}
		read := func(ts Timestamp, name string) time.Time {
			if ts.Raw == "" {
				return time.Time{}
			}
			t, ok := ParseInstant(ts.Raw, loc)
			if !ok {
				l.errorf(diag.InvalidInstant, file, ts.Pos, fmt.Sprintf("cannot read the instant %s %q", name, ts.Raw),
					"use RFC 3339 like 2026-03-01T03:00:00Z, or 2026-03-01T03:00 in the playbook's time zone")
			}
			return t
		}
		at := &inc.At
		at.Opened = read(inc.Opened, "opened")
		at.Acknowledged = read(inc.Acknowledged, "acknowledged")
		at.Triaged = read(inc.Triaged, "triaged")
		at.Contained = read(inc.Contained, "contained")
		at.Resolved = read(inc.Resolved, "resolved")
		at.RootCaused = read(inc.RootCaused, "root_caused")
		if at.Opened.IsZero() {
			continue
		}
		for _, m := range []struct {
			name string
			ts   Timestamp
			t    time.Time
		}{{"acknowledged", inc.Acknowledged, at.Acknowledged}, {"triaged", inc.Triaged, at.Triaged},
			{"contained", inc.Contained, at.Contained}, {"resolved", inc.Resolved, at.Resolved},
			{"root_caused", inc.RootCaused, at.RootCaused}} {
			if !m.t.IsZero() && m.t.Before(at.Opened) {
				l.errorf(diag.BeforeOpened, file, m.ts.Pos, fmt.Sprintf("%s %s is before the incident opened (%s)", m.name, m.ts.Raw, inc.Opened.Raw),
					"every milestone is at or after `opened`; check the date and the time zone")
			}
		}
		if !inc.ResolvedBy.IsZero() && at.Resolved.IsZero() {
			l.errorf(diag.ResolvedByOpen, file, inc.ResolvedBy.Pos, "resolved_by is set but the incident has no resolved instant",
				"add `resolved:` with when it was resolved, or remove resolved_by while it is open")
		}
		for i := range inc.Reassignments {
			ra := &inc.Reassignments[i]
			resolve(l, file, ra.To, "team", ix.teams)
			ra.Time = read(ra.At, "at")
			if !ra.Time.IsZero() && ra.Time.Before(at.Opened) {
				l.errorf(diag.BeforeOpened, file, ra.At.Pos, fmt.Sprintf("reassignment at %s is before the incident opened (%s)", ra.At.Raw, inc.Opened.Raw),
					"handovers happen after `opened`; check the date and the time zone")
			}
		}
	}
}
