package matrix

import (
	"strings"
	"testing"
	"time"
)

// raising is a playbook whose continue rules raise the severity that later rules read,
// and name briefs: "every Critical pages the incident commander" is written once.
const raising = `
-- playbook.yaml --
title: Test
organisation: Test Co
time_zone: Europe/London
review_interval: 180d
-- matrix.yaml --
severities:
  - {id: sev1, name: Critical, description: d, criteria: [c], sla: {acknowledge: 5m}, updates: {internal: 30m, customer: 1h}}
  - {id: sev2, name: High, description: d, criteria: [c], sla: {acknowledge: 15m}, updates: {internal: 1h, customer: 2h}}
  - {id: sev3, name: Medium, description: d, criteria: [c], sla: {acknowledge: 1h}, updates: {internal: 1d, customer: 1d}}
domains:
  - {id: payments, name: Payments, owner: eng}
facts:
  - {id: domain, question: "Where?", type: choice, from: domains}
  - {id: severity, question: "How bad?", type: choice, from: severities}
  - {id: customers, question: "How many?", type: number}
  - {id: money, question: "Money lost?", type: bool}
routes:
  - name: High before any raise
    when: {severity: sev2}
    to: eng
  - name: Critical before any raise
    when: {severity: sev1, money: false}
    to: eng
  - name: ten customers make it High
    when: {customers: ">= 10"}
    to: comms
    severity: sev2
    continue: true
    brief: status
  - name: money lost makes it Critical
    when: {money: true}
    to: lead
    severity: sev1
    continue: true
    brief: lead
  - name: every Critical tells the incident commander
    when: {severity: sev1}
    to: ic
    continue: true
    brief: lead
  - name: High payments after a raise
    when: {severity: sev2, domain: payments}
    to: eng
    brief: eng
  - name: Critical or High payments
    when: {domain: payments, severity: [sev1, sev2]}
    to: eng
    severity: sev3
    brief: eng
  - name: Medium payments
    when: {domain: payments, severity: sev3}
    to: support
  - name: default
    to: support
-- teams/eng.yaml --
{id: eng, name: Eng, kind: engineering, hours: 24x7}
-- teams/comms.yaml --
{id: comms, name: Comms, kind: communications, hours: 24x7}
-- teams/lead.yaml --
{id: lead, name: Lead, kind: leadership, hours: 24x7}
-- teams/ic.yaml --
{id: ic, name: IC, kind: sre, hours: 24x7}
-- teams/support.yaml --
{id: support, name: Support, kind: support-l2, hours: 24x7}
-- briefs/status.md --
---
{id: status, title: Status, kind: status-update, target: customers, summary: s, sections: [{id: a, title: A, fields: [{id: a, label: A, type: text}]}]}
---
-- briefs/lead.md --
---
{id: lead, title: Lead, kind: escalation, target: leadership, summary: s, sections: [{id: a, title: A, fields: [{id: a, label: A, type: text}]}]}
---
-- briefs/eng.md --
---
{id: eng, title: Eng, kind: escalation, target: engineering, summary: s, sections: [{id: a, title: A, fields: [{id: a, label: A, type: text}]}]}
---
`

func TestRaiseIsSeenByLaterRules(t *testing.T) {
	p, diags := Load(txtarFS(raising), "pb", Options{Run: RoutingTests | Audit, Now: now})
	if diags.HasErrors() {
		t.Fatalf("playbook has errors:\n%s", diags.Error())
	}
	// "High payments after a raise" is narrower than "High before any raise", but a raise
	// between them changes what it reads: it is not shadowed.
	if s := diags.Error(); strings.Contains(s, "can never match") {
		t.Errorf("a rule past a raise is reported shadowed:\n%s", s)
	}
	tests := []struct {
		name, facts         string
		rule, sev, raisedBy string
		notified, briefs    string
	}{
		{"no raise: the given tier decides", "domain=payments severity=sev3", "Medium payments", "sev3", "", "", ""},
		{"a raise to High reaches the High rule", "domain=payments severity=sev3 customers=12", "High payments after a raise", "sev2", "ten customers make it High", "comms", "eng status"},
		{"a raise to Critical pages the commander through the Critical rule", "domain=payments severity=sev3 money=true", "Critical or High payments", "sev1", "money lost makes it Critical", "lead ic", "eng lead"},
		{"two raises: the more severe wins, and the last raiser is named", "domain=payments severity=sev3 customers=12 money=true", "Critical or High payments", "sev1", "money lost makes it Critical", "comms lead ic", "eng status lead"},
		{"a raise never lowers: a deciding rule's sev3 leaves sev1", "domain=payments severity=sev1 money=true", "Critical or High payments", "sev1", "", "lead ic", "eng lead"},
		{"High as given is decided before the raise rules", "domain=payments severity=sev2 customers=12", "High before any raise", "sev2", "", "", ""},
		{"a rule before the raise reads the tier as given", "domain=payments severity=sev1 money=false customers=12", "Critical before any raise", "sev1", "", "", ""},
		{"no severity given: a raise gives one", "domain=payments customers=10", "High payments after a raise", "sev2", "ten customers make it High", "comms", "eng status"},
		{"no severity given and no raise: severity conditions do not hold", "domain=payments", "default", "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, errs := p.ParseFacts(strings.Fields(tt.facts))
			if len(errs) > 0 {
				t.Fatalf("facts: %v", errs)
			}
			d, err := p.Route(f, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			var sev, by string
			if d.Severity != nil {
				sev = d.Severity.ID
			}
			if d.RaisedBy != nil {
				by = d.RaisedBy.Name
			}
			var notified, briefs []string
			for _, n := range d.Notified {
				notified = append(notified, n.ID)
			}
			for _, b := range d.Briefs {
				briefs = append(briefs, b.ID)
			}
			got := []string{d.Rule.Name, sev, by, strings.Join(notified, " "), strings.Join(briefs, " ")}
			want := []string{tt.rule, tt.sev, tt.raisedBy, tt.notified, tt.briefs}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("got %q\nwant %q", got, want)
			}
			if len(d.Briefs) > 0 && d.Brief != d.Briefs[0] || len(d.Briefs) == 0 && d.Brief != nil {
				t.Errorf("Brief is %v, want the first of Briefs", d.Brief)
			}
			// Explain follows Route: the same rules match and the same one decides.
			var matched []string
			decided := ""
			for _, tr := range p.Explain(f) {
				if tr.Matched {
					matched = append(matched, tr.Rule.Name)
				}
				if tr.Decided {
					decided = tr.Rule.Name
				}
			}
			var want2 []string
			for _, r := range d.Matched {
				want2 = append(want2, r.Name)
			}
			if decided != d.Rule.Name || strings.Join(matched, "|") != strings.Join(want2, "|") {
				t.Errorf("explain matched %q deciding %q; route matched %q deciding %q", matched, decided, want2, d.Rule.Name)
			}
		})
	}
}

func TestExplainSaysWhichRuleRaised(t *testing.T) {
	p := loadOK(t, raising)
	f, errs := p.ParseFacts([]string{"domain=payments", "severity=sev3", "money=true"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var lines []string
	for _, tr := range p.Explain(f) {
		if !tr.Reached {
			continue
		}
		line := tr.Rule.Name
		if tr.Raised != nil {
			line += " raises " + tr.Raised.ID
		}
		for _, c := range tr.Conds {
			if c.Cond.Fact == "severity" {
				line += " reads " + c.Given
				if c.RaisedBy != nil {
					line += " from " + c.RaisedBy.Name
				}
			}
		}
		lines = append(lines, line)
	}
	want := []string{
		"High before any raise reads sev3",
		"Critical before any raise reads sev3",
		"ten customers make it High",
		"money lost makes it Critical raises sev1",
		"every Critical tells the incident commander reads sev1 from money lost makes it Critical",
		"High payments after a raise reads sev1 from money lost makes it Critical",
		"Critical or High payments reads sev1 from money lost makes it Critical",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("explain:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestSeenByRaisesOnlyAfterTheRaise(t *testing.T) {
	p := loadOK(t, raising)
	f, _ := p.ParseFacts([]string{"domain=payments", "severity=sev3", "customers=12"})
	for i, want := range []string{"sev3", "sev3", "sev3", "sev2", "sev2", "sev2", "sev2", "sev2", "sev2"} {
		if got, _ := p.SeenBy(f, p.Routes[i]).Get("severity"); got != want {
			t.Errorf("rule %d reads severity %s, want %s", i, got, want)
		}
	}
	if got, _ := f.Get("severity"); got != "sev3" {
		t.Errorf("SeenBy changed the facts: severity %s", got)
	}
}
