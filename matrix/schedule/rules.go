package schedule

import (
	"fmt"
	"strings"
	"time"
)

// Rules is a compact description of a schedule's rules, for tools and for the site's
// own evaluator: the same rules this package evaluates, nothing precomputed.
type Rules struct {
	Layers    []LayerRules    `json:"layers"`
	Overrides []OverrideRules `json:"overrides"`
}

// LayerRules describes one layer. Start is local wall-clock time in TimeZone.
type LayerRules struct {
	Name     string        `json:"name"`
	Members  []string      `json:"members"`
	Shift    string        `json:"shift"`
	Length   int           `json:"length"`
	Start    string        `json:"start"`
	TimeZone string        `json:"time_zone"`
	Restrict []WindowRules `json:"restrict"`
}

// WindowRules is a restriction window: Days lists weekday names (`mon`…`sun`) on which
// it starts; Start and End are HH:MM, End `24:00` or not after Start crossing midnight.
type WindowRules struct {
	Days  []string `json:"days"`
	Start string   `json:"start"`
	End   string   `json:"end"`
}

// OverrideRules is an override; From and Until are RFC 3339 instants in UTC.
type OverrideRules struct {
	From   string `json:"from"`
	Until  string `json:"until"`
	Member string `json:"member"`
	Note   string `json:"note"`
}

var shortDays = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// Rules describes s; every list is non-nil, so it encodes as [] rather than null.
func (s *Schedule) Rules() Rules {
	r := Rules{Layers: make([]LayerRules, 0, len(s.Layers)), Overrides: make([]OverrideRules, 0, len(s.Overrides))}
	for _, l := range s.Layers {
		lr := LayerRules{Name: l.Name, Members: append([]string{}, l.Members...), Shift: l.Shift.String(), Length: l.Length,
			Start: l.Start.String(), TimeZone: l.Location.String(), Restrict: make([]WindowRules, 0, len(l.Restrict))}
		for _, w := range l.Restrict {
			wr := WindowRules{Days: []string{}, Start: hhmm(w.Start), End: hhmm(w.End)}
			// Monday first, as people read a week.
			for i := 1; i <= 7; i++ {
				if w.Days[i%7] {
					wr.Days = append(wr.Days, shortDays[i%7])
				}
			}
			lr.Restrict = append(lr.Restrict, wr)
		}
		r.Layers = append(r.Layers, lr)
	}
	for _, o := range s.Overrides {
		r.Overrides = append(r.Overrides, OverrideRules{o.From.UTC().Format(time.RFC3339), o.Until.UTC().Format(time.RFC3339), o.Member, o.Note})
	}
	return r
}

func hhmm(m int) string {
	var b strings.Builder
	b.WriteByte(byte('0' + m/600))
	b.WriteByte(byte('0' + m/60%10))
	b.WriteByte(':')
	b.WriteByte(byte('0' + m%60/10))
	b.WriteByte(byte('0' + m%10))
	return b.String()
}

// FromRules compiles a description back into a schedule: Rules and FromRules round-trip,
// so a client holding only the JSON answers as this package does.
func FromRules(r Rules) (*Schedule, error) {
	var layers []Layer
	for i, lr := range r.Layers {
		kind, ok1 := ParseKind(lr.Shift)
		start, ok2 := ParseLocal(lr.Start)
		loc, err := LoadLocation(lr.TimeZone)
		if !ok1 || !ok2 || err != nil {
			return nil, fmt.Errorf("layer %d: bad shift %q, start %q or time zone %q", i+1, lr.Shift, lr.Start, lr.TimeZone)
		}
		l := Layer{Name: lr.Name, Members: append([]string{}, lr.Members...), Shift: kind, Length: lr.Length, Start: start, Location: loc}
		for _, wr := range lr.Restrict {
			w, err := ParseWindow(strings.Join(wr.Days, ","), wr.Start, wr.End)
			if err != nil {
				return nil, fmt.Errorf("layer %d: %v", i+1, err)
			}
			l.Restrict = append(l.Restrict, w)
		}
		layers = append(layers, l)
	}
	var overrides []Override
	for i, or := range r.Overrides {
		from, err1 := time.Parse(time.RFC3339, or.From)
		until, err2 := time.Parse(time.RFC3339, or.Until)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("override %d: from and until must be RFC 3339", i+1)
		}
		overrides = append(overrides, Override{From: from, Until: until, Member: or.Member, Note: or.Note})
	}
	return New(layers, overrides)
}
