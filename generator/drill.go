package generator

import (
	"cmp"
	"slices"
	"time"

	"github.com/escalator-dev/escalator/drill"
	"github.com/escalator-dev/escalator/matrix"
)

// drillData is one drill's pages: the participants' card, the answer key, the
// tabletop sheet and the scoring sheet all show parts of it.
type drillData struct {
	Drill  *matrix.Drill
	Answer *drill.Answer
	Domain *matrix.Domain // the domain its facts name, or nil
	// Rows are the tabletop sheet's rows: the injects and the escalation checkpoints,
	// in time order.
	Rows []sheetRow
	// Routing are the scoring sheet's routing answers, one a line; Timing the steps
	// that are late after their instant.
	Routing []scoreRow
	Timing  []timingRow
}

// timingRow is one thing the team must do by an instant.
type timingRow struct {
	Label string
	Due   time.Time
}

// sheetRow is one timed line of the tabletop sheet.
type sheetRow struct {
	At           time.Duration
	Clock        time.Time
	Text, Expect string
	Checkpoint   bool // a row of the key's escalation, not an inject
}

// scoreRow is one answer the team gives, and the key's.
type scoreRow struct {
	Label, Key string
}

type drillIndex struct {
	Rows []drillIndexRow
}

type drillIndexRow struct {
	Drill    *matrix.Drill
	Domain   *matrix.Domain
	Severity *matrix.Severity
}

// drillPages plans the drills' pages: the index, then four pages a drill. A drill
// whose facts cannot be routed has none; check reports it.
func (s *shared) drillPages() []*page {
	p := s.P
	if len(p.Drills) == 0 {
		return nil
	}
	var idx drillIndex
	var pages []*page
	for _, d := range p.Drills {
		a, err := drill.Key(p, d)
		if err != nil {
			continue
		}
		x := s.drillData(d, a)
		idx.Rows = append(idx.Rows, drillIndexRow{d, x.Domain, a.Decision.Severity})
		base := "drills/" + d.ID
		for _, pg := range []struct {
			suffix string
			kind   pageKind
			title  string
		}{
			{".html", kindDrill, d.Title},
			{".key.html", kindDrillKey, d.Title + ": answer key"},
			{".sheet.html", kindDrillSheet, d.Title + ": tabletop sheet"},
			{".score.html", kindDrillScore, d.Title + ": scoring sheet"},
		} {
			v := newPage(base+pg.suffix, pg.kind, pg.title, &d.Meta, x)
			v.Print = true
			pages = append(pages, v)
		}
	}
	domainRank := func(d *matrix.Domain) int {
		if d == nil {
			return len(p.Domains)
		}
		return slices.Index(p.Domains, d)
	}
	sevRank := func(sv *matrix.Severity) int {
		if sv == nil {
			return len(p.Severities)
		}
		return sv.Rank
	}
	slices.SortStableFunc(idx.Rows, func(a, b drillIndexRow) int {
		return cmp.Or(cmp.Compare(domainRank(a.Domain), domainRank(b.Domain)), cmp.Compare(sevRank(a.Severity), sevRank(b.Severity)))
	})
	list := newPage("drills.html", kindDrills, "Drills", oldest(p, p.Drills), idx)
	return append([]*page{list}, pages...)
}

func (s *shared) drillData(d *matrix.Drill, a *drill.Answer) *drillData {
	p := s.P
	x := &drillData{Drill: d, Answer: a}
	if df := p.DomainFact(); df != nil {
		if id, ok := a.Given.Get(df.ID); ok {
			x.Domain = p.Domain(id)
		}
	}
	for _, in := range d.Injects {
		x.Rows = append(x.Rows, sheetRow{At: in.At.Duration, Clock: d.At.Add(in.At.Duration), Text: in.Text, Expect: in.Expect})
	}
	for _, c := range a.Checkpoints {
		if len(c.Steps) == 0 {
			continue
		}
		text := "Nobody has acknowledged yet."
		if c.After == 0 {
			text = "The escalation starts."
		}
		for i, h := range c.Steps {
			exp := pageText(h)
			if c.After == 0 && i == 0 {
				exp = drill.RouteText(a.Decision)
			}
			x.Rows = append(x.Rows, sheetRow{At: h.After, Clock: d.At.Add(h.After), Text: text, Expect: exp, Checkpoint: true})
		}
	}
	slices.SortStableFunc(x.Rows, func(a, b sheetRow) int { return cmp.Compare(a.At, b.At) })

	dec := a.Decision
	row := func(label, key string) { x.Routing = append(x.Routing, scoreRow{label, key}) }
	if dec.Severity != nil {
		row("Severity", dec.Severity.ID+" "+dec.Severity.Name)
	}
	row("Owning team", dec.Owner.Name)
	if dec.OnCall != nil && dec.OnCall.Person != nil {
		row("On call for the owner at the start", dec.OnCall.Person.Member.Name)
	}
	for _, t := range dec.Notified {
		row("Notified", t.Name)
	}
	if dec.Immediate {
		row("Escalate at once", "yes")
	}
	for _, b := range dec.Briefs {
		row("Brief", b.Title)
	}
	for _, dl := range dec.Deadlines {
		if dl.Name == "acknowledge" || dl.Name == "triage" {
			x.Timing = append(x.Timing, timingRow{titleCase(dl.Name) + " (T+" + dl.After.String() + ")", dl.At})
		}
	}
	for _, c := range a.Checkpoints {
		for _, h := range c.Steps {
			if h.After > 0 && h.Round == 0 {
				x.Timing = append(x.Timing, timingRow{"Escalate (T+" + matrix.FormatDuration(h.After) + "): " + h.Name, h.At})
			}
		}
	}
	slices.SortStableFunc(x.Timing, func(a, b timingRow) int { return a.Due.Compare(b.Due) })
	return x
}

// pageText says what an escalation step does, for the tabletop sheet.
func pageText(h matrix.Handoff) string {
	who := drill.Paged(h)
	out := "Page"
	for i, w := range who {
		if i > 0 {
			out += ","
		}
		out += " " + w
	}
	return out + " (" + h.Name + ")."
}

// ClockTime is Clock without the date: the zone stays, so a deadline across a DST
// change reads right.
func (v *view) ClockTime(t time.Time) string {
	return t.In(v.P.Site.Location.Location).Format("15:04 MST")
}

// Paged lists whom an escalation step pages, the person on duty by name.
func (v *view) Paged(h matrix.Handoff) []string { return drill.Paged(h) }

// drillTouches reports whether pg is an answer key that quotes the checklist of one of
// the runbooks (the key quotes its first runbook's): an edit of it makes the key stale.
func (pg *page) drillTouches(touched map[string]bool) bool {
	d, ok := pg.X.(*drillData)
	if !ok || pg.Kind != kindDrillKey || len(d.Answer.Decision.Runbooks) == 0 {
		return false
	}
	return touched[d.Answer.Decision.Runbooks[0].ID]
}

// redrill is a drill's pages' data as s's playbook has it.
func (s *shared) redrill(d *drillData) *drillData {
	for _, nd := range s.P.Drills {
		if nd.ID == d.Drill.ID {
			if a, err := drill.Key(s.P, nd); err == nil {
				return s.drillData(nd, a)
			}
		}
	}
	return d
}
