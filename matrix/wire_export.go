package matrix

import (
	"bytes"
	"cmp"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/escalator-dev/escalator/matrix/schedule"
)

// ExportJSON is the whole model and routing policy in the documented JSON shape of
// `escalator export` and of the site's api/playbook.json (schema/export.schema.json).
//
// The shape is a contract for integrations: every key is always present; lists are []
// when empty, never null; text that was not written is ""; ids, durations and dates that
// were not written are "" too. The only nulls are in a routing test's expectation, where
// they mean "not checked". File paths are relative to the playbook folder, so the export
// is the same wherever the folder lives, and it holds no timestamps: the same playbook
// always exports the same bytes.
type ExportJSON struct {
	Version    int            `json:"version"`
	Site       SiteJSON       `json:"site"`
	Severities []SeverityJSON `json:"severities"`
	Domains    []DomainJSON   `json:"domains"`
	Facts      []FactJSON     `json:"facts"`
	Routes     []RouteJSON    `json:"routes"`
	Tests      []TestJSON     `json:"tests"`
	Teams      []TeamJSON     `json:"teams"`
	Roles      []RoleJSON     `json:"roles"`
	Runbooks   []RunbookJSON  `json:"runbooks"`
	Briefs     []BriefJSON    `json:"briefs"`
	Vendors    []VendorJSON   `json:"vendors"`
	Pages      []PageJSON     `json:"pages"`
	Holidays   []HolidayJSON  `json:"holidays"`
	Grid       GridJSON       `json:"grid"`
}

// SiteJSON is playbook.yaml.
type SiteJSON struct {
	Title          string     `json:"title"`
	Organisation   string     `json:"organisation"`
	TimeZone       string     `json:"time_zone"`
	ReviewInterval string     `json:"review_interval"`
	BaseURL        string     `json:"base_url"`
	Description    string     `json:"description"`
	Synonyms       [][]string `json:"synonyms"`
	OnCallMaxShare int        `json:"oncall_max_share"`
	// WorkingWeek is the working_week as written ("mon-fri 09:00-17:30"), "" when unset.
	WorkingWeek string         `json:"working_week"`
	TeamKinds   []TeamKindJSON `json:"team_kinds"`
}

// TeamKindJSON is one of playbook.yaml's own team kinds.
type TeamKindJSON struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// SeverityJSON is one tier; Rank 0 is the most severe.
type SeverityJSON struct {
	ID          string      `json:"id"`
	Name        string      `json:"name"`
	Rank        int         `json:"rank"`
	Description string      `json:"description"`
	Criteria    []string    `json:"criteria"`
	SLA         SLAJSON     `json:"sla"`
	Updates     UpdatesJSON `json:"updates"`
	Roles       []string    `json:"roles"`
	Actions     []string    `json:"actions"`
	Color       string      `json:"color"`
}

// SLAJSON holds a tier's timers as durations from the start of the incident.
type SLAJSON struct {
	Acknowledge string `json:"acknowledge"`
	Triage      string `json:"triage"`
	Contain     string `json:"contain"`
	Resolve     string `json:"resolve"`
	RootCause   string `json:"root_cause"`
}

// UpdatesJSON is the cadence of status updates.
type UpdatesJSON struct {
	Internal string `json:"internal"`
	Customer string `json:"customer"`
}

// DomainJSON is a fault domain; Stage is "ga" when the author left it out.
type DomainJSON struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Owner       string   `json:"owner"`
	Stage       string   `json:"stage"`
	Vendors     []string `json:"vendors"`
}

// FactJSON is a triage fact. Options are as written; Choices are the valid values of a
// choice fact, from Options or from the domains or severities named by From.
type FactJSON struct {
	ID       string   `json:"id"`
	Question string   `json:"question"`
	Type     string   `json:"type"`
	Options  []string `json:"options"`
	From     string   `json:"from"`
	Choices  []string `json:"choices"`
	Required bool     `json:"required"`
	Help     string   `json:"help"`
}

// RouteJSON is one routing rule, in evaluation order: the rule as a decision names
// it, then what it says. A rule with no conditions is the default and matches every
// case.
type RouteJSON struct {
	RuleRefJSON
	When      []CondJSON `json:"when"`
	To        string     `json:"to"`
	Also      []string   `json:"also"`
	Continue  bool       `json:"continue"`
	Severity  string     `json:"severity"`
	Immediate bool       `json:"immediate"`
	Runbooks  []string   `json:"runbooks"`
	Brief     string     `json:"brief"`
}

// CondJSON is one condition of a rule. Condition and Raw are for people; Op and Values
// are for programs: the fact must be one of Values ("in"), or compare with Values[0]
// ("!=", "<", "<=", ">", ">="). Values are the fact's values as text: choice values, "true"
// or "false", or numbers.
type CondJSON struct {
	Fact      string   `json:"fact"`
	Condition string   `json:"condition"`
	Raw       string   `json:"raw"`
	Op        string   `json:"op"`
	Values    []string `json:"values"`
}

// TestJSON is a routing test. At is as written ("" when the test ignores hours).
type TestJSON struct {
	Name   string            `json:"name"`
	File   string            `json:"file"`
	Line   int               `json:"line"`
	Given  map[string]string `json:"given"`
	At     string            `json:"at"`
	Expect ExpectJSON        `json:"expect"`
}

// ExpectJSON is what a routing test expects. "" and null mean "not checked"; Notified
// [] expects that no team is notified.
type ExpectJSON struct {
	Team      string    `json:"team"`
	Severity  string    `json:"severity"`
	Notified  *[]string `json:"notified"`
	Immediate *bool     `json:"immediate"`
	OnCall    string    `json:"oncall"`
}

// TeamJSON is a team with its hours, contacts and escalation chain.
type TeamJSON struct {
	ID           string         `json:"id"`
	Name         string         `json:"name"`
	Kind         string         `json:"kind"`
	Description  string         `json:"description"`
	Owner        string         `json:"owner"`
	LastReviewed string         `json:"last_reviewed"`
	Hours        HoursJSON      `json:"hours"`
	AfterHours   string         `json:"after_hours"`
	Channels     []ChannelJSON  `json:"channels"`
	Members      []MemberJSON   `json:"members"`
	Escalation   ChainJSON      `json:"escalation"`
	Schedules    []ScheduleJSON `json:"schedules"`
	Dashboards   []LinkJSON     `json:"dashboards"`
	File         string         `json:"file"`
}

// ScheduleJSON is an on-call schedule: its rules as the schedule package evaluates
// them (zones resolved, local start times, overrides as UTC instants), so a program
// can answer "who is on call" itself; matrix.Playbook.OnCall is the reference.
type ScheduleJSON struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	TimeZone    string `json:"time_zone"`
	schedule.Rules
}

// HoursJSON is when a team works: Always, or Windows in TimeZone.
type HoursJSON struct {
	Always   bool         `json:"always"`
	TimeZone string       `json:"time_zone"`
	Windows  []WindowJSON `json:"windows"`
	Closed   []string     `json:"closed"`
	Holidays []string     `json:"holidays"`
}

// HolidayJSON is a holiday calendar; a date is YYYY-MM-DD (that day) or MM-DD (yearly).
type HolidayJSON struct {
	ID           string            `json:"id"`
	Name         string            `json:"name"`
	Description  string            `json:"description"`
	Owner        string            `json:"owner"`
	LastReviewed string            `json:"last_reviewed"`
	Dates        []HolidayDateJSON `json:"dates"`
	File         string            `json:"file"`
}

// HolidayDateJSON is one closed day of a calendar.
type HolidayDateJSON struct {
	Date string `json:"date"`
	Name string `json:"name"`
}

// WindowJSON is a weekly window, as written.
type WindowJSON struct {
	Days  string `json:"days"`
	Start string `json:"start"`
	End   string `json:"end"`
}

// ChannelJSON is a way to reach a team.
type ChannelJSON struct {
	ID      string `json:"id"`
	Kind    string `json:"kind"`
	Name    string `json:"name"`
	Address string `json:"address"`
	Note    string `json:"note"`
	PIN     string `json:"pin"`
}

// MemberJSON is a person in a team.
type MemberJSON struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Role     string `json:"role"`
	Phone    string `json:"phone"`
	Email    string `json:"email"`
	Chat     string `json:"chat"`
	TimeZone string `json:"timezone"`
}

// ChainJSON is a team's escalation chain as written; Playbook.Handoffs expands it.
type ChainJSON struct {
	Repeat int         `json:"repeat"`
	Levels []LevelJSON `json:"levels"`
}

// LevelJSON is one level of a chain; While is "unacknowledged" unless the author
// wrote "unresolved".
type LevelJSON struct {
	Name      string   `json:"name"`
	After     string   `json:"after"`
	While     string   `json:"while"`
	Members   []string `json:"members"`
	Channels  []string `json:"channels"`
	Teams     []string `json:"teams"`
	Schedules []string `json:"schedules"`
	Offset    int      `json:"offset"`
}

// LinkJSON is a named URL.
type LinkJSON struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

// RoleJSON is an incident role; Body is its Markdown.
type RoleJSON struct {
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	Summary      string   `json:"summary"`
	Actions      []string `json:"actions"`
	Handoff      string   `json:"handoff"`
	Owner        string   `json:"owner"`
	LastReviewed string   `json:"last_reviewed"`
	Body         string   `json:"body"`
	File         string   `json:"file"`
	// StaffedTeam and StaffedSchedule name who staffs the role; "" when unsaid.
	StaffedTeam     string   `json:"staffed_team"`
	StaffedSchedule string   `json:"staffed_schedule"`
	Prerequisites   []string `json:"prerequisites"`
}

// RunbookJSON is a runbook's front matter and Markdown body.
type RunbookJSON struct {
	ID           string        `json:"id"`
	Title        string        `json:"title"`
	Domain       string        `json:"domain"`
	Domains      []string      `json:"domains"`
	AllDomains   bool          `json:"all_domains"`
	Kind         string        `json:"kind"`
	Severities   []string      `json:"severities"`
	Owner        string        `json:"owner"`
	LastReviewed string        `json:"last_reviewed"`
	Summary      string        `json:"summary"`
	Triage       []TriageJSON  `json:"triage"`
	Alert        []string      `json:"alert"`
	Dashboards   []LinkJSON    `json:"dashboards"`
	Containment  string        `json:"containment"`
	Checklist    ChecklistJSON `json:"checklist"`
	Vendors      []string      `json:"vendors"`
	Tags         []string      `json:"tags"`
	Body         string        `json:"body"`
	File         string        `json:"file"`
}

// TriageJSON is a question answered before escalating.
type TriageJSON struct {
	ID       string `json:"id"`
	Question string `json:"question"`
	Help     string `json:"help"`
}

// ChecklistJSON holds a runbook's steps by phase; phases without steps are [].
type ChecklistJSON struct {
	Triage      []string `json:"triage"`
	Contain     []string `json:"contain"`
	Remediate   []string `json:"remediate"`
	Verify      []string `json:"verify"`
	Communicate []string `json:"communicate"`
	// Phases is every phase with steps, in the author's order, the default ones too.
	Phases []PhaseJSON `json:"phases"`
}

// PhaseJSON is one phase of a checklist, with its steps in full.
type PhaseJSON struct {
	Name  string     `json:"name"`
	Steps []StepJSON `json:"steps"`
}

// StepJSON is a checklist step; role and delegate are "" when unsaid.
type StepJSON struct {
	Do       string `json:"do"`
	Role     string `json:"role"`
	Delegate string `json:"delegate"`
}

func exportChecklist(c Checklist) ChecklistJSON {
	texts := func(name string) []string {
		out := []string{}
		for _, st := range c.Phase(name) {
			out = append(out, st.Do)
		}
		return out
	}
	x := ChecklistJSON{texts("triage"), texts("contain"), texts("remediate"), texts("verify"), texts("communicate"), []PhaseJSON{}}
	for _, ph := range c.Phases() {
		xp := PhaseJSON{Name: ph.Name, Steps: make([]StepJSON, 0, len(ph.Steps))}
		for _, st := range ph.Steps {
			xp.Steps = append(xp.Steps, StepJSON{st.Do, st.Role.ID, st.Delegate})
		}
		x.Phases = append(x.Phases, xp)
	}
	return x
}

// BriefJSON is a brief template: its sections and fields, and its Markdown guidance.
type BriefJSON struct {
	ID           string        `json:"id"`
	Title        string        `json:"title"`
	Kind         string        `json:"kind"`
	Target       string        `json:"target"`
	Immediate    bool          `json:"immediate"`
	Summary      string        `json:"summary"`
	Sections     []SectionJSON `json:"sections"`
	Message      string        `json:"message"`
	Owner        string        `json:"owner"`
	LastReviewed string        `json:"last_reviewed"`
	Body         string        `json:"body"`
	File         string        `json:"file"`
}

// SectionJSON groups the fields of a brief.
type SectionJSON struct {
	ID     string      `json:"id"`
	Title  string      `json:"title"`
	Help   string      `json:"help"`
	Fields []FieldJSON `json:"fields"`
}

// FieldJSON is one input of a brief.
type FieldJSON struct {
	ID          string   `json:"id"`
	Label       string   `json:"label"`
	Type        string   `json:"type"`
	Required    bool     `json:"required"`
	Help        string   `json:"help"`
	Options     []string `json:"options"`
	Placeholder string   `json:"placeholder"`
	Columns     []string `json:"columns"` // a table field's headings; [] otherwise
}

// VendorJSON is a third-party dependency.
type VendorJSON struct {
	ID           string        `json:"id"`
	Name         string        `json:"name"`
	Service      string        `json:"service"`
	Owner        string        `json:"owner"`
	Support      SupportJSON   `json:"support"`
	SLA          VendorSLAJSON `json:"sla"`
	StatusPage   string        `json:"status_page"`
	Fallback     string        `json:"fallback"`
	LastReviewed string        `json:"last_reviewed"`
	File         string        `json:"file"`
}

// SupportJSON is how to reach a vendor.
type SupportJSON struct {
	Phone   string `json:"phone"`
	Email   string `json:"email"`
	Portal  string `json:"portal"`
	Hours   string `json:"hours"`
	Account string `json:"account"`
}

// VendorSLAJSON is what a vendor promises.
type VendorSLAJSON struct {
	Uptime   string `json:"uptime"`
	Response string `json:"response"`
	Notes    string `json:"notes"`
}

// PageJSON is a free page; Body is its Markdown.
type PageJSON struct {
	ID           string `json:"id"`
	Title        string `json:"title"`
	Summary      string `json:"summary"`
	Order        int    `json:"order"`
	Section      string `json:"section"`
	Owner        string `json:"owner"`
	LastReviewed string `json:"last_reviewed"`
	Body         string `json:"body"`
	File         string `json:"file"`
}

// Export returns the whole playbook in the export shape. It is meant for a playbook that
// loaded without errors; on any other it still returns what there is.
func (p *Playbook) Export() ExportJSON {
	rel := p.relFile()
	s := p.Site
	x := ExportJSON{
		Version: JSONVersion,
		Site: SiteJSON{Title: s.Title, Organisation: s.Organisation, TimeZone: s.TimeZone, OnCallMaxShare: cmp.Or(s.OnCallMaxShare, 50),
			ReviewInterval: durText(s.ReviewInterval), BaseURL: s.BaseURL, Description: s.Description, Synonyms: [][]string{},
			TeamKinds: make([]TeamKindJSON, 0, len(s.TeamKinds))},
		Severities: make([]SeverityJSON, 0, len(p.Severities)),
		Domains:    make([]DomainJSON, 0, len(p.Domains)),
		Facts:      make([]FactJSON, 0, len(p.Facts)),
		Routes:     make([]RouteJSON, 0, len(p.Routes)),
		Tests:      make([]TestJSON, 0, len(p.Tests)),
		Teams:      make([]TeamJSON, 0, len(p.Teams)),
		Roles:      make([]RoleJSON, 0, len(p.Roles)),
		Runbooks:   make([]RunbookJSON, 0, len(p.Runbooks)),
		Briefs:     make([]BriefJSON, 0, len(p.Briefs)),
		Vendors:    make([]VendorJSON, 0, len(p.Vendors)),
		Pages:      make([]PageJSON, 0, len(p.Pages)),
		Holidays:   make([]HolidayJSON, 0, len(p.Holidays)),
		Grid:       p.GridJSON(p.Grid()),
	}
	for _, syn := range s.Synonyms {
		x.Site.Synonyms = append(x.Site.Synonyms, copyStrs(syn))
	}
	if s.WorkingWeek != nil {
		x.Site.WorkingWeek = s.WorkingWeek.String()
	}
	for _, k := range s.TeamKinds {
		x.Site.TeamKinds = append(x.Site.TeamKinds, TeamKindJSON{k.ID, k.Name, k.Description})
	}
	for _, sv := range p.Severities {
		x.Severities = append(x.Severities, SeverityJSON{
			ID: sv.ID, Name: sv.Name, Rank: sv.Rank, Description: sv.Description, Criteria: copyStrs(sv.Criteria),
			SLA:     SLAJSON{durText(sv.SLA.Acknowledge), durText(sv.SLA.Triage), durText(sv.SLA.Contain), durText(sv.SLA.Resolve), durText(sv.SLA.RootCause)},
			Updates: UpdatesJSON{durText(sv.Updates.Internal), durText(sv.Updates.Customer)},
			Roles:   refIDs(sv.Roles), Actions: copyStrs(sv.Actions), Color: sv.Color,
		})
	}
	for _, d := range p.Domains {
		stage := d.Stage
		if stage == "" {
			stage = "ga"
		}
		x.Domains = append(x.Domains, DomainJSON{d.ID, d.Name, d.Description, d.Owner.ID, stage, refIDs(d.Vendors)})
	}
	for _, f := range p.Facts {
		x.Facts = append(x.Facts, FactJSON{f.ID, f.Question, string(f.Type), copyStrs(f.Options), f.From, copyStrs(f.Choices), f.Required, f.Help})
	}
	for _, r := range p.Routes {
		xr := RouteJSON{RuleRefJSON: p.ruleRef(r),
			When: make([]CondJSON, 0, len(r.When)), To: r.To.ID, Also: refIDs(r.Also), Continue: r.Continue,
			Severity: r.Severity.ID, Immediate: r.Immediate, Runbooks: refIDs(r.Runbooks), Brief: r.Brief.ID}
		for i := range r.When {
			xr.When = append(xr.When, exportCond(&r.When[i]))
		}
		xr.File = rel(xr.File)
		x.Routes = append(x.Routes, xr)
	}
	for _, t := range p.Tests {
		xt := TestJSON{Name: t.Name, File: rel(p.MatrixFile), Line: t.Pos.Line, Given: map[string]string{}, At: t.At.Raw,
			Expect: ExpectJSON{Team: t.Expect.Team.ID, Severity: t.Expect.Severity.ID, Immediate: t.Expect.Immediate, OnCall: t.Expect.OnCall.ID}}
		for _, g := range t.Given {
			xt.Given[g.Fact] = g.Value
		}
		if t.Expect.Notified != nil {
			n := refIDs(t.Expect.Notified)
			xt.Expect.Notified = &n
		}
		x.Tests = append(x.Tests, xt)
	}
	for _, t := range p.Teams {
		x.Teams = append(x.Teams, p.exportTeam(t, rel))
	}
	for _, r := range p.Roles {
		xr := RoleJSON{r.ID, r.Name, r.Summary, copyStrs(r.Actions), r.Handoff,
			r.Owner.ID, r.LastReviewed.String(), r.Body, rel(r.File), "", "", copyStrs(r.Prerequisites)}
		if r.StaffedBy != nil {
			xr.StaffedTeam, xr.StaffedSchedule = r.StaffedBy.Team.ID, r.StaffedBy.Schedule.ID
		}
		x.Roles = append(x.Roles, xr)
	}
	for _, rb := range p.Runbooks {
		kind := "incident"
		if rb.IsProcess() {
			kind = ProcessRunbook
		}
		xr := RunbookJSON{ID: rb.ID, Title: rb.Title, Domain: rb.Domain.ID, Domains: copyStrs(rb.DomainIDs(p)), AllDomains: rb.AllDomains(), Kind: kind, Severities: refIDs(rb.Severities),
			Owner: rb.Owner.ID, LastReviewed: rb.LastReviewed.String(), Summary: rb.Summary,
			Triage: make([]TriageJSON, 0, len(rb.Triage)), Alert: refIDs(rb.Alert), Dashboards: exportLinks(rb.Dashboards),
			Containment: rb.Containment, Vendors: refIDs(rb.Vendors), Tags: copyStrs(rb.Tags), Body: rb.Body, File: rel(rb.File),
			Checklist: exportChecklist(rb.Checklist)}
		for _, q := range rb.Triage {
			xr.Triage = append(xr.Triage, TriageJSON(q))
		}
		x.Runbooks = append(x.Runbooks, xr)
	}
	for _, b := range p.Briefs {
		xb := BriefJSON{ID: b.ID, Title: b.Title, Kind: b.Kind, Target: b.Target, Immediate: b.Immediate,
			Summary: b.Summary, Sections: make([]SectionJSON, 0, len(b.Sections)), Message: b.Message.Text, Owner: b.Owner.ID,
			LastReviewed: b.LastReviewed.String(), Body: b.Body, File: rel(b.File)}
		for _, sec := range b.Sections {
			xs := SectionJSON{sec.ID, sec.Title, sec.Help, make([]FieldJSON, 0, len(sec.Fields))}
			for _, f := range sec.Fields {
				xs.Fields = append(xs.Fields, FieldJSON{f.ID, f.Label, f.Type, f.Required, f.Help, copyStrs(f.Options), f.Placeholder, copyStrs(f.Columns)})
			}
			xb.Sections = append(xb.Sections, xs)
		}
		x.Briefs = append(x.Briefs, xb)
	}
	for _, v := range p.Vendors {
		x.Vendors = append(x.Vendors, VendorJSON{v.ID, v.Name, v.Service, v.Owner.ID, SupportJSON{v.Support.Phone, v.Support.Email, v.Support.Portal, v.Support.Hours, v.Support.Account},
			VendorSLAJSON{v.SLA.Uptime, durText(v.SLA.Response), v.SLA.Notes}, v.StatusPage, v.Fallback,
			v.LastReviewed.String(), rel(v.File)})
	}
	for _, pg := range p.Pages {
		x.Pages = append(x.Pages, PageJSON{pg.ID, pg.Title, pg.Summary, pg.Order, pg.Section, pg.Owner.ID,
			pg.LastReviewed.String(), pg.Body, rel(pg.File)})
	}
	for _, h := range p.Holidays {
		xh := HolidayJSON{h.ID, h.Name, h.Description, h.Owner.ID, h.LastReviewed.String(), make([]HolidayDateJSON, 0, len(h.Dates)), rel(h.File)}
		for _, d := range h.Dates {
			xh.Dates = append(xh.Dates, HolidayDateJSON{d.Date, d.Name})
		}
		x.Holidays = append(x.Holidays, xh)
	}
	for i := range x.Grid.Cells {
		x.Grid.Cells[i].Rule.File = rel(x.Grid.Cells[i].Rule.File)
	}
	return x
}

// JSON encodes the export the one way it is published: indented by two spaces, HTML
// characters left as they are, a final newline. Equal exports give equal bytes.
func (x ExportJSON) JSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(x); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func (p *Playbook) exportTeam(t *Team, rel func(string) string) TeamJSON {
	xt := TeamJSON{ID: t.ID, Name: t.Name, Kind: t.Kind, Description: t.Description, Owner: t.Owner.ID,
		LastReviewed: t.LastReviewed.String(),
		Hours: HoursJSON{Always: t.Hours.Always, TimeZone: t.Hours.TimeZone, Windows: make([]WindowJSON, 0, len(t.Hours.Windows)),
			Closed: make([]string, 0, len(t.Hours.Closed)), Holidays: refIDs(t.Hours.Holidays)},
		AfterHours: t.AfterHours.ID, Channels: make([]ChannelJSON, 0, len(t.Channels)),
		Members: make([]MemberJSON, 0, len(t.Members)), Dashboards: exportLinks(t.Dashboards), File: rel(t.File),
		Schedules:  make([]ScheduleJSON, 0, len(t.Schedules)),
		Escalation: ChainJSON{Repeat: t.Escalation.Repeat, Levels: make([]LevelJSON, 0, len(t.Escalation.Levels))}}
	for _, w := range t.Hours.Windows {
		xt.Hours.Windows = append(xt.Hours.Windows, WindowJSON{w.Days, w.Start, w.End})
	}
	for _, c := range t.Hours.Closed {
		xt.Hours.Closed = append(xt.Hours.Closed, c.String())
	}
	for _, c := range t.Channels {
		xt.Channels = append(xt.Channels, ChannelJSON{c.ID, c.Kind, c.Name, c.Address, c.Note, c.PIN})
	}
	for _, m := range t.Members {
		xt.Members = append(xt.Members, MemberJSON{m.ID, m.Name, m.Role, m.Phone, m.Email, m.Chat, m.TimeZone})
	}
	for _, l := range t.Escalation.Levels {
		while := "unacknowledged"
		if l.UntilResolved() {
			while = "unresolved"
		}
		xt.Escalation.Levels = append(xt.Escalation.Levels, LevelJSON{l.Name, durText(l.After), while,
			refIDs(l.Members), refIDs(l.Channels), refIDs(l.Teams), refIDs(l.Schedules), l.Offset})
	}
	for i := range t.Schedules {
		s := &t.Schedules[i]
		r, ok := p.ScheduleRules(s)
		if !ok { // only a playbook with errors has one; keep the shape whole
			r = schedule.Rules{Layers: []schedule.LayerRules{}, Overrides: []schedule.OverrideRules{}}
		}
		xt.Schedules = append(xt.Schedules, ScheduleJSON{s.ID, s.Name, s.Description, p.ScheduleLocation(t, s).String(), r})
	}
	return xt
}

// exportCond describes a condition for programs as well as for people. A condition
// that did not compile (Load reported it) has no op and no values.
func exportCond(c *Cond) CondJSON {
	xc := CondJSON{Fact: c.Fact, Condition: c.String(), Raw: c.Raw, Values: []string{}}
	if !c.valid {
		return xc
	}
	switch c.op {
	case opAny:
		xc.Op = "in"
	case opNe:
		xc.Op = "!="
	case opLt:
		xc.Op = "<"
	case opLe:
		xc.Op = "<="
	case opGt:
		xc.Op = ">"
	case opGe:
		xc.Op = ">="
	}
	for _, v := range c.vals {
		if c.typ == Number {
			xc.Values = append(xc.Values, strconv.FormatFloat(v.n, 'f', -1, 64))
		} else {
			xc.Values = append(xc.Values, v.s)
		}
	}
	return xc
}

// relFile returns a function that names a playbook file relative to the playbook
// folder. Load names files "<root>/<path>"; the root is what precedes playbook.yaml (or
// matrix.yaml) in their display names.
func (p *Playbook) relFile() func(string) string {
	prefix := ""
	for _, f := range []struct{ shown, name string }{{p.Site.File, "playbook.yaml"}, {p.MatrixFile, "matrix.yaml"}} {
		if dir, ok := strings.CutSuffix(f.shown, "/"+f.name); ok {
			prefix = dir + "/"
			break
		}
		if f.shown == f.name {
			break
		}
	}
	return func(file string) string { return strings.TrimPrefix(file, prefix) }
}

// durText formats a duration the way authors write it, or "" when it was not written.
func durText(d Duration) string {
	if !d.Set {
		return ""
	}
	return d.String()
}

// copyStrs copies s, so the export shares nothing with the playbook; nil becomes [], so
// that JSON lists are never null.
func copyStrs(s []string) []string {
	return append(make([]string, 0, len(s)), s...)
}

func refIDs(refs []Ref) []string {
	out := make([]string, 0, len(refs))
	for _, r := range refs {
		out = append(out, r.ID)
	}
	return out
}

func exportLinks(ls []Link) []LinkJSON {
	out := make([]LinkJSON, 0, len(ls))
	for _, l := range ls {
		out = append(out, LinkJSON(l))
	}
	return out
}

// RedactContacts blanks what `build --redact-contacts` keeps off a public site's pages:
// members' phone numbers and e-mail addresses, the numbers of phone channels, and
// channel PINs. Ids, names and the structure stay, so references still resolve.
func (x *ExportJSON) RedactContacts() {
	for i := range x.Teams {
		t := &x.Teams[i]
		for j := range t.Members {
			t.Members[j].Phone, t.Members[j].Email = "", ""
		}
		for j := range t.Channels {
			c := &t.Channels[j]
			c.PIN = ""
			if c.Kind == "phone" {
				c.Address = ""
			}
		}
	}
}
