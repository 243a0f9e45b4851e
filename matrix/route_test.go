package matrix

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// routing is a small playbook whose rules exercise every routing feature.
const routing = `
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
facts:
  - {id: domain, question: "Where?", type: choice, from: domains, required: true}
  - {id: severity, question: "How bad?", type: choice, from: severities, required: true}
  - {id: security, question: "Security?", type: bool}
  - {id: customers, question: "How many?", type: number}
  - {id: category, question: "What?", type: choice, options: [bug, feature-gap, question]}
  - {id: vendor, question: "Which vendor?", type: text}
routes:
  - name: security
    when: {security: true}
    to: security
    immediate: true
    severity: sev1
    brief: sec
  - name: many customers
    when: {customers: ">= 3"}
    to: leadership
    also: [support]
    continue: true
    severity: sev2
  - name: nobody
    when: {customers: "== 0"}
    to: support
  - name: stripe
    when: {vendor: stripe}
    to: payments
    also: [sre]
  - name: payments critical
    when: {domain: payments, severity: [sev1, sev2]}
    to: payments
    also: [sre]
    runbooks: [pay-down]
  - name: few customers bug
    when: {category: bug, customers: "< 3"}
    to: identity
  - name: feature gap
    when: {category: feature-gap}
    to: product
  - name: login
    when: {domain: login}
    to: identity
  - name: default
    to: support
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
  repeat: 1
  levels:
    - {name: Primary, after: 0m, members: [ann]}
    - {name: Lead, after: 5m, members: [bob]}
    - {name: Head, after: 15m, teams: [leadership], while: unresolved}
-- teams/identity.yaml --
id: identity
name: Identity
kind: engineering
hours:
  time_zone: America/New_York
  windows: [{days: mon-fri, start: "09:00", end: "18:00"}]
after_hours: payments
channels: [{id: chat, kind: chat, name: "#identity", address: "https://chat.example.com/identity"}]
-- teams/sre.yaml --
id: sre
name: SRE
kind: sre
hours: 24x7
channels: [{id: pager, kind: pager, name: SRE pager, address: "sre@pager.example.com"}]
-- teams/security.yaml --
id: security
name: Security
kind: security
hours: 24x7
channels: [{id: pager, kind: pager, name: Security pager, address: "sec@pager.example.com"}]
-- teams/support.yaml --
id: support
name: Support
kind: support-l2
hours: 24x7
channels: [{id: queue, kind: ticket, name: L2 queue, address: "L2"}]
-- teams/leadership.yaml --
id: leadership
name: Leadership
kind: leadership
hours: 24x7
channels: [{id: mail, kind: email, name: Leaders, address: "mailto:lead@example.com"}]
-- teams/product.yaml --
id: product
name: Product
kind: product
hours:
  time_zone: Europe/London
  windows: [{days: mon-fri, start: "09:00", end: "17:30"}]
after_hours: support
channels: [{id: mail, kind: email, name: Product, address: "mailto:product@example.com"}]
-- runbooks/pay-down.md --
---
id: pay-down
title: Payments down
domain: payments
severities: [sev1, sev2]
owner: payments
summary: s
triage: [{id: scope, question: "How many?"}]
containment: c
checklist: {triage: [look]}
---
Body.
-- runbooks/login-slow.md --
---
id: login-slow
title: Login slow
domain: login
severities: [sev2, sev3]
owner: identity
summary: s
triage: [{id: scope, question: "How many?"}]
containment: c
checklist: {triage: [look]}
---
Body.
-- briefs/sec.md --
---
id: sec
title: Security brief
kind: escalation
target: security
summary: s
sections: [{id: what, title: What, fields: [{id: what, label: What, type: text, required: true}]}]
---
`

func TestRoute(t *testing.T) {
	p := loadOK(t, routing)
	utc := func(s string) time.Time {
		at, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return at
	}
	tests := []struct {
		name      string
		facts     string
		at        string
		team      string
		rule      string
		severity  string
		notified  string
		immediate bool
	}{
		{"security goes to security at once", "domain=payments severity=sev3 security=true", "", "security", "security", "sev1", "", true},
		{"security beats every later rule", "domain=payments severity=sev1 security=yes customers=10", "", "security", "security", "sev1", "", true},
		{"security false falls through", "domain=login severity=sev3 security=false", "", "identity", "login", "sev3", "", false},
		{"unset bool does not hold", "domain=login severity=sev3", "", "identity", "login", "sev3", "", false},
		{"continue adds notified teams and goes on", "domain=payments severity=sev1 customers=3", "", "payments", "payments critical", "sev1", "leadership sre support", false},
		{"a raise is seen by later rules' severity conditions", "domain=payments severity=sev3 customers=5", "", "payments", "payments critical", "sev2", "leadership sre support", false},
		{"a raise gives a severity that was not given", "domain=payments customers=5", "", "payments", "payments critical", "sev2", "leadership sre support", false},
		{"raise never lowers", "domain=payments severity=sev1 customers=4", "", "payments", "payments critical", "sev1", "leadership sre support", false},
		{"numeric >= excludes below", "domain=payments severity=sev3 customers=2", "", "support", "default", "sev3", "", false},
		{"numeric == 0", "domain=payments severity=sev3 customers=0", "", "support", "nobody", "sev3", "", false},
		{"numeric < 3 with category", "domain=payments severity=sev3 category=bug customers=2", "", "identity", "few customers bug", "sev3", "", false},
		{"numeric < 3 fails at 3 then continue rule applies", "domain=login severity=sev3 category=bug customers=3", "", "identity", "login", "sev2", "leadership support", false},
		{"condition on unset number does not hold", "domain=payments severity=sev3 category=bug", "", "support", "default", "sev3", "", false},
		{"any-of matches first value", "domain=payments severity=sev1", "", "payments", "payments critical", "sev1", "sre", false},
		{"any-of matches second value", "domain=payments severity=sev2", "", "payments", "payments critical", "sev2", "sre", false},
		{"any-of misses other values", "domain=payments severity=sev3", "", "support", "default", "sev3", "", false},
		{"all conditions must hold", "domain=login severity=sev1", "", "identity", "login", "sev1", "", false},
		{"text matches regardless of case", "domain=login severity=sev3 vendor=Stripe", "", "payments", "stripe", "sev3", "sre", false},
		{"text other value", "domain=login severity=sev3 vendor=adyen", "", "identity", "login", "sev3", "", false},
		{"feature gap to product", "domain=payments severity=sev3 category=feature-gap", "", "product", "feature gap", "sev3", "", false},
		{"default last", "domain=payments severity=sev3 category=question", "", "support", "default", "sev3", "", false},
		{"London team in hours", "domain=payments severity=sev1", "2026-03-02T10:00:00Z", "payments", "payments critical", "sev1", "sre", false},
		{"start of window is in hours", "domain=payments severity=sev1", "2026-03-02T09:00:00Z", "payments", "payments critical", "sev1", "sre", false},
		{"end of window is out of hours", "domain=payments severity=sev1", "2026-03-02T17:00:00Z", "sre", "payments critical", "sev1", "", false},
		{"night goes to after-hours team", "domain=payments severity=sev1", "2026-03-03T03:00:00Z", "sre", "payments critical", "sev1", "", false},
		{"Sunday goes to after-hours team", "domain=payments severity=sev2", "2026-03-01T12:00:00Z", "sre", "payments critical", "sev2", "", false},
		{"British summer time shifts the window", "domain=payments severity=sev1", "2026-06-01T08:30:00Z", "payments", "payments critical", "sev1", "sre", false},
		{"winter time the same UTC hour is early", "domain=payments severity=sev1", "2026-01-05T08:30:00Z", "sre", "payments critical", "sev1", "", false},
		{"New York in hours", "domain=login severity=sev3", "2026-03-02T15:00:00Z", "identity", "login", "sev3", "", false},
		{"New York off hours falls to London in hours", "domain=login severity=sev3", "2026-03-03T13:30:00Z", "payments", "login", "sev3", "", false},
		{"US daylight saving starts before UK", "domain=login severity=sev3", "2026-03-10T13:30:00Z", "identity", "login", "sev3", "", false},
		{"transitive fallback to 24x7", "domain=login severity=sev3", "2026-03-04T02:00:00Z", "sre", "login", "sev3", "", false},
		{"Saturday in New York, transitive", "domain=login severity=sev3", "2026-03-07T15:00:00Z", "sre", "login", "sev3", "", false},
		{"Friday evening New York is Saturday in London", "domain=login severity=sev3", "2026-03-07T00:30:00Z", "sre", "login", "sev3", "", false},
		{"fallback does not notify the off-hours team", "domain=payments severity=sev3 category=feature-gap", "2026-03-02T18:00:00Z", "support", "feature gap", "sev3", "", false},
		{"notified never lists the owner", "severity=sev3 customers=9", "", "support", "default", "sev2", "leadership", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, errs := p.ParseFacts(strings.Fields(tt.facts))
			if len(errs) > 0 {
				t.Fatalf("facts: %v", errs)
			}
			var at time.Time
			if tt.at != "" {
				at = utc(tt.at)
			}
			d, err := p.Route(f, at)
			if err != nil {
				t.Fatal(err)
			}
			var notified []string
			for _, n := range d.Notified {
				notified = append(notified, n.ID)
			}
			slices.Sort(notified)
			if d.Owner.ID != tt.team || d.Rule.Name != tt.rule || d.Severity.ID != tt.severity ||
				strings.Join(notified, " ") != tt.notified || d.Immediate != tt.immediate {
				t.Errorf("got team %s rule %q severity %s notified %q immediate %t; want %s %q %s %q %t",
					d.Owner.ID, d.Rule.Name, d.Severity.ID, strings.Join(notified, " "), d.Immediate,
					tt.team, tt.rule, tt.severity, tt.notified, tt.immediate)
			}
		})
	}
}

func TestRouteDetails(t *testing.T) {
	p := loadOK(t, routing)
	f, _ := p.ParseFacts([]string{"domain=payments", "severity=sev1"})
	start := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	d, err := p.Route(f, start)
	if err != nil {
		t.Fatal(err)
	}
	var rbs []string
	for _, r := range d.Runbooks {
		rbs = append(rbs, r.ID)
	}
	if strings.Join(rbs, ",") != "pay-down" {
		t.Errorf("runbooks = %v", rbs)
	}
	if d.Deadlines[0].Name != "acknowledge" || !d.Deadlines[0].At.Equal(start.Add(5*time.Minute)) {
		t.Errorf("first deadline = %+v", d.Deadlines[0])
	}
	if got := d.Deadlines[4]; got.Name != "root_cause" || !got.At.Equal(start.Add(5*24*time.Hour)) {
		t.Errorf("root cause deadline = %+v", got)
	}
	// Two levels wait for an acknowledgement and repeat once, one interval (5m) after the
	// last of them; the level that waits for resolution fires once.
	var offs []string
	for _, h := range d.Handoffs {
		offs = append(offs, FormatDuration(h.After)+":"+h.While)
	}
	want := "0m:unacknowledged 5m:unacknowledged 10m:unacknowledged 15m:unresolved 15m:unacknowledged"
	if strings.Join(offs, " ") != want {
		t.Errorf("handoffs = %s\nwant       %s", strings.Join(offs, " "), want)
	}
	if !d.Handoffs[1].At.Equal(start.Add(5*time.Minute)) || d.Handoffs[1].Members[0].ID != "bob" {
		t.Errorf("second handoff = %+v", d.Handoffs[1])
	}
	if h := d.Handoffs[3]; h.Round != 0 || len(h.Teams) != 1 || h.Teams[0].ID != "leadership" {
		t.Errorf("the unresolved level = %+v", h)
	}
	if h := d.Handoffs[2]; h.Round != 1 || h.Level != 1 || h.Members[0].ID != "ann" {
		t.Errorf("the repeat = %+v", h)
	}

	sf, _ := p.ParseFacts([]string{"domain=login", "severity=sev3", "security=true"})
	d, _ = p.Route(sf, time.Time{})
	if d.Brief == nil || d.Brief.ID != "sec" {
		t.Errorf("security brief = %v", d.Brief)
	}
}

func TestParseFactsErrors(t *testing.T) {
	p := loadOK(t, routing)
	tests := []struct {
		arg, want string
	}{
		{"domian=payments", `unknown fact "domian" (did you mean "domain"?; known facts: domain, severity, security, customers, category, vendor)`},
		{"domain=paymnts", `"paymnts" is not a valid domain (did you mean "payments"?; valid: payments, login)`},
		{"domain=billing", `"billing" is not a valid domain (valid: payments, login)`},
		{"customers=many", `fact "customers" is a number, not "many" (use a number such as 3)`},
		{"security=maybe", `fact "security" is yes or no, not "maybe" (use true or false)`},
		{"payments", `argument "payments" is not fact=value (write it as fact=value, such as domain=payments)`},
	}
	for _, tt := range tests {
		_, errs := p.ParseFacts([]string{tt.arg})
		if len(errs) != 1 || errs[0].Error() != tt.want {
			t.Errorf("%s: got %v\nwant %s", tt.arg, errs, tt.want)
		}
	}
	f, _ := p.ParseFacts([]string{"security=true"})
	var missing []string
	for _, m := range f.Missing() {
		missing = append(missing, m.ID)
	}
	if strings.Join(missing, ",") != "domain,severity" {
		t.Errorf("missing = %v", missing)
	}
}

// Every grid cell must equal a direct Route call with that cell's facts.
func TestGridMatchesRoute(t *testing.T) {
	p := loadOK(t, routing)
	grid := p.Grid()
	if len(grid) != len(p.Domains) {
		t.Fatalf("grid rows = %d", len(grid))
	}
	for _, row := range grid {
		for _, c := range row {
			f, err := p.CellFacts(c.Domain.ID, c.Severity.ID)
			if err != nil {
				t.Fatal(err)
			}
			d, err := p.Route(f, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			if d.Owner != c.Decision.Owner || d.Rule != c.Decision.Rule || d.Severity != c.Decision.Severity {
				t.Errorf("%s x %s: grid %s/%s, route %s/%s", c.Domain.ID, c.Severity.ID,
					c.Decision.Owner.ID, c.Decision.Rule.Name, d.Owner.ID, d.Rule.Name)
			}
		}
	}
}
