package matrix

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/matrix/schedule"
)

// ScheduleHorizon is how far ahead check looks at schedules: gaps, double duty, shares.
const ScheduleHorizon = 28 * 24 * time.Hour

// span is a stretch of time.
type span struct{ from, until time.Time }

// auditSchedules warns about the coming ScheduleHorizon: hours a team relies on that its
// schedule leaves uncovered, a person on duty in two schedules at once, and a person
// holding more than the playbook's share of a schedule's hours.
func (l *loader) auditSchedules() {
	p := l.p
	from := l.opt.Now.UTC().Truncate(time.Minute)
	to := from.Add(ScheduleHorizon)
	maxShare := p.Site.OnCallMaxShare
	if maxShare <= 0 {
		maxShare = 50
	}
	type duty struct {
		span
		team *Team
		s    *Schedule
	}
	byPerson := make(map[string][]duty)
	for _, t := range p.Teams {
		var need []span
		needed := false
		for i := range t.Schedules {
			s := &t.Schedules[i]
			if p.idx.compiled[s] == nil {
				continue
			}
			loc := p.ScheduleLocation(t, s)
			shifts := p.Shifts(t, s, from, to)
			if t.PrimarySchedule() == s && !t.pagedAtOnce(s) {
				if !needed {
					need, needed = p.hoursSpans(t, from, to), true
				}
				if g, ok := firstGap(need, shifts); ok {
					what := "its hours"
					if t.Hours.Always {
						what = "its 24x7 hours"
					}
					l.warnf(diag.ScheduleGap, t.File, s.Pos, fmt.Sprintf("schedule %s of team %s leaves %s uncovered from %s to %s (the first gap in the %d weeks from %s)",
						s.ID, t.ID, what, g.from.In(loc).Format("Mon 2 Jan 15:04 MST"), g.until.In(loc).Format("Mon 2 Jan 15:04 MST"),
						int(ScheduleHorizon/(7*24*time.Hour)), from.In(loc).Format("2 Jan 2006")),
						"add a layer or widen a restriction to cover it, or an override; the team's page is paged in that gap with nobody on duty")
				}
			}
			var total time.Duration
			hours := make(map[string]time.Duration)
			for _, sh := range shifts {
				if sh.Person == nil {
					continue
				}
				key := sh.Person.Team.ID + "/" + sh.Person.Member.ID
				d := sh.Until.Sub(sh.From)
				hours[key] += d
				total += d
				byPerson[key] = append(byPerson[key], duty{span{sh.From, sh.Until}, t, s})
			}
			for _, key := range slices.Sorted(maps.Keys(hours)) { // total > 0 when hours has a key
				if share := hours[key] * 100 / total; int(share) > maxShare {
					l.warnf(diag.OnCallShare, t.File, s.Pos, fmt.Sprintf("%s holds %d%% of the on-call hours of schedule %s in the %d weeks from %s, above the playbook's %d%%",
						key, share, s.ID, int(ScheduleHorizon/(7*24*time.Hour)), from.In(loc).Format("2 Jan 2006"), maxShare),
						"add people to the rotation, or set oncall_max_share in playbook.yaml if this is intended")
				}
			}
		}
	}
	answersFor := make(map[string]bool) // teams some team hands over to out of hours
	for _, t := range p.Teams {
		if t.AfterHours.ID != "" {
			answersFor[t.AfterHours.ID] = true
		}
	}
	for _, t := range p.Teams {
		l.auditLevelSchedules(t, from, to, answersFor[t.ID])
	}
	for _, key := range slices.Sorted(maps.Keys(byPerson)) {
		ds := byPerson[key]
		slices.SortStableFunc(ds, func(a, b duty) int { return a.from.Compare(b.from) })
		for i := 1; i < len(ds); i++ {
			a, b := ds[i-1], ds[i]
			if a.s == b.s || !a.until.After(b.from) {
				continue
			}
			first, second := a, b
			if second.team.File < first.team.File || (second.team == first.team && second.s.Pos.Line < first.s.Pos.Line) {
				first, second = second, first
			}
			loc := p.ScheduleLocation(second.team, second.s)
			l.warnf(diag.DoubleBooked, second.team.File, second.s.Pos, fmt.Sprintf("%s is on duty in two schedules at once, %s/%s and %s/%s, from %s to %s",
				key, first.team.ID, first.s.ID, second.team.ID, second.s.ID,
				b.from.In(loc).Format("Mon 2 Jan 15:04 MST"), earlier(a.until, b.until).In(loc).Format("Mon 2 Jan 15:04 MST")),
				"swap the turn with an override, or move one rotation's start, so that each page finds someone free",
				noteAt(first.team.File, first.s.Pos, "schedule "+first.team.ID+"/"+first.s.ID))
			break // once per person: the first clash says enough
		}
	}
}

// pagedAtOnce reports whether a level of t's chain pages s without an offset: a gap
// in s is then reported at that level (auditLevelSchedules).
func (t *Team) pagedAtOnce(s *Schedule) bool {
	for _, lv := range t.Escalation.Levels {
		if lv.Offset == 0 && slices.ContainsFunc(lv.Schedules, func(r Ref) bool { return r.ID == s.ID }) {
			return true
		}
	}
	return false
}

// auditLevelSchedules warns about each level of t's chain that pages a schedule with a
// hole: a stretch, when the level can be paged, with nobody on duty (for a level with an
// offset, with no layer on duty: overrides do not move the rotation). The level can be
// paged in t's hours, or at any time when t answers out of hours for another team.
func (l *loader) auditLevelSchedules(t *Team, from, to time.Time, anyHour bool) {
	p := l.p
	var need []span
	needed := false
	for _, lv := range t.Escalation.Levels {
		for _, r := range lv.Schedules {
			s := t.Schedule(r.ID)
			if s == nil || p.idx.compiled[s] == nil {
				continue
			}
			if !needed {
				if anyHour {
					need = []span{{from, to}}
				} else {
					need = p.hoursSpans(t, from, to)
				}
				needed = true
			}
			shifts := p.Shifts(t, s, from, to)
			if lv.Offset > 0 {
				shifts = p.layerShifts(s, from, to)
			}
			g, ok := firstGap(need, shifts)
			if !ok {
				continue
			}
			when := "in its hours"
			switch {
			case t.Hours.Always || !t.Hours.Set:
				when = "in its 24x7 hours"
			case anyHour:
				when = "at an hour it answers for other teams out of theirs"
			}
			what := "so the level pages nobody then"
			if len(lv.Members) > 0 || len(lv.Teams) > 0 || len(lv.Channels) > 0 || len(lv.Schedules) > 1 {
				what = "so only the level's other targets are paged then"
			}
			loc := p.ScheduleLocation(t, s)
			l.warnf(diag.LevelGap, t.File, r.Pos, fmt.Sprintf("level %q of team %s pages schedule %s, which has nobody on duty %s from %s to %s (the first gap in the %d weeks from %s), %s",
				lv.Name, t.ID, s.ID, when, g.from.In(loc).Format("Mon 2 Jan 15:04 MST"), g.until.In(loc).Format("Mon 2 Jan 15:04 MST"),
				int(ScheduleHorizon/(7*24*time.Hour)), from.In(loc).Format("2 Jan 2006"), what),
				"add a layer or widen a restriction to cover it, or an override, or name a member on the level to page as well")
		}
	}
}

// layerShifts is the timeline of s's layers alone, without its overrides: who a level
// with an offset counts from.
func (p *Playbook) layerShifts(s *Schedule, from, to time.Time) []Shift {
	c := p.idx.compiled[s]
	bare, err := schedule.New(c.Layers, nil)
	if err != nil {
		return nil
	}
	var out []Shift
	for _, sp := range bare.Shifts(from, to) {
		sh := Shift{From: sp.From, Until: sp.Until}
		if sp.Member != "" {
			sh.Person = &Person{} // someone: firstGap looks only for nobody
		}
		out = append(out, sh)
	}
	return out
}

// hoursSpans lists the stretches of [from, to) inside t's hours, in order.
func (p *Playbook) hoursSpans(t *Team, from, to time.Time) []span {
	h := t.Hours
	if h.Always || !h.Set {
		return []span{{from, to}}
	}
	if h.loc == nil {
		return nil
	}
	var ws []schedule.Window
	for _, w := range h.Windows {
		if w.valid && w.start != w.end {
			ws = append(ws, w.rule())
		}
	}
	if len(ws) == 0 {
		return nil
	}
	s, err := schedule.New([]schedule.Layer{{Members: []string{"open"}, Shift: schedule.Weekly, Length: 1,
		Start: schedule.Local{Year: 1900, Month: 1, Day: 1}, Location: h.loc, Restrict: ws}}, nil)
	if err != nil {
		return nil
	}
	var out []span
	for _, sp := range s.Shifts(from, to) {
		if sp.Member != "" {
			out = append(out, span{sp.From, sp.Until})
		}
	}
	return out
}

// firstGap returns the first stretch of need in which shifts have nobody on duty.
func firstGap(need []span, shifts []Shift) (span, bool) {
	j := 0
	for _, sh := range shifts {
		if sh.Person != nil {
			continue
		}
		for j < len(need) && !need[j].until.After(sh.From) {
			j++
		}
		for k := j; k < len(need) && need[k].from.Before(sh.Until); k++ {
			a, b := later(need[k].from, sh.From), earlier(need[k].until, sh.Until)
			if a.Before(b) {
				return span{a, b}, true
			}
		}
	}
	return span{}, false
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
