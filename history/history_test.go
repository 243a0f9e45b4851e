package history

import (
	"bytes"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/internal/synth"
	"github.com/escalator-dev/escalator/matrix"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files")

var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

var london, _ = time.LoadLocation("Europe/London")

// small is a playbook with a business-hours team, a continuing rule and a default.
const small = `
-- playbook.yaml --
title: Test
organisation: Test Co
time_zone: Europe/London
review_interval: 180d
-- matrix.yaml --
severities:
  - {id: sev1, name: Critical, description: d, criteria: [c], sla: {acknowledge: 5m, triage: 15m, contain: 1h, resolve: 4h, root_cause: 5d}, updates: {internal: 30m, customer: 1h}}
  - {id: sev2, name: High, description: d, criteria: [c], sla: {acknowledge: 15m, triage: 30m, contain: 4h, resolve: 1d, root_cause: 10d}, updates: {internal: 1h, customer: 2h}}
  - {id: sev3, name: Medium, description: d, criteria: [c], sla: {acknowledge: 1h, triage: 4h, contain: 1d, resolve: 5d, root_cause: 30d}, updates: {internal: 1d, customer: 1d}}
domains:
  - {id: payments, name: Payments, owner: payments}
  - {id: login, name: Login, owner: identity}
  - {id: reports, name: Reports, owner: data}
facts:
  - {id: domain, question: "Where?", type: choice, from: domains, required: true}
  - {id: severity, question: "How bad?", type: choice, from: severities, required: true}
  - {id: customers, question: "How many?", type: number}
  - {id: security, question: "Security?", type: bool}
routes:
  - {name: security, when: {security: true}, to: sre}
  - {name: many customers, when: {customers: ">= 10"}, to: support, continue: true}
  - {name: payments bad, when: {domain: payments, severity: [sev1, sev2]}, to: payments}
  - {name: reports bad, when: {domain: reports, severity: sev1}, to: data}
  - {name: login, when: {domain: login}, to: identity}
  - {name: minor, when: {severity: [sev2, sev3]}, to: support}
  - {name: default, to: support}
-- teams/payments.yaml --
id: payments
name: Payments
kind: engineering
hours:
  time_zone: Europe/London
  windows: [{days: mon-fri, start: "09:00", end: "17:00"}]
after_hours: sre
-- teams/sre.yaml --
id: sre
name: SRE
kind: sre
hours: 24x7
-- teams/identity.yaml --
id: identity
name: Identity
kind: engineering
hours: 24x7
-- teams/data.yaml --
id: data
name: Data
kind: engineering
hours: 24x7
-- teams/support.yaml --
id: support
name: Support
kind: support-l2
hours: 24x7
`

// incidents: two right, one routed right out of hours, two misroutes of one kind (a
// Medium reports case resolved by data), one still open.
const incidents = `
-- incidents/a.yaml --
id: a
title: Payments down on a Tuesday
facts: {domain: payments}
severity: sev1
opened: 2026-03-03T10:00
acknowledged: 2026-03-03T10:05
resolved: 2026-03-03T14:00
assigned_to: payments
resolved_by: payments
-- incidents/b.yaml --
id: b
title: Payments down at night, SRE fixed it
facts: {domain: payments}
severity: sev1
opened: 2026-03-03T03:00
acknowledged: 2026-03-03T03:06
resolved: 2026-03-03T05:00
assigned_to: sre
resolved_by: sre
-- incidents/c.yaml --
id: c
title: Reports late
facts: {domain: reports}
severity: sev3
opened: 2026-04-01T10:00
acknowledged: 2026-04-01T10:30
resolved: 2026-04-02T10:00
assigned_to: support
resolved_by: data
reassignments: [{at: 2026-04-01T12:00, to: data}]
-- incidents/d.yaml --
id: d
title: Reports late again
facts: {domain: reports}
severity: sev3
opened: 2026-07-01T10:00
acknowledged: 2026-07-01T10:20
resolved: 2026-07-01T18:00
assigned_to: support
resolved_by: data
reassignments: [{at: 2026-07-01T11:00, to: data}]
-- incidents/e.yaml --
id: e
title: Login fails
facts: {domain: login}
severity: sev2
opened: 2026-07-02T10:00
acknowledged: 2026-07-02T10:10
resolved: 2026-07-02T12:00
assigned_to: identity
resolved_by: identity
-- incidents/f.yaml --
id: f
title: Login slow, still open
facts: {domain: login}
severity: sev3
opened: 2026-11-23T11:30
assigned_to: identity
`

func load(t testing.TB, src string) *matrix.Playbook {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(src)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	p, diags := matrix.Load(fsys, "pb", matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: now})
	if diags.HasErrors() {
		t.Fatalf("playbook has errors:\n%s", diags.Error())
	}
	return p
}

func d(s string) time.Duration {
	v, err := matrix.ParseDuration(s)
	if err != nil {
		panic(err)
	}
	return v
}

func TestPercentile(t *testing.T) {
	tests := []struct {
		name string
		vals []string
		p    float64
		want string
	}{
		{"no values", nil, 50, "0s"},
		{"one value is every percentile", []string{"7m"}, 90, "7m0s"},
		{"median of an even count is the lower middle", []string{"1m", "2m", "3m", "4m"}, 50, "2m0s"},
		{"median of an odd count is the middle", []string{"1m", "2m", "3m"}, 50, "2m0s"},
		{"p90 of ten is the ninth", []string{"1m", "2m", "3m", "4m", "5m", "6m", "7m", "8m", "9m", "10m"}, 90, "9m0s"},
		{"p90 of eleven is the tenth", []string{"1m", "2m", "3m", "4m", "5m", "6m", "7m", "8m", "9m", "10m", "11m"}, 90, "10m0s"},
		{"p100 is the largest", []string{"1m", "5m"}, 100, "5m0s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ds []time.Duration
			for _, v := range tt.vals {
				ds = append(ds, d(v))
			}
			if got := Percentile(ds, tt.p).String(); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestTimer(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02T15:04:05", s, london)
		if err != nil {
			panic(err)
		}
		return v
	}
	open := at("2026-06-01T10:00:00")
	tests := []struct {
		name   string
		times  matrix.IncidentTimes
		timer  string
		target string
		asOf   time.Time
		want   state
		took   string // "" when no duration is recorded
	}{
		{"met at exactly the deadline", matrix.IncidentTimes{Opened: open, Acknowledged: at("2026-06-01T10:05:00")}, "acknowledge", "5m", now, met, "5m0s"},
		{"a second late is a miss", matrix.IncidentTimes{Opened: open, Acknowledged: at("2026-06-01T10:05:01")}, "acknowledge", "5m", now, missed, "5m1s"},
		{"open before its deadline is pending", matrix.IncidentTimes{Opened: open}, "resolve", "4h", at("2026-06-01T13:59:00"), pending, ""},
		{"open at its deadline is still pending", matrix.IncidentTimes{Opened: open}, "resolve", "4h", at("2026-06-01T14:00:00"), pending, ""},
		{"open past its deadline is a miss", matrix.IncidentTimes{Opened: open}, "resolve", "4h", at("2026-06-01T14:00:01"), missed, ""},
		{"closed without the milestone is not recorded", matrix.IncidentTimes{Opened: open, Resolved: at("2026-06-01T12:00:00")}, "contain", "1h", now, unrecorded, ""},
		{"root cause after the close is pending", matrix.IncidentTimes{Opened: open, Resolved: at("2026-06-01T12:00:00")}, "root_cause", "5d", at("2026-06-03T12:00:00"), pending, ""},
		{"root cause overdue after the close is a miss", matrix.IncidentTimes{Opened: open, Resolved: at("2026-06-01T12:00:00")}, "root_cause", "5d", now, missed, ""},
		// 00:30 to 05:00 on the night the clocks go forward is 3h30m, not 4h30m.
		{"spring night is an hour shorter", matrix.IncidentTimes{Opened: at("2026-03-29T00:30:00"), Resolved: at("2026-03-29T05:00:00")}, "resolve", "4h", now, met, "3h30m0s"},
		// 00:30 to 03:30 on the night the clocks go back is 4h: met at the deadline.
		{"autumn night is an hour longer", matrix.IncidentTimes{Opened: at("2026-10-25T00:30:00"), Resolved: at("2026-10-25T03:30:00")}, "resolve", "4h", now, met, "4h0m0s"},
		{"autumn night a minute later misses", matrix.IncidentTimes{Opened: at("2026-10-25T00:30:00"), Resolved: at("2026-10-25T03:31:00")}, "resolve", "4h", now, missed, "4h1m0s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Record{At: tt.times}
			s, took, has := timer(r, tt.timer, r.At.Opened.Add(d(tt.target)), tt.asOf)
			if s != tt.want {
				t.Errorf("state %d, want %d", s, tt.want)
			}
			if got := ""; has {
				got = took.String()
				if got != tt.took {
					t.Errorf("took %s, want %s", got, tt.took)
				}
			} else if tt.took != "" {
				t.Errorf("no duration, want %s", tt.took)
			}
		})
	}
}

func TestReplay(t *testing.T) {
	p := load(t, small+incidents)
	rep := Replay(p, Records(p), Options{AsOf: now})
	if rep.Records != 6 || rep.Open != 1 || rep.Overall.Judged != 5 || rep.Overall.Misroutes != 2 {
		t.Fatalf("records %d, open %d, judged %d, misroutes %d; want 6, 1, 5, 2", rep.Records, rep.Open, rep.Overall.Judged, rep.Overall.Misroutes)
	}
	if rep.FirstTime.Misroutes != 2 {
		t.Errorf("first assignment wrong %d times, want 2", rep.FirstTime.Misroutes)
	}
	// b was decided by "payments bad" at 03:00, when payments hands over to sre.
	if o := rep.Outcomes[1]; !o.Agrees || o.Routed != "payments" || o.Owner != "sre" {
		t.Errorf("b: %+v, want routed to payments, owned by sre, agreeing", o)
	}
	worst := rep.ByRule[0]
	if worst.Rule.Name != "minor" || worst.Misroutes != 2 || len(worst.Evidence) != 2 || worst.Evidence[0].Record.ID != "c" {
		t.Errorf("most often wrong: %q with %d misroutes, want minor with 2", worst.Rule.Name, worst.Misroutes)
	}
	s := rep.Outcomes[2].Suggestion
	want := `rule "reports bad": severity: sev1 -> [sev1, sev3]`
	if s == nil || s.String() != want || s.Fixes != 2 || s.Breaks != 0 {
		t.Errorf("suggestion %v, want %s fixing 2, breaking 0", s, want)
	}
	var reports Rate
	for _, r := range rep.ByDomain {
		if r.Key == "reports" {
			reports = r
		}
	}
	if reports.Share() != 1 {
		t.Errorf("reports misroute rate %v, want 1", reports.Share())
	}
	g := rep.SLA[0]
	if g.Severity != "sev1" || g.Domain != "" || g.Incidents != 2 {
		t.Fatalf("first SLA group %+v", g)
	}
	// a acknowledged in 5m (met at the deadline), b in 6m.
	if ack := g.Timers[0]; ack.Met != 1 || ack.Missed != 1 || ack.Median != 5*time.Minute || ack.P90 != 6*time.Minute {
		t.Errorf("sev1 acknowledge %+v", ack)
	}
	if len(rep.Quarters) != 4 || rep.Quarters[0].Name != "2026-Q1" || rep.Quarters[3].Name != "2026-Q4" {
		t.Errorf("quarters %v", rep.Quarters)
	}
	// f, opened 30 minutes before AsOf at sev3, is pending, not a miss.
	for _, g := range rep.SLA {
		if g.Severity == "sev3" && g.Domain == "login" {
			if g.Open != 1 || g.Timers[0].Pending != 1 || g.Timers[0].Missed != 0 {
				t.Errorf("open login incident: %+v", g)
			}
		}
	}
	since := Replay(p, Records(p), Options{AsOf: now, Since: time.Date(2026, 7, 1, 0, 0, 0, 0, london)})
	if since.Records != 3 {
		t.Errorf("since July: %d records, want 3", since.Records)
	}
}

// Records made from the rules themselves, resolved by whoever the rules name at the
// opening instant, never misroute.
func TestGeneratedRecordsNeverMisroute(t *testing.T) {
	for _, p := range []*matrix.Playbook{load(t, small), loadSynth(t, synth.Small())} {
		recs := generate(p, 2000, 0, 7)
		rep := Replay(p, recs, Options{AsOf: now})
		if rep.Overall.Judged == 0 || rep.Overall.Misroutes != 0 {
			t.Errorf("%s: %d misroutes in %d", p.Site.Title, rep.Overall.Misroutes, rep.Overall.Judged)
		}
	}
}

func loadSynth(t testing.TB, c synth.Config) *matrix.Playbook {
	t.Helper()
	p, diags := matrix.Load(synth.FS(c), "synth", matrix.Options{Run: matrix.Audit, Now: now, SkipBodies: true})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	return p
}

// generate makes n records with random facts over a year, resolved by the team the
// rules choose; a share of them (wrong, 0 to 1) is resolved by another team instead.
func generate(p *matrix.Playbook, n int, wrong float64, seed uint64) []Record {
	rng := rand.New(rand.NewPCG(seed, 1))
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]Record, 0, n)
	for i := range n {
		f := p.NewFacts()
		for _, fact := range p.Facts {
			if !fact.Required && rng.IntN(3) != 0 {
				continue
			}
			var v string
			switch fact.Type {
			case matrix.Choice:
				v = fact.Choices[rng.IntN(len(fact.Choices))]
			case matrix.Bool:
				v = []string{"true", "false"}[rng.IntN(2)]
			case matrix.Number:
				v = []string{"0", "1", "3", "5", "12", "50"}[rng.IntN(6)]
			default:
				v = "x"
			}
			f.Set(fact.ID, v)
		}
		opened := start.Add(time.Duration(rng.IntN(365*24*60)) * time.Minute)
		dec, err := p.Route(f, opened)
		if err != nil {
			continue
		}
		sev, _ := f.Get(p.SeverityFact().ID)
		dom, _ := f.Get(p.DomainFact().ID)
		by := dec.Owner.ID
		if rng.Float64() < wrong {
			by = p.Teams[rng.IntN(len(p.Teams))].ID
		}
		out = append(out, Record{
			ID: "gen-" + string(rune('a'+i%26)), Facts: f, Severity: sev, Domain: dom,
			At: matrix.IncidentTimes{Opened: opened, Acknowledged: opened.Add(time.Duration(rng.IntN(30)) * time.Minute),
				Resolved: opened.Add(time.Duration(1+rng.IntN(48)) * time.Hour)},
			AssignedTo: dec.Owner.ID, ResolvedBy: by,
		})
	}
	return out
}

// The report in each format, from the inline playbook: golden files in testdata.
func TestReportGolden(t *testing.T) {
	p := load(t, small+incidents)
	rep := Replay(p, Records(p), Options{AsOf: now})
	for _, f := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"report.txt", func(b *bytes.Buffer) error { return rep.WriteText(b) }},
		{"report.md", func(b *bytes.Buffer) error { return rep.WriteMarkdown(b) }},
		{"report.json", func(b *bytes.Buffer) error { return rep.WriteJSON(b) }},
		{"tests.yaml", func(b *bytes.Buffer) error { return rep.WriteTests(b) }},
	} {
		t.Run(f.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := f.write(&b); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", f.name)
			if *update {
				os.MkdirAll("testdata", 0o755)
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s differs from the golden file (rerun with -update and read the diff):\n%s", f.name, b.String())
			}
		})
	}
}

// The emitted tests are routing tests the playbook accepts: the agreeing ones pass,
// the misroutes fail, each as a diagnostic at its line.
func TestEmittedTestsLoad(t *testing.T) {
	p := load(t, small+incidents)
	rep := Replay(p, Records(p), Options{AsOf: now})
	var b bytes.Buffer
	rep.WriteTests(&b)
	src := strings.Replace(small, "routes:", b.String()+"routes:", 1)
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(src)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	_, diags := matrix.Load(fsys, "pb", matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: now})
	n := 0
	for _, d := range diags {
		if d.Code == diag.TestFailed {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d failing routing tests, want the 2 misroutes:\n%s", n, diags.Error())
	}
}

// BenchmarkReplay replays 100,000 records, 2% of them misroutes, against the
// 1,000-rule synthetic policy, suggestions included.
func BenchmarkReplay(b *testing.B) {
	p := loadSynth(b, synth.Config{Seed: 1, Teams: 500, Runbooks: 500, Routes: 1000, Words: 250})
	recs := generate(p, 100_000, 0.02, 1)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rep := Replay(p, recs, Options{AsOf: now})
		if rep.Overall.Misroutes == 0 {
			b.Fatal("no misroutes")
		}
	}
}
