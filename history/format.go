package history

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/matrix"
)

// The report's three shapes: text for a terminal, Markdown for a pull request or a
// wiki, JSON (versioned) for tools. All are deterministic for the same records, rules
// and AsOf.

// Dur formats a duration as playbooks write them, to the minute when over an hour.
func Dur(d time.Duration) string {
	if d >= time.Hour {
		d = d.Round(time.Minute)
	}
	return matrix.FormatDuration(d)
}

// Pct formats a share as a percentage with one decimal at most.
func Pct(x float64) string {
	s := fmt.Sprintf("%.1f", math.Round(x*1000)/10)
	return strings.TrimSuffix(s, ".0") + "%"
}

func (rep *Report) where(r *Record) string {
	if r.File == "" {
		return r.ID
	}
	return fmt.Sprintf("%s (%s:%d:%d)", r.ID, r.File, r.Pos.Line, r.Pos.Col)
}

func ruleAt(p *matrix.Playbook, r *matrix.Rule) string {
	return fmt.Sprintf("%q (%s:%d:%d)", r.Name, p.MatrixFile, r.Pos.Line, r.Pos.Col)
}

func (rep *Report) period() string {
	s := "as of " + rep.AsOf.In(rep.Zone).Format("2006-01-02 15:04 MST")
	if !rep.Since.IsZero() {
		s = "since " + rep.Since.In(rep.Zone).Format(time.DateOnly) + ", " + s
	}
	return s
}

func (o *Outcome) routedText() string {
	switch {
	case o.Rule == nil:
		return "no rule matches"
	case o.Owner != o.Routed:
		return fmt.Sprintf("routed to %s (out of hours: %s)", o.Routed, o.Owner)
	}
	return "routed to " + o.Routed
}

func (s *Suggestion) effect() string {
	if s.Fixes < 0 {
		return "effect on other records not counted"
	}
	return fmt.Sprintf("fixes %d, breaks %d", s.Fixes, s.Breaks)
}

// WriteText writes the report for a terminal.
func (rep *Report) WriteText(w io.Writer) error {
	b := bufio.NewWriter(w)
	p := rep.Playbook
	fmt.Fprintf(b, "Replayed %d incidents through today's rules, %s\n", rep.Records, rep.period())
	fmt.Fprintf(b, "  %d judged (resolving team known), %d still open\n\n", rep.Overall.Judged, rep.Open)
	fmt.Fprintf(b, "Routing: %d misroutes in %d judged incidents (%s); first assignment wrong in %d (%s)\n",
		rep.Overall.Misroutes, rep.Overall.Judged, Pct(rep.Overall.Share()), rep.FirstTime.Misroutes, Pct(rep.FirstTime.Share()))
	if len(rep.ByDomain) > 0 {
		fmt.Fprintf(b, "\nBy domain\n")
		for _, d := range rep.ByDomain {
			fmt.Fprintf(b, "  %-16s %3d judged  %3d misroutes  %6s\n", orNone(d.Key), d.Judged, d.Misroutes, Pct(d.Share()))
		}
	}
	if len(rep.ByRule) > 0 {
		fmt.Fprintf(b, "\nBy rule, most often wrong first\n")
		for _, rr := range rep.ByRule {
			fmt.Fprintf(b, "  %s: %d of %d wrong (%s)\n", ruleAt(p, rr.Rule), rr.Misroutes, rr.Judged, Pct(rr.Share()))
			for _, o := range rr.Evidence {
				fmt.Fprintf(b, "    %s: resolved by %s, %s\n", rep.where(o.Record), o.Record.ResolvedBy, o.routedText())
			}
		}
	}
	var miss []*Outcome
	for i := range rep.Outcomes {
		if rep.Outcomes[i].Misroute() {
			miss = append(miss, &rep.Outcomes[i])
		}
	}
	if len(miss) > 0 {
		fmt.Fprintf(b, "\nSuggestions (never applied; check them against the routing tests)\n")
		for _, o := range miss {
			fmt.Fprintf(b, "  %s: %s, resolved by %s\n", o.Record.ID, o.routedText(), o.Record.ResolvedBy)
			if s := o.Suggestion; s != nil {
				for _, e := range s.Edits {
					fmt.Fprintf(b, "    change %s\n", e)
				}
				fmt.Fprintf(b, "    (%s)\n", s.effect())
			} else {
				fmt.Fprintf(b, "    no change to one rule's conditions routes it right: add a rule for this case\n")
			}
		}
	}
	if len(rep.SLA) > 0 {
		fmt.Fprintf(b, "\nSLA by severity and domain (met at the deadline counts as met; median and p90 by nearest rank)\n")
		for _, g := range rep.SLA {
			fmt.Fprintf(b, "  %s: %d incidents, %d open, %.2f reassignments per incident\n", rep.groupName(g), g.Incidents, g.Open, g.PerIncident())
			for _, t := range g.Timers {
				fmt.Fprintf(b, "    %-12s %-9s %s\n", t.Timer, t.Target, timingText(t))
			}
		}
	}
	if len(rep.Quarters) > 0 {
		fmt.Fprintf(b, "\nTrend by quarter\n")
		fmt.Fprintf(b, "  %-8s %9s %10s %12s %12s %10s\n", "quarter", "incidents", "misroutes", "acknowledge", "resolve", "reassign")
		for _, q := range rep.Quarters {
			fmt.Fprintf(b, "  %-8s %9d %10s %12s %12s %10.2f\n", q.Name, q.Incidents, fraction(q.Routing.Misroutes, q.Routing.Judged),
				fraction(q.Timers[0].Met, q.Timers[0].Judged()), fraction(q.Timers[3].Met, q.Timers[3].Judged()), q.PerIncident())
		}
	}
	return b.Flush()
}

func fraction(n, of int) string {
	if of == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d", n, of)
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func timingText(t Timing) string {
	if t.Judged() == 0 && t.Pending == 0 {
		return "no data"
	}
	s := "met -"
	if t.Judged() > 0 {
		s = fmt.Sprintf("met %s (%s)", fraction(t.Met, t.Judged()), Pct(t.Share()))
	}
	if t.Measured > 0 {
		s += fmt.Sprintf(", median %s, p90 %s", Dur(t.Median), Dur(t.P90))
	}
	if t.Pending > 0 {
		s += fmt.Sprintf(", %d pending", t.Pending)
	}
	if t.Unrecorded > 0 {
		s += fmt.Sprintf(", %d not recorded", t.Unrecorded)
	}
	return s
}

func (rep *Report) groupName(g Group) string {
	name := g.Severity
	if s := rep.Playbook.Severity(g.Severity); s != nil {
		name += " " + s.Name
	}
	if g.Domain != "" {
		name += " · " + g.Domain
	}
	return name
}

// WriteMarkdown writes the report as Markdown tables.
func (rep *Report) WriteMarkdown(w io.Writer) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "# Replay of %d incidents\n\n", rep.Records)
	fmt.Fprintf(b, "Through today's rules, %s: %d judged, %d still open.\n\n", rep.period(), rep.Overall.Judged, rep.Open)
	fmt.Fprintf(b, "**%d misroutes** in %d judged incidents (%s); the first assignment was wrong in %d (%s).\n",
		rep.Overall.Misroutes, rep.Overall.Judged, Pct(rep.Overall.Share()), rep.FirstTime.Misroutes, Pct(rep.FirstTime.Share()))
	if len(rep.ByDomain) > 0 {
		fmt.Fprintf(b, "\n## By domain\n\n| domain | judged | misroutes | rate |\n| --- | ---: | ---: | ---: |\n")
		for _, d := range rep.ByDomain {
			fmt.Fprintf(b, "| %s | %d | %d | %s |\n", orNone(d.Key), d.Judged, d.Misroutes, Pct(d.Share()))
		}
	}
	if len(rep.ByRule) > 0 {
		fmt.Fprintf(b, "\n## By rule, most often wrong first\n\n| rule | line | judged | misroutes | evidence |\n| --- | ---: | ---: | ---: | --- |\n")
		for _, rr := range rep.ByRule {
			var ev []string
			for _, o := range rr.Evidence {
				ev = append(ev, o.Record.ID)
			}
			fmt.Fprintf(b, "| %s | %d | %d | %d | %s |\n", mdCell(rr.Rule.Name), rr.Rule.Pos.Line, rr.Judged, rr.Misroutes, strings.Join(ev, ", "))
		}
	}
	first := true
	for i := range rep.Outcomes {
		o := &rep.Outcomes[i]
		if !o.Misroute() {
			continue
		}
		if first {
			fmt.Fprintf(b, "\n## Misroutes and suggestions\n\nSuggestions are never applied: check them against the routing tests.\n\n")
			first = false
		}
		fmt.Fprintf(b, "- **%s** %s: %s, resolved by %s.", o.Record.ID, mdCell(o.Record.Title), o.routedText(), o.Record.ResolvedBy)
		if s := o.Suggestion; s != nil {
			for _, e := range s.Edits {
				fmt.Fprintf(b, " Change `%s`.", e)
			}
			fmt.Fprintf(b, " (%s)", s.effect())
		} else {
			fmt.Fprintf(b, " No change to one rule's conditions routes it right.")
		}
		b.WriteString("\n")
	}
	if len(rep.SLA) > 0 {
		fmt.Fprintf(b, "\n## SLA by severity and domain\n\nMet at exactly the deadline counts as met; median and p90 are nearest-rank.\n\n")
		fmt.Fprintf(b, "| group | incidents | open | reassignments per incident | timer | target | met | median | p90 | pending |\n")
		fmt.Fprintf(b, "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |\n")
		for _, g := range rep.SLA {
			for j, t := range g.Timers {
				name, inc, open, re := "", "", "", ""
				if j == 0 {
					name, inc, open, re = rep.groupName(g), fmt.Sprint(g.Incidents), fmt.Sprint(g.Open), fmt.Sprintf("%.2f", g.PerIncident())
				}
				med, p90 := "-", "-"
				if t.Measured > 0 {
					med, p90 = Dur(t.Median), Dur(t.P90)
				}
				fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %d |\n", name, inc, open, re, t.Timer, t.Target,
					fraction(t.Met, t.Judged()), med, p90, t.Pending)
			}
		}
	}
	if len(rep.Quarters) > 0 {
		fmt.Fprintf(b, "\n## Trend by quarter\n\n| quarter | incidents | misroutes | acknowledge met | resolve met | reassignments per incident |\n| --- | ---: | ---: | ---: | ---: | ---: |\n")
		for _, q := range rep.Quarters {
			fmt.Fprintf(b, "| %s | %d | %s | %s | %s | %.2f |\n", q.Name, q.Incidents, fraction(q.Routing.Misroutes, q.Routing.Judged),
				fraction(q.Timers[0].Met, q.Timers[0].Judged()), fraction(q.Timers[3].Met, q.Timers[3].Judged()), q.PerIncident())
		}
	}
	return b.Flush()
}

func mdCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// The JSON shape, version 1.
type (
	jsonReport struct {
		Version    int           `json:"version"`
		AsOf       string        `json:"as_of"`
		Since      string        `json:"since,omitempty"`
		Records    int           `json:"records"`
		Open       int           `json:"open"`
		Routing    jsonRate      `json:"routing"`
		FirstTime  jsonRate      `json:"first_assignment"`
		ByDomain   []jsonRate    `json:"by_domain"`
		ByRule     []jsonRule    `json:"by_rule"`
		Incidents  []jsonOutcome `json:"incidents"`
		SLA        []jsonGroup   `json:"sla"`
		Quarters   []jsonQuarter `json:"quarters"`
		Percentile string        `json:"percentile_method"`
	}
	jsonRate struct {
		Key       string  `json:"key,omitempty"`
		Judged    int     `json:"judged"`
		Misroutes int     `json:"misroutes"`
		Rate      float64 `json:"rate"`
	}
	jsonRule struct {
		Name      string   `json:"name"`
		Index     int      `json:"index"`
		Line      int      `json:"line"`
		Judged    int      `json:"judged"`
		Misroutes int      `json:"misroutes"`
		Evidence  []string `json:"evidence"`
	}
	jsonOutcome struct {
		ID         string      `json:"id"`
		File       string      `json:"file,omitempty"`
		Opened     string      `json:"opened"`
		Rule       *int        `json:"rule"`
		Routed     string      `json:"routed,omitempty"`
		Owner      string      `json:"owner,omitempty"`
		ResolvedBy string      `json:"resolved_by,omitempty"`
		Judged     bool        `json:"judged"`
		Agrees     bool        `json:"agrees"`
		Suggestion *jsonSuggst `json:"suggestion,omitempty"`
	}
	jsonSuggst struct {
		Edits  []jsonEdit `json:"edits"`
		Fixes  int        `json:"fixes"`
		Breaks int        `json:"breaks"`
	}
	jsonEdit struct {
		Rule int    `json:"rule"`
		Fact string `json:"fact"`
		From string `json:"from"`
		To   string `json:"to"`
	}
	jsonGroup struct {
		Severity      string       `json:"severity"`
		Domain        string       `json:"domain,omitempty"`
		Incidents     int          `json:"incidents"`
		Open          int          `json:"open"`
		Reassignments int          `json:"reassignments"`
		Timers        []jsonTiming `json:"timers"`
	}
	jsonTiming struct {
		Timer         string  `json:"timer"`
		Target        string  `json:"target"` // as the playbook writes it: 4h, 2bd, "no target"
		TargetSeconds int64   `json:"target_seconds,omitempty"`
		Met           int     `json:"met"`
		Missed        int     `json:"missed"`
		Pending       int     `json:"pending"`
		Unrecorded    int     `json:"unrecorded"`
		Share         float64 `json:"share_met"`
		Measured      int     `json:"measured"`
		MedianSeconds int64   `json:"median_seconds"`
		P90Seconds    int64   `json:"p90_seconds"`
	}
	jsonQuarter struct {
		Quarter       string       `json:"quarter"`
		Incidents     int          `json:"incidents"`
		Routing       jsonRate     `json:"routing"`
		Reassignments int          `json:"reassignments"`
		Timers        []jsonTiming `json:"timers"`
	}
)

func round4(x float64) float64 { return math.Round(x*10000) / 10000 }

func jrate(r Rate) jsonRate { return jsonRate{r.Key, r.Judged, r.Misroutes, round4(r.Share())} }

func jtimers(ts []Timing) []jsonTiming {
	out := make([]jsonTiming, len(ts))
	for i, t := range ts {
		out[i] = jsonTiming{t.Timer, t.Target.String(), int64(t.Target.Duration / time.Second), t.Met, t.Missed, t.Pending, t.Unrecorded, round4(t.Share()),
			t.Measured, int64(t.Median / time.Second), int64(t.P90 / time.Second)}
	}
	return out
}

// WriteJSON writes the report as versioned JSON ("version": 1).
func (rep *Report) WriteJSON(w io.Writer) error {
	j := jsonReport{Version: 1, AsOf: rep.AsOf.In(rep.Zone).Format(time.RFC3339), Records: rep.Records, Open: rep.Open,
		Routing: jrate(rep.Overall), FirstTime: jrate(rep.FirstTime), ByDomain: []jsonRate{}, ByRule: []jsonRule{},
		Incidents: []jsonOutcome{}, SLA: []jsonGroup{}, Quarters: []jsonQuarter{}, Percentile: "nearest-rank"}
	if !rep.Since.IsZero() {
		j.Since = rep.Since.In(rep.Zone).Format(time.RFC3339)
	}
	for _, d := range rep.ByDomain {
		j.ByDomain = append(j.ByDomain, jrate(d))
	}
	for _, rr := range rep.ByRule {
		jr := jsonRule{Name: rr.Rule.Name, Index: rr.Rule.Index, Line: rr.Rule.Pos.Line, Judged: rr.Judged, Misroutes: rr.Misroutes, Evidence: []string{}}
		for _, o := range rr.Evidence {
			jr.Evidence = append(jr.Evidence, o.Record.ID)
		}
		j.ByRule = append(j.ByRule, jr)
	}
	for _, o := range rep.Outcomes {
		jo := jsonOutcome{ID: o.Record.ID, File: o.Record.File, Opened: o.Record.At.Opened.In(rep.Zone).Format(time.RFC3339),
			Routed: o.Routed, Owner: o.Owner, ResolvedBy: o.Record.ResolvedBy, Judged: o.Judged, Agrees: o.Agrees}
		if o.Rule != nil {
			i := o.Rule.Index
			jo.Rule = &i
		}
		if s := o.Suggestion; s != nil && o.Misroute() {
			js := &jsonSuggst{Fixes: s.Fixes, Breaks: s.Breaks}
			for _, e := range s.Edits {
				js.Edits = append(js.Edits, jsonEdit{e.Rule.Index, e.Fact, e.From, e.To})
			}
			jo.Suggestion = js
		}
		j.Incidents = append(j.Incidents, jo)
	}
	for _, g := range rep.SLA {
		j.SLA = append(j.SLA, jsonGroup{g.Severity, g.Domain, g.Incidents, g.Open, g.Reassignments, jtimers(g.Timers)})
	}
	for _, q := range rep.Quarters {
		j.Quarters = append(j.Quarters, jsonQuarter{q.Name, q.Incidents, jrate(q.Routing), q.Reassignments, jtimers(q.Timers)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(j)
}

// WriteTests writes a routing test for every judged record, to paste under `tests:` in
// matrix.yaml: records the rules route right pin today's decision; each misroute
// expects the team that resolved it, and so fails until the rules change.
func (rep *Report) WriteTests(w io.Writer) error {
	b := bufio.NewWriter(w)
	p := rep.Playbook
	fmt.Fprintf(b, "# Routing tests from %d incident records (escalator replay --emit-tests).\ntests:\n", rep.Overall.Judged)
	for _, o := range rep.Outcomes {
		if !o.Judged {
			continue
		}
		r := o.Record
		if r.File != "" {
			fmt.Fprintf(b, "  # from %s\n", r.File)
		}
		want := o.Owner
		if o.Misroute() {
			fmt.Fprintf(b, "  # misroute: today's rules say %s; this test fails until they send it to %s\n", orNone(o.Owner), r.ResolvedBy)
			want = r.ResolvedBy
		}
		fmt.Fprintf(b, "  - name: %s\n", quote(r.ID+": "+r.Title))
		var given []string
		for _, f := range p.Facts {
			v, ok := r.Facts.Get(f.ID)
			if !ok {
				continue
			}
			if f.Type == matrix.Text {
				v = quote(v)
			}
			given = append(given, f.ID+": "+v)
		}
		fmt.Fprintf(b, "    given: {%s}\n", strings.Join(given, ", "))
		fmt.Fprintf(b, "    at: %s\n", r.At.Opened.In(rep.Zone).Format(time.RFC3339))
		fmt.Fprintf(b, "    expect: {team: %s}\n", want)
	}
	return b.Flush()
}

// quote writes s as a double-quoted scalar, which YAML reads as JSON does.
func quote(s string) string {
	data, _ := json.Marshal(s)
	return string(data)
}
