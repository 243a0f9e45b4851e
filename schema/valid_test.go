package schema

import (
	"testing"

	"go.yaml.in/yaml/v3"
)

// validDocs holds one complete, valid document of each kind, using every key the format
// documents. They seed the fuzzer and the benchmark too.
var validDocs = map[Kind]string{
	Playbook: `# yaml-language-server: $schema=../schema/playbook.schema.json
title: Acme incident playbook
organisation: Acme Ltd
time_zone: Europe/London
review_interval: 26w
base_url: https://playbook.acme.example
description: How Acme escalates incidents.
synonyms: [[db, database], [sev1, critical]]
raw_html: false
`,
	Matrix: `severities:
  - id: sev1
    name: Critical
    description: Customers cannot pay.
    criteria: [All card payments fail]
    sla: {acknowledge: 5m, triage: 15m, contain: 1h, resolve: 4h, root_cause: 5d}
    updates: {internal: 30m, customer: 1h}
    roles: [incident-commander]
    actions: [Page the incident commander]
    color: red
domains:
  - id: payments
    name: Payments
    description: Card and wallet payments.
    owner: payments-team
    stage: ga
    vendors: [stripe]
facts:
  - {id: domain, question: "Which domain?", type: choice, from: domains, required: true}
  - {id: region, question: "Which region?", type: choice, options: [eu, us]}
  - {id: customers, question: "How many customers?", type: number, help: A rough count.}
  - {id: security, question: "Is it a security incident?", type: bool}
routes:
  - name: security goes to security at once
    when: {security: true}
    to: security-team
    also: [leadership]
    continue: false
    severity: sev1
    immediate: true
    runbooks: [suspected-breach]
    brief: security-escalation
  - name: big payments incidents
    when: {domain: payments, customers: ">= 100", region: [eu, us]}
    to: payments-team
  - name: default
    to: support-l2
owner: sre-team
last_reviewed: 2026-09-01
tests:
  - name: security is immediate
    given: {security: true}
    at: 2026-03-01T03:00:00Z
    expect: {team: security-team, severity: sev1, notified: [leadership], immediate: true}
  - name: local time
    given: {domain: payments, customers: 250}
    at: "2026-03-01T03:00"
    expect: {team: payments-team}
`,
	Team: `id: payments-team
name: Payments
kind: engineering
description: Owns card and wallet payments.
owner: sre-team
last_reviewed: 2026-09-01
hours:
  time_zone: Europe/London
  windows:
    - {days: mon-fri, start: "08:00", end: "18:00"}
    - {days: "sat,sun", start: "22:00", end: "24:00"}
after_hours: sre-oncall
channels:
  - {id: payments-pager, kind: pager, name: Payments pager, address: https://pager.example/payments}
  - {id: incidents, kind: chat, name: "#payments-incidents", address: "https://chat.example/payments", note: Post updates here}
members:
  - id: amara-okafor
    name: Amara Okafor
    role: Engineering manager
    phone: +44 20 7946 0011
    email: amara@example.com
    chat: "@amara"
    timezone: Europe/London
escalation:
  repeat: 1
  levels:
    - name: Primary on-call
      after: 0m
      members: [amara-okafor]
      channels: [payments-pager]
      teams: []
      while: unacknowledged
    - name: Leadership
      after: 1h30m
      teams: [leadership]
      while: unresolved
dashboards:
  - {name: Payments overview, url: "https://grafana.example/d/payments"}
`,
	Role: `id: incident-commander
name: Incident commander
summary: Leads the response and makes the decisions.
actions: [Declare the severity, Appoint a scribe]
handoff: Hand over in a call, never in chat.
owner: sre-team
last_reviewed: 2026-09-01
`,
	Runbook: `id: card-payments-failing
title: Card payments failing
domain: payments
severities: [sev1, sev2]
owner: payments-team
last_reviewed: 2026-09-01
summary: What to do when card payments fail.
triage:
  - {id: scope, question: "Which card schemes fail?", help: Check the dashboard.}
  - {id: since, question: "Since when?"}
alert: [support-l2]
dashboards:
  - {name: Payments overview, url: "https://grafana.example/d/payments"}
containment: The error rate is back under 1%.
checklist:
  triage: [Check the status page]
  contain: [Fail over to the backup acquirer]
  remediate: [Fix the cause]
  verify: [Watch the error rate]
  communicate: [Post a status update]
vendors: [stripe]
tags: [payments, cards]
`,
	Brief: `id: engineering-escalation
title: Escalation to engineering
kind: escalation
target: engineering
immediate: false
summary: What engineering needs to start.
owner: support-l2
last_reviewed: 2026-09-01
sections:
  - id: impact
    title: Impact
    help: Who is affected and how.
    fields:
      - {id: customers, label: Customers affected, type: number, required: true}
      - {id: started, label: Started at, type: datetime}
      - {id: scope, label: Scope, type: choice, options: [one customer, many customers]}
      - {id: details, label: Details, type: textarea, placeholder: What you saw, help: Be specific.}
      - {id: links, label: Links, type: list}
      - {id: confirmed, label: Confirmed, type: checkbox}
      - {id: summary, label: Summary}
`,
	Vendor: `id: stripe
name: Stripe
service: Card payments
owner: payments-team
support:
  phone: +1 888 926 2289
  email: support@stripe.example
  portal: https://support.stripe.example
  hours: 24x7
  account: acct_123
sla: {uptime: 99.99%, response: 1h, notes: Premium support.}
status_page: https://status.stripe.example
fallback: Switch to the backup acquirer.
last_reviewed: 2026-09-01
`,
	Holiday: `id: england
name: Bank holidays in England and Wales
description: From gov.uk.
owner: people-team
last_reviewed: 2026-09-01
dates:
  - {date: 2026-04-03, name: Good Friday}
  - {date: 12-25, name: Christmas Day}
`,
	Incident: `id: inc-2026-001
title: Card payments declined at the processor
facts: {domain: payments, customers: 12, security: false}
severity: sev2
severity_end: sev1
opened: 2026-03-01T03:00:00Z
acknowledged: 2026-03-01T03:04
triaged: 2026-03-01T03:10
contained: 2026-03-01T04:00
resolved: 2026-03-01T05:30
root_caused: 2026-03-03T10:00
assigned_to: support-l2
resolved_by: payments-eng
reassignments:
  - {at: 2026-03-01T03:20, to: payments-eng, by: Ana Silva, reason: processor errors}
commander: Ana Silva
pir: https://wiki.example.com/pir/2026-001
summary: The processor rejected every card.
`,
	Drill: `id: vendor-outage-night
title: Card payments fail on a Saturday night
summary: A vendor outage out of hours.
start: 2026-03-28T23:40
story: A merchant says every card is declined.
monitors: [Authorisation rate down to 2%]
vendor: paystream
facts: {domain: payments, severity: sev1, category: outage}
injects:
  - {at: 10m, text: The PayStream status page goes red., expect: Call PayStream support.}
objectives: [Page the payments on-call within 5 minutes]
key: {team: sre-oncall, severity: sev1, notified: [communications], oncall: amara-okafor, immediate: false}
owner: sre-oncall
last_reviewed: 2026-11-20
`,
	Page: `id: on-call-basics
title: On-call basics
summary: What every responder should know.
order: 1
owner: sre-team
last_reviewed: 2026-09-01
`,
}

func TestValidDocuments(t *testing.T) {
	for _, k := range Kinds() {
		t.Run(string(k), func(t *testing.T) {
			src, ok := validDocs[k]
			if !ok {
				t.Fatal("no valid document")
			}
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
				t.Fatal(err)
			}
			if l := Validate("doc.yaml", k, &doc); len(l) > 0 {
				t.Errorf("valid document has diagnostics:\n%v", l)
			}
			// The content node works as well as the document node.
			if l := Validate("doc.yaml", k, doc.Content[0]); len(l) > 0 {
				t.Errorf("content node has diagnostics:\n%v", l)
			}
		})
	}
}

func TestMinimalDocuments(t *testing.T) {
	min := map[Kind]string{
		Playbook: "title: T\norganisation: O\ntime_zone: UTC\nreview_interval: 180d\n",
		Matrix:   "severities: [{id: sev1, name: C, description: d, criteria: [], sla: {acknowledge: 5m, triage: 5m, contain: 5m, resolve: 5m, root_cause: 5m}, updates: {internal: 1h, customer: 1h}}]\ndomains: [{id: d, name: D, owner: t}]\nfacts: []\nroutes: []\n",
		Team:     "id: t\nname: T\nkind: sre\nhours: 24x7\n",
		Role:     "id: r\nname: R\nsummary: s\nactions: []\nhandoff: h\n",
		Runbook:  "id: r\ntitle: T\ndomain: d\nseverities: []\nowner: t\nsummary: s\ntriage: []\ncontainment: c\nchecklist: {verify: []}\n",
		Brief:    "id: b\ntitle: T\nkind: notes\ntarget: internal\nsummary: s\nsections: [{id: s, title: S}]\n",
		Vendor:   "id: v\nname: V\nservice: s\nowner: t\nsupport: {email: a@b.example}\n",
		Page:     "id: p\ntitle: T\n",
		Holiday:  "id: h\nname: H\ndates: []\n",
		Incident: "id: i\ntitle: T\nseverity: sev1\nopened: 2026-03-01T03:00\nassigned_to: t\n",
		Drill:    "id: d\ntitle: T\nstart: 2026-03-01T03:00\nstory: s\nfacts: {}\nkey: {team: t}\n",
	}
	for _, k := range Kinds() {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(min[k]), &doc); err != nil {
			t.Fatal(err)
		}
		if l := Validate("doc.yaml", k, &doc); len(l) > 0 {
			t.Errorf("%s: minimal document has diagnostics:\n%v", k, l)
		}
	}
}

// The loader validates files in parallel.
func TestValidateConcurrently(t *testing.T) {
	done := make(chan bool)
	for _, k := range Kinds() {
		go func() {
			var doc yaml.Node
			ok := yaml.Unmarshal([]byte(validDocs[k]+"bogus: 1\n"), &doc) == nil
			ok = ok && len(Validate("doc.yaml", k, &doc)) == 1
			done <- ok
		}()
	}
	for range Kinds() {
		if !<-done {
			t.Error("a concurrent validation went wrong")
		}
	}
}
