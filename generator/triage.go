package generator

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/matrix"
	"github.com/escalator-dev/escalator/matrix/schedule"
)

// The triage page (triage.html) routes in the browser: triage.js evaluates the policy
// of matrix.Route from triage/data.js, which this file writes. Everything in the data
// is referred to by index, and nothing the page's HTML already says (questions, help,
// labels) is repeated, so that the page, its script and its data stay small.

// TriageDataFile is the triage page's data, relative to the site's root.
const TriageDataFile = "triage/data.js"

// triageYearsBack and triageYearsAhead bound the zone tables the data carries, from
// the build's year: a full table from 1900 to 2200 is most of the data. The page
// refuses a start time it cannot evaluate exactly (see triageData.Range).
const triageYearsBack, triageYearsAhead = 20, 40

type triageData struct {
	// Range is the instants (Unix seconds) the page accepts as a start: inside the zone
	// tables, with two years to spare for on-call look-ahead and chains.
	Range [2]int64 `json:"range"`
	Zone  string   `json:"zone"` // the playbook's zone, where business days count
	// Week is the working week as [day mask by time.Weekday, start, end] in minutes;
	// nil when it is not valid, so business-day deadlines are unset.
	Week     *[3]int         `json:"week"`
	Facts    []triageFact    `json:"facts"`
	DomFact  int             `json:"df"` // index into Facts, -1 for none
	SevFact  int             `json:"sf"`
	Domains  []string        `json:"domains"` // ids
	Sevs     []triageSev     `json:"sevs"`
	Routes   []triageRoute   `json:"routes"`
	Teams    []triageTeam    `json:"teams"`
	Runbooks []triageRunbook `json:"runbooks"`
	Briefs   [][2]string     `json:"briefs"` // [id, title]
	Roles    [][2]string     `json:"roles"`  // [id, name]
}

type triageFact struct {
	ID       string   `json:"id"`
	Type     string   `json:"type"`
	Choices  []string `json:"choices,omitempty"`
	Required bool     `json:"req,omitempty"`
}

type triageSev struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Rank  int    `json:"rank"`
	Roles []int  `json:"roles,omitempty"`
	// Timers are the SLA timers that are set: [name, as written, seconds, business days].
	Timers  [][4]any  `json:"timers"`
	Updates [2]string `json:"updates"` // internal, customer, as written ("no target")
}

type triageRoute struct {
	Index int    `json:"x"`
	Name  string `json:"n"`
	// When is [fact index, op, values]; op "" never holds (the condition did not compile).
	When      [][3]any `json:"w,omitempty"`
	To        int      `json:"to"`
	Also      []int    `json:"also,omitempty"`
	Continue  bool     `json:"c,omitempty"`
	Severity  int      `json:"s"`
	Immediate bool     `json:"i,omitempty"`
	Runbooks  []int    `json:"rb,omitempty"`
	Brief     int      `json:"b"`
}

type triageTeam struct {
	ID   string    `json:"id"`
	Name string    `json:"n"`
	Hrs  hoursData `json:"h"`
	// Always is the hours being 24x7, where after-hours fallbacks stop; Hrs.Always is
	// also true for a team without hours, which is in hours at every instant.
	Always     bool          `json:"x,omitempty"`
	AfterHours int           `json:"a"`
	Repeat     int           `json:"rp,omitempty"`
	Levels     []triageLevel `json:"lv,omitempty"`
	Schedules  []triageSched `json:"sc,omitempty"`
	Primary    int           `json:"ps"`
	Members    [][3]string   `json:"m,omitempty"`  // id, name, phone
	Channels   [][4]string   `json:"ch,omitempty"` // id, kind, name, address
}

type triageLevel struct {
	Name      string  `json:"n,omitempty"`
	After     float64 `json:"a"`
	Resolved  bool    `json:"r,omitempty"`
	Members   []int   `json:"m,omitempty"`
	Channels  []int   `json:"ch,omitempty"`
	Teams     []int   `json:"t,omitempty"`
	Schedules []int   `json:"s,omitempty"`
	Offset    int     `json:"o,omitempty"`
}

type triageSched struct {
	ID    string          `json:"id"`
	Title string          `json:"n"`
	Rules *schedule.Rules `json:"r"` // nil when the schedule did not compile: nobody
}

type triageRunbook struct {
	ID      string `json:"id"`
	Title   string `json:"t"`
	Domains []int  `json:"d,omitempty"`
	Sevs    []int  `json:"s,omitempty"`
	Process bool   `json:"p,omitempty"`
}

// triageModel is the routing policy of p as triage.js reads it, as of asOf (whose year
// bounds the zone tables), and the zones it needs.
func triageModel(p *matrix.Playbook, asOf time.Time, redact bool) (triageData, map[string]*time.Location) {
	d := triageData{DomFact: -1, SevFact: -1, Domains: []string{}, Facts: []triageFact{}, Sevs: []triageSev{},
		Routes: []triageRoute{}, Teams: []triageTeam{}, Runbooks: []triageRunbook{}, Briefs: [][2]string{}, Roles: [][2]string{}}
	y := asOf.UTC().Year()
	from := time.Date(y-triageYearsBack, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	to := time.Date(y+triageYearsAhead, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	d.Range = [2]int64{from, to - 2*366*86400}
	locs := map[string]*time.Location{}
	if l := p.Site.Location; l != nil && l.Location != nil {
		d.Zone = l.Location.String()
		locs[d.Zone] = l.Location
	}
	if w := p.Site.WorkingWeek; w.Valid() {
		days, _ := matrix.ParseDays(w.Days)
		start, end := 0, 24*60
		if w.Start != "" || w.End != "" {
			start, _ = schedule.ParseClock(w.Start, false)
			end, _ = schedule.ParseClock(w.End, true)
		}
		d.Week = &[3]int{dayMask(days), start, end}
	}

	teamIx := map[string]int{}
	for i, t := range p.Teams {
		if _, ok := teamIx[t.ID]; !ok {
			teamIx[t.ID] = i
		}
	}
	index := func(m map[string]int, id string) int {
		if i, ok := m[id]; ok {
			return i
		}
		return -1
	}
	refs := func(m map[string]int, rs []matrix.Ref) []int {
		var out []int
		for _, r := range rs {
			if i := index(m, r.ID); i >= 0 {
				out = append(out, i)
			}
		}
		return out
	}
	sevIx, domIx, rbIx, briefIx, roleIx := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	firsts := func(m map[string]int, n int, id func(int) string) {
		for i := range n {
			if _, ok := m[id(i)]; !ok {
				m[id(i)] = i
			}
		}
	}
	firsts(sevIx, len(p.Severities), func(i int) string { return p.Severities[i].ID })
	firsts(domIx, len(p.Domains), func(i int) string { return p.Domains[i].ID })
	firsts(rbIx, len(p.Runbooks), func(i int) string { return p.Runbooks[i].ID })
	firsts(briefIx, len(p.Briefs), func(i int) string { return p.Briefs[i].ID })
	firsts(roleIx, len(p.Roles), func(i int) string { return p.Roles[i].ID })

	for _, f := range p.Facts {
		d.Facts = append(d.Facts, triageFact{f.ID, string(f.Type), f.Choices, f.Required})
	}
	if f := p.DomainFact(); f != nil {
		d.DomFact = f.Index
	}
	if f := p.SeverityFact(); f != nil {
		d.SevFact = f.Index
	}
	for _, dom := range p.Domains {
		d.Domains = append(d.Domains, dom.ID)
	}
	for _, s := range p.Severities {
		ts := triageSev{ID: s.ID, Name: s.Name, Rank: s.Rank, Roles: refs(roleIx, s.Roles), Timers: [][4]any{},
			Updates: [2]string{s.Updates.Internal.String(), s.Updates.Customer.String()}}
		for _, t := range s.SLA.Timers() {
			if t.After.Set {
				ts.Timers = append(ts.Timers, [4]any{t.Name, t.After.String(), t.After.Seconds(), t.After.BusinessDays})
			}
		}
		d.Sevs = append(d.Sevs, ts)
	}
	for _, r := range p.Routes {
		tr := triageRoute{Index: r.Index, Name: r.Name, To: index(teamIx, r.To.ID), Also: refs(teamIx, r.Also), Continue: r.Continue,
			Severity: index(sevIx, r.Severity.ID), Immediate: r.Immediate, Runbooks: refs(rbIx, r.Runbooks), Brief: index(briefIx, r.Brief.ID)}
		for i := range r.When {
			c := &r.When[i]
			fi := -1
			if f := p.Fact(c.Fact); f != nil {
				fi = f.Index
			}
			op, vals, ok := c.Program()
			if !ok || fi < 0 {
				op, vals = "", []string{}
			}
			tr.When = append(tr.When, [3]any{fi, op, vals})
		}
		d.Routes = append(d.Routes, tr)
	}
	for _, t := range p.Teams {
		d.Teams = append(d.Teams, triageTeamData(p, t, teamIx, redact, locs))
	}
	for _, rb := range p.Runbooks {
		tr := triageRunbook{ID: rb.ID, Title: rb.Title, Process: rb.IsProcess()}
		for _, id := range rb.DomainIDs(p) {
			if i := index(domIx, id); i >= 0 {
				tr.Domains = append(tr.Domains, i)
			}
		}
		tr.Sevs = refs(sevIx, rb.Severities)
		d.Runbooks = append(d.Runbooks, tr)
	}
	for _, b := range p.Briefs {
		d.Briefs = append(d.Briefs, [2]string{b.ID, b.Title})
	}
	for _, r := range p.Roles {
		d.Roles = append(d.Roles, [2]string{r.ID, r.Name})
	}
	return d, locs
}

func triageTeamData(p *matrix.Playbook, t *matrix.Team, teamIx map[string]int, redact bool, locs map[string]*time.Location) triageTeam {
	tt := triageTeam{ID: t.ID, Name: t.Name, Hrs: teamHours(p, t), Always: t.Hours.Always, AfterHours: -1, Repeat: t.Escalation.Repeat, Primary: -1}
	if loc := t.Hours.Location(); loc != nil && !tt.Hrs.Always {
		locs[loc.String()] = loc
	} else if !tt.Hrs.Always {
		tt.Hrs.Zone = "" // a zone that did not resolve: never in hours, as Contains says
	}
	if i, ok := teamIx[t.AfterHours.ID]; ok {
		tt.AfterHours = i
	}
	first := func(n int, id func(int) string, want string) int {
		for i := range n {
			if id(i) == want {
				return i
			}
		}
		return -1
	}
	for _, m := range t.Members {
		phone := m.Phone
		if redact {
			phone = ""
		}
		tt.Members = append(tt.Members, [3]string{m.ID, m.Name, phone})
	}
	for _, c := range t.Channels {
		addr := c.Address
		if redact && c.Kind == "phone" {
			addr = "" // as the pages leave phone channels out
		}
		tt.Channels = append(tt.Channels, [4]string{c.ID, c.Kind, c.Name, addr})
	}
	ps := t.PrimarySchedule()
	for i := range t.Schedules {
		s := &t.Schedules[i]
		ts := triageSched{ID: s.ID, Title: s.Title()}
		if r, ok := p.ScheduleRules(s); ok {
			ts.Rules = &r
			for _, l := range r.Layers {
				if loc, err := schedule.LoadLocation(l.TimeZone); err == nil {
					locs[l.TimeZone] = loc
				}
			}
		}
		if s == ps {
			tt.Primary = i
		}
		tt.Schedules = append(tt.Schedules, ts)
	}
	for _, l := range t.Escalation.Levels {
		tl := triageLevel{Name: l.Name, After: l.After.Seconds(), Resolved: l.UntilResolved(), Offset: l.Offset}
		for _, r := range l.Members {
			if i := first(len(t.Members), func(i int) string { return t.Members[i].ID }, r.ID); i >= 0 {
				tl.Members = append(tl.Members, i)
			}
		}
		for _, r := range l.Channels {
			if i := first(len(t.Channels), func(i int) string { return t.Channels[i].ID }, r.ID); i >= 0 {
				tl.Channels = append(tl.Channels, i)
			}
		}
		for _, r := range l.Teams {
			if i, ok := teamIx[r.ID]; ok {
				tl.Teams = append(tl.Teams, i)
			}
		}
		for _, r := range l.Schedules {
			if i := first(len(t.Schedules), func(i int) string { return t.Schedules[i].ID }, r.ID); i >= 0 {
				tl.Schedules = append(tl.Schedules, i)
			}
		}
		tt.Levels = append(tt.Levels, tl)
	}
	return tt
}

func dayMask(days [7]bool) int {
	mask := 0
	for d, on := range days {
		if on {
			mask |= 1 << d
		}
	}
	return mask
}

// triageJS is triage/data.js: the zone tables the model needs, over the years it
// covers, then the model as window.escalatorTriageData.
func triageJS(p *matrix.Playbook, asOf time.Time, redact bool) []byte {
	d, locs := triageModel(p, asOf, redact)
	var b strings.Builder
	b.WriteString("// The routing policy for the triage page (triage.js), and the time zone offsets it reads.\n")
	b.WriteString("window.escalatorZones = window.escalatorZones || {};\n")
	from := time.Date(asOf.UTC().Year()-triageYearsBack, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	to := time.Date(asOf.UTC().Year()+triageYearsAhead, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	for _, name := range slices.Sorted(maps.Keys(locs)) {
		tx, off := schedule.Transitions(locs[name])
		// The offset in force at from stands for all time before it.
		first := 0
		for first+1 < len(tx) && tx[first+1] <= from {
			first++
		}
		q, _ := json.Marshal(name)
		fmt.Fprintf(&b, "window.escalatorZones[%s] = {t: [%d", q, tx[0])
		n := 1
		for i := first + 1; i < len(tx) && tx[i] < to; i++ {
			prev := tx[0]
			if i > first+1 {
				prev = tx[i-1]
			}
			b.WriteByte(',')
			b.WriteString(strconv.FormatInt(tx[i]-prev, 10))
			n++
		}
		b.WriteString("], o: [")
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.FormatInt(off[first+i], 10))
		}
		b.WriteString("]};\n")
	}
	js, _ := json.Marshal(d)
	b.WriteString("window.escalatorTriageData = ")
	b.Write(js)
	b.WriteString(";\n")
	return []byte(b.String())
}

// triageQuestion is one fact as the triage page asks it.
type triageQuestion struct {
	Fact    *matrix.Fact
	Options []triageOption
}

type triageOption struct {
	Value, Label string
	Key          int // the number key that picks it, 0 for none
}

// triageQuestions lists the facts in order with the labels of their options: domain
// and tier names for facts from domains and severities, yes and no for bools.
func triageQuestions(p *matrix.Playbook) []triageQuestion {
	var out []triageQuestion
	for _, f := range p.Facts {
		q := triageQuestion{Fact: f}
		add := func(v, label string) {
			k := len(q.Options) + 1
			if k > 9 {
				k = 0
			}
			q.Options = append(q.Options, triageOption{v, label, k})
		}
		switch f.Type {
		case matrix.Bool:
			add("true", "Yes")
			add("false", "No")
		case matrix.Choice:
			for _, c := range f.Choices {
				label := c
				switch f.From {
				case "domains":
					if dom := p.Domain(c); dom != nil {
						label = dom.Name
					}
				case "severities":
					if s := p.Severity(c); s != nil {
						label = s.ID + " · " + s.Name
					}
				}
				add(c, label)
			}
		}
		out = append(out, q)
	}
	return out
}
