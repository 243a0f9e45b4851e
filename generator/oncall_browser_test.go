package generator

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/escalator-dev/escalator"
	"github.com/escalator-dev/escalator/internal/browser"
	"github.com/escalator-dev/escalator/internal/synth"
	"github.com/escalator-dev/escalator/matrix"
	"github.com/escalator-dev/escalator/matrix/schedule"
)

// trickyRules are schedules the sample and the synthetic playbook do not have: every
// shift kind across daylight-saving changes, restrictions past midnight and to 24:00,
// a half-hour DST zone, a zone whose clocks change at midnight, overrides that nest, and layers starting in a gap or a fold.
func trickyRules(t *testing.T) []schedule.Rules {
	t.Helper()
	w := func(days []string, from, to string) schedule.WindowRules {
		return schedule.WindowRules{Days: days, Start: from, End: to}
	}
	weekdays, weekend := []string{"mon", "tue", "wed", "thu", "fri"}, []string{"sat", "sun"}
	l := func(shift string, length int, start, zone string, members []string, restrict ...schedule.WindowRules) schedule.LayerRules {
		return schedule.LayerRules{Members: members, Shift: shift, Length: length, Start: start, TimeZone: zone, Restrict: append([]schedule.WindowRules{}, restrict...)}
	}
	abc := []string{"a", "b", "c"}
	rules := []schedule.Rules{
		{Layers: []schedule.LayerRules{l("hourly", 12, "2026-03-28T20:00", "Europe/London", abc)}},
		{Layers: []schedule.LayerRules{l("hourly", 1, "2026-03-08T01:30", "America/New_York", []string{"a", "b"})}},
		{Layers: []schedule.LayerRules{l("daily", 1, "2026-03-29T01:30", "Europe/London", abc)}},
		{Layers: []schedule.LayerRules{l("daily", 3, "2026-10-25T01:30", "Europe/London", abc, w(weekdays, "22:00", "06:00"))}},
		{Layers: []schedule.LayerRules{l("weekly", 2, "2026-10-04T02:30", "Australia/Sydney", abc, w(weekend, "00:00", "24:00"))}},
		{Layers: []schedule.LayerRules{l("weekly", 1, "2026-04-05T02:30", "Australia/Lord_Howe", abc, w([]string{"sun"}, "01:30", "02:30"))}},
		// Santiago changes its clocks at midnight: the day itself moves.
		{Layers: []schedule.LayerRules{l("daily", 1, "2026-01-01T23:30", "America/Santiago", abc)}},
		{Layers: []schedule.LayerRules{l("daily", 2, "2026-01-01T00:30", "America/Santiago", abc, w(weekend, "23:00", "01:00"))}},
		{Layers: []schedule.LayerRules{
			l("daily", 1, "2025-12-29T09:00", "America/New_York", []string{"n1", "n2"}),
			l("hourly", 8, "2026-01-01T00:00", "Asia/Kolkata", []string{"k1", "k2", "k3"}, w([]string{"mon", "wed", "fri"}, "09:00", "13:00"), w([]string{"mon"}, "12:00", "18:00")),
			l("weekly", 1, "2026-01-05T00:00", "Europe/London", []string{"solo"}, w([]string{"fri", "sat", "sun", "mon"}, "18:00", "08:00")),
		}, Overrides: []schedule.OverrideRules{
			{From: "2026-03-27T12:00:00Z", Until: "2026-04-03T12:00:00Z", Member: "o1"},
			{From: "2026-03-28T00:00:00Z", Until: "2026-03-29T03:00:00Z", Member: "o2"},
			{From: "2026-10-24T23:00:00Z", Until: "2026-10-25T02:00:00Z", Member: "o3"},
		}},
	}
	for i := range rules {
		if rules[i].Overrides == nil {
			rules[i].Overrides = []schedule.OverrideRules{}
		}
		for j := range rules[i].Layers {
			rules[i].Layers[j].Name = fmt.Sprint("layer ", j+1)
		}
	}
	return rules
}

// The team page's script answers who is on call, until when and who is next, and who
// is one and two turns on, as the Go engine does (schedule.Schedule.At and Offset): for the sample's schedules, the synthetic
// playbook's and trickyRules, at random instants over six years, every quarter hour of
// the daylight-saving weeks of London, New York and Sydney, and at each handoff and a
// second before it.
func TestOnCallMatchesGo(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t)
	tab := b.NewTab(t)
	if err := tab.Open(browser.FileURL(filepath.Join(out, "teams", "sre-oncall.html"))); err != nil {
		t.Fatal(err)
	}
	if p := tab.Problems(); len(p) > 0 {
		t.Fatalf("the page has problems: %v", p)
	}
	var live bool
	tab.Eval(`document.querySelector("[data-schedule]").classList.contains("is-live")`, &live)
	if !live {
		t.Fatal("the page did not tell who is on call now")
	}

	var all []schedule.Rules
	collect := func(p *matrix.Playbook) {
		for _, tm := range p.Teams {
			for i := range tm.Schedules {
				if r, ok := p.ScheduleRules(&tm.Schedules[i]); ok {
					all = append(all, r)
				}
			}
		}
	}
	collect(sample(t))
	sp, diags := matrix.Load(synth.FS(synth.Small()), "synth", matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: today})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	collect(sp)
	all = append(all, trickyRules(t)...)

	locs := map[string]*time.Location{}
	for _, r := range all {
		for _, l := range r.Layers {
			loc, err := time.LoadLocation(l.TimeZone)
			if err != nil {
				t.Fatal(err)
			}
			locs[l.TimeZone] = loc
		}
	}
	if err := tab.Eval(string(zonesJS(locs))+"; true", nil); err != nil {
		t.Fatal(err)
	}

	rng := rand.New(rand.NewPCG(15, 15))
	var common []time.Time
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for range 400 {
		common = append(common, base.Add(time.Duration(rng.Int64N(int64(6*365*24*time.Hour)))).Truncate(time.Second))
	}
	// The weeks the clocks change in 2026: New York 8 March and 1 November, London 29
	// March and 25 October, Sydney and Santiago 5 April, Sydney 4 October, Santiago 6
	// September.
	for _, week := range []string{"2026-03-05", "2026-03-26", "2026-04-02", "2026-10-01", "2026-10-22", "2026-10-29", "2026-09-03"} {
		start, _ := time.Parse(time.DateOnly, week)
		for m := 0; m < 4*24*7; m += 1 + rng.IntN(3) {
			common = append(common, start.Add(time.Duration(m)*15*time.Minute))
		}
	}
	pairs := 0
	for n, r := range all {
		s, err := schedule.FromRules(r)
		if err != nil {
			t.Fatalf("schedule %d: %v", n, err)
		}
		instants := slices.Clone(common)
		for _, sp := range s.Shifts(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)) {
			if rng.IntN(4) == 0 || len(instants) < len(common)+40 {
				instants = append(instants, sp.From, sp.From.Add(-time.Second))
			}
		}
		secs := make([]int64, len(instants))
		for i, at := range instants {
			secs[i] = at.Unix()
		}
		rj, _ := json.Marshal(r)
		sj, _ := json.Marshal(secs)
		var got [][5]any
		js := fmt.Sprintf(`(function () { var oc = window.escalatorOnCall, s = oc.compile(%s);
			return %s.map(function (u) { var d = oc.at(s, u); return [d.member, d.until, d.next, oc.offset(s, u, 1), oc.offset(s, u, 2)]; }); })()`, rj, sj)
		if err := tab.Eval(js, &got); err != nil {
			t.Fatalf("schedule %d: %v", n, err)
		}
		bad := 0
		for i, at := range instants {
			d := s.At(at)
			var until any
			if !d.Until.IsZero() {
				until = float64(d.Until.Unix())
			}
			want := [5]any{d.Member, until, d.Next, s.Offset(at, 1), s.Offset(at, 2)}
			if got[i] != want && bad < 3 {
				bad++
				t.Errorf("schedule %d %s at %s: script says %v, Go %v", n, strings.Join(r.Layers[0].Members, ","), at.Format(time.RFC3339), got[i], want)
			}
		}
		pairs += len(instants)
	}
	t.Logf("%d schedules, %d (schedule, instant) pairs", len(all), pairs)
}

// The team page updates by itself at the next handoff: its timer is set for the
// instant the Go engine says the first shift on the page ends, and what the timer
// runs then names the person Go puts on duty.
func TestOnCallUpdatesAtHandoff(t *testing.T) {
	b := browser.Require(t)
	p := sample(t)
	out := sampleSite(t)
	tab := b.NewTab(t)
	if err := tab.Open(browser.FileURL(filepath.Join(out, "teams", "sre-oncall.html"))); err != nil {
		t.Fatal(err)
	}
	tm := p.Team("sre-oncall")
	s := &tm.Schedules[0]
	var next float64
	if err := tab.Eval(`window.escalatorOnCall.nextUpdate`, &next); err != nil {
		t.Fatal(err)
	}
	now := p.OnCall(tm, s, time.Now(), 0)
	if now.Until.IsZero() || int64(next) != now.Until.UnixMilli() {
		t.Fatalf("the page's timer is set for %d, Go says the shift ends at %s", int64(next), now.Until)
	}
	var text string
	if err := tab.Eval(`window.escalatorOnCall.show(window.escalatorOnCall.nextUpdate); document.querySelector("[data-schedule] .oncall-live").textContent`, &text); err != nil {
		t.Fatal(err)
	}
	then := p.OnCall(tm, s, now.Until, 0)
	if then.Person == nil || !strings.HasPrefix(text, then.Person.Member.Name+" ") || !strings.Contains(text, "then "+then.Next.Member.Name) {
		t.Errorf("at the handoff the page says %q; Go says %s, then %s", text, then.Person.Member.Name, then.Next.Member.Name)
	}
	var later float64
	tab.Eval(`window.escalatorOnCall.nextUpdate`, &later)
	if int64(later) != then.Until.UnixMilli() {
		t.Errorf("after the handoff the timer is set for %d, want %d", int64(later), then.Until.UnixMilli())
	}
}

// Without script the team page says who was on call as of the build's day and lists
// the shifts; the contacts sheet names the person too.
func TestOnCallWithoutScript(t *testing.T) {
	p := sample(t)
	out := build(t, p, Options{})
	page := readTree(t, out)
	team := string(page["teams/payments-eng.html"])
	for _, want := range []string{
		// On Monday 23 November 2026 at 00:00 Amara's week runs until 09:00.
		`<strong>Payments primary on-call:</strong> <span class="oncall-live">Amara Okafor until Mon 23 Nov 09:00 GMT, then Tomasz Nowak.</span>`,
		"As of Monday 23 November 2026 at 00:00",
		"Christmas cover while Priya is away",
		"Share of the on-call hours in the 12 weeks from Monday 23 November 2026",
	} {
		if !strings.Contains(team, want) {
			t.Errorf("teams/payments-eng.html lacks %q", want)
		}
	}
	if c := string(page["contacts.html"]); !strings.Contains(c, `<strong>On call:</strong> <span class="oncall-live">Ethan Cho until Mon 23 Nov 07:00 GMT, then Jonas Lindqvist.</span>`) {
		t.Error("contacts.html does not name SRE's on-call person as of the build")
	}
}

// A level that pages a schedule some turns on shows on the team page: as of the build
// without script, and live from the schedule's rules with it, naming whom the Go engine
// names at that instant.
func TestOnCallOffsetLevel(t *testing.T) {
	b := browser.Require(t)
	files := fstest.MapFS{}
	if err := fs.WalkDir(escalator.Sample(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(escalator.Sample(), name)
		files[name] = &fstest.MapFile{Data: data}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	team := string(files["teams/payments-eng.yaml"].Data)
	edited := strings.Replace(team, "      schedules: [secondary]\n", "      schedules: [primary]\n      offset: 1\n", 1)
	if edited == team {
		t.Fatal("the sample's payments-eng has no secondary level to edit")
	}
	files["teams/payments-eng.yaml"] = &fstest.MapFile{Data: []byte(edited)}
	p, diags := matrix.Load(files, "content", matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: today})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	out := build(t, p, Options{})
	tm := p.Team("payments-eng")
	sc := tm.Schedule("primary")
	asOf := time.Date(2026, 11, 23, 0, 0, 0, 0, p.Site.Location.Location)
	then := p.OnCall(tm, sc, asOf, 1)
	html := string(readTree(t, out)["teams/payments-eng.html"])
	want := `<strong>Secondary on-call (Payments primary on-call, 1 turn on):</strong> <span class="oncall-live">` + then.Person.Member.Name + " until "
	if !strings.Contains(html, want) || !strings.Contains(html, `data-offset="1"`) {
		t.Fatalf("the team page lacks %q", want)
	}

	tab := b.NewTab(t)
	if err := tab.Open(browser.FileURL(filepath.Join(out, "teams", "payments-eng.html"))); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	var text string
	if err := tab.Eval(`window.escalatorOnCall.show(`+fmt.Sprint(now.UnixMilli())+`); document.querySelector("[data-offset] .oncall-live").textContent`, &text); err != nil {
		t.Fatal(err)
	}
	live := p.OnCall(tm, sc, now, 1)
	if !strings.HasPrefix(text, live.Person.Member.Name+" ") || !strings.Contains(text, "then "+live.Next.Member.Name+".") {
		t.Errorf("the page says %q; Go says %s, then %s", text, live.Person.Member.Name, live.Next.Member.Name)
	}
}

// The month calendar steps to other months in the browser, drawn from the schedules'
// rules as the build draws its month: for each of the sample's teams with schedules and
// for fourteen months from the build's (the clocks change in four of them), the table
// the script draws is the one calendarMonth and Grid give, and the titles follow.
func TestCalendarMonthsMatchGo(t *testing.T) {
	b := browser.Require(t)
	p := sample(t)
	out := build(t, p, Options{})
	s := &shared{P: p, Now: today}
	s.oncallViews = s.oncall()
	tab := b.NewTab(t)
	teams := 0
	for _, tm := range p.Teams {
		if len(s.oncallViews[tm.ID]) == 0 {
			continue
		}
		teams++
		if err := tab.Open(browser.FileURL(filepath.Join(out, "teams", tm.ID+".calendar.html"))); err != nil {
			t.Fatal(err)
		}
		if p := tab.Problems(); len(p) > 0 {
			t.Fatalf("%s: %v", tm.ID, p)
		}
		var hidden bool
		if err := tab.Eval(`document.querySelector(".cal-nav").hidden`, &hidden); err != nil || hidden {
			t.Fatalf("%s: the month buttons are hidden (%v)", tm.ID, err)
		}
		for step := 1; step <= 14; step++ {
			var got struct{ Body, Want, H1, Title string }
			month := time.Date(2026, 11+time.Month(step), 1, 0, 0, 0, 0, time.UTC)
			want := s.calendarMonth(tm, month.Year(), month.Month())
			wantJSON, _ := json.Marshal(string(want.Grid()))
			js := fmt.Sprintf(`(function () {
				document.querySelector('[data-cal-step="1"]').click();
				var t = document.createElement("tbody"); t.innerHTML = %s;
				return {Body: document.querySelector("table.cal tbody").innerHTML, Want: t.innerHTML,
					H1: document.querySelector("main h1").textContent, Title: document.title};
			})()`, wantJSON)
			if err := tab.Eval(js, &got); err != nil {
				t.Fatal(err)
			}
			if got.Body != got.Want {
				t.Errorf("%s, %s: the script draws\n%s\nGo draws\n%s", tm.ID, want.Month, got.Body, got.Want)
				break
			}
			if !strings.HasSuffix(got.H1, ", "+want.Month) || !strings.Contains(got.Title, ", "+want.Month+" ·") {
				t.Errorf("%s, %s: heading %q, title %q", tm.ID, want.Month, got.H1, got.Title)
			}
		}
		var body string
		tab.Eval(`document.querySelector('[data-cal-step="0"]').click(); document.querySelector("table.cal tbody").innerHTML`, &body)
		var built string
		wantJSON, _ := json.Marshal(string(s.calendar(tm).Grid()))
		tab.Eval(`(function () { var t = document.createElement("tbody"); t.innerHTML = `+string(wantJSON)+`; return t.innerHTML; })()`, &built)
		if body != built {
			t.Errorf("%s: the build's month is not drawn again as built", tm.ID)
		}
	}
	if teams == 0 {
		t.Fatal("the sample has no team with schedules")
	}
}
