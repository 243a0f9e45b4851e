package matrix

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// dateFilter limits a window of team hours to some months and days of the month, as
// Alertmanager's time intervals do: `months: [january:march, "12"]`, `days_of_month:
// ["1:7", "-1"]` (negative days count from the month's end, -1 its last day). Empty
// lists mean every month and every day.
type dateFilter struct {
	months [13]bool // by time.Month; all false means every month
	anyMon bool
	days   [][2]int // inclusive ranges; negative from the end
}

var monthNames = map[string]time.Month{}

func init() {
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		monthNames[name] = m
		monthNames[name[:3]] = m
	}
}

// parseMonths reads Alertmanager's month ranges; the error names the item at fault.
func parseMonths(items []string) (f [13]bool, err error) {
	month := func(s string) (time.Month, bool) {
		s = strings.ToLower(strings.TrimSpace(s))
		if m, ok := monthNames[s]; ok {
			return m, true
		}
		n, err := strconv.Atoi(s)
		return time.Month(n), err == nil && n >= 1 && n <= 12
	}
	for _, it := range items {
		lo, hi, isRange := strings.Cut(it, ":")
		a, ok1 := month(lo)
		b, ok2 := a, true
		if isRange {
			b, ok2 = month(hi)
		}
		if !ok1 || !ok2 || b < a {
			return f, fmt.Errorf("%q is not a month or a range of months", it)
		}
		for m := a; m <= b; m++ {
			f[m] = true
		}
	}
	return f, nil
}

// parseDaysOfMonth reads Alertmanager's day-of-month ranges: 1 to 31, or -31 to -1
// counting from the end; a range's ends have the same sign.
func parseDaysOfMonth(items []string) ([][2]int, error) {
	day := func(s string) (int, bool) {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		return n, err == nil && n != 0 && n >= -31 && n <= 31
	}
	var out [][2]int
	for _, it := range items {
		lo, hi, isRange := strings.Cut(it, ":")
		a, ok1 := day(lo)
		b, ok2 := a, true
		if isRange {
			b, ok2 = day(hi)
		}
		if !ok1 || !ok2 || (a > 0) != (b > 0) || b < a {
			return nil, fmt.Errorf("%q is not a day of the month (1 to 31, or -31 to -1 from its end) or a range of them", it)
		}
		out = append(out, [2]int{a, b})
	}
	return out, nil
}

// holds reports whether the local date y-m-d passes the filter.
func (f *dateFilter) holds(y int, m time.Month, d int) bool {
	if !f.anyMon && !f.months[m] {
		return false
	}
	if len(f.days) == 0 {
		return true
	}
	last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
	for _, r := range f.days {
		lo, hi := r[0], r[1]
		if lo < 0 {
			lo, hi = last+1+lo, last+1+hi
		}
		if d >= lo && d <= hi {
			return true
		}
	}
	return false
}
