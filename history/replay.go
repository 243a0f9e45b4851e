package history

import (
	"cmp"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/escalator-dev/escalator/matrix"
)

// Options tune Replay.
type Options struct {
	// AsOf is the instant open incidents are judged at: a deadline after it is
	// pending, one before it a miss. Zero means time.Now.
	AsOf time.Time
	// Since leaves out the records opened before it; zero keeps them all.
	Since time.Time
}

// Outcome is one record replayed through today's rules.
type Outcome struct {
	Record *Record
	// Rule decided the owner; nil when no rule matched (a misroute when judged).
	Rule *matrix.Rule
	// Routed is the rule's team; Owner the team that owns the case at the opening
	// instant, after after-hours fallbacks.
	Routed, Owner string
	// Judged is set when the record names who resolved it; only judged records count
	// towards misroute rates.
	Judged bool
	// Agrees says the resolving team is Routed or Owner.
	Agrees bool
	// Suggestion is the smallest change to the rules that routes this record right,
	// for a misroute where one was found.
	Suggestion *Suggestion
}

// Misroute reports whether the rules disagree with the team that resolved it.
func (o *Outcome) Misroute() bool { return o.Judged && !o.Agrees }

// Rate counts misroutes in one group of judged records.
type Rate struct {
	Key               string // domain id, rule name, quarter
	Judged, Misroutes int
}

// Share is the misroute rate, 0 for an empty group.
func (r Rate) Share() float64 { return share(r.Misroutes, r.Judged) }

// RuleRate is one rule's record: the judged incidents it decided and how many of them
// it got wrong, with those as evidence.
type RuleRate struct {
	Rule              *matrix.Rule
	Judged, Misroutes int
	Evidence          []*Outcome // the misroutes, in record order
}

// Share is the rule's misroute rate.
func (r RuleRate) Share() float64 { return share(r.Misroutes, r.Judged) }

// Report is everything Replay found.
type Report struct {
	Playbook  *matrix.Playbook
	AsOf      time.Time
	Since     time.Time
	Zone      *time.Location
	Outcomes  []Outcome // in record order
	Records   int       // replayed, after Since
	Open      int       // not resolved as of AsOf
	Overall   Rate      // over every judged record
	FirstTime Rate      // Misroutes here counts judged records first assigned elsewhere
	ByDomain  []Rate    // in the playbook's domain order, then "" (no domain given)
	// ByRule lists every rule that decided a judged record, most misroutes first,
	// then in rule order: the head of the list is the rules most often wrong.
	ByRule   []RuleRate
	SLA      []Group   // per severity, each followed by its domains
	Quarters []Quarter // in time order
}

// Replay routes every record at its opening instant through p's rules, compares each
// decision with the team that resolved it, and measures the SLA timers. p must have
// loaded without errors; the records are not modified.
func Replay(p *matrix.Playbook, recs []Record, opt Options) *Report {
	if opt.AsOf.IsZero() {
		opt.AsOf = time.Now()
	}
	rep := &Report{Playbook: p, AsOf: opt.AsOf, Since: opt.Since, Zone: time.UTC}
	if p.Site.Location != nil {
		rep.Zone = p.Site.Location.Location
	}
	kept := make([]*Record, 0, len(recs))
	for i := range recs {
		if opt.Since.IsZero() || !recs[i].At.Opened.Before(opt.Since) {
			kept = append(kept, &recs[i])
		}
	}
	rep.Records = len(kept)
	rep.Outcomes = make([]Outcome, len(kept))
	// Routing is most of the work, and every record is independent of the others.
	var wg sync.WaitGroup
	workers := max(1, min(runtime.GOMAXPROCS(0), len(kept)/256))
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(kept); i += workers {
				rep.Outcomes[i] = judge(p, kept[i])
			}
		})
	}
	wg.Wait()
	suggestAll(p, rep.Outcomes)
	rep.rates()
	rep.measure()
	return rep
}

// judge routes one record and compares the decision with who resolved it.
func judge(p *matrix.Playbook, r *Record) Outcome {
	o := Outcome{Record: r, Judged: r.ResolvedBy != ""}
	d, err := p.Route(r.Facts, r.At.Opened)
	if err == nil && d.Rule != nil {
		o.Rule = d.Rule
		if d.Routed != nil {
			o.Routed = d.Routed.ID
		}
		if d.Owner != nil {
			o.Owner = d.Owner.ID
		}
	}
	o.Agrees = o.Rule != nil && (r.ResolvedBy == o.Routed || r.ResolvedBy == o.Owner)
	return o
}

// ownerAt is who owns a case routed to team at the instant, as Playbook.Route decides:
// holidays and closed days included.
func ownerAt(p *matrix.Playbook, team string, at time.Time) string {
	if t := p.Team(team); t != nil {
		return p.Covering(t, at).ID
	}
	return team
}

func (rep *Report) rates() {
	p := rep.Playbook
	byDomain := map[string]*Rate{}
	byRule := map[*matrix.Rule]*RuleRate{}
	for i := range rep.Outcomes {
		o := &rep.Outcomes[i]
		if !o.Record.Closed() {
			rep.Open++
		}
		if !o.Judged {
			continue
		}
		miss := o.Misroute()
		add := func(r *Rate) {
			r.Judged++
			if miss {
				r.Misroutes++
			}
		}
		add(&rep.Overall)
		rep.FirstTime.Judged++
		if o.Record.AssignedTo != o.Record.ResolvedBy {
			rep.FirstTime.Misroutes++
		}
		d := byDomain[o.Record.Domain]
		if d == nil {
			d = &Rate{Key: o.Record.Domain}
			byDomain[o.Record.Domain] = d
		}
		add(d)
		if o.Rule != nil {
			rr := byRule[o.Rule]
			if rr == nil {
				rr = &RuleRate{Rule: o.Rule}
				byRule[o.Rule] = rr
			}
			rr.Judged++
			if miss {
				rr.Misroutes++
				rr.Evidence = append(rr.Evidence, o)
			}
		}
	}
	for _, dom := range p.Domains {
		if r := byDomain[dom.ID]; r != nil {
			rep.ByDomain = append(rep.ByDomain, *r)
			delete(byDomain, dom.ID)
		}
	}
	if r := byDomain[""]; r != nil {
		rep.ByDomain = append(rep.ByDomain, *r)
	}
	for _, rr := range byRule {
		rep.ByRule = append(rep.ByRule, *rr)
	}
	slices.SortFunc(rep.ByRule, func(a, b RuleRate) int {
		return cmp.Or(cmp.Compare(b.Misroutes, a.Misroutes), cmp.Compare(a.Rule.Index, b.Rule.Index))
	})
}

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}
