package matrix

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/escalator-dev/escalator"
	"github.com/escalator-dev/escalator/matrix/schedule"
	"github.com/santhosh-tekuri/jsonschema/v5"
)

// exportEdges is a small playbook with the optional things the sample always writes
// left out: a 24x7 team, no chain, empty expectations, a vendor without an SLA.
const exportEdges = `
-- playbook.yaml --
title: Edges
organisation: Edge Co
time_zone: UTC
review_interval: 26w
-- matrix.yaml --
severities:
  - {id: sev1, name: Critical, description: d, criteria: [], sla: {acknowledge: 90s, triage: 1h30m, contain: 1d, resolve: 2w, root_cause: 30d}, updates: {internal: 30m, customer: 1h}}
domains:
  - {id: web, name: Web, owner: ops, stage: beta}
  - {id: api, name: API, owner: ops}
facts:
  - {id: domain, question: "Where?", type: choice, from: domains, required: true}
  - {id: severity, question: "How bad?", type: choice, from: severities}
  - {id: customers, question: "How many?", type: number}
  - {id: region, question: "Region?", type: choice, options: [eu, us]}
  - {id: vendor, question: "Vendor?", type: text}
routes:
  - name: many customers
    when: {customers: "> 2.5"}
    to: ops
    continue: true
  - name: regions
    when: {region: [eu, us], domain: web}
    to: ops
  - name: stripe
    when: {vendor: Stripe}
    to: ops
  - name: default
    to: ops
tests:
  - name: nobody else is told
    given: {domain: web, customers: 1}
    expect: {notified: []}
  - name: owner only
    given: {domain: api}
    at: 2026-03-01T03:00
    expect: {team: ops}
-- teams/ops.yaml --
id: ops
name: Ops
kind: sre
hours: 24x7
-- vendors/cdn.yaml --
id: cdn
name: CDN
service: Edge caching
owner: ops
support: {email: help@cdn.example}
-- pages/about.md --
---
id: about
title: About
---
`

// exportSchema compiles schema/export.schema.json.
func exportSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	const url = "https://escalator.dev/schema/export.schema.json"
	data, err := os.ReadFile("../schema/export.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	if err := c.AddResource(url, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// loadSample loads the sample playbook under the given root name.
func loadSample(t *testing.T, root string) *Playbook {
	t.Helper()
	p, diags := Load(escalator.Sample(), root, Options{Run: RoutingTests | Audit, Now: now})
	if diags.HasErrors() {
		t.Fatalf("sample has errors:\n%s", diags.Error())
	}
	return p
}

func exportJSON(t *testing.T, p *Playbook) []byte {
	t.Helper()
	data, err := p.Export().JSON()
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestExportMatchesSchema(t *testing.T) {
	s := exportSchema(t)
	for _, tc := range []struct {
		name string
		p    *Playbook
	}{
		{"the sample", loadSample(t, "content")},
		{"a playbook with optional things left out", loadOK(t, exportEdges)},
		{"the routing fixture", loadOK(t, routing)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dec := json.NewDecoder(bytes.NewReader(exportJSON(t, tc.p)))
			dec.UseNumber()
			var v any
			if err := dec.Decode(&v); err != nil {
				t.Fatal(err)
			}
			if err := s.Validate(v); err != nil {
				t.Errorf("%#v", err)
			}
		})
	}
}

// The schema is strict: it catches an export that drifts from the documented shape.
func TestExportSchemaRejects(t *testing.T) {
	s := exportSchema(t)
	tests := []struct {
		name   string
		change func(x map[string]any)
	}{
		{"a list that is null", func(x map[string]any) { x["routes"] = nil }},
		{"a missing key", func(x map[string]any) { delete(x, "grid") }},
		{"an unknown key", func(x map[string]any) { x["site"].(map[string]any)["colour"] = "red" }},
		{"another version", func(x map[string]any) { x["version"] = 2 }},
		{"an absolute path", func(x map[string]any) { x["teams"].([]any)[0].(map[string]any)["file"] = "/home/me/pb/teams/a.yaml" }},
		{"a Go duration", func(x map[string]any) {
			x["severities"].([]any)[0].(map[string]any)["sla"].(map[string]any)["triage"] = "15m0s"
		}},
		{"an unknown operator", func(x map[string]any) {
			x["routes"].([]any)[0].(map[string]any)["when"].([]any)[0].(map[string]any)["op"] = "=~"
		}},
	}
	data := exportJSON(t, loadSample(t, "content"))
	for _, tc := range tests {
		var x map[string]any
		if err := json.Unmarshal(data, &x); err != nil {
			t.Fatal(err)
		}
		tc.change(x)
		changed, _ := json.Marshal(x)
		var v any
		if err := json.Unmarshal(changed, &v); err != nil {
			t.Fatal(err)
		}
		if s.Validate(v) == nil {
			t.Errorf("%s: the schema accepts it", tc.name)
		}
	}
}

// The export is the same bytes every time and wherever the playbook lives.
func TestExportIsDeterministic(t *testing.T) {
	want := exportJSON(t, loadSample(t, "content"))
	for _, root := range []string{"content", "", ".", "some/where/else", "/abs/pb/"} {
		if got := exportJSON(t, loadSample(t, root)); !bytes.Equal(got, want) {
			t.Errorf("loaded as %q, the export differs from loaded as \"content\"", root)
		}
	}
	// On disk under an absolute path, as `escalator export /path/to/pb` loads it.
	dir := filepath.Join(t.TempDir(), "playbook")
	if err := os.CopyFS(dir, escalator.Sample()); err != nil {
		t.Fatal(err)
	}
	p, diags := LoadDir(dir, Options{Run: RoutingTests | Audit, Now: now})
	if diags.HasErrors() {
		t.Fatalf("copy has errors:\n%s", diags.Error())
	}
	got := exportJSON(t, p)
	if !bytes.Equal(got, want) {
		t.Errorf("loaded from %s, the export differs", dir)
	}
	if bytes.Contains(got, []byte(filepath.ToSlash(dir))) {
		t.Errorf("the export names the folder %s", dir)
	}
}

func TestExportSample(t *testing.T) {
	p := loadSample(t, "content")
	x := p.Export()
	if x.Version != JSONVersion || len(x.Routes) != len(p.Routes) || len(x.Routes) != 21 {
		t.Errorf("version %d, %d routes; want %d, 21 routes", x.Version, len(x.Routes), JSONVersion)
	}
	if n, _ := fs.Glob(escalator.Sample(), "teams/*.yaml"); len(x.Teams) != len(n) {
		t.Errorf("%d teams, want %d", len(x.Teams), len(n))
	}
	var pay *TeamJSON
	for i := range x.Teams {
		if x.Teams[i].ID == "payments-eng" {
			pay = &x.Teams[i]
		}
	}
	if pay == nil {
		t.Fatal("no team payments-eng")
	}
	levels := pay.Escalation.Levels
	if len(levels) != 4 || levels[1].After != "5m" || levels[2].After != "15m" || levels[3].After != "1h" || levels[3].While != "unresolved" || levels[0].While != "unacknowledged" {
		t.Errorf("payments-eng escalation = %+v", pay.Escalation)
	}
	if pay.File != "teams/payments-eng.yaml" || pay.Hours.TimeZone != "Europe/London" || pay.AfterHours != "sre-oncall" {
		t.Errorf("payments-eng: file %q, zone %q, after hours %q", pay.File, pay.Hours.TimeZone, pay.AfterHours)
	}
	if r := x.Routes[0]; r.File != "matrix.yaml" || r.Line == 0 || r.Index != 0 {
		t.Errorf("first route at %s:%d index %d", r.File, r.Line, r.Index)
	}
	if last := x.Routes[len(x.Routes)-1]; len(last.When) != 0 {
		t.Errorf("the default rule has conditions %v", last.When)
	}
	if s := x.Severities[0]; s.ID != "sev1" || s.Rank != 0 || s.SLA.Acknowledge != "5m" || s.SLA.RootCause != "5d" {
		t.Errorf("sev1 = %+v", s)
	}
	if len(x.Grid.Cells) != len(p.Domains)*len(p.Severities) || x.Grid.Cells[0].Rule.File != "matrix.yaml" {
		t.Errorf("grid: %d cells, first rule in %q", len(x.Grid.Cells), x.Grid.Cells[0].Rule.File)
	}
	for _, rb := range x.Runbooks {
		if !strings.HasPrefix(rb.File, "runbooks/") || strings.TrimSpace(rb.Body) == "" {
			t.Errorf("runbook %s: file %q, body %d bytes", rb.ID, rb.File, len(rb.Body))
		}
	}
}

func TestExportEdges(t *testing.T) {
	x := loadOK(t, exportEdges).Export()
	ops := x.Teams[0]
	cond := func(route, fact int) CondJSON { return x.Routes[route].When[fact] }
	tests := []struct {
		name      string
		got, want any
	}{
		{"a comparison is an op and one number", []any{cond(0, 0).Op, cond(0, 0).Values}, []any{">", []string{"2.5"}}},
		{"a list is any of its values", []any{cond(1, 0).Op, cond(1, 0).Values, cond(1, 0).Condition}, []any{"in", []string{"eu", "us"}, "region in [eu, us]"}},
		{"conditions keep the written order", cond(1, 1).Fact, "domain"},
		{"text values are matched in lower case", []any{cond(2, 0).Raw, cond(2, 0).Values}, []any{"Stripe", []string{"stripe"}}},
		{"the default rule has no conditions", x.Routes[3].When, []CondJSON{}},
		{"weeks are written in days", x.Severities[0].SLA.Resolve, "14d"},
		{"review interval too", x.Site.ReviewInterval, "182d"},
		{"stage defaults to ga", []string{x.Domains[0].Stage, x.Domains[1].Stage}, []string{"beta", "ga"}},
		{"options from domains are choices", []any{x.Facts[0].Options, x.Facts[0].From, x.Facts[0].Choices}, []any{[]string{}, "domains", []string{"web", "api"}}},
		{"a 24x7 team", ops.Hours, HoursJSON{Always: true, Windows: []WindowJSON{}, Closed: []string{}, Holidays: []string{}}},
		{"no chain", ops.Escalation, ChainJSON{Levels: []LevelJSON{}}},
		{"an empty notified list expects nobody", x.Tests[0].Expect.Notified, &[]string{}},
		{"an absent one is not checked", []any{x.Tests[1].Expect.Notified == nil, x.Tests[1].Expect.Immediate == nil, x.Tests[1].Expect.Severity}, []any{true, true, ""}},
		{"given values are text", x.Tests[0].Given, map[string]string{"domain": "web", "customers": "1"}},
		{"at is as written", x.Tests[1].At, "2026-03-01T03:00"},
		{"an unwritten duration is empty", x.Vendors[0].SLA, VendorSLAJSON{}},
		{"a page without a body", []string{x.Pages[0].Body, x.Pages[0].File, x.Pages[0].LastReviewed}, []string{"", "pages/about.md", ""}},
	}
	for _, tc := range tests {
		if g, w := mustJSON(t, tc.got), mustJSON(t, tc.want); g != w {
			t.Errorf("%s: got %s, want %s", tc.name, g, w)
		}
	}
	// Nulls appear only where an expectation is not checked.
	data, _ := x.JSON()
	if n := bytes.Count(data, []byte("null")); n != 3 {
		t.Errorf("the export has %d nulls, want 3 (the unchecked expectations):\n%s", n, data)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// A Go program can decode the export into ExportJSON and get the same document back.
func TestExportRoundTrip(t *testing.T) {
	want := exportJSON(t, loadSample(t, "content"))
	var x ExportJSON
	if err := json.Unmarshal(want, &x); err != nil {
		t.Fatal(err)
	}
	got, err := x.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("decoding and encoding the export changes it")
	}
}

// The schedules in the export are complete rules: compiled again from the JSON alone,
// they answer as the playbook does at random instants over two years.
func TestExportedSchedulesAnswerAlike(t *testing.T) {
	p, diags := Load(escalator.Sample(), "content", Options{Run: RoutingTests | Audit, Now: now})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	data, err := p.Export().JSON()
	if err != nil {
		t.Fatal(err)
	}
	var x ExportJSON
	if err := json.Unmarshal(data, &x); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 8))
	n := 0
	for _, xt := range x.Teams {
		team := p.Team(xt.ID)
		for _, xs := range xt.Schedules {
			c, err := schedule.FromRules(xs.Rules)
			if err != nil {
				t.Fatalf("%s/%s: %v", xt.ID, xs.ID, err)
			}
			for range 500 {
				at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.Int64N(int64(2 * 365 * 24 * time.Hour))))
				want := p.OnCall(team, team.Schedule(xs.ID), at, 0)
				got := c.At(at)
				wantID := ""
				if want.Person != nil {
					wantID = want.Person.Member.ID
					if want.Person.Team != team {
						wantID = want.Person.Team.ID + "/" + wantID
					}
				}
				if got.Member != wantID || !got.Until.Equal(want.Until) {
					t.Fatalf("%s/%s at %s: export says %q until %s, playbook %q until %s", xt.ID, xs.ID, at, got.Member, got.Until, wantID, want.Until)
				}
				n++
			}
		}
	}
	if n == 0 {
		t.Fatal("the sample exports no schedules")
	}
}
