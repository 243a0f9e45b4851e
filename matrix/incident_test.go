package matrix

import (
	"strings"
	"testing"
	"time"
)

const goodIncident = `
-- incidents/inc-1.yaml --
id: inc-1
title: Card payments failing
facts: {domain: payments, customers: 4}
severity: sev2
opened: 2026-03-29T00:30
acknowledged: 2026-03-29T00:40
resolved: 2026-03-29T03:30
assigned_to: support
resolved_by: payments
reassignments:
  - {at: "2026-03-29T01:00:00Z", to: payments, by: Ann}
`

func TestIncidentLoads(t *testing.T) {
	p := loadOK(t, routing+goodIncident)
	if len(p.Incidents) != 1 {
		t.Fatalf("got %d incidents", len(p.Incidents))
	}
	inc := p.Incidents[0]
	// Local times are in the playbook's zone: the clocks went forward at 01:00 GMT.
	if got := inc.At.Resolved.Sub(inc.At.Opened); got != 2*time.Hour {
		t.Errorf("opened to resolved is %v, want 2h across the change to summer time", got)
	}
	if v, _ := inc.Given.Get("severity"); v != "sev2" {
		t.Errorf("severity fact is %q, want it filled in from severity", v)
	}
	if inc.Reassignments[0].Time.IsZero() {
		t.Error("reassignment instant not read")
	}
}

func TestIncidentDiagnostics(t *testing.T) {
	tests := []struct {
		name, edit, want string
	}{
		{"unknown team", "resolved_by: payments\n|resolved_by: paymnts\n", `pb/incidents/inc-1.yaml:9:14: error[unknown-team]: unknown team "paymnts" (did you mean "payments"?)`},
		{"unknown fact", "facts: {domain|facts: {domian", `pb/incidents/inc-1.yaml:3:9: error[unknown-fact]: unknown fact "domian" (did you mean "domain"?)`},
		{"bad choice", "domain: payments,|domain: paymnts,", `pb/incidents/inc-1.yaml:3:17: error[invalid-fact-value]: "paymnts" is not a valid domain (did you mean "payments"?; valid: payments, login)`},
		{"bad number", "customers: 4|customers: many", `pb/incidents/inc-1.yaml:3:38: error[invalid-fact-value]: fact "customers" is a number, not "many" (use a number such as 3)`},
		{"unknown severity", "severity: sev2|severity: sev9", `pb/incidents/inc-1.yaml:4:11: error[unknown-severity]: unknown severity "sev9" (did you mean "sev1"?)`},
		{"disagreeing severity", "customers: 4}|customers: 4, severity: sev1}", `pb/incidents/inc-1.yaml:4:11: error[severity-mismatch]: severity sev2 disagrees with the fact severity: sev1 (leave severity out of facts: the record's severity is the tier it was opened at)`},
		{"milestone before opening", "acknowledged: 2026-03-29T00:40|acknowledged: 2026-03-28T00:40", `pb/incidents/inc-1.yaml:6:15: error[before-opened]: acknowledged 2026-03-28T00:40 is before the incident opened (2026-03-29T00:30) (every milestone is at or after ` + "`opened`" + `; check the date and the time zone)`},
		{"impossible instant", "resolved: 2026-03-29T03:30|resolved: 2026-02-30T03:30", `pb/incidents/inc-1.yaml:7:11: error[invalid-instant]: cannot read the instant resolved "2026-02-30T03:30" (use RFC 3339 like 2026-03-01T03:00:00Z, or 2026-03-01T03:00 in the playbook's time zone)`},
		{"unknown key", "reassignments:|pri: x\nreassignments:", `pb/incidents/inc-1.yaml:10:1: error[unknown-key]: unknown key "pri" in incident (did you mean "pir"?)`},
		{"resolved_by while open", "resolved: 2026-03-29T03:30\n|", `pb/incidents/inc-1.yaml:8:14: error[resolved-by-unresolved]: resolved_by is set but the incident has no resolved instant`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old, repl, _ := strings.Cut(tt.edit, "|")
			src := routing + strings.Replace(goodIncident, old, repl, 1)
			got := loadDiags(t, src).Error()
			if !strings.Contains(got, tt.want) {
				t.Errorf("got\n%s\nwant a line starting\n%s", got, tt.want)
			}
		})
	}
}

// A playbook without incidents/ loads as before.
func TestNoIncidents(t *testing.T) {
	if p := loadOK(t, routing); p.Incidents != nil {
		t.Errorf("got %d incidents", len(p.Incidents))
	}
}
