package matrix

import (
	"strings"
	"time"
	_ "time/tzdata" // routing must agree on every machine, whatever its zone files

	"github.com/escalator-dev/escalator/matrix/schedule"
	"go.yaml.in/yaml/v3"
)

// Hours is when a team works: always, or weekly windows in one time zone.
type Hours struct {
	Pos      Pos
	Set      bool
	Always   bool
	TimeZone string
	ZonePos  Pos
	Windows  []Window
	// Closed are dates the team is closed all day; Holidays the calendars it observes
	// (Playbook.InHours applies them).
	Closed   []Date
	Holidays []Ref

	loc *time.Location
}

// Window is one weekly working window. Days lists the days on which it starts; a window
// whose end is not after its start runs past midnight into the next day.
type Window struct {
	Pos   Pos
	Days  string
	Start string
	End   string
	// Months and DaysOfMonth limit the window to some dates, as Alertmanager's time
	// intervals do (see dateFilter); only team hours take them. A window that runs
	// past midnight is held to them on the day it starts.
	Months      []string
	DaysOfMonth []string
	DateErr     error // what is wrong with Months or DaysOfMonth

	days       [7]bool // indexed by time.Weekday
	start, end int     // minutes since midnight; end may be 1440
	dates      *dateFilter
	valid      bool
}

// Location is the zone of the hours, once Load has resolved it (nil for 24x7).
func (h Hours) Location() *time.Location { return h.loc }

func (h *Hours) UnmarshalYAML(n *yaml.Node) error {
	h.Pos, h.Set = nodePos(n), true
	switch n.Kind {
	case yaml.ScalarNode:
		h.Always = strings.EqualFold(n.Value, "24x7")
	case yaml.MappingNode:
		var raw struct {
			TimeZone string `yaml:"time_zone"`
			Windows  []struct {
				Days        string   `yaml:"days"`
				Start       string   `yaml:"start"`
				End         string   `yaml:"end"`
				Months      []string `yaml:"months"`
				DaysOfMonth []string `yaml:"days_of_month"`
			} `yaml:"windows"`
			Closed   []Date `yaml:"closed"`
			Holidays []Ref  `yaml:"holidays"`
		}
		_ = n.Decode(&raw) // type errors were reported by the schema
		h.TimeZone, h.ZonePos = raw.TimeZone, valuePos(n, "time_zone")
		h.Closed, h.Holidays = raw.Closed, raw.Holidays
		// Resolved while decoding, not by the checks: a cached team is never modified.
		if raw.TimeZone != "" && raw.TimeZone != "Local" {
			h.loc, _ = schedule.LoadLocation(raw.TimeZone)
		}
		var winNodes []*yaml.Node
		if w := mapValue(n, "windows"); w != nil && w.Kind == yaml.SequenceNode {
			winNodes = w.Content
		}
		for i, r := range raw.Windows {
			w := Window{Days: r.Days, Start: r.Start, End: r.End, Months: r.Months, DaysOfMonth: r.DaysOfMonth}
			if i < len(winNodes) {
				w.Pos = nodePos(winNodes[i])
			}
			w.parse()
			h.Windows = append(h.Windows, w)
		}
	}
	return nil
}

func (w *Window) parse() {
	days, ok1 := ParseDays(w.Days)
	start, ok2 := parseClock(w.Start, false)
	end, ok3 := parseClock(w.End, true)
	w.days, w.start, w.end = days, start, end
	w.valid = ok1 && ok2 && ok3
	if len(w.Months) > 0 || len(w.DaysOfMonth) > 0 {
		f := &dateFilter{anyMon: len(w.Months) == 0}
		var err error
		if f.months, err = parseMonths(w.Months); err == nil {
			f.days, err = parseDaysOfMonth(w.DaysOfMonth)
		}
		w.dates, w.DateErr = f, err
		w.valid = w.valid && err == nil
	}
}

// DateLimits returns the window's months (a bit per time.Month; 0 for every month)
// and day-of-month ranges (inclusive; negative from the month's end), for an evaluator
// elsewhere; limited is false when the window has none.
func (w Window) DateLimits() (months int, days [][2]int, limited bool) {
	if w.dates == nil {
		return 0, nil, false
	}
	if !w.dates.anyMon {
		for m, on := range w.dates.months {
			if on {
				months |= 1 << m
			}
		}
	}
	return months, w.dates.days, true
}

// onDate reports whether a window starting on the local day of t may run: its months
// and days of the month allow that date.
func (w *Window) onDate(t time.Time) bool {
	if w.dates == nil {
		return true
	}
	y, m, d := t.Date()
	return w.dates.holds(y, m, d)
}

// Contains reports whether the instant t falls within the hours. Always-on hours contain
// every instant; hours whose zone did not resolve contain none.
func (h Hours) Contains(t time.Time) bool {
	if h.Always || !h.Set {
		return true
	}
	if h.loc == nil {
		return false
	}
	local := t.In(h.loc)
	if y, mo, d := local.Date(); len(h.Closed) > 0 {
		for _, c := range h.Closed {
			if !c.IsZero() && c.Day() == d && c.Month() == mo && c.Year() == y {
				return false // a closed day is out of hours, windows past midnight included
			}
		}
	}
	wd := local.Weekday()
	m := local.Hour()*60 + local.Minute()
	for _, w := range h.Windows {
		if !w.valid {
			continue
		}
		if w.end > w.start {
			if w.days[wd] && m >= w.start && m < w.end && w.onDate(local) {
				return true
			}
			continue
		}
		// Overnight: from start on a listed day until end on the next day.
		if w.days[wd] && m >= w.start && w.onDate(local) {
			return true
		}
		if w.days[(wd+6)%7] && m < w.end && w.onDate(local.AddDate(0, 0, -1)) {
			return true
		}
	}
	return false
}

// ParseDays reads `mon-fri`, `sat-sun`, `mon,wed,fri` or `fri-mon` (ranges wrap the week
// and include both ends).
func ParseDays(s string) (days [7]bool, ok bool) { return schedule.ParseDays(s) }

// parseClock reads HH:MM as minutes since midnight; 24:00 only where allowEnd.
func parseClock(s string, allowEnd bool) (int, bool) { return schedule.ParseClock(s, allowEnd) }

// rule is the window in the schedule package's terms, for restrictions.
func (w *Window) rule() schedule.Window {
	return schedule.Window{Days: w.days, Start: w.start, End: w.end}
}
