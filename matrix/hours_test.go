package matrix

import (
	"testing"
	"time"
)

func TestHoursContains(t *testing.T) {
	sydney, _ := time.LoadLocation("Australia/Sydney")
	london, _ := time.LoadLocation("Europe/London")
	tests := []struct {
		name  string
		loc   *time.Location
		days  string
		start string
		end   string
		at    time.Time // in loc unless UTC given
		want  bool
	}{
		{"inside", london, "mon-fri", "09:00", "17:00", time.Date(2026, 3, 2, 12, 0, 0, 0, london), true},
		{"start included", london, "mon-fri", "09:00", "17:00", time.Date(2026, 3, 2, 9, 0, 0, 0, london), true},
		{"end excluded", london, "mon-fri", "09:00", "17:00", time.Date(2026, 3, 2, 17, 0, 0, 0, london), false},
		{"a minute before the end", london, "mon-fri", "09:00", "17:00", time.Date(2026, 3, 2, 16, 59, 59, 0, london), true},
		{"weekend", london, "mon-fri", "09:00", "17:00", time.Date(2026, 3, 7, 12, 0, 0, 0, london), false},
		{"day range includes its end", london, "mon-fri", "09:00", "17:00", time.Date(2026, 3, 6, 12, 0, 0, 0, london), true},
		{"24:00 end runs to midnight", london, "sat", "12:00", "24:00", time.Date(2026, 3, 7, 23, 59, 0, 0, london), true},
		{"24:00 end excludes the next day", london, "sat", "12:00", "24:00", time.Date(2026, 3, 8, 0, 0, 0, 0, london), false},
		{"overnight before midnight", sydney, "mon-fri", "22:00", "06:00", time.Date(2026, 3, 6, 23, 0, 0, 0, sydney), true},
		{"overnight into Saturday", sydney, "mon-fri", "22:00", "06:00", time.Date(2026, 3, 7, 5, 0, 0, 0, sydney), true},
		{"overnight ends on Saturday morning", sydney, "mon-fri", "22:00", "06:00", time.Date(2026, 3, 7, 6, 0, 0, 0, sydney), false},
		{"overnight does not start on Saturday", sydney, "mon-fri", "22:00", "06:00", time.Date(2026, 3, 7, 23, 0, 0, 0, sydney), false},
		{"overnight Monday morning belongs to Sunday", sydney, "mon-fri", "22:00", "06:00", time.Date(2026, 3, 9, 5, 0, 0, 0, sydney), false},
		{"day range wraps the week", london, "fri-mon", "00:00", "24:00", time.Date(2026, 3, 8, 12, 0, 0, 0, london), true},
		{"wrapped range excludes midweek", london, "fri-mon", "00:00", "24:00", time.Date(2026, 3, 4, 12, 0, 0, 0, london), false},
		{"day list", london, "mon,wed", "09:00", "17:00", time.Date(2026, 3, 4, 12, 0, 0, 0, london), true},
		{"day list excludes others", london, "mon,wed", "09:00", "17:00", time.Date(2026, 3, 3, 12, 0, 0, 0, london), false},
		{"UTC instant converted to the zone", sydney, "mon-fri", "09:00", "17:00", time.Date(2026, 3, 1, 23, 0, 0, 0, time.UTC), true},
		{"spring forward: 01:30 does not exist, 02:30 BST is in", london, "sun", "02:00", "03:00", time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC), true},
		{"fall back: the repeated hour counts", london, "sun", "01:00", "02:00", time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := Window{Days: tt.days, Start: tt.start, End: tt.end}
			w.parse()
			if !w.valid {
				t.Fatalf("window %+v did not parse", w)
			}
			h := Hours{Set: true, TimeZone: tt.loc.String(), loc: tt.loc, Windows: []Window{w}}
			if got := h.Contains(tt.at); got != tt.want {
				t.Errorf("Contains(%s) = %t, want %t", tt.at.In(tt.loc), got, tt.want)
			}
		})
	}
}

func TestParseDays(t *testing.T) {
	for _, bad := range []string{"", "monday", "mon-", "mon,,fri", "fri-xyz"} {
		if _, ok := ParseDays(bad); ok {
			t.Errorf("ParseDays(%q) accepted", bad)
		}
	}
}

func TestDurations(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		out  string
	}{
		{"90s", 90 * time.Second, "1m30s"},
		{"15m", 15 * time.Minute, "15m"},
		{"4h", 4 * time.Hour, "4h"},
		{"1h30m", 90 * time.Minute, "1h30m"},
		{"5d", 5 * 24 * time.Hour, "5d"},
		{"2w", 14 * 24 * time.Hour, "14d"},
		{"0m", 0, "0m"},
	}
	for _, tt := range tests {
		got, err := ParseDuration(tt.in)
		if err != nil || got != tt.want || FormatDuration(got) != tt.out {
			t.Errorf("%s: %v %v %s", tt.in, got, err, FormatDuration(got))
		}
	}
	for _, bad := range []string{"", "5", "m", "5 min", "1.5h", "-5m", "5y", "999999999w999999999w"} {
		if _, err := ParseDuration(bad); err == nil {
			t.Errorf("ParseDuration(%q) accepted", bad)
		}
	}
}

// Windows limited to months and days of the month, as Alertmanager's time intervals.
func TestHoursDateFilters(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	at := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, london) }
	tests := []struct {
		name        string
		days        string
		start, end  string
		months, dom []string
		at          time.Time
		want        bool
	}{
		{"in a listed month", "mon-fri", "09:00", "17:00", []string{"january:march"}, nil, at(2026, 2, 3, 12), true},
		{"outside the months", "mon-fri", "09:00", "17:00", []string{"january:march"}, nil, at(2026, 4, 7, 12), false},
		{"months by number and short name", "mon-sun", "00:00", "24:00", []string{"12", "jan"}, nil, at(2026, 12, 31, 12), true},
		{"the first week of the month", "mon-sun", "09:00", "17:00", nil, []string{"1:7"}, at(2026, 3, 7, 12), true},
		{"after the first week", "mon-sun", "09:00", "17:00", nil, []string{"1:7"}, at(2026, 3, 8, 12), false},
		{"the last day of February", "mon-sun", "09:00", "17:00", nil, []string{"-1"}, at(2026, 2, 28, 12), true},
		{"the last day of a leap February", "mon-sun", "09:00", "17:00", nil, []string{"-1"}, at(2028, 2, 29, 12), true},
		{"not the last day", "mon-sun", "09:00", "17:00", nil, []string{"-1"}, at(2028, 2, 28, 12), false},
		{"the last three days", "mon-sun", "09:00", "17:00", nil, []string{"-3:-1"}, at(2026, 4, 28, 12), true},
		{"a night that starts on the last day runs into the 1st", "mon-sun", "22:00", "06:00", nil, []string{"-1"}, at(2026, 5, 1, 3), true},
		{"a night that starts on the 1st is out", "mon-sun", "22:00", "06:00", nil, []string{"-1"}, at(2026, 5, 1, 23), false},
		{"both filters", "mon-fri", "09:00", "17:00", []string{"december"}, []string{"24:31"}, at(2026, 12, 28, 12), true},
		{"both filters, wrong month", "mon-fri", "09:00", "17:00", []string{"december"}, []string{"24:31"}, at(2026, 11, 30, 12), false},
	}
	for _, tt := range tests {
		w := Window{Days: tt.days, Start: tt.start, End: tt.end, Months: tt.months, DaysOfMonth: tt.dom}
		w.parse()
		if w.DateErr != nil {
			t.Fatalf("%s: %v", tt.name, w.DateErr)
		}
		h := Hours{Set: true, TimeZone: "Europe/London", Windows: []Window{w}, loc: london}
		if got := h.Contains(tt.at); got != tt.want {
			t.Errorf("%s: Contains(%s) = %v, want %v", tt.name, tt.at, got, tt.want)
		}
	}
	for _, bad := range [][2][]string{{{"smarch"}, nil}, {{"march:january"}, nil}, {nil, {"0"}}, {nil, {"32"}}, {nil, {"-3:5"}}, {nil, {"7:1"}}} {
		w := Window{Days: "mon", Start: "09:00", End: "17:00", Months: bad[0], DaysOfMonth: bad[1]}
		w.parse()
		if w.DateErr == nil || w.valid {
			t.Errorf("months %q, days %q: accepted", bad[0], bad[1])
		}
	}
}
