package schedule

import "fmt"

// Window is a weekly restriction: from Start on each of Days until End, in minutes since
// midnight. An End not after Start runs past midnight into the next day; Days names the
// days the window starts on. Start is included and End excluded, as in team hours.
type Window struct {
	Days       [7]bool // indexed by time.Weekday
	Start, End int     // minutes; End may be 1440
}

// ParseWindow reads the `{days, start, end}` of a restriction.
func ParseWindow(days, start, end string) (Window, error) {
	d, ok := ParseDays(days)
	if !ok {
		return Window{}, fmt.Errorf("days %q: use a range like mon-fri or a list like mon,wed,fri", days)
	}
	s, ok := ParseClock(start, false)
	if !ok {
		return Window{}, fmt.Errorf("start %q: use HH:MM from 00:00 to 23:59", start)
	}
	e, ok := ParseClock(end, true)
	if !ok {
		return Window{}, fmt.Errorf("end %q: use HH:MM from 00:00 to 24:00", end)
	}
	return Window{d, s, e}, nil
}

// span is the naive bounds of the window's occurrence that starts on day d.
func (w *Window) span(d int64) (start, end int64) {
	start = d*day + int64(w.Start)*60
	end = d*day + int64(w.End)*60
	if w.End <= w.Start {
		end += day
	}
	return start, end
}

// near is how far, in naive seconds, a wall-clock boundary can move when resolved to an
// instant: more than any daylight-saving shift in the zone database.
const near = 3 * 3600

// restricted reports whether the instant u (naive nu) is inside one of ws, and the next
// instant at which that may change: the end of the windows it is in, joined where they
// touch, or the start of the next one.
func restricted(ws []Window, u, nu int64, z *zone) (in bool, next int64) {
	end, ok := windowEnd(ws, u, nu, z)
	if ok {
		// Windows that touch or overlap make one stretch of duty; a week of them at most.
		for range 8 {
			e2, ok2 := windowEnd(ws, end, z.naive(end), z)
			if !ok2 || e2 <= end {
				break
			}
			end = e2
		}
		return true, end
	}
	next = maxInstant
	d := floorDiv(nu, day)
	for i := range ws {
		w := &ws[i]
		for dd := d - 1; dd <= d+7; dd++ {
			if !w.Days[weekday(dd)] {
				continue
			}
			ns, _ := w.span(dd)
			if ns+near <= nu {
				continue
			}
			if s := z.wall(ns); s > u {
				next = min(next, s)
				break
			}
		}
	}
	return false, next
}

// windowEnd returns the latest end of the windows that contain u.
func windowEnd(ws []Window, u, nu int64, z *zone) (int64, bool) {
	d := floorDiv(nu, day)
	var end int64
	found := false
	for i := range ws {
		w := &ws[i]
		for dd := d - 1; dd <= d; dd++ {
			if !w.Days[weekday(dd)] {
				continue
			}
			ns, ne := w.span(dd)
			if nu < ns-near || nu >= ne+near {
				continue
			}
			if s, e := z.wall(ns), z.wall(ne); s <= u && u < e && (!found || e > end) {
				end, found = e, true
			}
		}
	}
	return end, found
}
