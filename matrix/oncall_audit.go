package matrix

import (
	"fmt"
	"maps"
	"slices"
	"time"

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
			if t.reliesOn(s) {
				if !needed {
					need, needed = p.hoursSpans(t, from, to), true
				}
				if g, ok := firstGap(need, shifts); ok {
					what := "its hours"
					if t.Hours.Always {
						what = "its 24x7 hours"
					}
					l.warnf(t.File, s.Pos, fmt.Sprintf("schedule %s of team %s leaves %s uncovered from %s to %s (the first gap in the %d weeks from %s)",
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
					l.warnf(t.File, s.Pos, fmt.Sprintf("%s holds %d%% of the on-call hours of schedule %s in the %d weeks from %s, above the playbook's %d%%",
						key, share, s.ID, int(ScheduleHorizon/(7*24*time.Hour)), from.In(loc).Format("2 Jan 2006"), maxShare),
						"add people to the rotation, or set oncall_max_share in playbook.yaml if this is intended")
				}
			}
		}
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
			l.warnf(second.team.File, second.s.Pos, fmt.Sprintf("%s is on duty in two schedules at once, %s/%s and %s/%s, from %s to %s",
				key, first.team.ID, first.s.ID, second.team.ID, second.s.ID,
				b.from.In(loc).Format("Mon 2 Jan 15:04 MST"), earlier(a.until, b.until).In(loc).Format("Mon 2 Jan 15:04 MST")),
				"swap the turn with an override, or move one rotation's start, so that each page finds someone free")
			break // once per person: the first clash says enough
		}
	}
}

// reliesOn reports whether t's chain pages s at offset 0, or s is its primary schedule:
// a gap in such a schedule pages nobody.
func (t *Team) reliesOn(s *Schedule) bool {
	if t.PrimarySchedule() == s {
		return true
	}
	for _, lv := range t.Escalation.Levels {
		if lv.Offset == 0 && slices.ContainsFunc(lv.Schedules, func(r Ref) bool { return r.ID == s.ID }) {
			return true
		}
	}
	return false
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
