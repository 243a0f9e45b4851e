package generator

import (
	"bytes"
	"html/template"
	"testing"
	"time"

	"github.com/escalator-dev/escalator/internal/synth"
	"github.com/escalator-dev/escalator/matrix"
)

// The templates' text that ShiftRows and Grid replace, kept to hold them to the same bytes.
const (
	shiftRowsTemplate = `{{$sv := .SV}}{{$t := .T}}{{range .SV.Table}}<tr><td data-label="From"><time datetime="{{$sv.Machine .From}}">{{$sv.When .From}}</time></td><td data-label="Until"><time datetime="{{$sv.Machine .Until}}">{{$sv.When .Until}}</time></td><th scope="row">{{with .Person}}{{.Member.Name}}{{if ne .Team.ID $t.ID}} <small>({{.Team.Name}})</small>{{end}}{{else}}<em>nobody</em>{{end}}{{with .Override}} <small>override{{with .Note}}: {{.}}{{end}}</small>{{end}}</th></tr>{{end}}`
	gridTemplate      = `{{range .Weeks}}<tr>{{range .}}<td class="{{if not .InMonth}}cal-out{{end}}"><time class="cal-day" datetime="{{.Date}}">{{.Day}}</time>
    {{range .Lines}}<div class="cal-line"><span class="cal-letter" aria-hidden="true">{{.Letter}}</span><span class="visually-hidden">{{.Title}}: </span>{{range $i, $it := .Items}}{{if $i}}<span aria-hidden="true"> → </span><span class="visually-hidden">, then </span>{{end}}<span class="cal-item{{if $it.Override}} cal-override{{end}}">{{with $it.Time}}<span class="cal-time">{{.}}</span> {{end}}{{$it.Name}}{{if $it.Override}}*{{end}}</span>{{end}}</div>{{end}}</td>{{end}}</tr>
  {{end}}`
)

func execSnippet(t *testing.T, text string, data any) string {
	t.Helper()
	var b bytes.Buffer
	if err := template.Must(template.New("x").Parse(text)).Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// Machine is how the shift table's template wrote a datetime attribute.
func (sv *scheduleView) Machine(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func TestShiftRowsMatchTemplate(t *testing.T) {
	hostile := `<b>"Zoë" & 'co' +1</b>`
	own := &matrix.Team{Meta: matrix.Meta{ID: "payments-eng"}, Name: "Payments"}
	other := &matrix.Team{Meta: matrix.Meta{ID: "sre"}, Name: hostile}
	sydney, _ := time.LoadLocation("Australia/Sydney")
	at := time.Date(2026, 10, 3, 15, 0, 0, 0, time.UTC)
	views := []*scheduleView{{Team: own, Schedule: &matrix.Schedule{ID: "primary"}, Loc: sydney}}
	views[0].Table = []matrix.Shift{
		{From: at, Until: at.Add(12 * time.Hour), Person: &matrix.Person{Team: own, Member: &matrix.Member{ID: "a", Name: hostile}}},
		{From: at.Add(12 * time.Hour), Until: at.Add(13 * time.Hour)},
		{From: at.Add(13 * time.Hour), Until: at.Add(40 * time.Hour), Person: &matrix.Person{Team: other, Member: &matrix.Member{ID: "b", Name: "Bo"}},
			Override: &matrix.Override{Note: hostile}},
		{From: at.Add(40 * time.Hour), Until: at.Add(50 * time.Hour), Person: &matrix.Person{Team: own, Member: &matrix.Member{ID: "c", Name: "Cy"}},
			Override: &matrix.Override{}},
	}
	p := sample(t)
	for _, tm := range p.Teams {
		views = append(views, (&shared{P: p, Now: today}).oncall()[tm.ID]...)
	}
	for _, sv := range views {
		want := execSnippet(t, shiftRowsTemplate, map[string]any{"SV": sv, "T": sv.Team})
		if got := string(sv.ShiftRows(sv.Team)); got != want {
			t.Errorf("%s/%s:\n got %s\nwant %s", sv.Team.ID, sv.Schedule.ID, got, want)
		}
	}
	weeks := [][]calDay{{
		{Day: 30, Date: "2026-11-30", Lines: []calLine{{Letter: "A", Title: hostile, Items: []calItem{{Name: hostile}, {Time: "09:00", Name: "Bo", Override: true}}}}},
		{Day: 1, Date: "2026-12-01", InMonth: true, Lines: []calLine{{Letter: "B", Title: "x", Items: []calItem{{Time: "+1", Name: "nobody"}}}}},
	}}
	cal := calendarData{weeks: func() [][]calDay { return weeks }}
	if got, want := string(cal.Grid()), execSnippet(t, gridTemplate, map[string]any{"Weeks": weeks}); got != want {
		t.Errorf("grid:\n got %s\nwant %s", got, want)
	}
}

// A team's shares add each person's hours across its schedules; a share above the
// playbook's limit in one schedule marks the person's row.
func TestTeamShares(t *testing.T) {
	p := sample(t)
	s := &shared{P: p, Now: today}
	s.oncallViews = s.oncall()
	v := &view{shared: s, page: &page{}}
	ts := v.TeamShares(p.Team("payments-eng"))
	if ts == nil || len(ts.Schedules) != 2 || len(ts.Rows) != 3 {
		t.Fatalf("shares: %+v", ts)
	}
	var all time.Duration
	for _, r := range ts.Rows {
		all += r.Hours
	}
	for _, r := range ts.Rows {
		var sum time.Duration
		for _, c := range r.Cells {
			sum += c.Hours
		}
		if sum != r.Hours || r.Percent != int(r.Hours*100/all) || r.Over {
			t.Errorf("%s: %v across %v, %d%%, over %v", r.Person.Member.ID, r.Hours, r.Cells, r.Percent, r.Over)
		}
	}
	if ts.Rows[0].Person.Member.ID != "tomasz-nowak" {
		t.Errorf("first row %s, want the most hours first", ts.Rows[0].Person.Member.ID)
	}
	p.Site.OnCallMaxShare = 35
	s.oncallViews = s.oncall()
	if ts := v.TeamShares(p.Team("payments-eng")); !ts.Rows[0].Over || !ts.Rows[0].Cells[0].Over || ts.Rows[0].Cells[1].Over {
		t.Errorf("at 35%%: %+v", ts.Rows[0])
	}
}

// shiftsFrom finds the start of the shift in force at from as computing the whole
// lookback does.
func TestShiftsFromMatchesLookback(t *testing.T) {
	sp, diags := matrix.Load(synth.FS(synth.Small()), "synth", matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: today})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	n := 0
	for _, p := range []*matrix.Playbook{sample(t), sp} {
		s := &shared{P: p, Now: today}
		for _, tm := range p.Teams {
			for i := range tm.Schedules {
				sc := &tm.Schedules[i]
				for h := 0; h < 24*60; h += 7 {
					from := today.Add(time.Duration(h) * time.Hour)
					to := from.Add(3 * 7 * 24 * time.Hour)
					var want []matrix.Shift
					for _, sh := range p.Shifts(tm, sc, from.Add(-lookback), to) {
						if sh.Until.After(from) {
							want = append(want, sh)
						}
					}
					got := s.shiftsFrom(tm, sc, from, to)
					if len(got) != len(want) {
						t.Fatalf("%s/%s at %s: %d shifts, want %d", tm.ID, sc.ID, from, len(got), len(want))
					}
					for k := range got {
						g, w := got[k], want[k]
						if !g.From.Equal(w.From) || !g.Until.Equal(w.Until) || !sameDuty(g, w) {
							t.Fatalf("%s/%s at %s: shift %d is %v-%v, want %v-%v", tm.ID, sc.ID, from, k, g.From, g.Until, w.From, w.Until)
						}
					}
					n++
				}
			}
		}
	}
	t.Logf("%d timelines", n)
}

// The share table's template text, which ShareRows replaces.
const shareRowsTemplate = `{{$v := .V}}{{with .TS}}{{$many := gt (len .Schedules) 1}}{{range .Rows}}<tr{{if .Over}} class="over"{{end}}><th scope="row">{{.Person.Member.Name}}</th>{{range .Cells}}<td data-label="{{.Title}}">{{if .Hours}}{{.HoursText}}, {{.Percent}}%{{if .Over}} <strong>above {{$v.MaxShare}}%</strong>{{end}}{{else}}none{{end}}</td>{{end}}{{if $many}}<td data-label="All schedules">{{.HoursText}}, {{.Percent}}%</td>{{end}}<td data-label="Calendar"><a href="{{$v.URL (print "oncall/people/" .Person.Member.ID ".ics")}}">{{.Person.Member.Name}}'s shifts (.ics)</a></td></tr>{{end}}{{end}}`

func TestShareRowsMatchTemplate(t *testing.T) {
	p := sample(t)
	s := &shared{P: p, Now: today}
	s.oncallViews = s.oncall()
	v := &view{shared: s, page: &page{Root: "../"}}
	hostile := `<b>"Zoë" & 'co' +1</b>`
	for _, max := range []int{50, 35} {
		p.Site.OnCallMaxShare = max
		s.oncallViews = s.oncall()
		for _, tm := range p.Teams {
			ts := v.TeamShares(tm)
			if ts == nil {
				continue
			}
			if len(ts.Rows) > 0 {
				m := *ts.Rows[0].Person.Member
				m.Name, m.ID = hostile, "a b"
				ts.Rows[0].Person = &matrix.Person{Team: tm, Member: &m}
				ts.Rows[0].Cells[0].Title = hostile
				ts.Rows[0].Cells = append(ts.Rows[0].Cells, shareCell{Title: "x"})
			}
			want := execSnippet(t, shareRowsTemplate, map[string]any{"V": v, "TS": ts})
			if got := string(v.ShareRows(ts)); got != want {
				t.Errorf("%s:\n got %s\nwant %s", tm.ID, got, want)
			}
		}
	}
}
