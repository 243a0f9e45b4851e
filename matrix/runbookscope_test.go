package matrix

import (
	"strings"
	"testing"
	"time"
)

// scoped adds runbooks for several domains, for all, and a process page to routing.
const scoped = `
-- runbooks/db-down.md --
---
id: db-down
title: Database down
domains: [payments, login]
severities: [sev1]
owner: sre
summary: s
triage: [{id: scope, question: "How many?"}]
containment: c
checklist: {triage: [look]}
---
-- runbooks/everywhere.md --
---
id: everywhere
title: Anything slow
domains: all
severities: [sev2, sev3]
owner: sre
summary: s
triage: [{id: scope, question: "How many?"}]
containment: c
checklist: {triage: [look]}
---
-- runbooks/pir.md --
---
id: pir
title: Post-incident review
kind: process
domains: all
owner: sre
summary: s
checklist: {triage: [book the review]}
---
`

func TestRunbookDomainsAndProcessPages(t *testing.T) {
	p := loadOK(t, routing+scoped)
	for _, tt := range []struct {
		name  string
		facts []string
		want  string
	}{
		{"a runbook for several domains is offered in each", []string{"domain=login", "severity=sev1"}, "db-down"},
		{"named runbooks first, then the cell's", []string{"domain=payments", "severity=sev1"}, "pay-down,db-down"},
		{"domains: all is offered in every domain", []string{"domain=login", "severity=sev3"}, "everywhere,login-slow"}, // file order
		{"a process page is never offered by the cell", []string{"domain=payments", "severity=sev2"}, "pay-down,everywhere"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, _ := p.ParseFacts(tt.facts)
			d, err := p.Route(f, time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, rb := range d.Runbooks {
				ids = append(ids, rb.ID)
			}
			if got := strings.Join(ids, ","); got != tt.want {
				t.Errorf("runbooks = %s, want %s", got, tt.want)
			}
		})
	}
	if pir := p.Runbook("pir"); !pir.IsProcess() || !pir.AppliesTo(p, "login") || len(pir.DomainIDs(p)) != len(p.Domains) {
		t.Errorf("pir: process %v, domains %v", pir.IsProcess(), pir.DomainIDs(p))
	}
}

func TestRunbookScopeDiagnostics(t *testing.T) {
	src := routing + `
-- runbooks/nowhere.md --
---
id: nowhere
title: Nowhere
severities: [sev1]
owner: sre
summary: s
triage: [{id: scope, question: "How many?"}]
containment: c
checklist: {triage: [look]}
---
-- runbooks/typo.md --
---
id: typo
title: Typo
domains: [paymnts]
severities: [sev1]
owner: sre
summary: s
triage: [{id: scope, question: "How many?"}]
containment: c
checklist: {triage: [look]}
---
-- runbooks/process-without-triage.md --
---
id: handover
title: Handover
kind: process
owner: sre
summary: s
checklist: {triage: [hand over]}
---
`
	got := loadDiags(t, src).Error()
	for _, want := range []string{
		`pb/runbooks/nowhere.md:2:5: error[runbook-without-domain]: runbook nowhere names no domain`,
		`pb/runbooks/typo.md:4:11: error[unknown-domain]: unknown domain "paymnts" (did you mean "payments"?)`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "handover") {
		t.Errorf("a process page needs no domain, triage or containment:\n%s", got)
	}
}
