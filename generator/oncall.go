package generator

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/matrix"
	"github.com/escalator-dev/escalator/matrix/schedule"
)

// On-call on the site: what a build shows of the teams' schedules. Everything is as of
// the start of the build's day in the playbook's zone (AsOf), not the build's instant,
// so that pages change with the day, as review marks do, and a rebuild within the day
// (serve) leaves them as they were.

// tableWeeks is how far the shift table of a team page looks ahead.
const tableWeeks = 8

// lookback is how far before AsOf the site looks for the start of the shift in force
// then: a shift that began earlier shows as starting at AsOf minus lookback.
const lookback = 35 * 24 * time.Hour

// scheduleView is one schedule as the site shows it.
type scheduleView struct {
	Team     *matrix.Team
	Schedule *matrix.Schedule
	Loc      *time.Location
	Now      matrix.OnCall  // at AsOf
	Shifts   []matrix.Shift // the one in force at AsOf, then every one starting before AsOf + the horizon
	Table    []matrix.Shift // those starting before AsOf + tableWeeks
	Shares   []shareView
	Uncover  time.Duration // hours of the horizon with nobody on duty
	Data     string        // the rules as the page's script reads them (oncallData), for data-schedule
	Offsets  []*offsetView // the team's levels that page this schedule some turns on
}

// offsetView is a level that pages a schedule Offset turns on (the usual secondary):
// who that is at AsOf. The page's script tells it live from the schedule's data.
type offsetView struct {
	*scheduleView
	Level  string
	Offset int
	Now    matrix.OnCall
}

// Turns says how far on: "1 turn on".
func (o *offsetView) Turns() string {
	if o.Offset == 1 {
		return "1 turn on"
	}
	return strconv.Itoa(o.Offset) + " turns on"
}

// shareView is one person's share of a schedule's on-call hours over the horizon.
type shareView struct {
	Person  *matrix.Person
	Hours   time.Duration
	Percent int  // of the hours someone is on duty, rounded down as check does
	Over    bool // above the playbook's oncall_max_share
}

// oncallData is a schedule as site.js (oncall) reads it: the rules of
// schedule.Rules, the zone times are shown in, and the names of the people the rules
// name, by member id or team/member. Zone offsets come from oncall/zones.js.
type oncallData struct {
	Name   string                `json:"name"`
	Zone   string                `json:"zone"`
	Rules  schedule.Rules        `json:"rules"`
	People map[string]personData `json:"people"`
}

// personData is a person as the script shows them: a name, and a phone number unless
// contacts are redacted.
type personData struct {
	Name  string `json:"name"`
	Phone string `json:"phone,omitempty"`
}

// asOf is the start of the build's day in the playbook's zone.
func (s *shared) asOf() time.Time {
	loc := time.UTC
	if s.P.Site.Location != nil && s.P.Site.Location.Location != nil {
		loc = s.P.Site.Location.Location
	}
	y, m, d := s.Now.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// horizon is how far the site's calendars and shares reach from AsOf.
func (s *shared) horizon() time.Duration {
	return time.Duration(cmp.Or(s.P.Site.OnCallHorizon, 12)) * 7 * 24 * time.Hour
}

// oncall computes the schedule views of every team that has schedules, by team id.
func (s *shared) oncall() map[string][]*scheduleView {
	p := s.P
	from := s.asOf()
	to, tableEnd := from.Add(s.horizon()), from.Add(tableWeeks*7*24*time.Hour)
	maxShare := cmp.Or(p.Site.OnCallMaxShare, 50)
	out := map[string][]*scheduleView{}
	for _, t := range p.Teams {
		for i := range t.Schedules {
			sc := &t.Schedules[i]
			rules, ok := p.ScheduleRules(sc)
			if !ok {
				continue
			}
			sv := &scheduleView{Team: t, Schedule: sc, Loc: p.ScheduleLocation(t, sc), Now: p.OnCall(t, sc, from, 0)}
			sv.Shifts = s.shiftsFrom(t, sc, from, to)
			n := 0 // shifts are in order: the table is the first of them
			for n < len(sv.Shifts) && sv.Shifts[n].From.Before(tableEnd) {
				n++
			}
			sv.Table = sv.Shifts[:n:n]
			sv.Shares, sv.Uncover = shares(sv.Shifts, from, to, maxShare)
			sv.Data = s.oncallJSON(t, sc.Title(), sv.Loc, rules)
			seen := map[int]bool{}
			for _, lv := range t.Escalation.Levels {
				if lv.Offset <= 0 || seen[lv.Offset] || !slices.ContainsFunc(lv.Schedules, func(r matrix.Ref) bool { return r.ID == sc.ID }) {
					continue
				}
				seen[lv.Offset] = true
				sv.Offsets = append(sv.Offsets, &offsetView{sv, lv.Name, lv.Offset, p.OnCall(t, sc, from, lv.Offset)})
			}
			out[t.ID] = append(out[t.ID], sv)
		}
	}
	return out
}

// shiftsFrom is the timeline of sc over [from, to), its first shift starting when it
// really began, up to lookback before from. The start is looked for in windows that
// double from two days, not by computing the whole lookback.
func (s *shared) shiftsFrom(t *matrix.Team, sc *matrix.Schedule, from, to time.Time) []matrix.Shift {
	shifts := s.P.Shifts(t, sc, from, to)
	if len(shifts) == 0 {
		return nil
	}
	first := &shifts[0]
	for back := 2 * 24 * time.Hour; ; back *= 2 {
		back = min(back, lookback)
		pre := s.P.Shifts(t, sc, from.Add(-back), from)
		last := pre[len(pre)-1]
		if !sameDuty(last, *first) {
			break
		}
		first.From = last.From
		if last.From.After(from.Add(-back)) || back == lookback {
			break
		}
	}
	return shifts
}

// sameDuty reports whether two neighbouring shifts are one: the same person (or
// nobody) put there by the same layer or override.
func sameDuty(a, b matrix.Shift) bool {
	if (a.Person == nil) != (b.Person == nil) || a.Override != b.Override || a.Layer != b.Layer {
		return false
	}
	return a.Person == nil || personKey(a.Person) == personKey(b.Person)
}

// shares is each person's share of the hours in [from, to) that someone is on duty,
// most hours first, and the hours with nobody.
func shares(shifts []matrix.Shift, from, to time.Time, maxShare int) ([]shareView, time.Duration) {
	hours := map[string]*shareView{}
	var total, nobody time.Duration
	for _, sh := range shifts {
		d := earlier(sh.Until, to).Sub(later(sh.From, from))
		if d <= 0 {
			continue
		}
		if sh.Person == nil {
			nobody += d
			continue
		}
		key := personKey(sh.Person)
		if hours[key] == nil {
			hours[key] = &shareView{Person: sh.Person}
		}
		hours[key].Hours += d
		total += d
	}
	var out []shareView
	for _, k := range slices.Sorted(maps.Keys(hours)) {
		v := *hours[k]
		v.Percent = int(v.Hours * 100 / total)
		v.Over = v.Percent > maxShare
		out = append(out, v)
	}
	slices.SortStableFunc(out, func(a, b shareView) int { return cmp.Compare(b.Hours, a.Hours) })
	return out, nobody
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// personKey is how a schedule names a person: team/member.
func personKey(p *matrix.Person) string { return p.Team.ID + "/" + p.Member.ID }

// oncallJSON is the data-schedule attribute of a schedule. (Not data-oncall:
// html/template reads any attribute whose name starts with "on" as script.)
func (s *shared) oncallJSON(t *matrix.Team, title string, loc *time.Location, r schedule.Rules) string {
	d := oncallData{Name: title, Zone: loc.String(), Rules: r, People: map[string]personData{}}
	name := func(ref string) {
		team, id, other := strings.Cut(ref, "/")
		tm := t
		if other {
			tm = s.P.Team(team)
		} else {
			id = ref
		}
		if tm != nil {
			for _, m := range tm.Members {
				if m.ID == id {
					pd := personData{Name: m.Name}
					if !s.Opt.RedactContacts {
						pd.Phone = m.Phone
					}
					d.People[ref] = pd
				}
			}
		}
	}
	for _, l := range r.Layers {
		for _, m := range l.Members {
			name(m)
		}
	}
	for _, o := range r.Overrides {
		name(o.Member)
	}
	b, _ := json.Marshal(d)
	return string(b)
}

// OnCall returns the views of the team's schedules, for templates; nil without any.
func (v *view) OnCall(t *matrix.Team) []*scheduleView { return v.oncallViews[t.ID] }

// AsOfDate is AsOf as a date people read: "Monday 23 November 2026".
func (v *view) AsOfDate() string { return v.asOf().Format("Monday 2 January 2006") }

// HorizonWeeks is the horizon in weeks.
func (v *view) HorizonWeeks() int { return int(v.horizon() / (7 * 24 * time.Hour)) }

// TableWeeks is how many weeks the shift table of a team page covers.
func (v *view) TableWeeks() int { return tableWeeks }

// When formats an instant in a schedule's zone, with the zone's abbreviation.
func (sv *scheduleView) When(t time.Time) string {
	return t.In(sv.Loc).Format("Mon 2 Jan 15:04 MST")
}

// UncoverText formats the uncovered hours, or "".
func (sv *scheduleView) UncoverText() string {
	if sv.Uncover <= 0 {
		return ""
	}
	return fmt.Sprintf("%d h", int(sv.Uncover/time.Hour))
}

// zonesJS is oncall/zones.js: the offset tables (schedule.Transitions) of the zones
// the schedules are read in, for site.js. The first instant is absolute, the rest
// deltas from the one before, which keeps the file small and every number exact.
func zonesJS(locs map[string]*time.Location) []byte {
	var b strings.Builder
	b.WriteString("// Time zone offsets for the on-call evaluator (site.js), from the build's zone database.\n")
	b.WriteString("window.escalatorZones = window.escalatorZones || {};\n")
	for _, name := range slices.Sorted(maps.Keys(locs)) {
		tx, off := schedule.Transitions(locs[name])
		q, _ := json.Marshal(name)
		fmt.Fprintf(&b, "window.escalatorZones[%s] = {t: [", q)
		for i, x := range tx {
			if i > 0 {
				b.WriteByte(',')
				x -= tx[i-1]
			}
			b.WriteString(strconv.FormatInt(x, 10))
		}
		b.WriteString("], o: [")
		for i, o := range off {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.FormatInt(o, 10))
		}
		b.WriteString("]};\n")
	}
	return []byte(b.String())
}

// zoneLocations lists the zones the site's schedules use: their display zones and
// their layers' zones.
func (s *shared) zoneLocations() map[string]*time.Location {
	locs := map[string]*time.Location{}
	for _, svs := range s.oncallViews {
		for _, sv := range svs {
			locs[sv.Loc.String()] = sv.Loc
			if r, ok := s.P.ScheduleRules(sv.Schedule); ok {
				for _, l := range r.Layers {
					if loc, err := schedule.LoadLocation(l.TimeZone); err == nil {
						locs[l.TimeZone] = loc
					}
				}
			}
		}
	}
	return locs
}

// calendarData is a team's printable month calendar: the month of AsOf, in weeks
// from Monday, each day listing who is on duty in each schedule and from when.
type calendarData struct {
	Team    *matrix.Team
	Month   string // "November 2026"
	MonthID string // "2026-11"
	Zone    string
	Keys    []calKey // the schedules, with the letter each day's lines start with

	weeks func() [][]calDay // the weeks from Monday, made when Grid asks
}

type calKey struct {
	Letter string
	Title  string
	Data   string // the schedule's data-schedule, from which site.js draws other months
}

type calDay struct {
	Day     int
	Date    string // YYYY-MM-DD
	InMonth bool
	Lines   []calLine
}

// calLine is one schedule's duty on a day: who holds it at the day's start, then each
// handoff during the day.
type calLine struct {
	Letter string
	Title  string
	Items  []calItem
}

type calItem struct {
	Time     string // "" for the one on duty as the day begins
	Name     string
	Override bool
}

// calendar computes the month calendar of t as of the build, in the zone of its first
// schedule.
func (s *shared) calendar(t *matrix.Team) calendarData {
	y, m, _ := s.asOf().In(s.oncallViews[t.ID][0].Loc).Date()
	return s.calendarMonth(t, y, m)
}

// calendarMonth computes t's calendar of month m of year y.
func (s *shared) calendarMonth(t *matrix.Team, y int, m time.Month) calendarData {
	svs := s.oncallViews[t.ID]
	loc := svs[0].Loc
	first := time.Date(y, m, 1, 0, 0, 0, 0, loc)
	d := calendarData{Team: t, Month: first.Format("January 2006"), MonthID: first.Format("2006-01"), Zone: loc.String()}
	letters := "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	for i, sv := range svs {
		d.Keys = append(d.Keys, calKey{letters[i%26 : i%26+1], sv.Schedule.Title(), sv.Data})
	}
	// The days are worked out when the page is written, not held from the plan on.
	d.weeks = func() [][]calDay { return s.calendarWeeks(t, first, d.Keys) }
	return d
}

// calendarWeeks lays out the weeks, from Monday, that hold the month starting at first.
func (s *shared) calendarWeeks(t *matrix.Team, first time.Time, keys []calKey) [][]calDay {
	svs := s.oncallViews[t.ID]
	loc := first.Location()
	start := first.AddDate(0, 0, -((int(first.Weekday()) + 6) % 7)) // the Monday before
	last := first.AddDate(0, 1, 0)
	end := last.AddDate(0, 0, (7-(int(last.Weekday())+6)%7)%7)
	shifts := make([][]matrix.Shift, len(svs))
	asOf := s.asOf()
	for i, sv := range svs {
		if start.After(asOf) || end.After(asOf.Add(s.horizon())) || len(sv.Shifts) == 0 {
			shifts[i] = s.P.Shifts(t, sv.Schedule, start, end)
			continue
		}
		// The timeline from AsOf on is the view's: only the days before it are new.
		pre := s.P.Shifts(t, sv.Schedule, start, asOf)
		if n := len(pre); n > 0 && sameDuty(pre[n-1], sv.Shifts[0]) {
			pre = pre[:n-1] // the shift in force at AsOf, whose start the view has
		}
		shifts[i] = append(pre, sv.Shifts...)
	}
	var weeks [][]calDay
	var week []calDay
	for day := start; day.Before(end); day = day.AddDate(0, 0, 1) {
		next := day.AddDate(0, 0, 1)
		cd := calDay{Day: day.Day(), Date: day.Format(time.DateOnly), InMonth: day.Month() == first.Month()}
		for i := range svs {
			line := calLine{Letter: keys[i].Letter, Title: keys[i].Title}
			for len(shifts[i]) > 0 && !shifts[i][0].Until.After(day) {
				shifts[i] = shifts[i][1:] // shifts in order: those over before the day never come back
			}
			for _, sh := range shifts[i] {
				if !sh.From.Before(next) {
					break
				}
				it := calItem{Name: "nobody", Override: sh.Override != nil}
				if sh.Person != nil {
					it.Name = sh.Person.Member.Name
				}
				if sh.From.After(day) {
					it.Time = sh.From.In(loc).Format("15:04")
				}
				line.Items = append(line.Items, it)
			}
			cd.Lines = append(cd.Lines, line)
		}
		week = append(week, cd)
		if len(week) == 7 {
			weeks = append(weeks, week)
			week = nil
		}
	}
	return weeks
}

// MaxShare is the share of a schedule's hours above which the site flags a person.
func (v *view) MaxShare() int { return cmp.Or(v.P.Site.OnCallMaxShare, 50) }

// PrimaryOnCall is the view of the schedule whose person is "on call now" for t
// (matrix.Team.PrimarySchedule), or nil.
func (v *view) PrimaryOnCall(t *matrix.Team) *scheduleView {
	ps := t.PrimarySchedule()
	for _, sv := range v.oncallViews[t.ID] {
		if sv.Schedule.ID == ps.ID {
			return sv
		}
	}
	return nil
}

// teamShares is a team's on-call hours by person across its schedules: what each
// holds of each schedule, and of all of them together.
type teamShares struct {
	Schedules []string // titles, in the team's order
	Rows      []teamShareRow
	Uncover   string // "12 h with nobody on duty in Primary", or ""
}

type teamShareRow struct {
	Person  *matrix.Person
	Cells   []shareCell // by schedule
	Hours   time.Duration
	Percent int  // of the hours someone is on duty in any of the team's schedules
	Over    bool // above oncall_max_share in one of them
}

type shareCell struct {
	Title   string
	Hours   time.Duration
	Percent int
	Over    bool
}

// HoursText formats the cell's hours.
func (c shareCell) HoursText() string { return strconv.Itoa(int(c.Hours/time.Hour)) + " h" }

// HoursText formats the row's hours.
func (r teamShareRow) HoursText() string { return strconv.Itoa(int(r.Hours/time.Hour)) + " h" }

// TeamShares combines the shares of t's schedules by person, most hours first.
func (v *view) TeamShares(t *matrix.Team) *teamShares {
	svs := v.oncallViews[t.ID]
	if len(svs) == 0 {
		return nil
	}
	ts := &teamShares{}
	rows := map[string]*teamShareRow{}
	var total time.Duration
	var uncover []string
	for i, sv := range svs {
		ts.Schedules = append(ts.Schedules, sv.Schedule.Title())
		for _, sh := range sv.Shares {
			key := personKey(sh.Person)
			r := rows[key]
			if r == nil {
				r = &teamShareRow{Person: sh.Person, Cells: make([]shareCell, len(svs))}
				rows[key] = r
			}
			r.Cells[i] = shareCell{Hours: sh.Hours, Percent: sh.Percent, Over: sh.Over}
			r.Hours += sh.Hours
			r.Over = r.Over || sh.Over
			total += sh.Hours
		}
		if u := sv.UncoverText(); u != "" {
			uncover = append(uncover, u+" with nobody on duty in "+sv.Schedule.Title())
		}
	}
	for _, k := range slices.Sorted(maps.Keys(rows)) {
		r := rows[k]
		for i := range r.Cells {
			r.Cells[i].Title = ts.Schedules[i]
		}
		if total > 0 {
			r.Percent = int(r.Hours * 100 / total)
		}
		ts.Rows = append(ts.Rows, *r)
	}
	slices.SortStableFunc(ts.Rows, func(a, b teamShareRow) int { return cmp.Compare(b.Hours, a.Hours) })
	ts.Uncover = strings.Join(uncover, "; ")
	return ts
}
