package schedule

import (
	"testing"
	"time"
)

func tzone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func local(t testing.TB, s string) Local {
	t.Helper()
	l, ok := ParseLocal(s)
	if !ok {
		t.Fatalf("bad local time %q", s)
	}
	return l
}

func utc(t testing.TB, s string) time.Time {
	t.Helper()
	if s == "" {
		return time.Time{}
	}
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// layer is a compact layer for the tables: "weekly 1 2026-01-05T09:00 Europe/London".
func layer(t testing.TB, kind string, length int, start, tz string, members []string, restrict ...Window) Layer {
	k, ok := ParseKind(kind)
	if !ok {
		t.Fatalf("bad kind %q", kind)
	}
	return Layer{Members: members, Shift: k, Length: length, Start: local(t, start), Location: tzone(t, tz), Restrict: restrict}
}

func window(t testing.TB, days, start, end string) Window {
	w, err := ParseWindow(days, start, end)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func mustNew(t testing.TB, layers []Layer, overrides ...Override) *Schedule {
	t.Helper()
	s, err := New(layers, overrides)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var abc = []string{"a", "b", "c"}

func TestAt(t *testing.T) {
	lon, ny, syd := "Europe/London", "America/New_York", "Australia/Sydney"
	weeklyLondon := func(t testing.TB) []Layer {
		return []Layer{layer(t, "weekly", 1, "2026-01-05T09:00", lon, abc)}
	}
	nightly := func(t testing.TB) []Layer {
		return []Layer{layer(t, "daily", 1, "2026-01-05T00:00", lon, []string{"a", "b"}, window(t, "mon-fri", "22:00", "06:00"))}
	}
	sun := func(t testing.TB) []Layer {
		return []Layer{
			layer(t, "weekly", 1, "2026-01-05T00:00", syd, []string{"syd"}),
			layer(t, "weekly", 1, "2026-01-05T00:00", lon, []string{"lon"}, window(t, "mon-sun", "07:00", "15:00")),
			layer(t, "weekly", 1, "2026-01-05T00:00", ny, []string{"ny"}, window(t, "mon-sun", "10:00", "18:00")),
		}
	}
	xmas := func(t testing.TB) []Override {
		lonLoc := tzone(t, lon)
		return []Override{{From: local(t, "2026-12-24T18:00").In(lonLoc), Until: local(t, "2026-12-27T09:00").In(lonLoc), Member: "sre/zoe", Note: "Christmas"}}
	}
	cases := []struct {
		name      string
		layers    func(testing.TB) []Layer
		overrides func(testing.TB) []Override
		at        string
		member    string
		until     string
		next      string
	}{
		{"weekly: the first turn from its start", weeklyLondon, nil, "2026-01-05T09:00:00Z", "a", "2026-01-12T09:00:00Z", "b"},
		{"weekly: a second before the handoff", weeklyLondon, nil, "2026-01-12T08:59:59Z", "a", "2026-01-12T09:00:00Z", "b"},
		{"weekly: exactly at the handoff the next takes over", weeklyLondon, nil, "2026-01-12T09:00:00Z", "b", "2026-01-19T09:00:00Z", "c"},
		{"weekly: the turn order wraps", weeklyLondon, nil, "2026-01-26T10:00:00Z", "a", "2026-02-02T09:00:00Z", "b"},
		{"weekly: before the start nobody is on duty", weeklyLondon, nil, "2026-01-01T00:00:00Z", "", "2026-01-05T09:00:00Z", "a"},
		{"weekly London: after spring-forward the handoff stays 09:00 BST", weeklyLondon, nil, "2026-03-30T07:59:00Z", "c", "2026-03-30T08:00:00Z", "a"},
		{"weekly London: after fall-back the handoff stays 09:00 GMT", weeklyLondon, nil, "2026-10-26T08:30:00Z", "c", "2026-10-26T09:00:00Z", "a"},
		{"weekly London: a handoff in the spring gap happens at the jump", func(t testing.TB) []Layer {
			return []Layer{layer(t, "weekly", 1, "2026-03-15T01:30", lon, []string{"a", "b"})}
		}, nil, "2026-03-29T00:59:00Z", "b", "2026-03-29T01:00:00Z", "a"},
		{"weekly London: a handoff in the autumn fold happens at its first occurrence", func(t testing.TB) []Layer {
			return []Layer{layer(t, "weekly", 1, "2026-10-04T01:30", lon, []string{"a", "b"})}
		}, nil, "2026-10-25T01:15:00Z", "b", "2026-11-01T01:30:00Z", "a"},
		{"weekly, 2 weeks long", func(t testing.TB) []Layer {
			return []Layer{layer(t, "weekly", 2, "2026-01-05T09:00", lon, abc)}
		}, nil, "2026-01-19T08:00:00Z", "a", "2026-01-19T09:00:00Z", "b"},
		{"daily New York, 2 days: a turn across spring-forward is 47 hours", func(t testing.TB) []Layer {
			return []Layer{layer(t, "daily", 2, "2026-03-01T08:00", ny, []string{"a", "b"})}
		}, nil, "2026-03-08T12:00:00Z", "b", "2026-03-09T12:00:00Z", "a"},
		{"daily New York: after fall-back the handoff stays 08:00 EST", func(t testing.TB) []Layer {
			return []Layer{layer(t, "daily", 1, "2026-10-30T08:00", ny, []string{"a", "b"})}
		}, nil, "2026-11-02T12:30:00Z", "a", "2026-11-02T13:00:00Z", "b"},
		{"daily Sydney: a handoff in the October gap happens at the jump", func(t testing.TB) []Layer {
			return []Layer{layer(t, "daily", 1, "2026-10-01T02:30", syd, []string{"a", "b"})}
		}, nil, "2026-10-03T15:59:00Z", "a", "2026-10-03T16:00:00Z", "b"},
		{"daily Sydney: in the April fold, the second 02:15 is after the 02:30 handoff", func(t testing.TB) []Layer {
			return []Layer{layer(t, "daily", 1, "2026-04-01T02:30", syd, []string{"a", "b"})}
		}, nil, "2026-04-04T16:15:00Z", "a", "2026-04-05T16:30:00Z", "b"},
		{"daily Sydney: the handoff after the fold is 02:30 AEST", func(t testing.TB) []Layer {
			return []Layer{layer(t, "daily", 1, "2026-04-01T02:30", syd, []string{"a", "b"})}
		}, nil, "2026-04-05T16:30:00Z", "b", "2026-04-06T16:30:00Z", "a"},
		{"hourly London, 12 hours: real hours across spring-forward", func(t testing.TB) []Layer {
			return []Layer{layer(t, "hourly", 12, "2026-03-28T20:00", lon, []string{"a", "b"})}
		}, nil, "2026-03-29T07:59:00Z", "a", "2026-03-29T08:00:00Z", "b"},
		{"hourly New York: the first 01:30 of the fold is one turn", func(t testing.TB) []Layer {
			return []Layer{layer(t, "hourly", 1, "2026-11-01T00:00", ny, abc)}
		}, nil, "2026-11-01T05:30:00Z", "b", "2026-11-01T06:00:00Z", "c"},
		{"hourly New York: the second 01:30 of the fold is the next", func(t testing.TB) []Layer {
			return []Layer{layer(t, "hourly", 1, "2026-11-01T00:00", ny, abc)}
		}, nil, "2026-11-01T06:30:00Z", "c", "2026-11-01T07:00:00Z", "a"},
		{"hourly Sydney, 8 hours: real hours across the April fold", func(t testing.TB) []Layer {
			return []Layer{layer(t, "hourly", 8, "2026-04-04T18:00", syd, []string{"a", "b"})}
		}, nil, "2026-04-04T15:00:00Z", "b", "2026-04-04T23:00:00Z", "a"},
		{"restricted across midnight: inside the window that started Monday", nightly, nil, "2026-01-05T23:00:00Z", "a", "2026-01-06T00:00:00Z", "b"},
		{"restricted across midnight: the turn changes inside the window", nightly, nil, "2026-01-06T02:00:00Z", "b", "2026-01-06T06:00:00Z", ""},
		{"restricted: exactly at the window's end nobody is on duty", nightly, nil, "2026-01-06T06:00:00Z", "", "2026-01-06T22:00:00Z", "b"},
		{"restricted: exactly at the window's start", nightly, nil, "2026-01-06T22:00:00Z", "b", "2026-01-07T00:00:00Z", "a"},
		{"restricted: Friday's window runs into Saturday", nightly, nil, "2026-01-10T03:00:00Z", "b", "2026-01-10T06:00:00Z", ""},
		{"restricted: the weekend is uncovered until Monday night", nightly, nil, "2026-01-10T07:00:00Z", "", "2026-01-12T22:00:00Z", "b"},
		{"layers: London's day", sun, nil, "2026-01-07T12:00:00Z", "lon", "2026-01-07T15:00:00Z", "ny"},
		{"layers: Sydney's night shows through", sun, nil, "2026-01-07T23:30:00Z", "syd", "2026-01-08T07:00:00Z", "lon"},
		{"layers: the later layer wins where both have someone", sun, nil, "2026-03-10T14:30:00Z", "ny", "2026-03-10T22:00:00Z", "syd"},
		{"layers: New York's DST moves its window before London's", sun, nil, "2026-03-10T13:59:00Z", "lon", "2026-03-10T14:00:00Z", "ny"},
		{"override: beats every layer", weeklyLondon, xmas, "2026-12-25T12:00:00Z", "sre/zoe", "2026-12-27T09:00:00Z", "c"},
		{"override: exactly at its start", weeklyLondon, xmas, "2026-12-24T18:00:00Z", "sre/zoe", "2026-12-27T09:00:00Z", "c"},
		{"override: exactly at its end the layer is back", weeklyLondon, xmas, "2026-12-27T09:00:00Z", "c", "2026-12-28T09:00:00Z", "a"},
		{"override: the turn it covers ends when it starts", weeklyLondon, xmas, "2026-12-24T17:59:00Z", "c", "2026-12-24T18:00:00Z", "sre/zoe"},
		{"one member: on duty beyond the horizon", func(t testing.TB) []Layer {
			return []Layer{layer(t, "weekly", 1, "2026-01-05T09:00", lon, []string{"solo"})}
		}, nil, "2026-06-01T00:00:00Z", "solo", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var ovs []Override
			if c.overrides != nil {
				ovs = c.overrides(t)
			}
			s := mustNew(t, c.layers(t), ovs...)
			d := s.At(utc(t, c.at))
			if d.Member != c.member || !d.Until.Equal(utc(t, c.until)) || d.Next != c.next {
				t.Errorf("At(%s) = %q until %s then %q; want %q until %s then %q", c.at, d.Member, d.Until.Format(time.RFC3339), d.Next,
					c.member, c.until, c.next)
			}
		})
	}
}
