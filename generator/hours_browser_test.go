package generator

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/escalator-dev/escalator/internal/browser"
	"github.com/escalator-dev/escalator/matrix"
	"go.yaml.in/yaml/v3"
)

// The team page's script tells "open now" as matrix.Hours.Contains does, at random
// instants and every quarter hour of the weeks daylight saving starts and ends;
// overnight windows and a window to 24:00 included.
func TestOpenNowMatchesGo(t *testing.T) {
	b := browser.Require(t)
	p := sample(t)
	out := sampleSite(t)
	tab := b.NewTab(t)
	if err := tab.Open(browser.FileURL(filepath.Join(out, "teams", "payments-eng.html"))); err != nil {
		t.Fatal(err)
	}
	var state string
	tab.Eval(`document.querySelector(".open-state").textContent`, &state)
	if state != "Open now." && state != "Out of hours now." {
		t.Errorf("the open-now line says %q", state)
	}
	teams := append([]*matrix.Team(nil), p.Teams...)
	for _, y := range []string{
		"time_zone: America/New_York\nwindows:\n  - {days: fri-mon, start: \"22:00\", end: \"06:00\"}\n  - {days: wed, start: \"12:00\", end: \"24:00\"}",
		"time_zone: Australia/Lord_Howe\nwindows:\n  - {days: sun, start: \"01:30\", end: \"02:30\"}",
		"time_zone: Europe/London\nwindows:\n  - {days: mon-sun, start: \"22:00\", end: \"06:00\", days_of_month: [\"-1\", \"1:3\"]}\n  - {days: mon-fri, start: \"09:00\", end: \"17:00\", months: [\"january:march\", \"10\"]}",
	} {
		var tm matrix.Team
		if err := yaml.Unmarshal([]byte("hours:\n  "+strings.ReplaceAll(y, "\n", "\n  ")), &tm); err != nil {
			t.Fatal(err)
		}
		tm.ID = "synthetic"
		if len(tm.Hours.Windows) == 0 || tm.Hours.Location() == nil {
			t.Fatalf("synthetic hours did not load: %+v", tm.Hours)
		}
		teams = append(teams, &tm)
	}
	rng := rand.New(rand.NewPCG(16, 16))
	var instants []time.Time
	for range 300 {
		instants = append(instants, time.Unix(1_700_000_000+rng.Int64N(200_000_000), 0).UTC())
	}
	// Every day of a year at noon and just after midnight, London time: the holidays
	// and closed days of the teams that observe them.
	for d := 0; d < 366; d++ {
		day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d)
		instants = append(instants, day.Add(12*time.Hour), day.Add(10*time.Minute))
	}
	for _, week := range []string{"2026-03-27", "2026-10-23", "2026-03-06", "2026-10-30", "2026-04-03"} {
		start, _ := time.Parse(time.DateOnly, week)
		for m := 0; m < 4*24*7; m++ {
			instants = append(instants, start.Add(time.Duration(m)*15*time.Minute))
		}
	}
	ms := make([]int64, len(instants))
	for i, at := range instants {
		ms[i] = at.UnixMilli()
	}
	msJSON, _ := json.Marshal(ms)
	v := &view{shared: &shared{P: p}, page: &page{}}
	for _, team := range teams {
		var got []bool
		js := fmt.Sprintf(`(function () { var h = %s; return %s.map(function (t) { return window.escalatorHours(h, new Date(t)); }); })()`, v.HoursData(team), msJSON)
		if err := tab.Eval(js, &got); err != nil {
			t.Fatal(err)
		}
		bad := 0
		for i, at := range instants {
			if want := p.InHours(team, at); got[i] != want && bad < 3 {
				bad++
				t.Errorf("%s at %s: script says open %v, Go %v", team.ID, at.Format(time.RFC3339), got[i], want)
			}
		}
	}
}
