package generator

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/generator/chart"
	"github.com/escalator-dev/escalator/history"
	"github.com/escalator-dev/escalator/matrix"
)

// The "How we are doing" page: the incident history replayed through the rules and
// measured against the SLAs (see package history), as charts with their tables.

// historyData is the page's subject.
type historyData struct {
	Report   *history.Report
	Charts   []chartView
	SLA      table
	Worst    []worstRule
	Redacted bool // people's names are left out
}

// chartView is one chart and the table with its numbers, for screen readers and print.
type chartView struct {
	ID, Title, Caption string
	SVG                template.HTML
	Table              table
}

type table struct {
	Head []string
	Rows [][]string
}

// worstRule is a rule that misrouted, with its evidence.
type worstRule struct {
	history.RuleRate
	Cases []caseView
}

type caseView struct {
	ID, Title, File, Opened, Routed, ResolvedBy, Commander, PIR, Suggestion string
}

// replay runs the history once per build, as of the start of the build's day, so that
// a rebuild on the same day gives the same bytes.
func (s *shared) replay() *history.Report {
	p := s.P
	if len(p.Incidents) == 0 {
		return nil
	}
	loc := time.UTC
	if p.Site.Location != nil {
		loc = p.Site.Location.Location
	}
	n := s.Now.In(loc)
	day := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, loc)
	return history.Replay(p, history.Records(p), history.Options{AsOf: day})
}

// redactPeople reports whether names from the records stay off the site.
func (s *shared) redactPeople() bool { return s.Opt.RedactPeople || s.P.Site.RedactPeople }

// ruleRecords says, for each rule that decided a judged record, how it did.
func (s *shared) ruleRecords() map[int]string {
	if s.history == nil {
		return nil
	}
	out := map[int]string{}
	for _, rr := range s.history.ByRule {
		txt := fmt.Sprintf("routed %d incident%s, %d misroute%s", rr.Judged, plural(rr.Judged), rr.Misroutes, plural(rr.Misroutes))
		out[rr.Rule.Index] = txt
	}
	return out
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func ratio(n, of int) string {
	if of == 0 {
		return "no data"
	}
	return fmt.Sprintf("%s (%d of %d)", history.Pct(float64(n)/float64(of)), n, of)
}

// shareText is a share for a chart's bar: "91.7% (22/24)".
func shareText(n, of int) string {
	if of == 0 {
		return "no data"
	}
	return fmt.Sprintf("%s (%d/%d)", history.Pct(float64(n)/float64(of)), n, of)
}

func (s *shared) historyData() historyData {
	rep := s.history
	p := s.P
	d := historyData{Report: rep, Redacted: s.redactPeople()}
	timerChart := func(id, title, caption string, timer int) chartView {
		c := chart.Chart{Title: title, Max: 1}
		t := table{Head: []string{"severity", "met", "median", "90th percentile", "pending"}}
		for _, g := range rep.SLA {
			if g.Domain != "" {
				continue
			}
			tm := g.Timers[timer]
			name := g.Severity
			if sev := p.Severity(g.Severity); sev != nil {
				name += " " + sev.Name
			}
			c.Bars = append(c.Bars, chart.Bar{Label: name, Value: tm.Share(), Text: shareText(tm.Met, tm.Judged()), Bad: tm.Missed > 0})
			med, p90 := "-", "-"
			if tm.Measured > 0 {
				med, p90 = history.Dur(tm.Median), history.Dur(tm.P90)
			}
			t.Rows = append(t.Rows, []string{name + " (target " + tm.Target.String() + ")", ratio(tm.Met, tm.Judged()), med, p90, fmt.Sprint(tm.Pending)})
		}
		return chartView{ID: id, Title: title, Caption: caption, SVG: chart.SVG(c), Table: t}
	}
	d.Charts = append(d.Charts,
		timerChart("acknowledge", "Acknowledged in time, by severity", "Share of incidents acknowledged within the tier's acknowledge timer.", 0),
		timerChart("resolve", "Resolved in time, by severity", "Share of incidents resolved within the tier's resolve timer.", 3))

	dom := chart.Chart{Title: "Misroutes by domain", Max: 1}
	dt := table{Head: []string{"domain", "misroutes"}}
	for _, r := range rep.ByDomain {
		name := r.Key
		if x := p.Domain(r.Key); x != nil {
			name = x.Name
		} else if name == "" {
			name = "(no domain)"
		}
		dom.Bars = append(dom.Bars, chart.Bar{Label: name, Value: r.Share(), Text: shareText(r.Misroutes, r.Judged), Bad: r.Misroutes > 0})
		dt.Rows = append(dt.Rows, []string{name, ratio(r.Misroutes, r.Judged)})
	}
	d.Charts = append(d.Charts, chartView{ID: "domains", Title: "Misroutes by domain",
		Caption: "Share of incidents the rules would send to another team than the one that resolved them.", SVG: chart.SVG(dom), Table: dt})

	qm := chart.Chart{Title: "Misroutes by quarter", Max: 1}
	qa := chart.Chart{Title: "Acknowledged in time, by quarter", Max: 1}
	qt := table{Head: []string{"quarter", "incidents", "misroutes", "acknowledged in time", "resolved in time", "reassignments per incident"}}
	for _, q := range rep.Quarters {
		ack, res := q.Timers[0], q.Timers[3]
		qm.Bars = append(qm.Bars, chart.Bar{Label: q.Name, Value: q.Routing.Share(), Text: shareText(q.Routing.Misroutes, q.Routing.Judged), Bad: q.Routing.Misroutes > 0})
		qa.Bars = append(qa.Bars, chart.Bar{Label: q.Name, Value: ack.Share(), Text: shareText(ack.Met, ack.Judged()), Bad: ack.Missed > 0})
		qt.Rows = append(qt.Rows, []string{q.Name, fmt.Sprint(q.Incidents), ratio(q.Routing.Misroutes, q.Routing.Judged),
			ratio(ack.Met, ack.Judged()), ratio(res.Met, res.Judged()), fmt.Sprintf("%.2f", q.PerIncident())})
	}
	d.Charts = append(d.Charts,
		chartView{ID: "quarter-misroutes", Title: "Misroutes by quarter", Caption: "The trend of routing accuracy, by the quarter each incident opened in.", SVG: chart.SVG(qm), Table: qt},
		chartView{ID: "quarter-acknowledge", Title: "Acknowledged in time, by quarter", Caption: "Each incident against its own tier's acknowledge timer.", SVG: chart.SVG(qa), Table: qt})

	// One row per tier and per domain at each tier; one cell per timer.
	d.SLA.Head = []string{"severity and domain", "incidents", "open", "reassignments per incident"}
	for _, t := range (matrix.SLA{}).Timers() {
		d.SLA.Head = append(d.SLA.Head, strings.ReplaceAll(t.Name, "_", " "))
	}
	for _, g := range rep.SLA {
		name := g.Severity
		if g.Domain != "" {
			name += " · " + g.Domain
		}
		row := []string{name, fmt.Sprint(g.Incidents), fmt.Sprint(g.Open), fmt.Sprintf("%.2f", g.PerIncident())}
		for _, tm := range g.Timers {
			cell := "met " + shareText(tm.Met, tm.Judged())
			if tm.Measured > 0 {
				cell += ", median " + history.Dur(tm.Median) + ", p90 " + history.Dur(tm.P90)
			}
			if tm.Pending > 0 {
				cell += fmt.Sprintf(", %d pending", tm.Pending)
			}
			row = append(row, cell)
		}
		d.SLA.Rows = append(d.SLA.Rows, row)
	}

	for _, rr := range rep.ByRule {
		if rr.Misroutes == 0 {
			continue
		}
		w := worstRule{RuleRate: rr}
		for _, o := range rr.Evidence {
			r := o.Record
			cv := caseView{ID: r.ID, Title: r.Title, File: r.File, Opened: r.At.Opened.In(rep.Zone).Format("2 Jan 2006 15:04 MST"), Routed: o.Owner, ResolvedBy: r.ResolvedBy, PIR: r.PIR}
			if !d.Redacted {
				cv.Commander = r.Commander
			}
			if sg := o.Suggestion; sg != nil {
				cv.Suggestion = sg.String()
			}
			w.Cases = append(w.Cases, cv)
		}
		d.Worst = append(d.Worst, w)
	}
	return d
}
