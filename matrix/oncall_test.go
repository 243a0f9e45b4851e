package matrix

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
)

// withFiles returns the txtar archive src with files replaced or added.
func withFiles(src string, files ...string) string {
	a := txtar.Parse([]byte(src))
	for i := 0; i+1 < len(files); i += 2 {
		name, data := files[i], []byte(strings.TrimPrefix(files[i+1], "\n"))
		found := false
		for j := range a.Files {
			if a.Files[j].Name == name {
				a.Files[j].Data, found = data, true
			}
		}
		if !found {
			a.Files = append(a.Files, txtar.File{Name: name, Data: data})
		}
	}
	return string(txtar.Format(a))
}

// sreOnCall is the routing fixture's SRE team with a schedule; line numbers matter to
// the diagnostics tests below.
const sreOnCall = `
id: sre
name: SRE
kind: sre
hours: 24x7
channels: [{id: pager, kind: pager, name: SRE pager, address: "sre@pager.example.com"}]
members:
  - {id: jo, name: Jo, phone: "+44 20 7946 0001"}
  - {id: kim, name: Kim, phone: "+1 202 555 0100"}
  - {id: eli, name: Eli, phone: "+61 2 5550 0000"}
schedules:
  - id: primary
    layers:
      - {members: [jo, kim, eli], shift: weekly, start: "2026-01-05T09:00"}
    overrides:
      - {from: "2026-12-24T18:00", until: "2026-12-27T09:00", member: payments/ann, note: Christmas}
escalation:
  levels:
    - {name: Primary, after: 0m, schedules: [primary]}
    - {name: Secondary, after: 5m, schedules: [primary], offset: 1}
`

func TestScheduleDiagnostics(t *testing.T) {
	cases := []struct {
		name, from, to, want string
	}{
		{"unknown member in a layer", "members: [jo, kim, eli]", "members: [jo, kimm, eli]",
			`pb/teams/sre.yaml:13:24: error[unknown-member]: team sre has no member "kimm" (did you mean "kim"?)`},
		{"a layer with no members", "members: [jo, kim, eli]", "members: []",
			`pb/teams/sre.yaml:13:9: error[empty-layer]: layer 1 of schedule primary has no members (list member ids of team sre in turn order, e.g. ` + "`members: [jo, kim]`)"},
		{"unknown team in an override", "member: payments/ann", "member: paymnts/ann",
			`pb/teams/sre.yaml:15:71: error[unknown-team]: unknown team "paymnts" in override member "paymnts/ann" (did you mean "payments"?)`},
		{"unknown member of another team in an override", "member: payments/ann", "member: payments/anne",
			`pb/teams/sre.yaml:15:71: error[unknown-member]: team payments has no member "anne" (did you mean "ann"?)`},
		{"unknown member of the team in an override", "member: payments/ann", "member: joe",
			`pb/teams/sre.yaml:15:71: error[unknown-member]: team sre has no member "joe" (did you mean "jo"? or write team/member for another team's member)`},
		{"unknown schedule in a level", "offset: 1}", "offset: 1}\n    - {name: Third, after: 10m, schedules: [primry]}",
			`pb/teams/sre.yaml:20:45: error[unknown-schedule]: team sre has no schedule "primry" (did you mean "primary"?)`},
		{"offset without a schedule", "schedules: [primary], offset: 1}", "members: [jo], offset: 1}",
			`pb/teams/sre.yaml:19:59: error[offset-without-schedule]: level "Secondary" has offset 1 but pages no schedule (add ` + "`schedules: [id]`, or remove offset)"},
		{"an override that ends before it starts", `until: "2026-12-27T09:00"`, `until: "2026-12-23T09:00"`,
			`pb/teams/sre.yaml:15:43: error[override-range]: override ends at 2026-12-23T09:00, not after it starts at 2026-12-24T18:00 (swap from and until, or correct the dates)`},
		{"overlapping overrides", "note: Christmas}", "note: Christmas}\n      - {from: \"2026-12-26T09:00\", until: \"2026-12-28T09:00\", member: kim}",
			`pb/teams/sre.yaml:16:9: error[overlapping-override]: override overlaps another of schedule primary (overrides of one schedule must not overlap: end one where the other starts)
pb/teams/sre.yaml:15:9: note: the override it overlaps`},
		{"a restriction whose start equals its end", `start: "2026-01-05T09:00"}`, `start: "2026-01-05T09:00", restrict: [{days: mon-fri, start: "09:00", end: "09:00"}]}`,
			`pb/teams/sre.yaml:13:88: error[empty-window]: window 09:00-09:00 starts where it ends (for a whole day write start: "00:00", end: "24:00"; otherwise correct one of the times)`},
		{"an unknown zone", `start: "2026-01-05T09:00"}`, `start: "2026-01-05T09:00", time_zone: Europe/Londn}`,
			`pb/teams/sre.yaml:13:88: error[unknown-zone]: unknown time zone "Europe/Londn" (did you mean "Europe/London"?)`},
		{"a start that is no date", `start: "2026-01-05T09:00"}`, `start: "2026-02-30T09:00"}`,
			`pb/teams/sre.yaml:13:57: error[invalid-instant]: cannot read start "2026-02-30T09:00" (write the first handoff as YYYY-MM-DDTHH:MM, e.g. 2026-01-05T09:00)`},
		{"a duplicate schedule id", "note: Christmas}", "note: Christmas}\n  - {id: primary, layers: [{members: [jo], shift: daily, start: \"2026-01-05T09:00\"}]}",
			`pb/teams/sre.yaml:16:10: error[duplicate-id]: duplicate schedule id "primary" (ids are unique within their kind)
pb/teams/sre.yaml:11:9: note: first defined here`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			team := strings.Replace(sreOnCall, c.from, c.to, 1)
			if team == sreOnCall {
				t.Fatalf("%q is not in the fixture", c.from)
			}
			diags := loadDiags(t, withFiles(routing, "teams/sre.yaml", team))
			if !strings.Contains(diags.Error(), c.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", diags.Error(), c.want)
			}
		})
	}
}

func TestHoursWindowStartEqualsEnd(t *testing.T) {
	src := withFiles(routing, "teams/product.yaml", `
id: product
name: Product
kind: product
hours:
  time_zone: Europe/London
  windows: [{days: mon-fri, start: "09:00", end: "09:00"}]
after_hours: support
channels: [{id: mail, kind: email, name: Product, address: "mailto:product@example.com"}]
`)
	want := `pb/teams/product.yaml:6:13: error[empty-window]: window 09:00-09:00 starts where it ends`
	if d := loadDiags(t, src).Error(); !strings.Contains(d, want) {
		t.Errorf("diagnostics:\n%s\nwant %s", d, want)
	}
}

func TestOnCall(t *testing.T) {
	p := loadOK(t, withFiles(routing, "teams/sre.yaml", sreOnCall))
	sre := p.Team("sre")
	s := sre.Schedule("primary")
	at := func(v string) time.Time { tt, _ := time.Parse(time.RFC3339, v); return tt }
	cases := []struct {
		name   string
		at     string
		offset int
		who    string
		until  string
		next   string
	}{
		{"the first week", "2026-01-05T09:00:00Z", 0, "jo", "2026-01-12T09:00:00Z", "kim"},
		{"offset 1 is next week's", "2026-01-05T09:00:00Z", 1, "kim", "2026-01-12T09:00:00Z", "eli"},
		{"another team's member by override", "2026-12-25T09:00:00Z", 0, "ann", "2026-12-27T09:00:00Z", "eli"},
		{"before the start", "2026-01-01T00:00:00Z", 0, "", "2026-01-05T09:00:00Z", "jo"},
	}
	for _, c := range cases {
		oc := p.OnCall(sre, s, at(c.at), c.offset)
		who, next := "", ""
		if oc.Person != nil {
			who = oc.Person.Member.ID
		}
		if oc.Next != nil {
			next = oc.Next.Member.ID
		}
		if who != c.who || !oc.Until.Equal(at(c.until)) || next != c.next {
			t.Errorf("%s: %q until %s then %q; want %q until %s then %q", c.name, who, oc.Until, next, c.who, c.until, c.next)
		}
	}
	if oc := p.OnCall(sre, s, at("2026-12-25T09:00:00Z"), 0); oc.Override == nil || oc.Override.Note != "Christmas" || oc.Person.Team.ID != "payments" {
		t.Errorf("override: %+v", oc)
	}
	shifts := p.Shifts(sre, s, at("2026-12-21T09:00:00Z"), at("2026-12-28T09:00:00Z"))
	if len(shifts) != 3 || shifts[1].Person.Member.ID != "ann" || shifts[0].Person.Member.ID != shifts[2].Person.Member.ID {
		t.Errorf("Shifts over Christmas: %+v", shifts)
	}
	if r, ok := p.ScheduleRules(s); !ok || len(r.Layers) != 1 || r.Layers[0].TimeZone != "Europe/London" {
		t.Errorf("ScheduleRules: the 24x7 team's schedule should read the playbook's zone: %+v", r)
	}
}

func names(ocs []OnCall) string {
	var out []string
	for _, oc := range ocs {
		who := "nobody"
		if oc.Person != nil {
			who = oc.Person.Member.ID
		}
		out = append(out, who)
	}
	return strings.Join(out, ",")
}

// Each level's schedules and teams are resolved at the level's own instant.
func TestRouteResolvesLevelsAtTheirInstant(t *testing.T) {
	team := strings.Replace(sreOnCall, "offset: 1}", "offset: 1}\n    - {name: Identity, after: 15m, teams: [identity]}", 1)
	p := loadOK(t, withFiles(routing, "teams/sre.yaml", team))
	f, _ := p.ParseFacts([]string{"domain=payments", "severity=sev1"})
	// Monday 12 January, 08:58 in London: jo hands over to kim at 09:00, so the
	// secondary (offset 1) at 09:03 is eli. Identity (New York) is closed at T+15m in
	// both cases: payments covers at 09:13 London, SRE at 23:05.
	cases := []struct {
		name                  string
		at                    string
		owner, level1, level2 string
		teams, offHours       string
	}{
		{"a handoff between two levels", "2026-01-12T08:58:00Z", "jo", "jo", "eli", "payments", "identity"},
		{"a team that closes before its level", "2026-01-12T22:50:00Z", "kim", "kim", "eli", "sre", "identity"},
	}
	for _, c := range cases {
		at, _ := time.Parse(time.RFC3339, c.at)
		d, err := p.Route(f, at)
		if err != nil {
			t.Fatal(err)
		}
		if d.Owner.ID != "sre" || d.OnCall == nil || d.OnCall.Person.Member.ID != c.owner {
			t.Errorf("%s: owner %s on call %+v, want sre with %s", c.name, d.Owner.ID, d.OnCall, c.owner)
		}
		if got := names(d.Handoffs[0].OnCall); got != c.level1 {
			t.Errorf("%s: level 1 pages %s, want %s", c.name, got, c.level1)
		}
		if got := names(d.Handoffs[1].OnCall); got != c.level2 {
			t.Errorf("%s: level 2 (offset 1) pages %s, want %s", c.name, got, c.level2)
		}
		h := d.Handoffs[2]
		var teams, off []string
		for _, x := range h.Teams {
			teams = append(teams, x.ID)
		}
		for _, x := range h.TeamsOffHours {
			off = append(off, x.ID)
		}
		if strings.Join(teams, ",") != c.teams || strings.Join(off, ",") != c.offHours {
			t.Errorf("%s: level 3 pages %v (for %v), want %s (for %s)", c.name, teams, off, c.teams, c.offHours)
		}
	}
}

// repeat follows PagerDuty's num_loops: after the last level's delay (here the gap
// between the two levels) the chain starts again from its first level.
func TestRepeatTwoLevelsTwoLoops(t *testing.T) {
	team := `
id: sre
name: SRE
kind: sre
hours: 24x7
channels: [{id: pager, kind: pager, name: SRE pager, address: "sre@pager.example.com"}]
members: [{id: jo, name: Jo, phone: "+44 20 7946 0001"}, {id: kim, name: Kim, phone: "+1 202 555 0100"}]
escalation:
  repeat: 2
  levels:
    - {name: First, after: 0m, members: [jo]}
    - {name: Second, after: 10m, members: [kim]}
`
	p := loadOK(t, withFiles(routing, "teams/sre.yaml", team))
	start := time.Date(2026, 1, 12, 3, 0, 0, 0, time.UTC)
	var got []string
	for _, h := range p.Handoffs(p.Team("sre"), start) {
		got = append(got, fmt.Sprintf("%d.%d %s %s", h.Round, h.Level, h.At.Format("15:04"), h.Members[0].ID))
	}
	want := "0.1 03:00 jo|0.2 03:10 kim|1.1 03:20 jo|1.2 03:30 kim|2.1 03:40 jo|2.2 03:50 kim"
	if strings.Join(got, "|") != want {
		t.Errorf("handoffs:\n%s\nwant:\n%s", strings.Join(got, "|"), want)
	}
}

func TestRepeatWithOnlyUnresolvedLevels(t *testing.T) {
	team := strings.Replace(sreOnCall, `escalation:
  levels:
    - {name: Primary, after: 0m, schedules: [primary]}
    - {name: Secondary, after: 5m, schedules: [primary], offset: 1}`, `escalation:
  repeat: 1
  levels:
    - {name: Primary, after: 0m, schedules: [primary], while: unresolved}`, 1)
	want := "pb/teams/sre.yaml:17:3: warning[chain-repeat]: the escalation chain of sre repeats 1 times, but every level waits for resolution and fires once"
	if d := loadDiags(t, withFiles(routing, "teams/sre.yaml", team)).Error(); !strings.Contains(d, want) {
		t.Errorf("diagnostics:\n%s\nwant %s", d, want)
	}
}

func TestRoutingTestExpectsOnCall(t *testing.T) {
	src := withFiles(routing, "teams/sre.yaml", sreOnCall)
	src = strings.Replace(src, "  - name: default\n    to: support\n", `  - name: default
    to: support
tests:
  - name: Christmas night
    given: {domain: payments, severity: sev1}
    at: 2026-12-25T03:00:00Z
    expect: {team: sre, oncall: ann}
  - name: a wrong guess
    given: {domain: payments, severity: sev1}
    at: 2026-12-29T03:00:00Z
    expect: {oncall: eli}
`, 1)
	d := loadDiags(t, src).Error()
	if strings.Contains(d, "Christmas night") || !strings.Contains(d, `routing test "a wrong guess" failed: expected eli on call, got jo`) {
		t.Errorf("diagnostics:\n%s", d)
	}
}

// productTeam is a team in office hours (09:00-17:30 weekdays, London) whose one level
// pages a daily rotation restricted to weekdays from start to end.
func productTeam(start, end string) string {
	return `
id: product
name: Product
kind: product
hours:
  time_zone: Europe/London
  windows: [{days: mon-fri, start: "09:00", end: "17:30"}]
after_hours: support
channels: [{id: mail, kind: email, name: Product, address: "mailto:product@example.com"}]
members: [{id: pat, name: Pat}, {id: sam, name: Sam}]
schedules:
  - id: product-duty
    layers: [{members: [pat, sam], shift: daily, start: "2026-01-05T10:00", restrict: [{days: mon-fri, start: "` + start + `", end: "` + end + `"}]}]
escalation:
  levels:
    - {name: Duty, after: 0m, schedules: [product-duty]}
    - {name: Lead, after: 5m, members: [sam]}
`
}

func TestScheduleAudit(t *testing.T) {
	// now (the audit's instant) is Monday 23 November 2026, 12:00 UTC.
	cases := []struct {
		name  string
		files []string
		want  string
	}{
		{"a 24x7 team's schedule with a night gap", []string{"teams/sre.yaml",
			strings.Replace(sreOnCall, `start: "2026-01-05T09:00"}`, `start: "2026-01-05T09:00", restrict: [{days: mon-fri, start: "09:00", end: "17:00"}]}`, 1)},
			`pb/teams/sre.yaml:18:46: warning[level-gap]: level "Primary" of team sre pages schedule primary, which has nobody on duty in its 24x7 hours from Mon 23 Nov 17:00 GMT to Tue 24 Nov 09:00 GMT (the first gap in the 4 weeks from 23 Nov 2026), so the level pages nobody then`},
		{"a level with an offset counts from the layers", []string{"teams/sre.yaml",
			strings.Replace(sreOnCall, `start: "2026-01-05T09:00"}`, `start: "2026-01-05T09:00", restrict: [{days: mon-fri, start: "09:00", end: "17:00"}]}`, 1)},
			`pb/teams/sre.yaml:19:48: warning[level-gap]: level "Secondary" of team sre pages schedule primary, which has nobody on duty in its 24x7 hours from Mon 23 Nov 17:00 GMT`},
		{"a level with other targets still pages them", []string{"teams/sre.yaml",
			strings.Replace(strings.Replace(sreOnCall, `start: "2026-01-05T09:00"}`, `start: "2026-01-05T09:00", restrict: [{days: mon-fri, start: "09:00", end: "17:00"}]}`, 1),
				"{name: Primary, after: 0m, schedules: [primary]}", "{name: Primary, after: 0m, schedules: [primary], members: [jo]}", 1)},
			`warning[level-gap]: level "Primary" of team sre pages schedule primary, which has nobody on duty in its 24x7 hours from Mon 23 Nov 17:00 GMT to Tue 24 Nov 09:00 GMT (the first gap in the 4 weeks from 23 Nov 2026), so only the level's other targets are paged then`},
		{"a level in a team's hours: a gap out of hours is no hole", []string{"teams/product.yaml", productTeam("09:00", "17:30")}, `!level "Duty"`},
		{"a level in a team's hours: a gap in them is", []string{"teams/product.yaml", productTeam("10:00", "17:30")},
			`pb/teams/product.yaml:15:43: warning[level-gap]: level "Duty" of team product pages schedule product-duty, which has nobody on duty in its hours from Tue 24 Nov 09:00 GMT to Tue 24 Nov 10:00 GMT`},
		{"a team's own hours not covered", []string{"teams/product.yaml", `
id: product
name: Product
kind: product
hours:
  time_zone: Europe/London
  windows: [{days: mon-fri, start: "09:00", end: "17:30"}]
after_hours: support
channels: [{id: mail, kind: email, name: Product, address: "mailto:product@example.com"}]
members: [{id: pat, name: Pat}, {id: sam, name: Sam}]
schedules:
  - id: product-duty
    layers: [{members: [pat, sam], shift: daily, start: "2026-01-05T10:00", restrict: [{days: mon-fri, start: "10:00", end: "17:30"}]}]
`}, "pb/teams/product.yaml:11:5: warning[schedule-gap]: schedule product-duty of team product leaves its hours uncovered from Tue 24 Nov 09:00 GMT to Tue 24 Nov 10:00 GMT"},
		{"one person holds a whole schedule", []string{"teams/sre.yaml",
			strings.Replace(sreOnCall, "members: [jo, kim, eli]", "members: [jo]", 1)},
			"pb/teams/sre.yaml:11:5: warning[on-call-share]: sre/jo holds 100% of the on-call hours of schedule primary in the 4 weeks from 23 Nov 2026, above the playbook's 50% (add people to the rotation, or set oncall_max_share in playbook.yaml if this is intended)"},
		{"a person on duty in two schedules", []string{"teams/sre.yaml", sreOnCall, "teams/support.yaml", `
id: support
name: Support
kind: support-l2
hours: 24x7
channels: [{id: queue, kind: ticket, name: L2 queue, address: "L2"}]
members: [{id: lee, name: Lee}, {id: max, name: Max}]
schedules:
  - id: queue
    layers: [{members: [lee, max], shift: daily, start: "2026-01-05T09:00"}]
    overrides: [{from: "2026-11-24T09:00", until: "2026-11-24T12:00", member: sre/kim}]
`}, "pb/teams/support.yaml:8:5: warning[double-booked]: sre/kim is on duty in two schedules at once, sre/primary and support/queue, from Tue 24 Nov 09:00 GMT to Tue 24 Nov 12:00 GMT"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := loadDiags(t, withFiles(routing, c.files...)).Error()
			if absent, ok := strings.CutPrefix(c.want, "!"); ok {
				if strings.Contains(d, absent) {
					t.Errorf("diagnostics:\n%s\nwant none with %q", d, absent)
				}
				return
			}
			if !strings.Contains(d, c.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", d, c.want)
			}
		})
	}
	// The playbook's own setting raises the share.
	src := withFiles(routing, "teams/sre.yaml", strings.Replace(sreOnCall, "members: [jo, kim, eli]", "members: [jo]", 1))
	src = strings.Replace(src, "review_interval: 180d\n", "review_interval: 180d\noncall_max_share: 100\n", 1)
	if d := loadDiags(t, src).Error(); strings.Contains(d, "holds 100%") {
		t.Errorf("oncall_max_share: 100 still warns:\n%s", d)
	}
}

func TestParseLocalInstant(t *testing.T) {
	lon, _ := time.LoadLocation("Europe/London")
	cases := []struct {
		in, want, err string
	}{
		{"2026-03-29T00:59", "2026-03-29T00:59:00Z", ""},
		{"2026-03-29T02:00", "2026-03-29T01:00:00Z", ""},
		{"2026-03-29T01:30", "", "2026-03-29T01:30 does not exist in Europe/London: the clocks go from 01:00 GMT to 02:00 BST (write 2026-03-29T02:00, or an RFC 3339 instant)"},
		{"2026-10-25T01:30", "2026-10-25T00:30:00Z", ""}, // the first of the two
		{"2026-10-25T01:30:00Z", "2026-10-25T01:30:00Z", ""},
		{"2026-13-01T00:00", "", `cannot read the instant "2026-13-01T00:00"`},
	}
	for _, c := range cases {
		got, err := ParseLocalInstant(c.in, lon)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("%s: error %v, want %s", c.in, err, c.err)
			}
			continue
		}
		if err != nil || got.UTC().Format(time.RFC3339) != c.want {
			t.Errorf("%s = %s, %v; want %s", c.in, got.UTC().Format(time.RFC3339), err, c.want)
		}
	}
}

func TestHolidays(t *testing.T) {
	product := `
id: product
name: Product
kind: product
hours:
  time_zone: Europe/London
  windows: [{days: mon-fri, start: "09:00", end: "17:30"}]
  closed: [2026-06-01]
  holidays: [england]
after_hours: support
channels: [{id: mail, kind: email, name: Product, address: "mailto:product@example.com"}]
`
	cal := `
id: england
name: England
dates:
  - {date: 12-25, name: Christmas Day}
  - {date: 2026-04-03, name: Good Friday}
`
	p := loadOK(t, withFiles(routing, "teams/product.yaml", product, "holidays/england.yaml", cal))
	f, _ := p.ParseFacts([]string{"category=feature-gap", "domain=login", "severity=sev3"})
	cases := []struct {
		name, at, want string
	}{
		{"an ordinary Friday", "2026-04-10T10:00:00Z", "product"},
		{"a dated holiday", "2026-04-03T10:00:00Z", "support"},
		{"a yearly holiday, in another year", "2031-12-25T10:00:00Z", "support"},
		{"a closed date", "2026-06-01T10:00:00Z", "support"},
		{"the day after", "2026-06-02T10:00:00Z", "product"},
	}
	for _, c := range cases {
		at, _ := time.Parse(time.RFC3339, c.at)
		d, err := p.Route(f, at)
		if err != nil || d.Owner.ID != c.want {
			t.Errorf("%s: owner %v (%v), want %s", c.name, d.Owner.ID, err, c.want)
		}
	}
	bad := strings.Replace(product, "holidays: [england]", "holidays: [englnd]", 1)
	d := loadDiags(t, withFiles(routing, "teams/product.yaml", bad, "holidays/england.yaml", strings.Replace(cal, "12-25", "02-30", 1))).Error()
	for _, want := range []string{
		`pb/teams/product.yaml:8:14: error[unknown-holiday-calendar]: unknown holiday calendar "englnd" (did you mean "england"?)`,
		`pb/holidays/england.yaml:4:5: error[invalid-date]: holiday "Christmas Day" is on 02-30, which is no date (write YYYY-MM-DD for one day, or MM-DD for every year)`,
	} {
		if !strings.Contains(d, want) {
			t.Errorf("diagnostics:\n%s\nwant %s", d, want)
		}
	}
}
