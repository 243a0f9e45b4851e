package schedule

import (
	"strconv"
	"strings"
	"time"
)

const day = 86400 // seconds

// floorDiv and floorMod round towards minus infinity, so instants before a layer's
// start or before 1970 land in the right shift and on the right weekday.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

// weekday of a day counted from 1970-01-01, a Thursday.
func weekday(d int64) time.Weekday { return time.Weekday(floorMod(d+4, 7)) }

// wall turns a wall-clock time into Unix seconds. n is the wall clock read as if it were
// UTC ("naive" seconds). A time in a gap (clocks go forward) becomes the instant of the
// jump; a time in a fold (clocks go back) its first occurrence. Both rules make wall
// monotonic, which the shift arithmetic relies on.
func (z *zone) wall(n int64) int64 {
	oa, ob := z.offset(n-day), z.offset(n+day)
	if oa == ob {
		return n - oa // no change of offset within a day: the common case
	}
	ua, ub := n-oa, n-ob
	va, vb := z.offset(ua) == oa, z.offset(ub) == ob
	switch {
	case va && vb:
		return min(ua, ub)
	case va:
		return ua
	case vb:
		return ub
	}
	// A gap: the jump is where the later offset begins.
	return z.start(max(ua, ub))
}

// naive is the wall clock at the instant u, read as if it were UTC.
func (z *zone) naive(u int64) int64 { return u + z.offset(u) }

// Local is a wall-clock date and time without a zone, as written in a playbook
// (`2026-01-05T09:00`).
type Local struct {
	Year  int
	Month time.Month
	Day   int
	Hour  int
	Min   int
}

// ParseLocal reads `YYYY-MM-DDTHH:MM` (a space may stand for the T). Years run from
// 1900 to 2200, which keeps the arithmetic far from overflow.
func ParseLocal(s string) (Local, bool) {
	s = strings.Replace(strings.TrimSpace(s), " ", "T", 1)
	t, err := time.Parse("2006-01-02T15:04", s)
	if err != nil || t.Year() < 1900 || t.Year() > 2200 {
		return Local{}, false
	}
	return Local{t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute()}, true
}

func (l Local) String() string {
	return time.Date(l.Year, l.Month, l.Day, l.Hour, l.Min, 0, 0, time.UTC).Format("2006-01-02T15:04")
}

// naive is the wall clock read as if it were UTC, in Unix seconds.
func (l Local) naive() int64 {
	return time.Date(l.Year, l.Month, l.Day, l.Hour, l.Min, 0, 0, time.UTC).Unix()
}

// In returns the instant the wall clock shows l in loc, by the gap and fold rules of wall.
func (l Local) In(loc *time.Location) time.Time {
	return time.Unix(zoneOf(loc).wall(l.naive()), 0).In(loc)
}

// Gap reports whether l does not exist in loc (the clocks jump over it) and, if so,
// the instant they jump.
func (l Local) Gap(loc *time.Location) (time.Time, bool) {
	z, n := zoneOf(loc), l.naive()
	u := z.wall(n)
	return time.Unix(u, 0).In(loc), z.naive(u) != n
}

var dayNames = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// ParseDays reads `mon-fri`, `sat-sun`, `mon,wed,fri` or `fri-mon` (ranges wrap the week
// and include both ends), indexed by time.Weekday.
func ParseDays(s string) (days [7]bool, ok bool) {
	if strings.TrimSpace(s) == "" {
		return days, false
	}
	for _, part := range strings.Split(s, ",") {
		part = strings.ToLower(strings.TrimSpace(part))
		from, to, isRange := strings.Cut(part, "-")
		a, ok1 := dayNames[strings.TrimSpace(from)]
		if !ok1 {
			return days, false
		}
		if !isRange {
			days[a] = true
			continue
		}
		b, ok2 := dayNames[strings.TrimSpace(to)]
		if !ok2 {
			return days, false
		}
		for d := a; ; d = (d + 1) % 7 {
			days[d] = true
			if d == b {
				break
			}
		}
	}
	return days, true
}

// ParseClock reads HH:MM as minutes since midnight; 24:00 only where allowEnd.
func ParseClock(s string, allowEnd bool) (int, bool) {
	hh, mm, ok := strings.Cut(s, ":")
	if !ok || len(hh) == 0 || len(hh) > 2 || len(mm) != 2 {
		return 0, false
	}
	h, err1 := strconv.Atoi(hh)
	m, err2 := strconv.Atoi(mm)
	if err1 != nil || err2 != nil || h < 0 || m < 0 || m > 59 {
		return 0, false
	}
	if h == 24 && m == 0 && allowEnd {
		return 24 * 60, true
	}
	if h > 23 {
		return 0, false
	}
	return h*60 + m, true
}
