package matrix

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

type op uint8

const (
	opAny op = iota // equal to one of vals
	opNe
	opLt
	opLe
	opGt
	opGe
)

var opNames = map[string]op{"==": opAny, "!=": opNe, "<": opLt, "<=": opLe, ">": opGt, ">=": opGe}

// holds reports whether the condition holds for a fact of type t.
func (c *Cond) holds(t FactType, v value) bool {
	switch c.op {
	case opAny:
		if t == Number {
			for _, x := range c.vals {
				if x.n == v.n {
					return true
				}
			}
			return false
		}
		for _, x := range c.vals {
			if x.s == v.s {
				return true
			}
		}
		return false
	case opNe:
		return v.n != c.vals[0].n
	case opLt:
		return v.n < c.vals[0].n
	case opLe:
		return v.n <= c.vals[0].n
	case opGt:
		return v.n > c.vals[0].n
	case opGe:
		return v.n >= c.vals[0].n
	}
	return false
}

// matches reports whether every condition of r holds for f. A condition on a fact that
// is not set does not hold; a condition that failed to compile never holds.
func (r *Rule) matches(f *Facts) bool { return r.matchesRaised(f, -1, nil) }

// matchesRaised is matches with the severity fact (index sf) read as raised when raised
// is not nil: rules after a raise see the raised tier.
func (r *Rule) matchesRaised(f *Facts, sf int, raised *Severity) bool {
	for i := range r.When {
		c := &r.When[i]
		if !c.valid {
			return false
		}
		if raised != nil && c.fact == sf {
			if !c.holds(c.typ, value{s: raised.ID}) {
				return false
			}
			continue
		}
		if !f.set[c.fact] || !c.holds(c.typ, f.vals[c.fact]) {
			return false
		}
	}
	return true
}

// Decision is how one case is routed.
type Decision struct {
	// Rule is the rule that decided the owner; Matched lists every rule that matched,
	// continuing ones included, in order.
	Rule    *Rule
	Matched []*Rule
	// Routed is the team the rule names; Owner is who owns the case at the instant,
	// after following after-hours fallbacks (OffHours lists the teams passed over).
	Routed   *Team
	Owner    *Team
	OffHours []*Team
	// Notified are the teams told, each one out of hours replaced by its after-hours
	// team; NotifiedOffHours lists the teams so replaced.
	Notified         []*Team
	NotifiedOffHours []*Team
	// OnCall is who is on call for the owner at the start, in the schedule its chain
	// pages first (else its first schedule); nil without an instant or a schedule.
	OnCall *OnCall
	// Severity is the case's tier after any raise; Given is the tier the facts named;
	// RaisedBy is the matched rule that last raised it (nil when no rule did).
	Severity  *Severity
	Given     *Severity
	RaisedBy  *Rule
	Immediate bool
	Runbooks  []*Runbook
	// Briefs are the briefs the matched rules name: the deciding rule's first, then the
	// continuing rules' in order, each once. Brief is Briefs[0] (nil when none), for
	// callers that want one.
	Briefs []*Brief
	Brief  *Brief
	Roles  []*Role
	// At is the start of the incident; deadlines and handoffs count from it.
	At        time.Time
	Deadlines []Deadline
	Handoffs  []Handoff
	// Handover is set when the owner closes while its chain still runs: from that
	// instant, the chain of its after-hours team goes on.
	Handover *Handover
}

// Handover is an owner closing during its escalation chain.
type Handover struct {
	At   time.Time
	From *Team // the owner, closing
	To   *Team // who takes over: its after-hours team, or that team's, and so on
}

// Deadline is an SLA timer as an instant. After is the timer as written (`4h`, `5bd`);
// At is zero when the decision has no start instant.
type Deadline struct {
	Name  string
	After Duration
	At    time.Time
}

// Handoff is one step of the owner's escalation chain as an instant.
type Handoff struct {
	// Team is the team whose chain the step is: the owner's, or after a Handover the
	// team that took the case over.
	Team     *Team
	Round    int // 0 for the first pass through the chain
	Level    int // 1-based
	Name     string
	After    time.Duration
	At       time.Time
	While    string // "unacknowledged" or "unresolved"
	Members  []*Member
	Channels []*Channel
	// Teams are the level's teams as at At: one out of hours is replaced by its
	// after-hours team, and TeamsOffHours lists those replaced.
	Teams         []*Team
	TeamsOffHours []*Team
	// Schedules are the schedules the level pages, Offset turns on; OnCall is who is on
	// duty in each at At (empty without an instant).
	Schedules []*Schedule
	Offset    int
	OnCall    []OnCall
}

// Who lists whom the handoff pages, as a reader names them: members, then schedules
// (by name, as at no instant in particular), channels and teams.
func (h Handoff) Who() []string {
	var out []string
	for _, m := range h.Members {
		out = append(out, m.Name)
	}
	for _, s := range h.Schedules {
		label := "on duty in " + s.Title()
		if h.Offset > 0 {
			label = fmt.Sprintf("%s, %d %s on", label, h.Offset, map[bool]string{true: "turn", false: "turns"}[h.Offset == 1])
		}
		out = append(out, label)
	}
	for _, c := range h.Channels {
		out = append(out, c.Name)
	}
	for _, t := range h.Teams {
		out = append(out, t.Name)
	}
	return out
}

// NoRouteError says that no rule matched and the playbook has no default rule.
type NoRouteError struct{}

func (NoRouteError) Error() string {
	return "no routing rule matches these facts and the playbook has no default rule"
}

// match appends to buf the rules that match f, in order, up to and including the first
// one without `continue`. A matching rule's `severity` raises the tier (never lowers it)
// and the rules after it see the raised tier as the severity fact. It returns the tier
// from given as raised and the rule that last raised it, and does not allocate when buf
// has room.
func (p *Playbook) match(f *Facts, buf []*Rule, given *Severity) ([]*Rule, *Severity, *Rule) {
	sf := -1
	if fact := p.SeverityFact(); fact != nil {
		sf = fact.Index
	}
	sev, raised := given, (*Severity)(nil)
	var by *Rule
	for _, r := range p.Routes {
		if !r.matchesRaised(f, sf, raised) {
			continue
		}
		buf = append(buf, r)
		if s := p.Severity(r.Severity.ID); s != nil && (sev == nil || s.Rank < sev.Rank) {
			sev, raised, by = s, s, r
		}
		if !r.Continue {
			break
		}
	}
	return buf, sev, by
}

// Route decides a case: rules are tried in order; the first matching rule without
// `continue` names the owner; matching rules with `continue` add notified teams, raise
// the severity (which the rules after them see) or mark the case immediate, and
// evaluation goes on. At the instant at, an owner out of hours hands over to its
// after-hours team (transitively). A zero at means "ignore hours".
func (p *Playbook) Route(f Facts, at time.Time) (*Decision, error) {
	d := &Decision{At: at}
	if sf := p.SeverityFact(); sf != nil && f.set[sf.Index] {
		d.Given = p.Severity(f.vals[sf.Index].s)
	}
	var sev *Severity
	d.Matched, sev, d.RaisedBy = p.match(&f, nil, d.Given)
	var notify []*Team
	for _, r := range d.Matched {
		d.Immediate = d.Immediate || r.Immediate
		if r.Continue {
			notify = appendTeam(notify, p.Team(r.To.ID))
		} else {
			d.Rule = r
		}
		for _, a := range r.Also {
			notify = appendTeam(notify, p.Team(a.ID))
		}
	}
	if d.Rule == nil {
		return nil, NoRouteError{}
	}
	d.Severity = sev
	d.Routed = p.Team(d.Rule.To.ID)
	d.Owner = p.cover(d.Routed, at, &d.OffHours)
	for _, t := range notify {
		if cover := p.Covering(t, at); cover != t {
			d.NotifiedOffHours = append(d.NotifiedOffHours, t)
			t = cover
		}
		if t != d.Owner && !slices.Contains(d.Notified, t) {
			d.Notified = append(d.Notified, t)
		}
	}
	d.Runbooks = p.decisionRunbooks(d, f)
	if b := p.Brief(d.Rule.Brief.ID); b != nil {
		d.Briefs = append(d.Briefs, b)
	}
	for _, r := range d.Matched {
		if b := p.Brief(r.Brief.ID); b != nil && !slices.Contains(d.Briefs, b) {
			d.Briefs = append(d.Briefs, b)
		}
	}
	if len(d.Briefs) > 0 {
		d.Brief = d.Briefs[0]
	}
	if sev != nil {
		for _, ref := range sev.Roles {
			if r := p.Role(ref.ID); r != nil {
				d.Roles = append(d.Roles, r)
			}
		}
		for _, t := range sev.SLA.Timers() {
			if t.After.Set { // a timer left out has no target, so no deadline
				d.Deadlines = append(d.Deadlines, Deadline{t.Name, t.After, p.Deadline(at, t.After)})
			}
		}
	}
	if d.Owner != nil {
		d.Handoffs, d.Handover = p.chain(d.Owner, at)
		if s := d.Owner.PrimarySchedule(); s != nil && !at.IsZero() {
			oc := p.OnCall(d.Owner, s, at, 0)
			d.OnCall = &oc
		}
	}
	return d, nil
}

// Deadline returns the instant a target falls due from start: start plus the duration,
// or for business days the playbook's working week counted in its time zone (see
// WorkingWeek.AddBusinessDays). It is zero when start is zero, the target is unset, or
// business days have no valid working week to count.
func (p *Playbook) Deadline(start time.Time, d Duration) time.Time {
	if start.IsZero() || !d.Set {
		return time.Time{}
	}
	if d.IsBusiness() {
		var loc *time.Location
		if p.Site.Location != nil {
			loc = p.Site.Location.Location
		}
		at, _ := p.Site.WorkingWeek.AddBusinessDays(start, d.BusinessDays, loc)
		return at
	}
	return start.Add(d.Duration)
}

// Covering returns who answers for t at the instant: t in hours, else the first of its
// after-hours fallbacks that is in hours (the last of them when none is). A zero
// instant means "ignore hours".
func (p *Playbook) Covering(t *Team, at time.Time) *Team { return p.cover(t, at, nil) }

// cover is Covering that also appends to passed, when not nil, the teams passed over.
func (p *Playbook) cover(t *Team, at time.Time, passed *[]*Team) *Team {
	if t == nil || at.IsZero() || p.InHours(t, at) {
		return t
	}
	cur := t
	for _, next := range p.Fallbacks(t) {
		if passed != nil {
			*passed = append(*passed, cur)
		}
		cur = next
		if p.InHours(next, at) {
			break
		}
	}
	return cur
}

// InHours reports whether t works at the instant: inside its hours, on a day neither
// closed nor a holiday of a calendar it observes (in its time zone).
func (p *Playbook) InHours(t *Team, at time.Time) bool {
	if !t.Hours.Contains(at) {
		return false
	}
	if len(t.Hours.Holidays) == 0 || t.Hours.loc == nil {
		return true
	}
	y, m, d := at.In(t.Hours.loc).Date()
	for _, r := range t.Hours.Holidays {
		if c := p.Holiday(r.ID); c != nil {
			if _, closed := c.Closes(y, m, d); closed {
				return false
			}
		}
	}
	return true
}

// ClosedDays lists the days t is closed all day, in its time zone: dates as
// YYYY-MM-DD and yearly dates as MM-DD, from its own closed dates and the holiday
// calendars it observes; sorted, without repeats. A browser's "open now" reads them.
func (p *Playbook) ClosedDays(t *Team) (dates, yearly []string) {
	for _, c := range t.Hours.Closed {
		if !c.IsZero() {
			dates = append(dates, c.Format(time.DateOnly))
		}
	}
	for _, r := range t.Hours.Holidays {
		c := p.Holiday(r.ID)
		if c == nil {
			continue
		}
		for _, hd := range c.Dates {
			y, m, d, ok := hd.parse()
			switch {
			case !ok:
			case y == 0:
				yearly = append(yearly, fmt.Sprintf("%02d-%02d", m, d))
			default:
				dates = append(dates, fmt.Sprintf("%04d-%02d-%02d", y, m, d))
			}
		}
	}
	slices.Sort(dates)
	slices.Sort(yearly)
	return slices.Compact(dates), slices.Compact(yearly)
}

// PrimarySchedule is the schedule whose person is "on call now" for t: the first its
// chain pages without an offset, else its first schedule; nil when it has none.
func (t *Team) PrimarySchedule() *Schedule {
	for _, l := range t.Escalation.Levels {
		if l.Offset > 0 {
			continue
		}
		for _, r := range l.Schedules {
			if s := t.Schedule(r.ID); s != nil {
				return s
			}
		}
	}
	if len(t.Schedules) > 0 {
		return &t.Schedules[0]
	}
	return nil
}

// Fallbacks lists who takes over from t out of hours, in order: its after_hours team,
// that team's, and so on, ending with the first team that works 24x7. It stops early
// where Load reported a loop or an unknown team, and is empty for a 24x7 team.
func (p *Playbook) Fallbacks(t *Team) []*Team {
	var out []*Team
	for cur := t; cur != nil && !cur.Hours.Always; {
		next := p.Team(cur.AfterHours.ID)
		if next == nil || next == t || slices.Contains(out, next) {
			break
		}
		out = append(out, next)
		cur = next
	}
	return out
}

func appendTeam(list []*Team, t *Team) []*Team {
	if t == nil || slices.Contains(list, t) {
		return list
	}
	return append(list, t)
}

// decisionRunbooks lists the runbooks the matched rules name, then the runbooks of the
// case's domain that apply at its severity.
func (p *Playbook) decisionRunbooks(d *Decision, f Facts) []*Runbook {
	var named []*Runbook
	for _, r := range d.Matched {
		for _, ref := range r.Runbooks {
			if rb := p.Runbook(ref.ID); rb != nil && !slices.Contains(named, rb) {
				named = append(named, rb)
			}
		}
	}
	df := p.DomainFact()
	if df == nil || !f.set[df.Index] {
		return named
	}
	domain := f.vals[df.Index].s
	list := p.idx.runbooksByDomain[domain]
	if d.Severity != nil {
		list = p.idx.runbooksByCell[cell{domain, d.Severity.ID}]
	}
	out := append(make([]*Runbook, 0, len(named)+len(list)), named...)
	for _, rb := range list {
		if !slices.Contains(named, rb) {
			out = append(out, rb)
		}
	}
	return out
}

// maxHandoverScan bounds the search for the instant an owner closes between two
// handoffs: hours are minute-aligned, so a minute's step finds it exactly; a gap longer
// than this hands over at the first handoff found out of hours instead.
const maxHandoverScan = 8 * 24 * time.Hour

// chain is the escalation of a case owned by t from start: t's chain, until t closes
// while a step is still to come; from the instant it closes, the chain of the team that
// covers it then, counted from that instant. A zero start ignores hours.
func (p *Playbook) chain(t *Team, start time.Time) ([]Handoff, *Handover) {
	steps := p.Handoffs(t, start)
	if start.IsZero() || len(steps) == 0 || t.Hours.Always || p.Team(t.AfterHours.ID) == nil {
		return steps, nil
	}
	prev := start
	for i, h := range steps {
		if p.InHours(t, h.At) {
			prev = h.At
			continue
		}
		// t closed in (prev, h.At]: find the first minute it is out.
		closes := h.At
		if h.At.Sub(prev) <= maxHandoverScan {
			for c := prev.Truncate(time.Minute).Add(time.Minute); !c.After(h.At); c = c.Add(time.Minute) {
				if !p.InHours(t, c) {
					closes = c
					break
				}
			}
		}
		cover := p.Covering(t, closes)
		if cover == t {
			return steps, nil
		}
		rest := p.Handoffs(cover, closes)
		since := closes.Sub(start)
		for j := range rest {
			rest[j].After = addDurations(rest[j].After, since)
		}
		return append(steps[:i:i], rest...), &Handover{At: closes, From: t, To: cover}
	}
	return steps, nil
}

// MaxRepeat is the most times an escalation chain repeats, as team.schema.json says.
const MaxRepeat = 5

// Handoffs lists every step of t's escalation chain as instants from start, in time
// order. Repeats page the levels that wait for an acknowledgement again: a repeat starts
// one interval after the last such level, the interval being the gap between the last two
// (15m when there is one). Levels that wait for resolution fire once. At most MaxRepeat
// repeats are listed, and offsets saturate rather than wrap.
func (p *Playbook) Handoffs(t *Team, start time.Time) []Handoff {
	levels := t.Escalation.Levels
	if len(levels) == 0 {
		return nil
	}
	var ack []time.Duration
	for _, l := range levels {
		if !l.UntilResolved() {
			ack = append(ack, l.After.Duration)
		}
	}
	var period time.Duration
	if n := len(ack); n > 0 {
		gap := 15 * time.Minute
		if n >= 2 && ack[n-1] > ack[n-2] {
			gap = ack[n-1] - ack[n-2]
		}
		period = addDurations(ack[n-1], gap)
	}
	// The schema bounds repeat; a model built or decoded around it must not loop longer.
	repeat := min(max(t.Escalation.Repeat, 0), MaxRepeat)
	var out []Handoff
	for round := 0; round <= repeat; round++ {
		for i, l := range levels {
			if round > 0 && (l.UntilResolved() || period == 0) {
				continue
			}
			after := addDurations(l.After.Duration, mulDuration(period, round))
			h := Handoff{Team: t, Round: round, Level: i + 1, Name: l.Name, After: after, While: "unacknowledged"}
			if !start.IsZero() {
				h.At = start.Add(after)
			}
			if l.UntilResolved() {
				h.While = "unresolved"
			}
			for _, m := range l.Members {
				if x := t.member(m.ID); x != nil {
					h.Members = append(h.Members, x)
				}
			}
			for _, c := range l.Channels {
				if x := t.channel(c.ID); x != nil {
					h.Channels = append(h.Channels, x)
				}
			}
			for _, ref := range l.Teams {
				x := p.Team(ref.ID)
				if x == nil {
					continue
				}
				// Resolved at the level's own instant: an hour into the incident the
				// team paged may have closed.
				if cover := p.Covering(x, h.At); cover != x {
					h.TeamsOffHours = append(h.TeamsOffHours, x)
					x = cover
				}
				if !slices.Contains(h.Teams, x) {
					h.Teams = append(h.Teams, x)
				}
			}
			h.Offset = l.Offset
			for _, ref := range l.Schedules {
				if s := t.Schedule(ref.ID); s != nil {
					h.Schedules = append(h.Schedules, s)
					if !h.At.IsZero() {
						h.OnCall = append(h.OnCall, p.OnCall(t, s, h.At, l.Offset))
					}
				}
			}
			out = append(out, h)
		}
	}
	slices.SortStableFunc(out, func(a, b Handoff) int { return cmp.Compare(a.After, b.After) })
	return out
}

func (t *Team) member(id string) *Member {
	for i := range t.Members {
		if t.Members[i].ID == id {
			return &t.Members[i]
		}
	}
	return nil
}

func (t *Team) channel(id string) *Channel {
	for i := range t.Channels {
		if t.Channels[i].ID == id {
			return &t.Channels[i]
		}
	}
	return nil
}

// Cell is one square of the matrix grid: a domain at a severity, and its decision.
type Cell struct {
	Domain   *Domain
	Severity *Severity
	Decision *Decision
}

// Grid routes every domain at every severity, ignoring hours, in authored order: rows
// are domains, columns severities. It is empty when no fact is `from: domains` or none
// is `from: severities`.
func (p *Playbook) Grid() [][]Cell {
	df, sf := p.DomainFact(), p.SeverityFact()
	if df == nil || sf == nil {
		return nil
	}
	grid := make([][]Cell, len(p.Domains))
	for i, dom := range p.Domains {
		grid[i] = make([]Cell, len(p.Severities))
		for j, sev := range p.Severities {
			f := p.NewFacts()
			f.vals[df.Index], f.set[df.Index] = value{s: dom.ID}, true
			f.vals[sf.Index], f.set[sf.Index] = value{s: sev.ID}, true
			d, _ := p.Route(f, time.Time{})
			grid[i][j] = Cell{dom, sev, d}
		}
	}
	return grid
}

// CellFacts returns the facts of one grid cell, for callers that route it themselves.
func (p *Playbook) CellFacts(domain, severity string) (Facts, error) {
	df, sf := p.DomainFact(), p.SeverityFact()
	if df == nil || sf == nil {
		return Facts{}, fmt.Errorf("the playbook has no domain or severity fact")
	}
	f := p.NewFacts()
	if err := f.Set(df.ID, domain); err != nil {
		return f, err
	}
	return f, f.Set(sf.ID, severity)
}
