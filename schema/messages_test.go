package schema

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/escalator-dev/escalator/diag"
)

// Snippets start from a small valid document of their kind and add or replace keys.
const (
	team     = "id: payments-team\nname: Payments\nkind: engineering\nhours: 24x7\n"
	page     = "id: p\ntitle: T\n"
	vendor   = "id: v\nname: V\nservice: s\nowner: t\nsupport: {email: a@b.example}\n"
	matrix   = "severities: [{id: sev1, name: C, description: d, criteria: [], sla: {acknowledge: 5m, triage: 5m, contain: 5m, resolve: 5m, root_cause: 5m}, updates: {internal: 1h, customer: 1h}}]\ndomains: [{id: d, name: D, owner: t}]\n"
	runbook  = "id: r\ntitle: T\ndomain: d\nseverities: []\nowner: t\nsummary: s\ntriage: []\ncontainment: c\n"
	brief    = "id: b\ntitle: T\nkind: notes\ntarget: internal\nsummary: s\n"
	settings = "title: T\norganisation: O\ntime_zone: UTC\nreview_interval: 26w\n"
)

var messageTests = []struct {
	name string
	kind Kind
	src  string
	want []string // line:col: message (suggestion)
}{
	// Unknown keys: at the key, with the closest allowed key or the list of them.
	{"misspelt key at the top", Team, "id: t\nnmae: T\nkind: sre\nhours: 24x7\n",
		[]string{`2:1: unknown key "nmae" in team (did you mean "name"?)`}}, // not also "missing name"
	{"misspelt key in a nested mapping", Team, "id: t\nname: T\nkind: sre\nafter_hours: x\nhours: {time_zone: UTC, windws: [{days: mon, start: \"09:00\", end: \"10:00\"}]}\n",
		[]string{`5:25: unknown key "windws" in working hours (did you mean "windows"?)`}},
	{"misspelt key in a level", Team, team + "escalation:\n  levels:\n    - {name: L, after: 0m, tems: [x]}\n",
		[]string{`7:7: an escalation level needs at least one of members, channels, teams or schedules`, `7:28: unknown key "tems" in escalation level (did you mean "teams"?)`}},
	{"unknown key lists the allowed ones", Page, page + "colour: red\n",
		[]string{`3:1: unknown key "colour" in page (allowed keys: id, title, summary, order, section, owner, last_reviewed)`}},
	{"no suggestion of a key already there", Page, page + "titel: U\n",
		[]string{`3:1: unknown key "titel" in page (allowed keys: id, title, summary, order, section, owner, last_reviewed)`}},
	{"every unknown key is reported", Page, page + "a: 1\nb: 2\n",
		[]string{`3:1: unknown key "a" in page (allowed keys: id, title, summary, order, section, owner, last_reviewed)`, `4:1: unknown key "b" in page (allowed keys: id, title, summary, order, section, owner, last_reviewed)`}},

	// Missing keys: at the mapping, one each, with what the key is for.
	{"missing key at the top", Page, "id: p\n",
		[]string{`1:1: missing required key "title" (title: title of the page, shown in the navigation and as its heading)`}},
	{"missing keys in a nested mapping", Team, "id: t\nname: T\nkind: sre\nafter_hours: x\nhours:\n  windows: [{days: mon, start: \"09:00\"}]\n",
		[]string{`6:3: missing required key "time_zone" in working hours (time_zone: IANA time zone of the windows)`, `6:13: missing required key "end" in hours window (end: end time, HH:MM, excluded from the window; may be 24:00; an end not after the start crosses midnight)`}},
	{"after_hours is required with office hours", Team, "id: t\nname: T\nkind: sre\nhours: {time_zone: UTC, windows: [{days: mon-fri, start: \"09:00\", end: \"17:00\"}]}\n",
		[]string{`1:1: missing required key "after_hours" (after_hours: id of the team taking over outside hours; required when hours is not 24x7)`}},
	{"an sla target may be left out", Matrix, strings.Replace(matrix, ", root_cause: 5m", "", 1) + "facts: []\nroutes: []\n", nil},
	{"an sla target may be business days", Matrix, strings.Replace(matrix, "root_cause: 5m", "root_cause: 5bd", 1) + "facts: []\nroutes: []\n", nil},

	// Wrong types: named by key, what was expected and what was found.
	{"list where a duration goes", Team, team + "escalation:\n  levels:\n    - {name: L, after: [5m], teams: [x]}\n",
		[]string{`7:24: "after" must be a duration, not a list (use a number and a unit: 90s, 15m, 4h, 1h30m, 5d)`}},
	{"number where a string goes", Page, page + "summary: 404\n",
		[]string{`3:10: "summary" must be a string, not 404 (quote it: "404")`}},
	{"unquoted phone number", Team, team + "members: [{id: a, name: A, phone: +442079460011}]\n",
		[]string{`5:35: "phone" must be a phone number, not +442079460011 (quote it: "+442079460011")`}},
	{"quoted number", Page, page + "order: \"3\"\n",
		[]string{`3:8: "order" must be a whole number, not "3" (remove the quotes)`}},
	{"quoted boolean", Brief, brief + "immediate: 'true'\nsections: [{id: s, title: S}]\n",
		[]string{`6:12: "immediate" must be true or false, not "true" (remove the quotes)`}},
	{"empty value", Page, "id: p\ntitle:\n",
		[]string{`2:7: "title" must be a string, not empty`}},
	{"fraction where a whole number goes", Page, page + "order: 1.5\n",
		[]string{`3:8: "order" must be a whole number, not 1.5`}},
	{"list item of the wrong type", Runbook, runbook + "checklist: {verify: [ok, [nested]]}\n",
		[]string{`9:26: item 2 of "verify" must be a text or a mapping, not a list`}},
	{"document that is not a mapping", Page, "- a\n- b\n",
		[]string{`1:1: page must be a mapping, not a list`}},

	// Enums and constants.
	{"misspelt enum", Team, "id: t\nname: T\nkind: sre\nhours: 24x7\nchannels: [{id: p, kind: pagr, address: x}]\n",
		[]string{`5:26: invalid kind "pagr" (did you mean "pager"?)`}},
	{"a team kind the schema does not know is left to check", Team, "id: t\nname: T\nkind: incident-command\nhours: 24x7\n", nil},
	{"enum in the wrong case", Team, "id: t\nname: T\nkind: SRE\nhours: 24x7\n",
		[]string{`3:7: invalid kind "SRE" (did you mean "sre"?)`}},
	{"enum far from any value", Matrix, strings.Replace(matrix, "owner: t}", "owner: t, stage: stable}", 1) + "facts: []\nroutes: []\n",
		[]string{`2:45: invalid stage "stable" (use one of: ga, beta, alpha, deprecated)`}},
	{"hours close to 24x7", Team, "id: t\nname: T\nkind: sre\nhours: 24/7\n",
		[]string{`4:8: invalid hours "24/7" (did you mean "24x7"?)`}},
	{"hours as some other string", Team, "id: t\nname: T\nkind: sre\nhours: always\n",
		[]string{`4:8: invalid hours "always" (use "24x7" or a mapping)`}},
	{"hours as a list", Team, "id: t\nname: T\nkind: sre\nhours: [mon-fri]\n",
		[]string{`4:8: "hours" must be "24x7" or a mapping, not a list`}},

	// Patterns.
	{"path in an id", Page, "id: ../x\ntitle: T\n",
		[]string{`1:5: invalid id "../x": ids are lowercase slugs like "payments-team" (did you mean "x"?)`}},
	{"capitals in a reference", Page, page + "owner: Payments Team\n",
		[]string{`3:8: invalid id "Payments Team": ids are lowercase slugs like "payments-team" (did you mean "payments-team"?)`}},
	{"bad fact id in a condition, at the key", Matrix, matrix + "facts: []\nroutes: [{name: r, to: t, when: {Domain: payments}}]\n",
		[]string{`4:34: invalid id "Domain": ids are lowercase slugs like "payments-team" (did you mean "domain"?)`}},
	{"duration with a space", Team, team + "escalation: {levels: [{name: L, after: 5 min, teams: [x]}]}\n",
		[]string{`5:40: invalid duration "5 min" (use a number and a unit: 90s, 15m, 4h, 1h30m, 5d)`}},
	{"date without zero padding", Page, page + "last_reviewed: 2026-9-1\n",
		[]string{`3:16: invalid date "2026-9-1" (use YYYY-MM-DD, e.g. 2026-09-01)`}},
	{"date that does not exist", Page, page + "last_reviewed: 2026-02-30\n",
		[]string{`3:16: invalid date "2026-02-30": there is no such day`}},
	{"time without a leading zero", Team, "id: t\nname: T\nkind: sre\nafter_hours: x\nhours: {time_zone: UTC, windows: [{days: mon-fri, start: \"8:00\", end: \"24:00\"}]}\n",
		[]string{`5:58: invalid time "8:00" (use HH:MM from 00:00 to 23:59, e.g. "08:00")`}},
	{"start at 24:00, end after it", Team, "id: t\nname: T\nkind: sre\nafter_hours: x\nhours: {time_zone: UTC, windows: [{days: mon-fri, start: \"24:00\", end: \"24:30\"}]}\n",
		[]string{`5:58: invalid time "24:00" (use HH:MM from 00:00 to 23:59, e.g. "08:00")`, `5:72: invalid time "24:30" (use HH:MM from 00:00 to 24:00, e.g. "18:00")`}},
	{"days with spaces and full names", Team, "id: t\nname: T\nkind: sre\nafter_hours: x\nhours:\n  time_zone: UTC\n  windows:\n    - {days: 'mon, wed', start: \"09:00\", end: \"17:00\"}\n    - {days: monday-friday, start: \"09:00\", end: \"17:00\"}\n",
		[]string{
			`8:14: invalid days "mon, wed" (use a range like mon-fri or a list like mon,wed,fri; day names are mon, tue, wed, thu, fri, sat, sun)`,
			`9:14: invalid days "monday-friday" (use a range like mon-fri or a list like mon,wed,fri; day names are mon, tue, wed, thu, fri, sat, sun)`,
		}},
	{"time zone with spaces", Playbook, "title: T\norganisation: O\ntime_zone: Europe/New York\nreview_interval: 26w\n",
		[]string{`3:12: invalid time zone "Europe/New York" (use an IANA zone name such as Europe/London or UTC)`}},
	{"phone number in a sentence", Vendor, "id: v\nname: V\nservice: s\nowner: t\nsupport: {phone: \"call bob, ext. 12\"}\n",
		[]string{`5:18: invalid phone number "call bob, ext. 12" (use international format, e.g. +44 20 7946 0011)`}},
	{"email without an at", Team, team + "members: [{id: a, name: A, email: amara.example.com}]\n",
		[]string{`5:35: invalid email address "amara.example.com" (use an address like oncall@example.com)`}},
	{"url without a scheme", Vendor, vendor + "status_page: status.example.com\n",
		[]string{`6:14: invalid URL "status.example.com" (use an absolute URL starting with https:// or http://)`}},
	{"uptime without a percent sign", Vendor, vendor + "sla: {uptime: 99.95}\n",
		[]string{`6:15: "uptime" must be a percentage, not 99.95 (write a percentage like 99.95%)`}},
	{"test time with a space", Matrix, matrix + "facts: []\nroutes: []\ntests: [{name: t, given: {}, at: 2026-03-01 03:00, expect: {team: t}}]\n",
		[]string{`5:34: invalid timestamp "2026-03-01 03:00" (use RFC 3339 like 2026-03-01T03:00:00Z, or 2026-03-01T03:00 in the playbook's time zone)`}},

	// Alternatives collapse to one message.
	{"condition as a mapping", Matrix, matrix + "facts: []\nroutes: [{name: r, to: t, when: {domain: {is: payments}}}]\n",
		[]string{`4:42: "domain" must be a comparison, a single value or a list of values, not a mapping`}},
	{"condition list with a mapping", Matrix, matrix + "facts: []\nroutes: [{name: r, to: t, when: {domain: [a, {b: c}]}}]\n",
		[]string{`4:46: item 2 of "domain" must be a single value, not a mapping`}},
	{"given value as a list", Matrix, matrix + "facts: []\nroutes: []\ntests: [{name: t, given: {domain: [a]}, expect: {team: t}}]\n",
		[]string{`5:35: "domain" must be a single value, not a list`}},
	{"level with nobody to page", Team, team + "escalation:\n  levels:\n    - {name: L, after: 0m}\n",
		[]string{`7:7: an escalation level needs at least one of members, channels, teams or schedules`}},
	{"vendor support without a contact", Vendor, "id: v\nname: V\nservice: s\nowner: t\nsupport: {hours: 24x7}\n",
		[]string{`5:10: vendor support needs at least one of phone, email or portal`}},
	{"choice fact without answers", Matrix, matrix + "facts: [{id: f, question: q, type: choice}]\nroutes: []\n",
		[]string{`3:9: a choice fact needs exactly one of options or from`}},
	{"choice fact with both", Matrix, matrix + "facts: [{id: f, question: q, type: choice, options: [a], from: domains}]\nroutes: []\n",
		[]string{`3:9: a choice fact needs exactly one of options or from`}},
	{"options on a number fact", Matrix, matrix + "facts: [{id: f, question: q, type: number, options: [a]}]\nroutes: []\n",
		[]string{`3:44: options are only for choice facts`}},
	{"choice field without options", Brief, brief + "sections: [{id: s, title: S, fields: [{id: f, label: F, type: choice}]}]\n",
		[]string{`6:39: missing required key "options" in brief field (options: the possible answers of a choice field)`}},

	// Counts and ranges.
	{"empty levels", Team, team + "escalation: {levels: []}\n",
		[]string{`5:22: "levels" needs at least 1 item`}},
	{"no severities", Matrix, "severities: []\ndomains: [{id: d, name: D, owner: t}]\nfacts: []\nroutes: []\n",
		[]string{`1:13: "severities" needs at least 1 item`}},
	{"empty expectation", Matrix, matrix + "facts: []\nroutes: []\ntests: [{name: t, given: {}, expect: {}}]\n",
		[]string{`5:38: "expect" needs at least 1 key (allowed keys: team, severity, notified, immediate, oncall)`}},
	{"empty checklist", Runbook, runbook + "checklist: {}\n",
		[]string{`9:12: "checklist" needs at least 1 key (allowed keys: triage, contain, remediate, verify, communicate)`}},
	{"repeat out of range", Team, team + "escalation: {repeat: 7, levels: [{name: L, after: 0m, teams: [x]}]}\n",
		[]string{`5:22: "repeat" must be between 0 and 5, not 7`}},
	// Bounds hold whatever the number's size: beyond 2^53 a float is not exact, and the
	// fast path once skipped the bound there.
	{"repeat of 2^53+1", Team, team + "escalation: {repeat: 9007199254740993, levels: [{name: L, after: 0m, teams: [x]}]}\n",
		[]string{`5:22: "repeat" must be between 0 and 5, not 9007199254740993`}},
	{"repeat of -2^63", Team, team + "escalation: {repeat: -9223372036854775808, levels: [{name: L, after: 0m, teams: [x]}]}\n",
		[]string{`5:22: "repeat" must be between 0 and 5, not -9223372036854775808`}},
	{"repeat of 2^64", Team, team + "escalation: {repeat: 18446744073709551616, levels: [{name: L, after: 0m, teams: [x]}]}\n",
		[]string{`5:22: "repeat" must be between 0 and 5, not 18446744073709551616`}},
	{"repeat of 1e400", Team, team + "escalation: {repeat: 1e400, levels: [{name: L, after: 0m, teams: [x]}]}\n",
		[]string{`5:22: "repeat" must be a whole number, not "1e400"`}},

	// What JSON cannot say: keys, tags, aliases.
	{"duplicate key", Page, "id: p\ntitle: T\nid: q\n",
		[]string{`3:1: duplicate key "id" (keep one of them)`}},
	{"number as a key", Matrix, matrix + "facts: []\nroutes: [{name: r, to: t, when: {2: x}}]\n",
		[]string{`4:34: mapping key 2 is a whole number, not a string (quote it: "2")`}},
	{"number as the first key", Page, "1: x\nid: p\n",
		[]string{`1:1: mapping key 1 is a whole number, not a string (quote it: "1")`, `1:1: missing required key "title" (title: title of the page, shown in the navigation and as its heading)`}},
	{"custom tag on a number", Page, page + "order: !env ORDER\n",
		[]string{`3:8: unsupported tag "!env"`}},
	{"list as a key", Page, page + "? [a]\n: b\n",
		[]string{`3:3: mapping keys must be strings, not a list`}},
	{"custom tag", Page, page + "summary: !env SUMMARY\n",
		[]string{`3:10: unsupported tag "!env"`}},
	{"tag that does not fit", Page, page + "order: !!int twelve\n",
		[]string{`3:8: cannot read "twelve" as a whole number`}},
	{"alias inside its own anchor", Page, "id: p\ntitle: T\nsummary: &s [*s]\n",
		[]string{`3:14: alias *s refers to the value that contains it (an anchored value cannot contain an alias of itself)`}},
	{"merged keys count", Team, "base: &b {kind: sre, hours: 24x7}\n", []string{
		`1:1: missing required key "hours" (hours: working hours: the string "24x7", or a mapping with time_zone and windows)`,
		`1:1: missing required key "id" (id: team id, e.g. payments-team)`,
		`1:1: missing required key "kind" (kind: what kind of team this is: built in (support-l1, support-l2, engineering, sre, security, product, customer-success, leadership, communications) or declared in playbook.yaml's team_kinds)`,
		`1:1: missing required key "name" (name: display name of the team, e.g. Payments)`,
		`1:1: unknown key "base" in team (allowed keys: id, name, kind, description, owner, last_reviewed, hours, after_hours, channels, members, escalation, schedules, dashboards, handle)`,
	}},
	{"a synonym group of one word", Playbook, settings + "synonyms: [[db, database], [sev1]]\n",
		[]string{`5:28: item 2 of "synonyms" needs at least 2 items`}},
	{"an empty synonym", Playbook, settings + "synonyms: [[db, \"\"]]\n",
		[]string{`5:17: item 2 of item 1 of "synonyms" must not be empty`}},
	{"merge key fills in", Team, "id: t\nname: T\n<<: {kind: sre, hours: 24x7}\n", nil},
	{"merge key: the mapping's own keys win", Team, "id: t\nname: T\nkind: sre\n<<: {kind: bogus, hours: 24x7}\n", nil},
	{"error inside a merged mapping is at its source", Team, "id: t\nname: T\n<<: {kind: sre, hours: 24x7, descripton: x}\n",
		[]string{`3:30: unknown key "descripton" in team (did you mean "description"?)`}},
	{"error inside an alias is at the anchor", Team, team + "channels:\n  - &c {id: c, kind: pager, address: x, colour: red}\nescalation: {levels: [{name: L, after: 0m, channels: [c]}]}\n",
		[]string{`6:41: unknown key "colour" in channel (allowed keys: id, kind, name, address, pin, note)`}},
	{"unquoted dates are dates", Page, page + "last_reviewed: 2026-09-01\n", nil},
	{"unquoted timestamps are timestamps", Matrix, matrix + "facts: []\nroutes: []\ntests: [{name: t, given: {}, at: 2026-03-01T03:00:00+01:00, expect: {team: t}}]\n", nil},
	{"empty document", Page, "", []string{`0:0: empty document (a page needs id, title)`}},
	{"document of comments", Team, "# nothing yet\n", []string{`0:0: empty document (a team needs id, name, kind, hours)`}},
}

func render(l diag.List) []string {
	var out []string
	for _, d := range l {
		s := fmt.Sprintf("%d:%d: %s", d.Line, d.Col, d.Message)
		if d.Suggestion != "" {
			s += " (" + d.Suggestion + ")"
		}
		out = append(out, s)
	}
	return out
}

func TestMessages(t *testing.T) {
	for _, tc := range messageTests {
		t.Run(tc.name, func(t *testing.T) {
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte(tc.src), &doc); err != nil {
				t.Fatal(err)
			}
			l := Validate("x.yaml", tc.kind, &doc)
			for _, d := range l {
				if d.File != "x.yaml" || d.Severity != diag.Error {
					t.Errorf("bad file or severity: %#v", d)
				}
			}
			got := render(l)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("source:\n%s\ngot:\n\t%s\nwant:\n\t%s", tc.src, strings.Join(got, "\n\t"), strings.Join(tc.want, "\n\t"))
			}
		})
	}
}

func TestAliasBomb(t *testing.T) {
	src := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for i, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		prev := string(rune('a' + i))
		src += fmt.Sprintf("%s: &%s [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n", name, name, prev, prev, prev, prev, prev, prev, prev, prev, prev, prev)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	l := Validate("bomb.yaml", Page, &doc)
	if el := time.Since(start); el > time.Second {
		t.Errorf("took %v", el)
	}
	if len(l) != 1 || !strings.HasPrefix(l[0].Message, "aliases expand to too many values") {
		t.Errorf("got %v", l)
	}
}

func TestDeepNesting(t *testing.T) {
	src := "id: p\ntitle: T\nsummary: " + strings.Repeat("[", 150) + strings.Repeat("]", 150) + "\n"
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	got := render(Validate("deep.yaml", Page, &doc))
	want := []string{"3:110: the document nests deeper than 100 levels"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %v, want %v", got, want)
	}
}
