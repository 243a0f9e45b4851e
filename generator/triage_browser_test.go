package generator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	escalator "github.com/escalator-dev/escalator"
	"github.com/escalator-dev/escalator/internal/browser"
	"github.com/escalator-dev/escalator/internal/synth"
	"github.com/escalator-dev/escalator/matrix"
)

// triageCase is one question to both evaluators: raw fact values and a start instant.
type triageCase struct {
	Name  string
	Facts map[string]string
	At    time.Time // zero: ignore hours
}

// canonDecision is d in the shape triage.js's canon gives, nil for no route.
func canonDecision(p *matrix.Playbook, d *matrix.Decision) any {
	if d == nil {
		return nil
	}
	unix := func(t time.Time) any {
		if t.IsZero() {
			return nil
		}
		return t.Unix()
	}
	tid := func(t *matrix.Team) string {
		if t == nil {
			return ""
		}
		return t.ID
	}
	tids := func(ts []*matrix.Team) []string {
		out := []string{}
		for _, t := range ts {
			out = append(out, tid(t))
		}
		return out
	}
	who := func(p *matrix.Person) string {
		if p == nil {
			return ""
		}
		return p.Team.ID + "/" + p.Member.ID
	}
	occ := func(o matrix.OnCall) any {
		var ov any
		if o.Override != nil {
			at, err := matrix.ParseLocalInstant(o.Override.From.Raw, p.ScheduleLocation(o.Team, o.Schedule))
			if err == nil {
				ov = at.Unix()
			}
		}
		return []any{who(o.Person), unix(o.Until), who(o.Next), ov}
	}
	var oncall any
	if d.OnCall != nil {
		oncall = occ(*d.OnCall)
	}
	sevID := func(s *matrix.Severity) string {
		if s == nil {
			return ""
		}
		return s.ID
	}
	matched := []int{}
	for _, r := range d.Matched {
		matched = append(matched, r.Index)
	}
	runbooks, roles := []string{}, []string{}
	for _, r := range d.Runbooks {
		runbooks = append(runbooks, r.ID)
	}
	for _, r := range d.Roles {
		roles = append(roles, r.ID)
	}
	briefs := []string{}
	for _, b := range d.Briefs {
		briefs = append(briefs, b.ID)
	}
	raisedBy := -1
	if d.RaisedBy != nil {
		raisedBy = d.RaisedBy.Index
	}
	deadlines := []any{}
	for _, dl := range d.Deadlines {
		deadlines = append(deadlines, []any{dl.Name, dl.After.String(), unix(dl.At)})
	}
	handoffs := []any{}
	for _, h := range d.Handoffs {
		members, channels, scheds, ocs := []string{}, []string{}, []string{}, []any{}
		for _, m := range h.Members {
			members = append(members, m.ID)
		}
		for _, c := range h.Channels {
			channels = append(channels, c.ID)
		}
		for _, s := range h.Schedules {
			scheds = append(scheds, s.ID)
		}
		for _, o := range h.OnCall {
			ocs = append(ocs, occ(o))
		}
		handoffs = append(handoffs, []any{h.Team.ID, h.Round, h.Level, h.Name, h.After.Seconds(), unix(h.At), h.While,
			members, channels, tids(h.Teams), tids(h.TeamsOffHours), scheds, h.Offset, ocs})
	}
	var handover any
	if d.Handover != nil {
		handover = []any{d.Handover.At.Unix(), tid(d.Handover.From), tid(d.Handover.To)}
	}
	return []any{d.Rule.Index, matched, tid(d.Routed), tid(d.Owner), tids(d.OffHours), tids(d.Notified), tids(d.NotifiedOffHours),
		oncall, sevID(d.Severity), sevID(d.Given), d.Immediate, runbooks, briefs, roles, unix(d.At), deadlines, handoffs, handover, raisedBy}
}

func canonJSON(t *testing.T, v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // as JSON.stringify
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// triageTestCases are the playbook's routing tests as cases.
func triageTestCases(t *testing.T, p *matrix.Playbook) []triageCase {
	var out []triageCase
	loc := time.UTC
	if p.Site.Location != nil {
		loc = p.Site.Location.Location
	}
	for _, tc := range p.Tests {
		c := triageCase{Name: "test " + tc.Name, Facts: map[string]string{}}
		for _, g := range tc.Given {
			c.Facts[g.Fact] = g.Value
		}
		if tc.At.Raw != "" {
			at, err := matrix.ParseLocalInstant(tc.At.Raw, loc)
			if err != nil {
				t.Fatalf("test %q: %v", tc.Name, err)
			}
			c.At = at
		}
		out = append(out, c)
	}
	return out
}

// randomTriageCases makes n fact sets and instants: every fact left out now and then,
// choices in another case, bools as yes and no, numbers at and around each threshold
// the rules compare with; instants at random over six years, every few quarter hours
// of the weeks the clocks change in London, New York and Sydney, and a minute or a
// second either side of the teams' opening and closing times.
func randomTriageCases(p *matrix.Playbook, rng *rand.Rand, n int) []triageCase {
	thresholds := map[string][]float64{}
	for _, r := range p.Routes {
		for i := range r.When {
			if op, vals, ok := r.When[i].Program(); ok && (op != "in" || p.Fact(r.When[i].Fact).Type == matrix.Number) {
				for _, v := range vals {
					if x, err := strconv.ParseFloat(v, 64); err == nil {
						thresholds[r.When[i].Fact] = append(thresholds[r.When[i].Fact], x)
					}
				}
			}
		}
	}
	type edge struct {
		loc   *time.Location
		clock int // minutes
	}
	var edges []edge
	for _, t := range p.Teams {
		if loc := t.Hours.Location(); loc != nil && !t.Hours.Always {
			for _, w := range t.Hours.Windows {
				for _, c := range []string{w.Start, w.End} {
					var h, m int
					if _, err := fmt.Sscanf(c, "%d:%d", &h, &m); err == nil {
						edges = append(edges, edge{loc, h*60 + m})
					}
				}
			}
		}
	}
	dstWeeks := []string{"2026-03-05", "2026-03-26", "2026-04-02", "2026-10-01", "2026-10-22", "2026-10-29", "2027-03-11", "2027-03-25"}
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var out []triageCase
	for i := range n {
		c := triageCase{Name: fmt.Sprint("random ", i), Facts: map[string]string{}}
		for _, f := range p.Facts {
			if rng.IntN(10) < 3 && !(f.Required && rng.IntN(10) < 9) {
				continue
			}
			switch f.Type {
			case matrix.Choice:
				v := f.Choices[rng.IntN(len(f.Choices))]
				if rng.IntN(10) == 0 {
					v = strings.ToUpper(v)
				}
				c.Facts[f.ID] = v
			case matrix.Bool:
				c.Facts[f.ID] = []string{"true", "false", "yes", "no", "1", "0", "Y"}[rng.IntN(7)]
			case matrix.Number:
				x := float64(rng.IntN(30))
				if th := thresholds[f.ID]; len(th) > 0 && rng.IntN(4) > 0 {
					x = th[rng.IntN(len(th))] + []float64{-1, -0.5, 0, 0, 0.5, 1}[rng.IntN(6)]
				}
				c.Facts[f.ID] = strconv.FormatFloat(x, 'f', -1, 64)
			default:
				c.Facts[f.ID] = []string{"stripe", "Stripe", "other"}[rng.IntN(3)]
			}
		}
		switch k := rng.IntN(10); {
		case k < 3:
			c.At = base.Add(time.Duration(rng.Int64N(int64(6 * 365 * 24 * time.Hour)))).Truncate(time.Second)
		case k < 6:
			week, _ := time.Parse(time.DateOnly, dstWeeks[rng.IntN(len(dstWeeks))])
			c.At = week.Add(time.Duration(rng.IntN(4*24*7)) * 15 * time.Minute)
		case k < 9 && len(edges) > 0:
			e := edges[rng.IntN(len(edges))]
			day := base.AddDate(0, 0, rng.IntN(3*365))
			local := time.Date(day.Year(), day.Month(), day.Day(), 0, e.clock, 0, 0, e.loc)
			c.At = local.Add([]time.Duration{-time.Minute, -time.Second, 0, time.Second, time.Minute, -10 * time.Minute}[rng.IntN(6)])
		}
		out = append(out, c)
	}
	return out
}

// triageParity routes every case with matrix.Route and with triage.js in tab, whose
// window.escalatorTriageData is p's, a few thousand cases a call, and reports each
// difference.
func triageParity(t *testing.T, tab *browser.Tab, p *matrix.Playbook, cases []triageCase) {
	t.Helper()
	const batch = 2500
	bad := 0
	for lo := 0; lo < len(cases); lo += batch {
		part := cases[lo:min(lo+batch, len(cases))]
		type jsCase struct {
			Facts map[string]string `json:"f"`
			At    *int64            `json:"at"`
		}
		in := make([]jsCase, len(part))
		want := make([]string, len(part))
		for i, c := range part {
			in[i].Facts = c.Facts
			if !c.At.IsZero() {
				u := c.At.Unix()
				in[i].At = &u
			}
			f := p.NewFacts()
			for k, v := range c.Facts {
				if err := f.Set(k, v); err != nil {
					t.Fatalf("%s: %v", c.Name, err)
				}
			}
			d, err := p.Route(f, c.At)
			if err != nil {
				d = nil
			}
			want[i] = canonJSON(t, canonDecision(p, d))
		}
		js, _ := json.Marshal(in)
		var got []string
		err := tab.Eval(fmt.Sprintf(`(function () { var R = window.escalatorRoute, m = R.load(window.escalatorTriageData);
			return %s.map(function (c) { return JSON.stringify(R.canon(m, R.route(m, c.f, c.at))); }); })()`, js), &got)
		if err != nil {
			t.Fatal(err)
		}
		for i := range part {
			if got[i] != want[i] {
				if bad++; bad <= 5 {
					t.Errorf("%s (%v at %s):\n script: %s\n     Go: %s", part[i].Name, part[i].Facts, part[i].At.Format(time.RFC3339), got[i], want[i])
				}
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d decisions differ", bad, len(cases))
	}
}

// triageSynth is the synthetic playbook with 1,000 rules.
func triageSynth(t *testing.T) *matrix.Playbook {
	t.Helper()
	c := synth.Config{Seed: 3, Teams: 40, Domains: 30, Routes: 1000, Runbooks: 120, Words: 250, Briefs: 3, Roles: 3, Pages: 1, Vendors: 2}
	sp, diags := matrix.Load(synth.FS(c), "synth", matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: today})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if len(sp.Routes) != 1000 {
		t.Fatalf("the synthetic playbook has %d rules, want 1000", len(sp.Routes))
	}
	return sp
}

// The triage page's script decides as matrix.Route does, every field of the decision:
// for the routing tests of the sample and of a synthetic playbook of 1,000 rules, and
// for random fact sets and instants (daylight-saving weeks, opening and closing times,
// numbers around the rules' thresholds, continuing rules).
func TestTriageMatchesGo(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t)
	tab := b.NewTab(t)
	if err := tab.Open(browser.FileURL(filepath.Join(out, "triage.html"))); err != nil {
		t.Fatal(err)
	}
	if p := tab.Problems(); len(p) > 0 {
		t.Fatalf("the page has problems: %v", p)
	}
	p := sample(t)
	rng := rand.New(rand.NewPCG(18, 18))
	cases := append(triageTestCases(t, p), randomTriageCases(p, rng, 5000)...)
	handovers, continues := 0, 0
	for _, c := range cases {
		f := p.NewFacts()
		for k, v := range c.Facts {
			f.Set(k, v)
		}
		if d, err := p.Route(f, c.At); err == nil {
			if d.Handover != nil {
				handovers++
			}
			if len(d.Matched) > 1 {
				continues++
			}
		}
	}
	if handovers < 50 || continues < 500 {
		t.Fatalf("the cases are too tame: %d hand over at closing, %d pass through continuing rules", handovers, continues)
	}
	triageParity(t, tab, p, cases)

	sp := triageSynth(t)
	if err := tab.Eval(string(triageJS(sp, today, false))+"; true", nil); err != nil {
		t.Fatal(err)
	}
	triageParity(t, tab, sp, append(triageTestCases(t, sp), randomTriageCases(sp, rng, 1500)...))
	t.Logf("%d sample cases (%d hand over, %d continue), %d synthetic tests", len(cases), handovers, continues, len(sp.Tests))

	tp := trickyPlaybook(t)
	if err := tab.Eval(string(triageJS(tp, today, false))+"; true", nil); err != nil {
		t.Fatal(err)
	}
	tricky := randomTriageCases(tp, rng, 2000)
	for i := range tricky { // the tricky rules decide most of them
		if rng.IntN(5) > 0 {
			tricky[i].Facts["tricky"] = []string{"0", "1", "1.5", "2", "3", "4", "5", "7", "-1"}[rng.IntN(9)]
		}
	}
	triageParity(t, tab, tp, tricky)
}

// trickyTeams are teams and rules the sample does not have, added to it: hours past
// midnight in a zone whose clocks change at midnight, windows limited to months and
// to the last days of a month, closed dates and a holiday calendar, a chain with one
// level that waits for an acknowledgement (15m repeats), levels paging a schedule one
// and two turns on, levels paging teams out of hours, and rules comparing numbers
// every way, matching text, and raising, continuing and naming briefs.
var trickyTeams = map[string]string{
	"teams/tricky-night.yaml": `id: tricky-night
name: Night desk
kind: engineering
hours:
  time_zone: America/Santiago
  windows:
    - {days: fri-mon, start: "22:00", end: "06:00"}
    - {days: tue-thu, start: "12:00", end: "24:00", months: [march:april, "10"], days_of_month: ["-7:-1", "1:3"]}
  closed: [2026-09-18, 2027-01-01]
  holidays: [england]
after_hours: tricky-day
members:
  - {id: ana, name: Ana Rojas, phone: +56 2 2555 0101}
  - {id: ben, name: Ben Soto, phone: +56 2 2555 0102}
  - {id: cai, name: Cai Lin}
channels:
  - {id: desk, kind: phone, name: Night desk, address: +56 2 2555 0100}
schedules:
  - id: rota
    name: Night rota
    layers:
      - name: Daily
        members: [ana, ben, cai]
        shift: daily
        start: 2026-01-01T23:30
escalation:
  repeat: 3
  levels:
    - {name: On duty, after: 10m, schedules: [rota]}
    - {name: Next on the rota, after: 20m, schedules: [rota], offset: 1, while: unresolved}
    - {name: Two on, after: 40m, schedules: [rota], offset: 2, channels: [desk], while: unresolved}
`,
	"teams/tricky-day.yaml": `id: tricky-day
name: Day desk
kind: engineering
hours:
  time_zone: Australia/Lord_Howe
  windows:
    - {days: mon-fri, start: "09:30", end: "17:00"}
after_hours: sre-oncall
members:
  - {id: dee, name: Dee Park, phone: +61 2 5550 7001}
escalation:
  repeat: 2
  levels:
    - {name: First, after: 5m, members: [dee]}
    - {name: Then, after: 6m, teams: [tricky-night, payments-eng]}
`,
}

const trickyFacts = `
  - id: tricky
    question: How tricky?
    type: number
  - id: vendor
    question: Which vendor?
    type: text
`

const trickyRoutes = `
  - name: Tricky below 2 tells the day desk and raises to High
    when: {tricky: "< 2"}
    to: tricky-night
    also: [tricky-day]
    severity: sev2
    continue: true
    brief: leadership
  - name: Tricky at most 3 with Stripe goes to the day desk
    when: {tricky: "<= 3", vendor: stripe}
    to: tricky-day
    runbooks: [contact-details-check]
    brief: product
  - name: Tricky not 4 and above 1 goes to the night desk
    when: {tricky: "!= 4", domain: [payments, api]}
    to: tricky-night
    brief: security
    immediate: true
  - name: Tricky exactly 4 or 7 goes to the night desk at Low
    when: {tricky: [4, 7]}
    to: tricky-night
    severity: sev4
`

// trickyPlaybook is the sample with trickyTeams and the tricky rules first.
func trickyPlaybook(t *testing.T) *matrix.Playbook {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(escalator.Sample(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(escalator.Sample(), p)
		fsys[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for p, s := range trickyTeams {
		fsys[p] = &fstest.MapFile{Data: []byte(s)}
	}
	m := string(fsys["matrix.yaml"].Data)
	m = strings.Replace(m, "\nfacts:\n", "\nfacts:"+trickyFacts, 1)
	m = strings.Replace(m, "\nroutes:\n", "\nroutes:"+trickyRoutes, 1)
	fsys["matrix.yaml"] = &fstest.MapFile{Data: []byte(m)}
	p, diags := matrix.Load(fsys, "content", matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: today})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	return p
}
