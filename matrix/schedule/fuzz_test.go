package schedule

import (
	"testing"
	"time"
)

// FuzzSchedule parses a layer as a playbook writes it, with a restriction and an
// override, and evaluates it: no panic, no endless loop, and the answers agree with
// each other, whatever the input (lengths of 1 hour over 10 years included).
func FuzzSchedule(f *testing.F) {
	f.Add("weekly", 1, "2026-01-05T09:00", "Europe/London", "mon-fri", "09:00", "17:00", int64(1767600000), uint16(3))
	f.Add("hourly", 1, "2026-03-29T01:30", "America/New_York", "fri-mon", "22:00", "06:00", int64(1774745400), uint16(2))
	f.Add("daily", 3, "2026-10-04T02:30", "Australia/Sydney", "sat-sun", "00:00", "24:00", int64(-1), uint16(1))
	f.Add("daily", 9000, "1900-01-01T00:00", "Australia/Lord_Howe", "sun", "00:00", "00:00", int64(1<<40), uint16(7))
	f.Fuzz(func(t *testing.T, kind string, length int, start, tz, days, from, to string, at int64, members uint16) {
		k, ok1 := ParseKind(kind)
		l, ok2 := ParseLocal(start)
		loc, err := time.LoadLocation(tz)
		if !ok1 || !ok2 || err != nil {
			return
		}
		var restrict []Window
		if w, err := ParseWindow(days, from, to); err == nil {
			restrict = append(restrict, w)
		}
		names := []string{"a", "b", "c", "d", "e", "f", "g", "h"}[:1+int(members%8)]
		t0 := time.Unix(at%(200*365*86400), 0)
		s, err := New([]Layer{{Members: names, Shift: k, Length: length, Start: l, Location: loc, Restrict: restrict}},
			[]Override{{From: t0.Add(time.Hour), Until: t0.Add(3 * time.Hour), Member: "o"}})
		if err != nil {
			return
		}
		d := s.At(t0)
		if !d.Until.IsZero() && !d.Until.After(t0) {
			t.Fatalf("At(%s): duty ends at %s, not after", t0, d.Until)
		}
		spans := s.Shifts(t0, t0.Add(10*24*time.Hour))
		if len(spans) == 0 || spans[0].Member != d.Member || !spans[0].From.Equal(t0.UTC()) {
			t.Fatalf("Shifts disagree with At at %s: %+v vs %+v", t0, spans, d)
		}
		for i := 1; i < len(spans); i++ {
			if !spans[i].From.Equal(spans[i-1].Until) || !spans[i].Until.After(spans[i].From) {
				t.Fatalf("spans %d and %d do not follow on: %+v %+v", i-1, i, spans[i-1], spans[i])
			}
			if m := s.At(spans[i].From).Member; m != spans[i].Member {
				t.Fatalf("At(%s) = %q, span says %q", spans[i].From, m, spans[i].Member)
			}
		}
		_ = s.Offset(t0, 1)
	})
}
