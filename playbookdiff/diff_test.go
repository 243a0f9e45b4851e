package playbookdiff

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/matrix"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/santhosh-tekuri/jsonschema/v5"
)

var update = flag.Bool("update", false, "rewrite golden files")

// now is the instant both sides are audited at and on-call is compared from.
var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// base is the playbook every case edits: two domains at three tiers, a team with hours
// and an after-hours fallback, a schedule, routing tests, a vendor.
const base = `
-- playbook.yaml --
title: Test
organisation: Test Co
time_zone: Europe/London
review_interval: 180d
-- matrix.yaml --
severities:
  - {id: sev1, name: Critical, description: d, criteria: [c], sla: {acknowledge: 5m}}
  - {id: sev2, name: High, description: d, criteria: [c], sla: {acknowledge: 15m}}
  - {id: sev3, name: Medium, description: d, criteria: [c], sla: {acknowledge: 1h}}
domains:
  - {id: payments, name: Payments, owner: payments}
  - {id: login, name: Login, owner: identity}
facts:
  - {id: domain, question: "Where?", type: choice, from: domains, required: true}
  - {id: severity, question: "How bad?", type: choice, from: severities, required: true}
  - {id: security, question: "Security?", type: bool}
routes:
  - name: security
    when: {security: true}
    to: security
    immediate: true
    severity: sev1
  - name: payments critical
    when: {domain: payments, severity: [sev1, sev2]}
    to: payments
    also: [sre]
    runbooks: [pay-down]
  - name: login
    when: {domain: login}
    to: identity
  - name: default
    to: sre
tests:
  - name: payments sev2 goes to payments
    given: {domain: payments, severity: sev2}
    expect: {team: payments}
  - name: login goes to identity
    given: {domain: login, severity: sev3}
    expect: {team: identity}
-- teams/payments.yaml --
id: payments
name: Payments
kind: engineering
hours:
  time_zone: Europe/London
  windows: [{days: mon-fri, start: "09:00", end: "17:00"}]
after_hours: sre
members: [{id: ann, name: Ann, phone: "+44 20 7946 0000"}, {id: bob, name: Bob, email: bob@example.com}]
escalation:
  levels:
    - {name: Primary, after: 0m, members: [ann]}
    - {name: Lead, after: 5m, members: [bob]}
-- teams/identity.yaml --
id: identity
name: Identity
kind: engineering
hours: 24x7
channels: [{id: chat, kind: chat, name: "#identity", address: "https://chat.example.com/identity"}]
members: [{id: kay, name: Kay, phone: "+44 20 7946 0003"}, {id: lee, name: Lee, phone: "+44 20 7946 0004"}]
escalation:
  levels:
    - {name: Primary, after: 0m, members: [kay]}
    - {name: Secondary, after: 1m, members: [lee]}
-- teams/sre.yaml --
id: sre
name: SRE
kind: sre
hours: 24x7
channels: [{id: pager, kind: pager, name: SRE pager, address: "sre@pager.example.com"}]
members:
  - {id: jo, name: Jo, phone: "+44 20 7946 0001"}
  - {id: kim, name: Kim, phone: "+1 202 555 0100"}
schedules:
  - id: primary
    layers:
      - {members: [jo, kim], shift: weekly, start: "2026-01-05T09:00"}
escalation:
  levels:
    - {name: Primary, after: 0m, schedules: [primary]}
    - {name: Secondary, after: 1m, schedules: [primary], offset: 1}
-- teams/security.yaml --
id: security
name: Security
kind: security
hours: 24x7
channels: [{id: pager, kind: pager, name: Security pager, address: "sec@pager.example.com"}]
members: [{id: sam, name: Sam, phone: "+44 20 7946 0002"}, {id: max, name: Max, phone: "+44 20 7946 0005"}]
escalation:
  levels:
    - {name: Primary, after: 0m, members: [sam]}
    - {name: Secondary, after: 1m, members: [max]}
-- vendors/cloud.yaml --
id: cloud
name: Cloud
service: Hosting
owner: sre
support: {email: help@cloud.example}
fallback: Fail over to the other region.
-- runbooks/pay-down.md --
---
id: pay-down
title: Payments down
domain: payments
severities: [sev1, sev2]
owner: payments
last_reviewed: 2026-10-01
summary: s
triage: [{id: scope, question: "How many?"}]
containment: c
checklist: {triage: [look]}
---
Body with a tpyo.
-- runbooks/login-slow.md --
---
id: login-slow
title: Login slow
domain: login
severities: [sev1, sev2, sev3]
owner: identity
last_reviewed: 2026-10-01
summary: s
triage: [{id: scope, question: "How many?"}]
containment: c
checklist: {triage: [look]}
---
Body.
`

// sides builds the two playbooks of a case: base, with the archive's old/ files laid
// over it for the old side and its new/ files for the new one. A file whose text is
// "DELETE" is removed from that side.
func sides(t *testing.T, a *txtar.Archive) (old, new fstest.MapFS) {
	t.Helper()
	mk := func(prefix string) fstest.MapFS {
		m := fstest.MapFS{}
		for _, f := range txtar.Parse([]byte(base)).Files {
			m[f.Name] = &fstest.MapFile{Data: f.Data}
		}
		for _, f := range a.Files {
			name, ok := strings.CutPrefix(f.Name, prefix)
			if !ok {
				continue
			}
			if strings.TrimSpace(string(f.Data)) == "DELETE" {
				delete(m, name)
				continue
			}
			m[name] = &fstest.MapFile{Data: f.Data}
		}
		return m
	}
	return mk("old/"), mk("new/")
}

// compareArchive loads both sides of a case and compares them.
func compareArchive(t testing.TB, old, new fstest.MapFS, redact bool) *Report {
	t.Helper()
	c := matrix.NewContentCache()
	opt := matrix.Options{Run: matrix.Audit, Now: now, SkipBodies: true, Cache: c}
	po, do := matrix.Load(old, "pb", opt)
	pn, dn := matrix.Load(new, "pb", opt)
	for _, d := range []diag.List{do, dn} {
		if d.HasErrors() {
			t.Fatalf("a side has errors:\n%s", d.Error())
		}
	}
	return Compare(po, pn, do, dn, Options{Now: now, Old: "old", New: "new", RedactContacts: redact})
}

// TestCases runs every testdata/cases/*.txtar: a pair of playbooks and, in its want
// file, the text report expected (rewritten by -update).
func TestCases(t *testing.T) {
	files, _ := filepath.Glob("testdata/cases/*.txtar")
	if len(files) == 0 {
		t.Fatal("no cases")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			old, new := sides(t, a)
			r := compareArchive(t, old, new, strings.Contains(string(a.Comment), "redact"))
			var b bytes.Buffer
			if err := Write(&b, Text, r); err != nil {
				t.Fatal(err)
			}
			got := b.String()
			var want *txtar.File
			for i := range a.Files {
				if a.Files[i].Name == "want" {
					want = &a.Files[i]
				}
			}
			if *update {
				if want == nil {
					a.Files = append(a.Files, txtar.File{Name: "want"})
					want = &a.Files[len(a.Files)-1]
				}
				want.Data = []byte(got)
				if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want == nil || string(want.Data) != got {
				t.Errorf("report:\n%s", got)
			}
		})
	}
}

// allReport compares the sides of testdata/all.txtar: one change of every kind.
func allReport(t testing.TB, redact bool) *Report {
	t.Helper()
	a, err := txtar.ParseFile("testdata/all.txtar")
	if err != nil {
		t.Fatal(err)
	}
	old, new := sides(t.(*testing.T), a)
	return compareArchive(t, old, new, redact)
}

// TestGolden renders the report of every kind of change in each format, twice, and
// compares it with testdata/golden/all.*; -update rewrites them.
func TestGolden(t *testing.T) {
	for _, f := range []struct {
		format Format
		ext    string
	}{{Text, "txt"}, {Markdown, "md"}, {JSON, "json"}, {GitHub, "github"}} {
		t.Run(string(f.format), func(t *testing.T) {
			var b, again bytes.Buffer
			if err := Write(&b, f.format, allReport(t, false)); err != nil {
				t.Fatal(err)
			}
			Write(&again, f.format, allReport(t, false))
			if !bytes.Equal(b.Bytes(), again.Bytes()) {
				t.Error("two runs differ")
			}
			golden := filepath.Join("testdata", "golden", "all."+f.ext)
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
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
				t.Errorf("%s differs (go test -update rewrites it):\n%s", golden, b.String())
			}
		})
	}
}

// The JSON report matches its published schema, including when contacts are redacted.
func TestJSONMatchesSchema(t *testing.T) {
	const url = "https://escalator.dev/schema/diff.schema.json"
	data, err := os.ReadFile("../schema/diff.schema.json")
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
	for _, redact := range []bool{false, true} {
		var b bytes.Buffer
		Write(&b, JSON, allReport(t, redact))
		var v any
		if err := json.Unmarshal(b.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(v); err != nil {
			t.Errorf("redact %t: %v", redact, err)
		}
	}
	var b bytes.Buffer
	old, new := sides(t, &txtar.Archive{})
	Write(&b, JSON, compareArchive(t, old, new, false))
	var v any
	json.Unmarshal(b.Bytes(), &v)
	if err := s.Validate(v); err != nil {
		t.Errorf("an empty report: %v", err)
	}
}

// TestWhatChanges asserts, for each kind of change, what the report counts and whether
// it counts as routing (what --fail-on routing fails on).
func TestWhatChanges(t *testing.T) {
	cases := []struct {
		name                                           string
		routing                                        bool
		cells, tests, timelines, shifts, gaps, contact int
		warnings, docs                                 int
	}{
		{"no-change", false, 0, 0, 0, 0, 0, 0, 0, 0},
		{"typo", false, 0, 0, 0, 0, 0, 0, 0, 1},
		{"rule-shadows", true, 1, 1, 0, 0, 0, 0, 0, 1},
		{"rule-narrowed", true, 1, 1, 0, 0, 0, 0, 2, 1},
		{"tests-added-removed", true, 0, 2, 0, 0, 0, 0, 0, 1},
		{"escalation-after", true, 0, 0, 1, 0, 0, 0, 1, 1},
		{"escalation-pages", true, 0, 0, 1, 0, 0, 0, 0, 1},
		{"oncall-rotation", false, 0, 0, 0, 5, 0, 0, 0, 1},
		{"oncall-gap", false, 0, 0, 0, 2, 2, 0, 2, 1},
		{"oncall-added", false, 0, 0, 0, 2, 0, 0, 4, 1},
		{"contacts", false, 0, 0, 0, 0, 0, 4, 0, 3},
		{"out-of-hours", true, 2, 0, 0, 0, 0, 0, 0, 1},
		{"documents", true, 3, 0, 0, 0, 0, 0, 0, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := txtar.ParseFile("testdata/cases/" + c.name + ".txtar")
			if err != nil {
				t.Fatal(err)
			}
			old, new := sides(t, a)
			r := compareArchive(t, old, new, false)
			got := []int{len(r.Cells), len(r.Tests), len(r.Timelines), len(r.OnCall), r.Gaps(), len(r.Contacts), len(r.Warnings), len(r.Documents)}
			want := []int{c.cells, c.tests, c.timelines, c.shifts, c.gaps, c.contact, c.warnings, c.docs}
			if !slices.Equal(got, want) || r.Routing() != c.routing {
				t.Errorf("cells, tests, timelines, shifts, gaps, contacts, warnings, documents = %v, routing %t; want %v, %t", got, r.Routing(), want, c.routing)
			}
		})
	}
}

// Specific facts the goldens only show: the rule that now shadows another is named with
// its line; the flag on a level past the SLA; redaction keeps no value.
func TestDetails(t *testing.T) {
	r := allReport(t, false)
	if c := r.Cells[0]; c.New == nil || c.New.Name != "payments high goes to sre" || c.Old.Name != "payments critical" ||
		c.Why != "rule 'payments high goes to sre' (pb/matrix.yaml:18) now shadows 'payments critical'" {
		t.Errorf("first cell: %+v", c)
	}
	if ch := r.Timelines[0].Changes[0]; ch.Old != "5m" || ch.New != "10m" || ch.Note != "now beyond the sev1 acknowledge SLA of 5m" {
		t.Errorf("timeline change: %+v", ch)
	}
	var b bytes.Buffer
	Write(&b, JSON, allReport(t, true))
	for _, secret := range []string{"7946 0999", "7946 0000", "support@cloud"} {
		if strings.Contains(b.String(), secret) {
			t.Errorf("redacted report holds %q", secret)
		}
	}
}
