package history

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/escalator-dev/escalator/matrix"
)

// Timing is one SLA timer over a group of incidents.
type Timing struct {
	Timer string
	// Target is the tier's timer (unset: no target); unset in a quarter's trend, which
	// mixes tiers (each incident is measured against its own).
	Target matrix.Duration
	// Met and Missed count the incidents judged; Pending those whose deadline is still
	// ahead; Unrecorded the closed ones without this milestone.
	Met, Missed, Pending, Unrecorded int
	// Median and P90 are nearest-rank percentiles of the recorded durations; Measured
	// counts them (a miss still open has no duration yet).
	Median, P90 time.Duration
	Measured    int

	durations []time.Duration
}

// Share is the share of judged incidents that met the timer; 0 when none was judged.
func (t Timing) Share() float64 { return share(t.Met, t.Met+t.Missed) }

// Judged is the number of incidents that met or missed the timer.
func (t Timing) Judged() int { return t.Met + t.Missed }

// Group is the SLA record of one tier, or of one domain at one tier.
type Group struct {
	Severity string
	Domain   string // "" for the whole tier
	// Incidents counts the group's records; Open those not resolved as of AsOf.
	Incidents, Open int
	// Reassignments is the total number of handovers.
	Reassignments int
	Timers        []Timing // in the order of matrix.SLA.Timers
}

// PerIncident is the mean number of reassignments per incident.
func (g Group) PerIncident() float64 { return share(g.Reassignments, g.Incidents) }

// Quarter is the trend of one calendar quarter, by the opening instant in the
// playbook's zone.
type Quarter struct {
	Name          string // "2026-Q1"
	Incidents     int
	Routing       Rate
	Reassignments int
	Timers        []Timing
}

// PerIncident is the mean number of reassignments per incident.
func (q Quarter) PerIncident() float64 { return share(q.Reassignments, q.Incidents) }

// Percentile returns the nearest-rank p-th percentile (0 < p <= 100) of sorted: the
// value at rank ceil(p/100 × n). It is 0 for no values.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(n)))
	return sorted[min(max(rank, 1), n)-1]
}

// state is what became of one timer of one incident.
type state int

const (
	met state = iota
	missed
	pending
	unrecorded
)

// timer judges one SLA timer of r, due at deadline, as of asOf, returning the elapsed
// time when the milestone was recorded.
func timer(r *Record, name string, deadline, asOf time.Time) (state, time.Duration, bool) {
	stop := r.At.Milestone(name)
	if !stop.IsZero() {
		d := stop.Sub(r.At.Opened)
		if !stop.After(deadline) { // met at exactly the deadline counts as met
			return met, d, true
		}
		return missed, d, true
	}
	// A closed incident that never recorded this milestone says nothing about it; the
	// root cause is still sought after the close.
	if r.Closed() && name != "root_cause" {
		return unrecorded, 0, false
	}
	if asOf.After(deadline) {
		return missed, 0, false
	}
	return pending, 0, false
}

func (t *Timing) add(s state, d time.Duration, has bool) {
	switch s {
	case met:
		t.Met++
	case missed:
		t.Missed++
	case pending:
		t.Pending++
	case unrecorded:
		t.Unrecorded++
	}
	if has {
		t.durations = append(t.durations, d)
	}
}

func (t *Timing) finish() {
	slices.Sort(t.durations)
	t.Measured = len(t.durations)
	t.Median, t.P90 = Percentile(t.durations, 50), Percentile(t.durations, 90)
	t.durations = nil
}

func newTimers(sla *matrix.SLA) []Timing {
	var out []Timing
	for _, t := range (matrix.SLA{}).Timers() {
		tm := Timing{Timer: t.Name}
		if sla != nil {
			for _, s := range sla.Timers() {
				if s.Name == t.Name {
					tm.Target = s.After
				}
			}
		}
		out = append(out, tm)
	}
	return out
}

// measure fills in the SLA groups and the quarters.
func (rep *Report) measure() {
	p := rep.Playbook
	type key struct{ sev, dom string }
	groups := map[key]*Group{}
	quarters := map[string]*Quarter{}
	for i := range rep.Outcomes {
		o := &rep.Outcomes[i]
		r := o.Record
		sev := p.Severity(r.Severity)
		if sev == nil || r.At.Opened.IsZero() {
			continue
		}
		open := !r.Closed()
		group := func(k key) *Group {
			g := groups[k]
			if g == nil {
				g = &Group{Severity: k.sev, Domain: k.dom, Timers: newTimers(&sev.SLA)}
				groups[k] = g
			}
			return g
		}
		gs := []*Group{group(key{sev.ID, ""})}
		if r.Domain != "" {
			gs = append(gs, group(key{sev.ID, r.Domain}))
		}
		local := r.At.Opened.In(rep.Zone)
		qname := fmt.Sprintf("%d-Q%d", local.Year(), (int(local.Month())-1)/3+1)
		q := quarters[qname]
		if q == nil {
			q = &Quarter{Name: qname, Timers: newTimers(nil)}
			quarters[qname] = q
		}
		q.Incidents++
		q.Reassignments += len(r.Reassignments)
		if o.Judged {
			q.Routing.Judged++
			if o.Misroute() {
				q.Routing.Misroutes++
			}
		}
		for _, g := range gs {
			g.Incidents++
			g.Reassignments += len(r.Reassignments)
			if open {
				g.Open++
			}
		}
		for j, t := range sev.SLA.Timers() {
			if !t.After.Set {
				continue // no target: nothing to meet
			}
			// Business days count the playbook's working week (Playbook.Deadline).
			due := p.Deadline(r.At.Opened, t.After)
			if due.IsZero() {
				continue // a business-day target without a working week: check says so
			}
			s, d, has := timer(r, t.Name, due, rep.AsOf)
			for _, g := range gs {
				g.Timers[j].add(s, d, has)
			}
			q.Timers[j].add(s, d, has)
		}
	}
	for _, sev := range p.Severities {
		if g := groups[key{sev.ID, ""}]; g != nil {
			rep.SLA = append(rep.SLA, *g)
		}
		for _, dom := range p.Domains {
			if g := groups[key{sev.ID, dom.ID}]; g != nil {
				rep.SLA = append(rep.SLA, *g)
			}
		}
	}
	for i := range rep.SLA {
		rep.SLA[i].Timers = slices.Clone(rep.SLA[i].Timers)
		for j := range rep.SLA[i].Timers {
			rep.SLA[i].Timers[j].finish()
		}
	}
	for _, name := range sortedKeys(quarters) {
		q := *quarters[name]
		for j := range q.Timers {
			q.Timers[j].finish()
		}
		rep.Quarters = append(rep.Quarters, q)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
