package playbookdiff

import (
	"slices"
	"time"

	"github.com/escalator-dev/escalator/matrix"
)

// oncall lists, for every schedule both sides have (teams and schedules in new's
// order), the stretches of [from, to) whose person on duty changes.
func oncall(old, new *matrix.Playbook, from, to time.Time) []ShiftChange {
	out := []ShiftChange{}
	for _, t := range new.Teams {
		ot := old.Team(t.ID)
		if ot == nil {
			continue
		}
		for i := range t.Schedules {
			s := &t.Schedules[i]
			loc := new.ScheduleLocation(t, s)
			os := ot.Schedule(s.ID)
			if os == nil {
				out = append(out, ShiftChange{Team: t.ID, Schedule: s.ID, Change: "schedule added", TimeZone: loc.String(),
					From: matrix.Instant(from), Until: matrix.Instant(to), Where: at(t.File, s.Pos), loc: loc})
				continue
			}
			for _, c := range handsChanged(old.Shifts(ot, os, from, to), new.Shifts(t, s, from, to)) {
				c.Team, c.Schedule, c.Change, c.TimeZone, c.loc = t.ID, s.ID, "hands", loc.String(), loc
				c.Where = at(t.File, s.Pos)
				out = append(out, c)
			}
		}
		for i := range ot.Schedules {
			if s := &ot.Schedules[i]; t.Schedule(s.ID) == nil {
				loc := old.ScheduleLocation(ot, s)
				out = append(out, ShiftChange{Team: t.ID, Schedule: s.ID, Change: "schedule removed", TimeZone: loc.String(),
					From: matrix.Instant(from), Until: matrix.Instant(to), Where: Where{File: t.File}, loc: loc})
			}
		}
	}
	return out
}

// onDuty is a shift's person as compared: team/member, and the name shown.
func onDuty(sh matrix.Shift) (key, name string) {
	if sh.Person == nil {
		return "", ""
	}
	return sh.Person.Team.ID + "/" + sh.Person.Member.ID, sh.Person.Member.Name
}

// handsChanged walks two timelines of one schedule together and returns the stretches
// where the person differs, adjacent stretches of the same change merged.
func handsChanged(o, n []matrix.Shift) []ShiftChange {
	var cuts []time.Time
	for _, list := range [][]matrix.Shift{o, n} {
		for _, sh := range list {
			cuts = append(cuts, sh.From, sh.Until)
		}
	}
	slices.SortFunc(cuts, time.Time.Compare)
	cuts = slices.CompactFunc(cuts, time.Time.Equal)
	var out []ShiftChange
	i, j := 0, 0
	for k := 0; k+1 < len(cuts); k++ {
		a, b := cuts[k], cuts[k+1]
		for i < len(o) && !o[i].Until.After(a) {
			i++
		}
		for j < len(n) && !n[j].Until.After(a) {
			j++
		}
		var ok, oname, nk, nname string
		if i < len(o) && !o[i].From.After(a) {
			ok, oname = onDuty(o[i])
		}
		if j < len(n) && !n[j].From.After(a) {
			nk, nname = onDuty(n[j])
		}
		if ok == nk {
			continue
		}
		if l := len(out); l > 0 && time.Time(out[l-1].Until).Equal(a) && out[l-1].Old == oname && out[l-1].New == nname {
			out[l-1].Until = matrix.Instant(b)
			continue
		}
		out = append(out, ShiftChange{From: matrix.Instant(a), Until: matrix.Instant(b), Old: oname, New: nname, Gap: nk == "" && ok != ""})
	}
	return out
}
