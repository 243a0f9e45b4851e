package matrix

import (
	"strings"
	"testing"
	"time"
)

func TestAddBusinessDays(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	dubai, _ := time.LoadLocation("Asia/Dubai")
	at := func(loc *time.Location, s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	office := &WorkingWeek{Days: "mon-fri", Start: "09:00", End: "17:00"}
	weekdays := &WorkingWeek{Days: "mon-fri"}
	sunThu := &WorkingWeek{Days: "sun-thu", Start: "08:00", End: "16:00"}
	for _, w := range []*WorkingWeek{office, weekdays, sunThu} {
		w.parse()
	}
	for _, tt := range []struct {
		name  string
		week  *WorkingWeek
		loc   *time.Location
		start string // in loc
		n     int
		want  string // in loc
	}{
		{"inside hours: the same time next working day", office, london, "2026-03-04 10:00", 1, "2026-03-05 10:00"},
		{"friday afternoon skips the weekend", office, london, "2026-03-06 16:00", 1, "2026-03-09 16:00"},
		{"a weekend start waits for monday's opening", office, london, "2026-03-07 12:00", 1, "2026-03-09 17:00"},
		{"after closing counts from the next opening", office, london, "2026-03-05 18:00", 1, "2026-03-06 17:00"},
		{"before opening counts from the opening", office, london, "2026-03-02 08:00", 5, "2026-03-06 17:00"},
		{"at closing time counts from the next opening", office, london, "2026-03-06 17:00", 1, "2026-03-09 17:00"},
		{"five days from wednesday spans a weekend", office, london, "2026-03-04 10:00", 5, "2026-03-11 10:00"},
		{"zero business days is the start", office, london, "2026-03-07 12:00", 0, "2026-03-07 12:00"},
		{"clocks go forward over the weekend: same wall-clock time", office, london, "2026-03-27 16:00", 1, "2026-03-30 16:00"},
		{"clocks go back over the weekend, whole days", weekdays, london, "2026-10-23 12:00", 1, "2026-10-26 12:00"},
		{"whole days: a saturday start ends at tuesday midnight", weekdays, london, "2026-03-07 12:00", 1, "2026-03-10 00:00"},
		{"a sun-thu week skips friday and saturday", sunThu, dubai, "2026-03-05 12:00", 1, "2026-03-08 12:00"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.week.AddBusinessDays(at(tt.loc, tt.start), tt.n, tt.loc)
			if want := at(tt.loc, tt.want); !ok || !got.Equal(want) {
				t.Errorf("%s + %dbd = %s (ok %v), want %s", tt.start, tt.n, got.In(tt.loc).Format("Mon 2006-01-02 15:04 MST"), ok, want.Format("Mon 2006-01-02 15:04 MST"))
			}
		})
	}
}

// TestMissingTimersHaveNoDeadline: a timer the playbook leaves out is "no target" and
// no deadline is computed for it; business days count the working week.
func TestMissingTimersHaveNoDeadline(t *testing.T) {
	src := strings.Replace(routing, "review_interval: 180d\n", "review_interval: 180d\nworking_week: {days: mon-fri, start: \"09:00\", end: \"17:00\"}\n", 1)
	src = strings.Replace(src, "sla: {acknowledge: 1h, triage: 4h, contain: 1d, resolve: 5d, root_cause: 30d}, updates: {internal: 1d, customer: 1d}",
		"sla: {acknowledge: 1h, root_cause: 5bd}, updates: {internal: 1d}", 1)
	p := loadOK(t, src)
	sev := p.Severity("sev3")
	if sev.SLA.Triage.Set || sev.SLA.Triage.String() != NoTarget || sev.Updates.Customer.String() != NoTarget {
		t.Errorf("triage %q, customer updates %q: want %q", sev.SLA.Triage, sev.Updates.Customer, NoTarget)
	}
	start := time.Date(2026, 3, 6, 16, 0, 0, 0, time.UTC) // a Friday, 16:00 in London
	f, _ := p.ParseFacts([]string{"domain=login", "severity=sev3"})
	d, err := p.Route(f, start)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, dl := range d.Deadlines {
		got = append(got, dl.Name+"="+dl.After.String()+"@"+dl.At.UTC().Format("Mon 01-02 15:04"))
	}
	if want := "acknowledge=1h@Fri 03-06 17:00 root_cause=5bd@Fri 03-13 16:00"; strings.Join(got, " ") != want {
		t.Errorf("deadlines = %q, want %q", strings.Join(got, " "), want)
	}
}

func TestBusinessDaysNeedAWorkingWeek(t *testing.T) {
	src := strings.Replace(routing, "root_cause: 30d}", "root_cause: 5bd}", 1)
	diags := loadDiags(t, src)
	if !strings.Contains(diags.Error(), "pb/matrix.yaml:4:134: error[no-working-week]: ") || !strings.Contains(diags.Error(), "5bd counts business days, but playbook.yaml sets no working_week") {
		t.Errorf("diagnostics:\n%s", diags)
	}
}
