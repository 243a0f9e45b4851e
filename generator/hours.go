package generator

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/escalator-dev/escalator/matrix"
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
	h := hoursData{Always: t.Hours.Always || !t.Hours.Set}
	if !h.Always {
		h.Zone = t.Hours.TimeZone
		h.Windows = [][3]int{}
		for _, w := range t.Hours.Windows {
			days, ok := matrix.ParseDays(w.Days)
			start, ok1 := minutes(w.Start, false)
			end, ok2 := minutes(w.End, true)
			if !ok || !ok1 || !ok2 {
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
		h.Closed, h.Yearly = v.site.P.ClosedDays(t)
	}
	b, _ := json.Marshal(h)
	return string(b)
}

// minutes reads "HH:MM" as matrix reads a window's times; "24:00" only as an end.
func minutes(s string, end bool) (int, bool) {
	hh, mm, ok := strings.Cut(s, ":")
	if !ok || len(hh) == 0 || len(hh) > 2 || len(mm) != 2 {
		return 0, false
	}
	h, err1 := strconv.Atoi(hh)
	m, err2 := strconv.Atoi(mm)
	switch {
	case err1 != nil || err2 != nil || h < 0 || m < 0 || m > 59:
		return 0, false
	case h == 24 && m == 0 && end:
		return 24 * 60, true
	case h > 23:
		return 0, false
	}
	return h*60 + m, true
}
