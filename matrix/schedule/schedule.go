package schedule

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// Kind is a layer's unit of shift length.
type Kind uint8

const (
	Hourly Kind = iota + 1
	Daily
	Weekly
)

// ParseKind reads `hourly`, `daily` or `weekly`.
func ParseKind(s string) (Kind, bool) {
	switch s {
	case "hourly":
		return Hourly, true
	case "daily":
		return Daily, true
	case "weekly":
		return Weekly, true
	}
	return 0, false
}

func (k Kind) String() string {
	switch k {
	case Hourly:
		return "hourly"
	case Daily:
		return "daily"
	case Weekly:
		return "weekly"
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// MaxLength bounds a shift's length (GoAlert's limit): 9000 weeks is 172 years.
const MaxLength = 9000

// Layer is one rotation: Members take turns, in order, from Start, each for Length
// hours, days or weeks. Before Start the layer has nobody on duty. With Restrict set,
// the member whose turn it is is on duty only inside those windows, and the turns go
// on outside them (as in PagerDuty): restrictions never shift the turn order.
type Layer struct {
	Name     string
	Members  []string
	Shift    Kind
	Length   int
	Start    Local
	Location *time.Location
	Restrict []Window

	zone   *zone
	start  int64 // instant of the first handoff
	nstart int64 // its wall clock
	period int64 // seconds (hourly) or days (daily, weekly)
}

// Override puts Member on duty from From until Until, above every layer.
type Override struct {
	From, Until time.Time
	Member      string
	Note        string

	from, until int64
}

// Schedule is layers and overrides, ready to answer. Later layers win.
type Schedule struct {
	Layers    []Layer
	Overrides []Override // sorted by From

	froms    []int64 // the overrides' starts, for the search
	maxUntil []int64 // maxUntil[i] is the latest Until among Overrides[:i+1]
}

// New checks and prepares a schedule. It copies its arguments.
func New(layers []Layer, overrides []Override) (*Schedule, error) {
	s := &Schedule{Layers: slices.Clone(layers), Overrides: slices.Clone(overrides)}
	var errs []error
	for i := range s.Layers {
		l := &s.Layers[i]
		switch {
		case len(l.Members) == 0:
			errs = append(errs, fmt.Errorf("layer %d has no members", i+1))
		case l.Shift < Hourly || l.Shift > Weekly:
			errs = append(errs, fmt.Errorf("layer %d has no shift kind", i+1))
		case l.Length < 1 || l.Length > MaxLength:
			errs = append(errs, fmt.Errorf("layer %d: shift length %d is not between 1 and %d", i+1, l.Length, MaxLength))
		case l.Location == nil:
			errs = append(errs, fmt.Errorf("layer %d has no time zone", i+1))
		case l.Start.Year < 1900 || l.Start.Year > 2200:
			errs = append(errs, fmt.Errorf("layer %d starts in %d, outside 1900-2200", i+1, l.Start.Year))
		default:
			l.Restrict = slices.Clone(l.Restrict)
			l.nstart = l.Start.naive()
			l.zone = zoneOf(l.Location)
			l.start = l.zone.wall(l.nstart)
			switch l.Shift {
			case Hourly:
				l.period = int64(l.Length) * 3600
			case Daily:
				l.period = int64(l.Length)
			case Weekly:
				l.period = int64(l.Length) * 7
			}
		}
	}
	for i := range s.Overrides {
		o := &s.Overrides[i]
		o.from, o.until = o.From.Unix(), o.Until.Unix()
		if o.until <= o.from {
			errs = append(errs, fmt.Errorf("override %d ends before it starts", i+1))
		}
		if o.Member == "" {
			errs = append(errs, fmt.Errorf("override %d names nobody", i+1))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	slices.SortStableFunc(s.Overrides, func(a, b Override) int { return a.From.Compare(b.From) })
	s.maxUntil = make([]int64, len(s.Overrides))
	s.froms = make([]int64, len(s.Overrides))
	for i, o := range s.Overrides {
		s.froms[i] = o.from
		s.maxUntil[i] = o.until
		if i > 0 {
			s.maxUntil[i] = max(o.until, s.maxUntil[i-1])
		}
	}
	return s, nil
}

// maxInstant stands for "never": far beyond any instant a playbook can write, yet far
// from overflow.
const maxInstant = int64(1) << 50

// turn returns the index k of the layer's turn at u (u at or after the start) and the
// instant the turn ends.
func (l *Layer) turn(u int64) (k, end int64) {
	if l.Shift == Hourly {
		k = (u - l.start) / l.period
		return k, l.start + (k+1)*l.period
	}
	// Count days on the wall clock, so handoffs keep their local time across DST.
	nu := l.zone.naive(u)
	d := floorDiv(nu-l.nstart, day)
	k = floorDiv(d, l.period)
	at := func(k int64) int64 { return l.zone.wall(l.nstart + k*l.period*day) }
	from, end := at(k), at(k+1)
	// In a fold the wall clock runs backwards for a while: settle on the instants.
	switch {
	case u < from && k > 0:
		k, end = k-1, from
	case u >= end:
		k, end = k+1, at(k+2)
	}
	return k, end
}

// state returns the member index on duty in the layer at u (-1 for nobody), its turn k,
// and an instant after u before which the answer cannot change.
func (l *Layer) state(u int64) (m int, k, next int64) {
	if u < l.start {
		return -1, 0, l.start
	}
	end := maxInstant
	if len(l.Restrict) > 0 {
		// Outside its windows the turn does not matter: skip the arithmetic.
		in, wnext := restricted(l.Restrict, u, l.zone.naive(u), l.zone)
		if !in {
			return -1, 0, wnext
		}
		end = wnext
	}
	n := int64(len(l.Members))
	if n == 1 {
		return 0, 0, end // every turn is the same person's
	}
	k, tend := l.turn(u)
	return int(k % n), k, min(end, tend)
}

// Source says what decided who is on duty: an override, or a layer.
type Source struct {
	Layer    int       // index into Schedule.Layers; -1 for an override or for nobody
	Override *Override // the override in force, or nil
}

// segment returns who is on duty at u, what decided it, and an instant after u before
// which that cannot change.
func (s *Schedule) segment(u int64) (member string, src Source, next int64) {
	next = maxInstant
	// The first override starting after u bounds the answer; one in force decides it.
	i, hi := 0, len(s.froms) // the first override starting after u
	for i < hi {
		m := int(uint(i+hi) >> 1)
		if s.froms[m] <= u {
			i = m + 1
		} else {
			hi = m
		}
	}
	if i < len(s.Overrides) {
		next = s.Overrides[i].from
	}
	for j := i - 1; j >= 0 && s.maxUntil[j] > u; j-- {
		if o := &s.Overrides[j]; o.until > u {
			return o.Member, Source{-1, o}, min(next, o.until)
		}
	}
	for li := len(s.Layers) - 1; li >= 0; li-- {
		l := &s.Layers[li]
		m, _, nx := l.state(u)
		next = min(next, nx)
		if m >= 0 {
			return l.Members[m], Source{li, nil}, next
		}
	}
	return "", Source{-1, nil}, next
}

// Horizon bounds how far At looks for the end of a duty: beyond it, Until is zero.
const Horizon = 400 * 24 * time.Hour

// Duty is who is on duty at an instant.
type Duty struct {
	Member string // "" when nobody is
	Source Source
	// Until is when Member's duty ends (turns of the same person run together); zero
	// when it does not end within Horizon. Next is who takes over then ("" for nobody).
	Until time.Time
	Next  string
}

// At returns who is on duty at t, until when, and who is next.
func (s *Schedule) At(t time.Time) Duty {
	u := t.Unix()
	m, src, next := s.segment(u)
	d := Duty{Member: m, Source: src}
	limit := u + int64(Horizon/time.Second)
	for next < limit {
		m2, _, n2 := s.segment(next)
		if m2 != m {
			d.Until, d.Next = inst(next), m2
			return d
		}
		next = max(n2, next+1)
	}
	return d
}

// Offset returns the member n turns after the one whose turn it is at t, in the top
// layer that has someone on duty then; overrides do not count. Offset(t, 1) is "next
// week's primary" in a weekly rotation. It is "" when no layer has anyone on duty.
func (s *Schedule) Offset(t time.Time, n int) string {
	u := t.Unix()
	for li := len(s.Layers) - 1; li >= 0; li-- {
		l := &s.Layers[li]
		if m, k, _ := l.state(u); m >= 0 {
			c := int64(len(l.Members))
			return l.Members[floorMod(k+int64(n), c)]
		}
	}
	return ""
}

// Span is one stretch of duty in a timeline: Member ("" for nobody) from From until
// Until, decided by Source.
type Span struct {
	Member      string
	From, Until time.Time
	Source      Source
}

// Shifts returns the timeline of [from, to): consecutive spans, the first starting at
// from and the last ending at to, with gaps as spans of nobody. Neighbouring stretches
// of the same member by the same source are one span.
func (s *Schedule) Shifts(from, to time.Time) []Span {
	u, end := from.Unix(), to.Unix()
	var out []Span
	for u < end {
		m, src, next := s.segment(u)
		next = min(max(next, u+1), end)
		if n := len(out); n > 0 && out[n-1].Member == m && out[n-1].Source == src {
			out[n-1].Until = inst(next)
		} else {
			out = append(out, Span{m, inst(u), inst(next), src})
		}
		u = next
	}
	return out
}

// inst is Unix seconds as a UTC time, so that output never depends on the machine's zone.
func inst(u int64) time.Time { return time.Unix(u, 0).UTC() }
