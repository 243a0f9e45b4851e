package matrix

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/matrix/schedule"
)

// Person is someone who can be on call: a member and the team they belong to, which is
// not the schedule's team when an override names `team/member`.
type Person struct {
	Team   *Team
	Member *Member
}

// OnCall is who is on duty in one schedule at an instant.
type OnCall struct {
	Team     *Team
	Schedule *Schedule
	At       time.Time
	Offset   int
	// Person is nil when nobody is on duty. Until is when their duty ends (zero: not
	// within a year), Next who takes over then (nil for nobody).
	Person *Person
	Until  time.Time
	Next   *Person
	// Override is the override that put Person on duty, or nil.
	Override *Override
}

// OnCall returns who is on duty in the team's schedule at the instant, offset turns
// later in the rotation when offset > 0. It is the zero OnCall (no Person) when the
// schedule is unknown or did not compile.
func (p *Playbook) OnCall(t *Team, s *Schedule, at time.Time, offset int) OnCall {
	oc := OnCall{Team: t, Schedule: s, At: at, Offset: offset}
	c := p.idx.compiled[s]
	if c == nil {
		return oc
	}
	d := c.At(at)
	oc.Until = d.Until
	if offset > 0 {
		oc.Person = p.person(t, c.Offset(at, offset))
		if !d.Until.IsZero() {
			oc.Next = p.person(t, c.Offset(d.Until, offset))
		}
		return oc
	}
	oc.Person, oc.Next = p.person(t, d.Member), p.person(t, d.Next)
	if o := d.Source.Override; o != nil {
		oc.Override = p.idx.overrides[s][o.From.Unix()]
	}
	return oc
}

// Shift is one stretch of a schedule's timeline; Person is nil for nobody on duty.
type Shift struct {
	Person      *Person
	From, Until time.Time
	Override    *Override
	// Layer is the index of the layer that decided the shift; -1 for an override or
	// for nobody. Neighbouring shifts are one when person and source agree.
	Layer int
}

// Shifts returns the timeline of the team's schedule over [from, to), in order and
// without gaps: stretches of nobody on duty are shifts without a Person.
func (p *Playbook) Shifts(t *Team, s *Schedule, from, to time.Time) []Shift {
	c := p.idx.compiled[s]
	if c == nil {
		return nil
	}
	spans := c.Shifts(from, to)
	out := make([]Shift, 0, len(spans))
	// A rotation names a few people many times: one Person each.
	type named struct {
		ref    string
		person *Person
	}
	var people []named
	person := func(ref string) *Person {
		for _, n := range people {
			if n.ref == ref {
				return n.person
			}
		}
		pp := p.person(t, ref)
		people = append(people, named{ref, pp})
		return pp
	}
	for _, sp := range spans {
		sh := Shift{Person: person(sp.Member), From: sp.From, Until: sp.Until, Layer: sp.Source.Layer}
		if o := sp.Source.Override; o != nil {
			sh.Override = p.idx.overrides[s][o.From.Unix()]
		}
		out = append(out, sh)
	}
	return out
}

// ScheduleRules describes the rules of the team's schedule compactly (layers with zone
// names and local start times, windows, overrides as UTC instants), for a client that
// evaluates them itself; ok is false when the schedule did not compile.
func (p *Playbook) ScheduleRules(s *Schedule) (r schedule.Rules, ok bool) {
	c := p.idx.compiled[s]
	if c == nil {
		return schedule.Rules{}, false
	}
	return c.Rules(), true
}

// Schedule returns the team's schedule with the id, or nil.
func (t *Team) Schedule(id string) *Schedule {
	for i := range t.Schedules {
		if t.Schedules[i].ID == id {
			return &t.Schedules[i]
		}
	}
	return nil
}

// person resolves a member id of t, or `team/member`; nil when it names nobody.
func (p *Playbook) person(t *Team, ref string) *Person {
	if ref == "" {
		return nil
	}
	if team, id, ok := strings.Cut(ref, "/"); ok {
		if o := p.Team(team); o != nil {
			if m := o.member(id); m != nil {
				return &Person{o, m}
			}
		}
		return nil
	}
	if m := t.member(ref); m != nil {
		return &Person{t, m}
	}
	return nil
}

// scheduleZone is the zone a schedule's times are read in when it names none: the
// team's hours zone, else the playbook's.
func (p *Playbook) scheduleZone(t *Team) *time.Location {
	if loc := t.Hours.Location(); loc != nil {
		return loc
	}
	if p.Site.Location != nil {
		return p.Site.Location.Location
	}
	return time.UTC
}

// checkSchedules resolves the schedules' references and compiles them. A schedule with
// an error is left uncompiled, so that it answers nobody rather than something wrong.
// Compiled schedules live in the index: cached teams are never modified.
func (l *loader) checkSchedules() {
	p := l.p
	p.idx.compiled = make(map[*Schedule]*schedule.Schedule)
	p.idx.overrides = make(map[*Schedule]map[int64]*Override)
	p.idx.zones = make(map[*Schedule]*time.Location)
	for _, t := range p.Teams {
		if l.broken[t.File] {
			continue
		}
		scheds := make([]*Schedule, len(t.Schedules))
		for i := range t.Schedules {
			scheds[i] = &t.Schedules[i]
		}
		dupes(l, "schedule", scheds, func(s *Schedule) (string, string, Pos) { return s.ID, t.File, s.IDPos })
		for _, s := range scheds {
			l.compileSchedule(t, s)
		}
	}
}

func (l *loader) zoneOr(file, name string, pos Pos, def *time.Location) (*time.Location, bool) {
	if name == "" {
		return def, true
	}
	if loc := l.checkZone(file, name, pos); loc != nil {
		return loc, true
	}
	return nil, false
}

func (l *loader) compileSchedule(t *Team, s *Schedule) {
	p, ok := l.p, true
	members := make(map[string]*Member, len(t.Members))
	for i := range t.Members {
		members[t.Members[i].ID] = &t.Members[i]
	}
	zone, zok := l.zoneOr(t.File, s.TimeZone, s.ZonePos, p.scheduleZone(t))
	ok = ok && zok
	if zone != nil {
		p.idx.zones[s] = zone
	}
	var layers []schedule.Layer
	for i, ly := range s.Layers {
		where := fmt.Sprintf("layer %d of schedule %s", i+1, s.ID)
		if len(ly.Members) == 0 {
			l.errorf(diag.EmptyLayer, t.File, ly.Pos, where+" has no members", fmt.Sprintf("list member ids of team %s in turn order, e.g. `members: [%s]`", t.ID, strings.Join(firstIDs(t, 2), ", ")))
			ok = false
		}
		var ids []string
		for _, m := range ly.Members {
			if m.ID != "" && members[m.ID] == nil {
				l.errorf(diag.UnknownMember, t.File, m.Pos, fmt.Sprintf("team %s has no member %q", t.ID, m.ID), refHint(m.ID, "member", members))
				ok = false
			}
			ids = append(ids, m.ID)
		}
		kind, kok := schedule.ParseKind(ly.Shift)
		start, sok := schedule.ParseLocal(ly.Start.Raw)
		if ly.Start.Raw != "" && !sok {
			l.errorf(diag.InvalidInstant, t.File, ly.Start.Pos, fmt.Sprintf("cannot read start %q", ly.Start.Raw), "write the first handoff as YYYY-MM-DDTHH:MM, e.g. 2026-01-05T09:00")
		}
		loc, lok := l.zoneOr(t.File, ly.TimeZone, ly.ZonePos, zone)
		length := ly.Length
		if length == 0 {
			length = 1
		}
		var restrict []schedule.Window
		for _, w := range ly.Restrict {
			if l.sameEnds(t.File, w) || !w.valid {
				ok = false
				continue
			}
			restrict = append(restrict, w.rule())
		}
		ok = ok && kok && sok && lok && length >= 1 && length <= schedule.MaxLength
		if ok {
			layers = append(layers, schedule.Layer{Name: ly.Name, Members: ids, Shift: kind, Length: length, Start: start, Location: loc, Restrict: restrict})
		}
	}
	overrides, ook := l.scheduleOverrides(t, s, zone)
	if !ok || !ook || len(layers) == 0 {
		return
	}
	c, err := schedule.New(layers, overrides)
	if err != nil {
		// The checks above report everything New refuses; this is a safety net.
		l.errorf(diag.InvalidSchedule, t.File, s.Pos, fmt.Sprintf("schedule %s: %v", s.ID, err), "")
		return
	}
	l.p.idx.compiled[s] = c
}

// scheduleOverrides reads a schedule's overrides, reporting unknown people, ends not
// after starts and overlaps; it also indexes them by start for OnCall.
func (l *loader) scheduleOverrides(t *Team, s *Schedule, zone *time.Location) ([]schedule.Override, bool) {
	p, ok := l.p, true
	byStart := make(map[int64]*Override)
	var out []schedule.Override
	type span struct {
		from, until time.Time
		o           *Override
	}
	var spans []span
	for i := range s.Overrides {
		o := &s.Overrides[i]
		from, ok1 := ParseInstant(o.From.Raw, zone)
		until, ok2 := ParseInstant(o.Until.Raw, zone)
		if !ok1 || !ok2 {
			ok = false
			continue // the schema reported the form; a date like 2026-02-30 lands here
		}
		if !until.After(from) {
			l.errorf(diag.OverrideRange, t.File, o.Until.Pos, fmt.Sprintf("override ends at %s, not after it starts at %s", o.Until.Raw, o.From.Raw), "swap from and until, or correct the dates")
			ok = false
			continue
		}
		if !l.overrideMember(t, o.Member) {
			ok = false
		}
		spans = append(spans, span{from, until, o})
		out = append(out, schedule.Override{From: from, Until: until, Member: o.Member.ID, Note: o.Note})
		if byStart[from.Unix()] == nil {
			byStart[from.Unix()] = o
		}
	}
	slices.SortStableFunc(spans, func(a, b span) int { return a.from.Compare(b.from) })
	for i := 1; i < len(spans); i++ {
		for j := i - 1; j >= 0; j-- {
			if spans[j].until.After(spans[i].from) {
				a, b := spans[j].o, spans[i].o
				if b.Pos.Line < a.Pos.Line {
					a, b = b, a
				}
				l.errorf(diag.OverlappingOverride, t.File, b.Pos, fmt.Sprintf("override overlaps another of schedule %s", s.ID),
					"overrides of one schedule must not overlap: end one where the other starts", noteAt(t.File, a.Pos, "the override it overlaps"))
				ok = false
				break
			}
		}
	}
	p.idx.overrides[s] = byStart
	return out, ok
}

// overrideMember reports whether an override's member resolves, reporting it if not.
func (l *loader) overrideMember(t *Team, r Ref) bool {
	p := l.p
	team, id := t, r.ID
	if tid, mid, cross := strings.Cut(r.ID, "/"); cross {
		team = p.Team(tid)
		if team == nil {
			if !l.lost["team"][tid] {
				l.errorf(diag.UnknownTeam, t.File, r.Pos, fmt.Sprintf("unknown team %q in override member %q", tid, r.ID), refHint(tid, "team", p.idx.teams))
			}
			return false
		}
		id = mid
	}
	if team.member(id) != nil {
		return true
	}
	members := make(map[string]*Member, len(team.Members))
	for i := range team.Members {
		members[team.Members[i].ID] = &team.Members[i]
	}
	hint := refHint(id, "member", members)
	if team == t {
		hint += " or write team/member for another team's member"
	}
	l.errorf(diag.UnknownMember, t.File, r.Pos, fmt.Sprintf("team %s has no member %q", team.ID, id), hint)
	return false
}

// sameEnds reports a window whose start equals its end: it reads as a whole day by the
// midnight rule, which is rarely what was meant.
func (l *loader) sameEnds(file string, w Window) bool {
	if !w.valid || w.start != w.end {
		return false
	}
	l.errorf(diag.EmptyWindow, file, w.Pos, fmt.Sprintf("window %s-%s starts where it ends", w.Start, w.End),
		`for a whole day write start: "00:00", end: "24:00"; otherwise correct one of the times`)
	return true
}

func firstIDs(t *Team, n int) []string {
	var out []string
	for _, m := range t.Members {
		if len(out) == n {
			break
		}
		out = append(out, m.ID)
	}
	if len(out) == 0 {
		return []string{"member-id"}
	}
	return out
}

// checkLevelSchedules resolves the schedules that escalation levels page.
func (l *loader) checkLevelSchedules(t *Team) {
	scheds := make(map[string]*Schedule, len(t.Schedules))
	for i := range t.Schedules {
		scheds[t.Schedules[i].ID] = &t.Schedules[i]
	}
	for _, lv := range t.Escalation.Levels {
		for _, r := range lv.Schedules {
			if r.ID != "" && scheds[r.ID] == nil {
				hint := refHint(r.ID, "schedule", scheds)
				if len(scheds) == 0 {
					hint = "add `schedules:` to team " + t.ID + ", or page members by id"
				}
				l.errorf(diag.UnknownSchedule, t.File, r.Pos, fmt.Sprintf("team %s has no schedule %q", t.ID, r.ID), hint)
			}
		}
		if lv.Offset > 0 && len(lv.Schedules) == 0 {
			l.errorf(diag.OffsetWithoutPaging, t.File, lv.OffsetPos, fmt.Sprintf("level %q has offset %d but pages no schedule", lv.Name, lv.Offset), "add `schedules: [id]`, or remove offset")
		}
	}
}

// Roster is who is on call in a set of schedules at an instant, and their timelines
// from then until a horizon.
type Roster struct {
	At, Until time.Time
	Entries   []RosterEntry
}

// RosterEntry is one schedule of a roster; Location is the zone it is read in.
type RosterEntry struct {
	Team     *Team
	Schedule *Schedule
	Location *time.Location
	Now      OnCall
	Shifts   []Shift
}

// Roster answers for every schedule of the playbook, in team order, or of one team
// when team is not nil, at the instant at, with their shifts until until.
func (p *Playbook) Roster(at, until time.Time, team *Team) Roster {
	r := Roster{At: at, Until: until}
	for _, t := range p.Teams {
		if team != nil && t != team {
			continue
		}
		for i := range t.Schedules {
			s := &t.Schedules[i]
			r.Entries = append(r.Entries, RosterEntry{Team: t, Schedule: s, Location: p.ScheduleLocation(t, s),
				Now: p.OnCall(t, s, at, 0), Shifts: p.Shifts(t, s, at, until)})
		}
	}
	return r
}

// ScheduleLocation is the zone a schedule's times are shown in: its own, else the
// team's hours zone, else the playbook's.
func (p *Playbook) ScheduleLocation(t *Team, s *Schedule) *time.Location {
	if z := p.idx.zones[s]; z != nil {
		return z
	}
	if s.TimeZone != "" {
		if loc, err := schedule.LoadLocation(s.TimeZone); err == nil {
			return loc
		}
	}
	return p.scheduleZone(t)
}
