package matrix

// DecisionJSON is the documented shape of `escalator route --json`.
type DecisionJSON struct {
	Version  int                 `json:"version"`
	Facts    map[string]string   `json:"facts"`
	At       *Instant            `json:"at"`
	Rule     RuleRefJSON         `json:"rule"`
	Matched  []RuleRefJSON       `json:"matched"`
	Owner    *TeamContactsJSON   `json:"owner"`
	Routed   string              `json:"routed_to"`
	OffHours []string            `json:"off_hours"`
	Notified []*TeamContactsJSON `json:"notified"`
	// NotifiedOffHours are teams out of hours whose after-hours teams are notified instead.
	NotifiedOffHours []string `json:"notified_off_hours"`
	// OnCall is who is on call for the owner at the start; null without a schedule.
	OnCall     *OnCallJSON      `json:"oncall"`
	Severity   *SeverityRefJSON `json:"severity"`
	Immediate  bool             `json:"immediate"`
	Deadlines  []DeadlineJSON   `json:"deadlines"`
	Escalation []HandoffJSON    `json:"escalation"`
	// Handover is set when the owner closes while its chain runs.
	Handover *HandoverJSON `json:"handover"`
	Runbooks []DocRefJSON  `json:"runbooks"`
	Roles    []DocRefJSON  `json:"roles"`
	// Briefs are the matched rules' briefs, the deciding rule's first; Brief is the
	// first of them (null when none), as version 1 has always had it.
	Briefs []DocRefJSON `json:"briefs"`
	Brief  *DocRefJSON  `json:"brief"`
}

// SeverityRefJSON is the decided tier and the one the facts gave.
type SeverityRefJSON struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Given string `json:"given,omitempty"`
	// RaisedBy is the rule that last raised the tier, when one did.
	RaisedBy *RuleRefJSON `json:"raised_by,omitempty"`
}

// DeadlineJSON is an SLA timer; At is absent when the decision has no start instant.
type DeadlineJSON struct {
	Name  string   `json:"name"`
	After string   `json:"after"`
	At    *Instant `json:"at,omitempty"`
}

// HandoffJSON is one step of the owner's escalation chain.
type HandoffJSON struct {
	// Team is whose chain the step is: the owner's, or after a handover the team's
	// that took over.
	Team     string        `json:"team"`
	Round    int           `json:"round"`
	Level    int           `json:"level"`
	Name     string        `json:"name"`
	After    string        `json:"after"`
	At       *Instant      `json:"at,omitempty"`
	While    string        `json:"while"`
	Members  []ContactJSON `json:"members"`
	Channels []string      `json:"channels"`
	Teams    []string      `json:"teams"`
	// TeamsOffHours are the level's teams out of hours at its instant, replaced in Teams
	// by their after-hours teams.
	TeamsOffHours []string `json:"teams_off_hours"`
	// OnCall is who is paged in each schedule of the level, as at its instant.
	OnCall []OnCallJSON `json:"oncall"`
}

// HandoverJSON is the owner closing while its chain runs: from At, To's chain goes on.
type HandoverJSON struct {
	At   *Instant `json:"at"`
	From string   `json:"from"`
	To   string   `json:"to"`
}

// DecisionJSON returns the decision in its documented shape. f are the facts it was made from.
func (p *Playbook) DecisionJSON(d *Decision, f Facts) DecisionJSON {
	out := DecisionJSON{
		Version:  JSONVersion,
		Facts:    map[string]string{},
		At:       timePtr(d.At),
		Rule:     p.ruleRef(d.Rule),
		Matched:  []RuleRefJSON{},
		Owner:    d.Owner.ContactsJSON(),
		OffHours: []string{},
		Notified: []*TeamContactsJSON{},
		OnCall:   d.OnCall.JSON(),

		NotifiedOffHours: []string{},
		Immediate:        d.Immediate,
		Deadlines:        []DeadlineJSON{},
		Escalation:       []HandoffJSON{},
		Runbooks:         []DocRefJSON{},
		Roles:            []DocRefJSON{},
	}
	for _, fact := range p.Facts {
		if v, ok := f.Get(fact.ID); ok {
			out.Facts[fact.ID] = v
		}
	}
	for _, r := range d.Matched {
		out.Matched = append(out.Matched, p.ruleRef(r))
	}
	if d.Routed != nil {
		out.Routed = d.Routed.ID
	}
	for _, t := range d.OffHours {
		out.OffHours = append(out.OffHours, t.ID)
	}
	for _, t := range d.Notified {
		out.Notified = append(out.Notified, t.ContactsJSON())
	}
	for _, t := range d.NotifiedOffHours {
		out.NotifiedOffHours = append(out.NotifiedOffHours, t.ID)
	}
	if d.Severity != nil {
		out.Severity = &SeverityRefJSON{ID: d.Severity.ID, Name: d.Severity.Name}
		if d.Given != nil && d.Given != d.Severity {
			out.Severity.Given = d.Given.ID
		}
		if d.RaisedBy != nil {
			ref := p.ruleRef(d.RaisedBy)
			out.Severity.RaisedBy = &ref
		}
	}
	for _, dl := range d.Deadlines {
		out.Deadlines = append(out.Deadlines, DeadlineJSON{dl.Name, dl.After.String(), timePtr(dl.At)})
	}
	for _, h := range d.Handoffs {
		hj := HandoffJSON{Team: h.Team.ID, Round: h.Round, Level: h.Level, Name: h.Name, After: FormatDuration(h.After), At: timePtr(h.At),
			While: h.While, Members: []ContactJSON{}, Channels: []string{}, Teams: []string{}, TeamsOffHours: []string{}, OnCall: []OnCallJSON{}}
		for _, m := range h.Members {
			hj.Members = append(hj.Members, contactJSON(m))
		}
		for _, c := range h.Channels {
			hj.Channels = append(hj.Channels, c.ID)
		}
		for _, t := range h.Teams {
			hj.Teams = append(hj.Teams, t.ID)
		}
		for _, t := range h.TeamsOffHours {
			hj.TeamsOffHours = append(hj.TeamsOffHours, t.ID)
		}
		for i := range h.OnCall {
			hj.OnCall = append(hj.OnCall, *h.OnCall[i].JSON())
		}
		out.Escalation = append(out.Escalation, hj)
	}
	if ho := d.Handover; ho != nil {
		out.Handover = &HandoverJSON{At: timePtr(ho.At), From: ho.From.ID, To: ho.To.ID}
	}
	for _, r := range d.Runbooks {
		out.Runbooks = append(out.Runbooks, DocRefJSON{r.ID, r.Title})
	}
	for _, r := range d.Roles {
		out.Roles = append(out.Roles, DocRefJSON{r.ID, r.Name})
	}
	out.Briefs = []DocRefJSON{}
	for _, b := range d.Briefs {
		out.Briefs = append(out.Briefs, DocRefJSON{b.ID, b.Title})
	}
	if d.Brief != nil {
		out.Brief = &DocRefJSON{d.Brief.ID, d.Brief.Title}
	}
	return out
}

// TraceJSON is one rule's line of `route --explain --json`.
type TraceJSON struct {
	Rule     RuleRefJSON `json:"rule"`
	To       string      `json:"to"`
	Continue bool        `json:"continue"`
	Reached  bool        `json:"reached"`
	Matched  bool        `json:"matched"`
	Decided  bool        `json:"decided"`
	// Raised is the severity id the rule raised the case to, "" when it did not.
	Raised     string          `json:"raised"`
	Conditions []CondTraceJSON `json:"conditions"`
}

// CondTraceJSON is one condition of a traced rule.
type CondTraceJSON struct {
	Fact      string  `json:"fact"`
	Condition string  `json:"condition"`
	Held      bool    `json:"held"`
	Given     *string `json:"given"`
	// RaisedBy is the index of the rule whose raise the condition read, null when it
	// read the fact as given.
	RaisedBy *int `json:"raised_by"`
}

// TraceJSON returns an explanation in its JSON shape.
func (p *Playbook) TraceJSON(trace []RuleTrace) []TraceJSON {
	out := make([]TraceJSON, 0, len(trace))
	for _, tr := range trace {
		tj := TraceJSON{Rule: p.ruleRef(tr.Rule), To: tr.Rule.To.ID, Continue: tr.Rule.Continue,
			Reached: tr.Reached, Matched: tr.Matched, Decided: tr.Decided, Conditions: []CondTraceJSON{}}
		if tr.Raised != nil {
			tj.Raised = tr.Raised.ID
		}
		for _, c := range tr.Conds {
			cj := CondTraceJSON{Fact: c.Cond.Fact, Condition: c.Cond.String(), Held: c.Held}
			if c.Set {
				g := c.Given
				cj.Given = &g
			}
			if c.RaisedBy != nil {
				i := c.RaisedBy.Index
				cj.RaisedBy = &i
			}
			tj.Conditions = append(tj.Conditions, cj)
		}
		out = append(out, tj)
	}
	return out
}

// GridJSON is the shape of `route --grid --json`.
type GridJSON struct {
	Version    int            `json:"version"`
	Domains    []string       `json:"domains"`
	Severities []string       `json:"severities"`
	Cells      []GridCellJSON `json:"cells"`
}

// GridCellJSON is one domain at one severity.
type GridCellJSON struct {
	Domain    string      `json:"domain"`
	Severity  string      `json:"severity"`
	Team      string      `json:"team"`
	Notified  []string    `json:"notified"`
	Decided   string      `json:"decided_severity"`
	Immediate bool        `json:"immediate"`
	Default   bool        `json:"default"`
	Rule      RuleRefJSON `json:"rule"`
	Runbooks  []string    `json:"runbooks"`
	Briefs    []string    `json:"briefs"`
}

// GridJSON returns the grid in its JSON shape, cells row by row.
func (p *Playbook) GridJSON(grid [][]Cell) GridJSON {
	out := GridJSON{Version: JSONVersion, Domains: []string{}, Severities: []string{}, Cells: []GridCellJSON{}}
	for _, d := range p.Domains {
		out.Domains = append(out.Domains, d.ID)
	}
	for _, s := range p.Severities {
		out.Severities = append(out.Severities, s.ID)
	}
	for _, row := range grid {
		for _, c := range row {
			d := c.Decision
			if d == nil {
				continue
			}
			cj := GridCellJSON{Domain: c.Domain.ID, Severity: c.Severity.ID, Team: d.Owner.ID, Notified: []string{},
				Immediate: d.Immediate, Default: d.Rule.IsDefault(), Rule: p.ruleRef(d.Rule), Runbooks: []string{}, Briefs: []string{}}
			if d.Severity != nil {
				cj.Decided = d.Severity.ID
			}
			for _, t := range d.Notified {
				cj.Notified = append(cj.Notified, t.ID)
			}
			for _, r := range d.Runbooks {
				cj.Runbooks = append(cj.Runbooks, r.ID)
			}
			for _, b := range d.Briefs {
				cj.Briefs = append(cj.Briefs, b.ID)
			}
			out.Cells = append(out.Cells, cj)
		}
	}
	return out
}

// HoursTraceJSON is a HoursTrace in JSON.
type HoursTraceJSON struct {
	Team   string `json:"team"`
	Zone   string `json:"zone,omitempty"`
	Local  string `json:"local,omitempty"` // 2006-01-02T15:04 on the team's clock
	Open   bool   `json:"open"`
	Reason string `json:"reason"`
}

// HoursTracesJSON returns the traces in JSON.
func HoursTracesJSON(trs []HoursTrace) []HoursTraceJSON {
	out := make([]HoursTraceJSON, 0, len(trs))
	for _, tr := range trs {
		j := HoursTraceJSON{Team: tr.Team.ID, Open: tr.Open, Reason: tr.Reason}
		if !tr.Local.IsZero() {
			j.Zone, j.Local = tr.Team.Hours.TimeZone, tr.Local.Format("2006-01-02T15:04")
		}
		out = append(out, j)
	}
	return out
}
