package schedule

import (
	"sync"
	"time"
)

// zone is a location's UTC offsets as a table of transitions from 1900 to 2201, so an
// offset costs a binary search over a few hundred numbers. time.Location's own lookup
// costs several times more, and far more past 2037, where it evaluates the zone's rule
// string at every call; an answer from the schedule needs a dozen lookups.
type zone struct {
	tx  []int64 // tx[i] is the instant off[i] starts; tx[0] is the beginning of time
	off []int64
}

// zones caches tables by zone name and two offsets: time.LoadLocation makes a new
// Location at every call, so a playbook's hundreds of teams in one zone would build
// the table hundreds of times; the offsets tell apart a made-up zone (FixedZone) that
// happens to share a name with a real one.
var zones sync.Map // zoneKey -> *zone

// locations caches time.LoadLocation, which reads and parses the zone's file at every
// call: a large playbook names the same few zones thousands of times.
var locations sync.Map // name -> locationResult

type locationResult struct {
	loc *time.Location
	err error
}

// LoadLocation is time.LoadLocation, each name read once a process.
func LoadLocation(name string) (*time.Location, error) {
	if r, ok := locations.Load(name); ok {
		r := r.(locationResult)
		return r.loc, r.err
	}
	loc, err := time.LoadLocation(name)
	locations.Store(name, locationResult{loc, err})
	return loc, err
}

type zoneKey struct {
	name           string
	winter, summer int
}

func zoneOf(loc *time.Location) *zone {
	_, w := time.Date(2026, 1, 1, 0, 0, 0, 0, loc).Zone()
	_, s := time.Date(2026, 7, 1, 0, 0, 0, 0, loc).Zone()
	key := zoneKey{loc.String(), w, s}
	if z, ok := zones.Load(key); ok {
		return z.(*zone)
	}
	z := &zone{}
	t := time.Date(1899, 12, 1, 0, 0, 0, 0, time.UTC).In(loc)
	_, off := t.Zone()
	z.tx, z.off = append(z.tx, -maxInstant), append(z.off, int64(off))
	for t.Year() <= 2201 {
		_, end := t.ZoneBounds()
		if end.IsZero() {
			break // no more changes
		}
		if !end.After(t) {
			// Go 1.26 gets stuck on the last day of some leap years past 2037, at a
			// boundary that changes nothing: step over the day, finding any real
			// change in it by bisection.
			end = t.Add(24 * time.Hour)
			if _, o := end.Zone(); o == off {
				t = end
				continue
			}
			lo, hi := t.Unix(), end.Unix()
			for hi-lo > 1 {
				m := lo + (hi-lo)/2
				if _, o := time.Unix(m, 0).In(loc).Zone(); o == off {
					lo = m
				} else {
					hi = m
				}
			}
			end = time.Unix(hi, 0).In(loc)
		}
		t = end
		if _, o := t.Zone(); o != off {
			off = o
			z.tx, z.off = append(z.tx, end.Unix()), append(z.off, int64(off))
		}
	}
	v, _ := zones.LoadOrStore(key, z)
	return v.(*zone)
}

// offset is the UTC offset in seconds at the instant u.
func (z *zone) offset(u int64) int64 {
	lo, hi := 0, len(z.tx) // invariant: tx[lo] <= u, and u < tx[hi] when hi < len
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if z.tx[m] <= u {
			lo = m
		} else {
			hi = m
		}
	}
	return z.off[lo]
}

// start is the instant the offset in force at u began.
func (z *zone) start(u int64) int64 {
	lo, hi := 0, len(z.tx)
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if z.tx[m] <= u {
			lo = m
		} else {
			hi = m
		}
	}
	return z.tx[lo]
}

// Transitions returns the offsets of loc as the package evaluates them: off[i] (seconds
// east of UTC) is in force from tx[i] until tx[i+1], tx[0] standing for the beginning of
// time. A client that evaluates Rules itself reads offsets from this table, so that it
// answers as this package does whatever its own zone database says.
func Transitions(loc *time.Location) (tx, off []int64) {
	z := zoneOf(loc)
	return append([]int64(nil), z.tx...), append([]int64(nil), z.off...)
}
