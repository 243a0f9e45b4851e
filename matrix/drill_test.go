package matrix

import (
	"strings"
	"testing"
	"time"
)

const goodDrill = `
-- drills/night.yaml --
id: night
title: Payments fail on a Sunday night
start: 2026-03-29T00:30
story: A merchant says every card is declined.
vendor: stripe
facts: {domain: payments, severity: sev2, customers: 4}
injects:
  - {at: 0m, text: The first report., expect: Page payments.}
  - {at: 10m, text: Stripe's status page goes red.}
key:
  team: sre
  severity: sev2
  notified: [leadership, support]
`

// The vendor the sample fixture lacks, for the drill to name.
const stripeVendor = `
-- vendors/stripe.yaml --
id: stripe
name: Stripe
service: Card processing
owner: payments
support: {email: support@stripe.example}
fallback: Route cards to the backup acquirer.
`

func TestDrillLoads(t *testing.T) {
	p := loadOK(t, routing+stripeVendor+goodDrill)
	if len(p.Drills) != 1 {
		t.Fatalf("got %d drills", len(p.Drills))
	}
	d := p.Drills[0]
	if want := time.Date(2026, 3, 29, 0, 30, 0, 0, time.UTC); !d.At.Equal(want) {
		t.Errorf("start read as %v, want %v (GMT, before the clocks go forward)", d.At, want)
	}
	if v, _ := d.Given.Get("customers"); v != "4" {
		t.Errorf("customers = %q", v)
	}
	if d.Key.Pos.Line != 11 || d.Key.Team.Pos.Line != 11 {
		t.Errorf("key at %v, team at %v; want line 11, under key:", d.Key.Pos, d.Key.Team.Pos)
	}
}

func TestDrillDiagnostics(t *testing.T) {
	tests := []struct {
		name, edit, want string
	}{
		{"key team out of date", "team: sre|team: payments", `pb/drills/night.yaml:11:9: error[drill-out-of-date]: drill night: the answer key is out of date: expected team payments, got sre (update the key, or run ` + "`escalator drill new`" + ` for a fresh drill)` + "\n" + `pb/matrix.yaml:`},
		{"key severity out of date", "severity: sev2\n  notified|severity: sev1\n  notified", `pb/drills/night.yaml:12:13: error[drill-out-of-date]: drill night: the answer key is out of date: expected severity sev1, got sev2`},
		{"key notified out of date", "[leadership, support]|[leadership]", `pb/drills/night.yaml:13:14: error[drill-out-of-date]: drill night: the answer key is out of date: expected notified [leadership], got [leadership, support]`},
		{"key on call without a schedule", "notified: [leadership, support]|oncall: ann", `pb/drills/night.yaml:13:11: error[drill-out-of-date]: drill night: the answer key is out of date: expected ann on call, got nobody (team sre has no schedule)`},
		{"unknown team in key", "team: sre|team: sr", `pb/drills/night.yaml:11:9: error[unknown-team]: unknown team "sr" (did you mean "sre"?)`},
		{"unknown vendor", "vendor: stripe|vendor: strip", `pb/drills/night.yaml:5:9: error[unknown-vendor]: unknown vendor "strip" (did you mean "stripe"?)`},
		{"unknown fact", "{domain:|{domian:", `pb/drills/night.yaml:6:9: error[unknown-fact]: unknown fact "domian" (did you mean "domain"?)`},
		{"bad choice", "domain: payments,|domain: paymnts,", `pb/drills/night.yaml:6:17: error[invalid-fact-value]: "paymnts" is not a valid domain (did you mean "payments"?`},
		{"start in the gap", "start: 2026-03-29T00:30|start: 2026-03-29T01:30", `pb/drills/night.yaml:3:8: error[invalid-instant]: start: 2026-03-29T01:30 does not exist in Europe/London: the clocks go from 01:00 GMT to 02:00 BST`},
		{"impossible start", "start: 2026-03-29T00:30|start: 2026-02-30T00:30", `pb/drills/night.yaml:3:8: error[invalid-instant]: cannot read the instant start "2026-02-30T00:30"`},
		{"injects out of order", "at: 10m|at: 5m, text: t}\n  - {at: 1m", `pb/drills/night.yaml:10:10: error[inject-order]: inject at 1m comes after one at 5m`},
		{"no key", "key:|kex:", `pb/drills/night.yaml:10:1: error[unknown-key]: unknown key "kex" in drill (did you mean "key"?)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old, repl, _ := strings.Cut(tt.edit, "|")
			src := routing + stripeVendor + strings.Replace(goodDrill, old, repl, 1)
			got := loadDiags(t, src).Error()
			if !strings.Contains(got, tt.want) {
				t.Errorf("got\n%s\nwant a line starting\n%s", got, tt.want)
			}
		})
	}
}

// Without the RoutingTests phase the pinned keys are unchecked, as the routing tests are.
func TestDrillKeysSkippedWithTests(t *testing.T) {
	src := routing + stripeVendor + strings.Replace(goodDrill, "team: sre", "team: payments", 1)
	if _, diags := Load(txtarFS(src), "pb", Options{Run: Audit, Now: now}); diags.HasErrors() {
		t.Errorf("keys checked without RoutingTests:\n%s", diags.Error())
	}
}
