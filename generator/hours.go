package generator

import (
	"encoding/json"
	"slices"

	"github.com/escalator-dev/escalator/matrix"
	"github.com/escalator-dev/escalator/matrix/schedule"
)

// hoursData is a team's hours as the site's script reads them (site.js, inHours):
// the zone, and each window as [days, start, end] with days a bit mask by
// time.Weekday and start and end minutes since midnight; a window whose end is not
// after its start runs past midnight, as in matrix.Hours.Contains. Windows that do
// not parse are left out, as Contains skips them. Closed and Yearly are the days the
// team is closed (YYYY-MM-DD and MM-DD, local), as matrix.Playbook.InHours reads them.
type hoursData struct {
	Always  bool     `json:"always,omitempty"`
	Zone    string   `json:"zone,omitempty"`
	Windows [][3]int `json:"windows,omitempty"`
	Closed  []string `json:"closed,omitempty"`
	Yearly  []string `json:"yearly,omitempty"`
	// Dates, when a window has months or days of the month, gives each window's: nil,
	// or {m: a bit per month (0 every month), d: day ranges, negative from the end}.
	Dates []*windowDates `json:"dates,omitempty"`
}

type windowDates struct {
	Months int      `json:"m"`
	Days   [][2]int `json:"d,omitempty"`
}

// HoursData is the JSON of t's hours for the "open now" line of its page.
func (v *view) HoursData(t *matrix.Team) string {
	b, _ := json.Marshal(teamHours(v.shared.P, t))
	return string(b)
}

// teamHours is t's hours as the site's script reads them.
func teamHours(p *matrix.Playbook, t *matrix.Team) hoursData {
	h := hoursData{Always: t.Hours.Always || !t.Hours.Set}
	if !h.Always {
		h.Zone = t.Hours.TimeZone
		h.Windows = [][3]int{}
		for _, w := range t.Hours.Windows {
			days, ok := matrix.ParseDays(w.Days)
			start, ok1 := schedule.ParseClock(w.Start, false)
			end, ok2 := schedule.ParseClock(w.End, true)
			if !ok || !ok1 || !ok2 || w.DateErr != nil { // as Contains skips windows that do not parse
				continue
			}
			mask := 0
			for d, on := range days {
				if on {
					mask |= 1 << d
				}
			}
			h.Windows = append(h.Windows, [3]int{mask, start, end})
			var wd *windowDates
			if months, days, limited := w.DateLimits(); limited {
				wd = &windowDates{months, days}
			}
			h.Dates = append(h.Dates, wd)
		}
		if !slices.ContainsFunc(h.Dates, func(d *windowDates) bool { return d != nil }) {
			h.Dates = nil
		}
		h.Closed, h.Yearly = p.ClosedDays(t)
	}
	return h
}
