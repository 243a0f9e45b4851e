package playbookdiff

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/matrix"
)

// timelines lists the teams, in new's order, whose escalation chain hands off at other
// times or pages other people. A level moved past the acknowledge SLA of the most
// severe tier the team owns in newGrid is flagged.
func timelines(old, new *matrix.Playbook, newGrid [][]matrix.Cell) []TimelineChange {
	acks := tightestAck(new, newGrid)
	out := []TimelineChange{}
	for _, t := range new.Teams {
		ot := old.Team(t.ID)
		if ot == nil {
			continue // a new team: listed with the documents
		}
		ol, nl := levels(old, ot), levels(new, t)
		var ch []Change
		w := at(t.File, t.Escalation.Pos)
		mark := func(i int) {
			if len(ch) == 0 && i < len(t.Escalation.Levels) {
				lv := t.Escalation.Levels[i]
				w = at(t.File, lv.Pos)
				if lv.After.Pos.Line > 0 {
					w = at(t.File, lv.After.Pos)
				}
			}
		}
		for i := range max(len(ol), len(nl)) {
			label := "level " + strconv.Itoa(i+1)
			var o, n level
			if i < len(ol) {
				o = ol[i]
			}
			if i < len(nl) {
				n = nl[i]
				if n.name != "" {
					label += " (" + n.name + ")"
				}
			}
			if o != n {
				mark(i)
			}
			switch {
			case i >= len(ol):
				ch = append(ch, Change{Field: label, New: n.text()})
				continue
			case i >= len(nl):
				ch = append(ch, Change{Field: label, Old: o.text()})
				continue
			}
			if o.after != n.after {
				c := Change{Field: label + " after", Old: matrix.FormatDuration(o.after), New: matrix.FormatDuration(n.after)}
				if a, ok := acks[t.ID]; ok && n.after > a.ack && o.after <= a.ack {
					c.Note = fmt.Sprintf("now beyond the %s acknowledge SLA of %s", a.sev, matrix.FormatDuration(a.ack))
				}
				ch = append(ch, c)
			}
			if o.pages != n.pages {
				ch = append(ch, Change{Field: label + " pages", Old: o.pages, New: n.pages})
			}
		}
		if ot.Escalation.Repeat != t.Escalation.Repeat {
			ch = append(ch, Change{Field: "repeat", Old: strconv.Itoa(ot.Escalation.Repeat), New: strconv.Itoa(t.Escalation.Repeat)})
		}
		if len(ch) > 0 {
			out = append(out, TimelineChange{Team: t.ID, Changes: ch, Where: w})
		}
	}
	return out
}

// level is one level of a chain's first round, as a reader compares it.
type level struct {
	name  string
	after time.Duration
	pages string
}

func (l level) text() string {
	return fmt.Sprintf("after %s, pages %s", matrix.FormatDuration(l.after), l.pages)
}

// levels lists the first round of t's chain, from the start of an incident.
func levels(p *matrix.Playbook, t *matrix.Team) []level {
	var out []level
	for _, h := range p.Handoffs(t, time.Time{}) {
		if h.Round > 0 {
			continue
		}
		for len(out) < h.Level {
			out = append(out, level{})
		}
		who := h.Who()
		if len(who) == 0 {
			who = []string{"nobody"}
		}
		out[h.Level-1] = level{h.Name, h.After, strings.Join(who, ", ")}
	}
	return out
}

type ack struct {
	sev string
	ack time.Duration
}

// tightestAck is, for each team that owns a cell of p's grid g in hours or out of
// them, the shortest acknowledge SLA among those cells; business-day targets depend on
// the instant and are left out, as the audit leaves them.
func tightestAck(p *matrix.Playbook, g [][]matrix.Cell) map[string]ack {
	out := map[string]ack{}
	for _, row := range g {
		for _, c := range row {
			d := c.Decision
			if d == nil || d.Severity == nil || !d.Severity.SLA.Acknowledge.Set || d.Severity.SLA.Acknowledge.IsBusiness() {
				continue
			}
			a := ack{d.Severity.ID, d.Severity.SLA.Acknowledge.Duration}
			for _, t := range []*matrix.Team{d.Owner, night(p, d.Owner)} {
				if t == nil {
					continue
				}
				if cur, ok := out[t.ID]; !ok || a.ack < cur.ack {
					out[t.ID] = a
				}
			}
		}
	}
	return out
}
