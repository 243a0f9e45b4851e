package schedule

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func TestLocalIn(t *testing.T) {
	cases := []struct {
		name, zone, local, want string
		gap                     bool
	}{
		{"an ordinary time", "Europe/London", "2026-01-05T09:00", "2026-01-05T09:00:00Z", false},
		{"London spring gap: the jump", "Europe/London", "2026-03-29T01:30", "2026-03-29T01:00:00Z", true},
		{"London autumn fold: the first", "Europe/London", "2026-10-25T01:30", "2026-10-25T00:30:00Z", false},
		{"New York spring gap", "America/New_York", "2026-03-08T02:30", "2026-03-08T07:00:00Z", true},
		{"New York autumn fold", "America/New_York", "2026-11-01T01:30", "2026-11-01T05:30:00Z", false},
		{"Sydney October gap", "Australia/Sydney", "2026-10-04T02:30", "2026-10-03T16:00:00Z", true},
		{"Sydney April fold", "Australia/Sydney", "2026-04-05T02:30", "2026-04-04T15:30:00Z", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := local(t, c.local)
			loc := tzone(t, c.zone)
			if got := l.In(loc); !got.Equal(utc(t, c.want)) {
				t.Errorf("%s in %s = %s, want %s", c.local, c.zone, got.UTC().Format(time.RFC3339), c.want)
			}
			if _, gap := l.Gap(loc); gap != c.gap {
				t.Errorf("Gap = %t, want %t", gap, c.gap)
			}
		})
	}
}

func TestOffset(t *testing.T) {
	s := mustNew(t, []Layer{layer(t, "weekly", 1, "2026-01-05T09:00", "Europe/London", abc)},
		Override{From: utc(t, "2026-01-06T00:00:00Z"), Until: utc(t, "2026-01-07T00:00:00Z"), Member: "z"})
	cases := []struct {
		at   string
		n    int
		want string
	}{
		{"2026-01-05T10:00:00Z", 0, "a"},
		{"2026-01-05T10:00:00Z", 1, "b"},
		{"2026-01-05T10:00:00Z", 2, "c"},
		{"2026-01-05T10:00:00Z", 4, "b"},
		{"2026-01-06T10:00:00Z", 1, "b"}, // overrides do not count
		{"2026-01-19T10:00:00Z", 1, "a"},
		{"2026-01-01T10:00:00Z", 1, ""},
	}
	for _, c := range cases {
		if got := s.Offset(utc(t, c.at), c.n); got != c.want {
			t.Errorf("Offset(%s, %d) = %q, want %q", c.at, c.n, got, c.want)
		}
	}
}

func spans(ss []Span) string {
	var b strings.Builder
	for _, s := range ss {
		who := s.Member
		if who == "" {
			who = "-"
		}
		fmt.Fprintf(&b, "%s %s-%s\n", who, s.From.Format("Mon 15:04"), s.Until.Format("Mon 15:04"))
	}
	return b.String()
}

func TestShiftsFollowTheSun(t *testing.T) {
	s := mustNew(t, []Layer{
		layer(t, "weekly", 1, "2026-01-05T00:00", "Australia/Sydney", []string{"syd"}),
		layer(t, "weekly", 1, "2026-01-05T00:00", "Europe/London", []string{"lon"}, window(t, "mon-fri", "07:00", "15:00")),
		layer(t, "weekly", 1, "2026-01-05T00:00", "America/New_York", []string{"ny"}, window(t, "mon-fri", "10:00", "18:00")),
	})
	got := spans(s.Shifts(utc(t, "2026-01-09T00:00:00Z"), utc(t, "2026-01-10T12:00:00Z")))
	want := `syd Fri 00:00-Fri 07:00
lon Fri 07:00-Fri 15:00
ny Fri 15:00-Fri 23:00
syd Fri 23:00-Sat 12:00
`
	if got != want {
		t.Errorf("Shifts:\n%s\nwant:\n%s", got, want)
	}
}

func TestShiftsGapsAndOverrides(t *testing.T) {
	s := mustNew(t, []Layer{layer(t, "daily", 1, "2026-01-05T00:00", "Europe/London", []string{"a", "b"}, window(t, "mon-fri", "22:00", "06:00"))},
		Override{From: utc(t, "2026-01-06T03:00:00Z"), Until: utc(t, "2026-01-06T04:00:00Z"), Member: "z"})
	got := spans(s.Shifts(utc(t, "2026-01-05T20:00:00Z"), utc(t, "2026-01-06T23:00:00Z")))
	want := `- Mon 20:00-Mon 22:00
a Mon 22:00-Tue 00:00
b Tue 00:00-Tue 03:00
z Tue 03:00-Tue 04:00
b Tue 04:00-Tue 06:00
- Tue 06:00-Tue 22:00
b Tue 22:00-Tue 23:00
`
	if got != want {
		t.Errorf("Shifts:\n%s\nwant:\n%s", got, want)
	}
}

// An hourly rotation over ten years is one span per hour: no endless loop, no skip.
func TestShiftsTenYearsHourly(t *testing.T) {
	s := mustNew(t, []Layer{layer(t, "hourly", 1, "2026-01-01T00:00", "Europe/London", []string{"a", "b"})})
	from := utc(t, "2026-01-01T00:00:00Z")
	to := from.AddDate(10, 0, 0)
	ss := s.Shifts(from, to)
	if want := int(to.Sub(from) / time.Hour); len(ss) != want {
		t.Fatalf("%d spans, want %d", len(ss), want)
	}
	for i := 1; i < len(ss); i++ {
		if !ss[i].From.Equal(ss[i-1].Until) || ss[i].Member == ss[i-1].Member {
			t.Fatalf("span %d does not follow span %d: %+v %+v", i, i-1, ss[i-1], ss[i])
		}
	}
}

// The arithmetic agrees with walking the handoffs one by one, at random instants over
// years of daylight-saving changes in three zones.
func TestTurnMatchesWalk(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, tz := range []string{"Europe/London", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe"} {
		for _, kind := range []string{"hourly", "daily", "weekly"} {
			for _, start := range []string{"2025-03-30T01:30", "2025-10-05T02:30", "2025-11-02T01:15", "2025-04-06T02:45"} {
				l := layer(t, kind, 1+r.IntN(3), start, tz, abc)
				s := mustNew(t, []Layer{l})
				l = s.Layers[0]
				for range 300 {
					u := l.start + r.Int64N(3*365*day)
					// Walk: the last handoff at or before u.
					k := int64(0)
					for {
						var h int64
						if l.Shift == Hourly {
							h = l.start + (k+1)*l.period
						} else {
							h = l.zone.wall(l.nstart + (k+1)*l.period*day)
						}
						if h > u {
							break
						}
						k++
					}
					if got, _ := l.turn(u); got != k {
						t.Fatalf("%s %s %d from %s: turn at %s = %d, walking gives %d", tz, kind, l.Length, start, inst(u), got, k)
					}
				}
			}
		}
	}
}

func TestNewRejects(t *testing.T) {
	lon := tzone(t, "Europe/London")
	cases := []struct {
		name string
		l    Layer
		o    []Override
		want string
	}{
		{"no members", Layer{Shift: Weekly, Length: 1, Location: lon, Start: Local{2026, 1, 5, 9, 0}}, nil, "no members"},
		{"zero length", Layer{Members: abc, Shift: Weekly, Location: lon, Start: Local{2026, 1, 5, 9, 0}}, nil, "shift length 0"},
		{"no zone", Layer{Members: abc, Shift: Daily, Length: 1, Start: Local{2026, 1, 5, 9, 0}}, nil, "no time zone"},
		{"override backwards", Layer{Members: abc, Shift: Daily, Length: 1, Location: lon, Start: Local{2026, 1, 5, 9, 0}},
			[]Override{{From: time.Unix(100, 0), Until: time.Unix(50, 0), Member: "a"}}, "ends before it starts"},
	}
	for _, c := range cases {
		if _, err := New([]Layer{c.l}, c.o); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: New error %v, want %q", c.name, err, c.want)
		}
	}
}

func TestRules(t *testing.T) {
	s := mustNew(t, []Layer{layer(t, "weekly", 2, "2026-01-05T09:00", "Europe/London", abc, window(t, "fri-mon", "22:00", "06:00"))},
		Override{From: utc(t, "2026-12-24T18:00:00Z"), Until: utc(t, "2026-12-27T09:00:00Z"), Member: "sre/zoe", Note: "Christmas"})
	r := s.Rules()
	l := r.Layers[0]
	if l.Shift != "weekly" || l.Length != 2 || l.Start != "2026-01-05T09:00" || l.TimeZone != "Europe/London" ||
		strings.Join(l.Restrict[0].Days, ",") != "mon,fri,sat,sun" || l.Restrict[0].Start != "22:00" || l.Restrict[0].End != "06:00" {
		t.Errorf("layer rules: %+v", l)
	}
	if o := r.Overrides[0]; o.From != "2026-12-24T18:00:00Z" || o.Member != "sre/zoe" || o.Note != "Christmas" {
		t.Errorf("override rules: %+v", o)
	}
}

// benchSchedules are the shapes the benchmark asks at random instants.
func benchSchedules(b *testing.B) map[string]*Schedule {
	lon := tzone(b, "Europe/London")
	var ovs []Override
	for y := 2026; y < 2036; y++ {
		ovs = append(ovs, Override{From: Local{y, 12, 24, 18, 0}.In(lon), Until: Local{y, 12, 27, 9, 0}.In(lon), Member: "z"})
	}
	return map[string]*Schedule{
		"weekly": mustNew(b, []Layer{layer(b, "weekly", 1, "2026-01-05T09:00", "Europe/London", abc)}),
		"hourly": mustNew(b, []Layer{layer(b, "hourly", 12, "2026-01-05T09:00", "Europe/London", abc)}),
		"follow-the-sun+overrides": mustNew(b, []Layer{
			layer(b, "weekly", 1, "2026-01-05T00:00", "Australia/Sydney", []string{"s1", "s2"}),
			layer(b, "weekly", 1, "2026-01-05T00:00", "Europe/London", []string{"l1", "l2", "l3"}, window(b, "mon-fri", "07:00", "15:00")),
			layer(b, "weekly", 1, "2026-01-05T00:00", "America/New_York", []string{"n1", "n2"}, window(b, "mon-fri", "10:00", "18:00")),
		}, ovs...),
	}
}

// BenchmarkAt asks who is on duty, until when and who is next, at random instants over
// ten years.
func BenchmarkAt(b *testing.B) {
	for name, s := range benchSchedules(b) {
		b.Run(name, func(b *testing.B) {
			r := rand.New(rand.NewPCG(3, 4))
			base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			ts := make([]time.Time, 1024)
			for i := range ts {
				ts[i] = base.Add(time.Duration(r.Int64N(int64(10 * 365 * 24 * time.Hour))))
			}
			b.ResetTimer()
			for i := range b.N {
				_ = s.At(ts[i%len(ts)])
			}
		})
	}
}

// The zone table agrees with the zone database at random instants over three centuries.
func TestZoneTable(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, name := range []string{"Europe/London", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"} {
		loc := tzone(t, name)
		z := zoneOf(loc)
		from, to := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).Unix(), time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
		for range 20000 {
			u := from + r.Int64N(to-from)
			if got, want := z.offset(u), offset(u, loc); got != want {
				t.Fatalf("%s at %s: table says %d, zone database %d", name, inst(u), got, want)
			}
		}
	}
}

func offset(u int64, loc *time.Location) int64 {
	_, off := time.Unix(u, 0).In(loc).Zone()
	return int64(off)
}
