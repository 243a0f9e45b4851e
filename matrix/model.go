package matrix

import (
	"time"

	"github.com/escalator-dev/escalator/diag"
)

// Pos is a position in a playbook file: 1-based line and column.
type Pos struct {
	Line int `json:"line"`
	Col  int `json:"col"`
}

// Meta is what every document carries: where it came from, its id, and the audit fields.
type Meta struct {
	File         string `yaml:"-" json:"file"`
	ID           string `yaml:"id" json:"id"`
	IDPos        Pos    `yaml:"-" json:"-"`
	Owner        Ref    `yaml:"owner" json:"owner,omitempty"`
	LastReviewed Date   `yaml:"last_reviewed" json:"last_reviewed,omitempty"`
}

// Playbook is a whole loaded playbook. Slices keep the authors' order (files sorted by
// name); lookups go through the methods, which use indexes built by Load.
type Playbook struct {
	Site       Site
	Severities []*Severity
	Domains    []*Domain
	Facts      []*Fact
	Routes     []*Rule
	Tests      []*Test
	Teams      []*Team
	Roles      []*Role
	Runbooks   []*Runbook
	Briefs     []*Brief
	Vendors    []*Vendor
	Pages      []*Page
	Holidays   []*Holiday
	// Incidents are the records under incidents/, in file order; most playbooks have none.
	Incidents []*Incident
	// Drills are the tabletop exercises under drills/, in file order.
	Drills []*Drill

	// MatrixFile is the display path of matrix.yaml; MatrixMeta its audit fields.
	MatrixFile string
	MatrixMeta Meta

	// Assets are the files under assets/, slash paths in the playbook ("assets/x.png"),
	// sorted: what bodies may link to and show, copied to the site.
	Assets []string

	idx    index
	sums   map[string]uint64  // display name -> hash of the file's bytes
	ignore map[diag.Code]bool // Options.Ignore
	// SourceBytes is the size of the documents read: what a build's memory grows with.
	SourceBytes int64
}

// Site holds playbook.yaml: the settings of the whole site.
type Site struct {
	File           string     `yaml:"-"`
	Title          string     `yaml:"title"`
	Organisation   string     `yaml:"organisation"`
	TimeZone       string     `yaml:"time_zone"`
	Location       *Location  `yaml:"-"`
	ReviewInterval Duration   `yaml:"review_interval"`
	BaseURL        string     `yaml:"base_url"`
	Description    string     `yaml:"description"`
	Synonyms       [][]string `yaml:"synonyms"`
	RawHTML        bool       `yaml:"raw_html"`
	// Diagnostics set the severities of warnings by code.
	Diagnostics DiagnosticSettings `yaml:"diagnostics"`
	// EditURL is the address of a document's source for editing, with {path} standing
	// for its path in the playbook folder; "" shows no edit link.
	EditURL string `yaml:"edit_url"`
	// WorkingWeek is what business-day durations (`5bd`) count, in Location; nil when
	// the playbook sets none (a business-day duration is then an error).
	WorkingWeek *WorkingWeek `yaml:"working_week"`
	// TeamKinds are the playbook's own team kinds, besides BuiltinTeamKinds.
	TeamKinds []TeamKind `yaml:"team_kinds"`
	// OnCallMaxShare is the percentage of a schedule's hours above which one person's
	// share is a warning; 0 means the default, 50.
	OnCallMaxShare int  `yaml:"oncall_max_share"`
	RedactPeople   bool `yaml:"redact_people"`
	// OnCallHorizon is how many weeks of shifts the site's calendars and shares
	// cover; 0 means the default, 12.
	OnCallHorizon int `yaml:"oncall_horizon"`
}

// Location is a time zone with the name the author wrote.
type Location struct {
	Name string
	*time.Location
}

// Severity is one tier. Playbook.Severities is ordered most severe first.
type Severity struct {
	Pos         Pos      `yaml:"-"`
	Rank        int      `yaml:"-"` // 0 is the most severe
	ID          string   `yaml:"id"`
	IDPos       Pos      `yaml:"-"`
	Name        string   `yaml:"name"`
	Description string   `yaml:"description"`
	Criteria    []string `yaml:"criteria"`
	SLA         SLA      `yaml:"sla"`
	Updates     Updates  `yaml:"updates"`
	Roles       []Ref    `yaml:"roles"`
	Actions     []string `yaml:"actions"`
	Color       string   `yaml:"color"`
}

// SLA holds a tier's timers, each measured from the start of the incident. Each is
// optional: one left out is "no target" and has no deadline.
type SLA struct {
	Acknowledge Duration `yaml:"acknowledge"`
	Triage      Duration `yaml:"triage"`
	Contain     Duration `yaml:"contain"`
	Resolve     Duration `yaml:"resolve"`
	RootCause   Duration `yaml:"root_cause"`
}

// Timers lists the SLA timers in lifecycle order with their names.
func (s SLA) Timers() []Timer {
	return []Timer{
		{"acknowledge", s.Acknowledge},
		{"triage", s.Triage},
		{"contain", s.Contain},
		{"resolve", s.Resolve},
		{"root_cause", s.RootCause},
	}
}

// Timer is one named SLA timer.
type Timer struct {
	Name  string
	After Duration
}

// Updates is how often status updates go out during an incident.
type Updates struct {
	Internal Duration `yaml:"internal"`
	Customer Duration `yaml:"customer"`
}

// Domain is a fault domain: a part of the product with an owner.
type Domain struct {
	Pos         Pos    `yaml:"-"`
	ID          string `yaml:"id"`
	IDPos       Pos    `yaml:"-"`
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	Owner       Ref    `yaml:"owner"`
	Stage       string `yaml:"stage"`
	Vendors     []Ref  `yaml:"vendors"`
}

// FactType is the kind of value a fact takes.
type FactType string

const (
	Choice FactType = "choice"
	Bool   FactType = "bool"
	Number FactType = "number"
	Text   FactType = "text"
)

// Fact is something a responder knows at triage, and an argument of `route`.
type Fact struct {
	Pos      Pos      `yaml:"-"`
	Index    int      `yaml:"-"`
	ID       string   `yaml:"id"`
	IDPos    Pos      `yaml:"-"`
	Question string   `yaml:"question"`
	Type     FactType `yaml:"type"`
	Options  []string `yaml:"options"`
	From     string   `yaml:"from"`
	Required bool     `yaml:"required"`
	Help     string   `yaml:"help"`

	// Choices is Options, or the ids of the domains or severities named by From.
	Choices []string `yaml:"-"`
}

// Rule is one routing rule. Rules are evaluated in order.
type Rule struct {
	Pos       Pos    `yaml:"-"`
	Index     int    `yaml:"-"`
	Name      string `yaml:"name"`
	When      Conds  `yaml:"when"`
	To        Ref    `yaml:"to"`
	Also      []Ref  `yaml:"also"`
	Continue  bool   `yaml:"continue"`
	Severity  Ref    `yaml:"severity"`
	Immediate bool   `yaml:"immediate"`
	Runbooks  []Ref  `yaml:"runbooks"`
	Brief     Ref    `yaml:"brief"`

	// hasWhen distinguishes `when: {}` (matches everything, like the default) from no when.
	hasWhen bool
}

// IsDefault reports whether r has no conditions and so matches every case.
func (r *Rule) IsDefault() bool { return len(r.When) == 0 }

// Test is a routing expectation from matrix.yaml.
type Test struct {
	Pos    Pos        `yaml:"-"`
	Name   string     `yaml:"name"`
	Given  FactValues `yaml:"given"`
	At     Timestamp  `yaml:"at"`
	Expect Expect     `yaml:"expect"`
}

// Expect is what a routing test expects; unset fields are not checked.
type Expect struct {
	Team      Ref   `yaml:"team"`
	Severity  Ref   `yaml:"severity"`
	Notified  []Ref `yaml:"notified"`
	Immediate *bool `yaml:"immediate"`
	// OnCall is the member on call for the owning team at the test's instant.
	OnCall Ref `yaml:"oncall"`
}

// Team is a group that can own incidents.
type Team struct {
	Meta        `yaml:",inline"`
	Name        string     `yaml:"name"`
	Kind        string     `yaml:"kind"`
	KindPos     Pos        `yaml:"-"`
	Description string     `yaml:"description"`
	Hours       Hours      `yaml:"hours"`
	AfterHours  Ref        `yaml:"after_hours"`
	Channels    []Channel  `yaml:"channels"`
	Members     []Member   `yaml:"members"`
	Escalation  Chain      `yaml:"escalation"`
	Schedules   []Schedule `yaml:"schedules"`
	Dashboards  []Link     `yaml:"dashboards"`
	// Handle is the team's handle on the code host (@org/team), for CODEOWNERS.
	Handle string `yaml:"handle"`
}

// Channel is a way to reach a team.
type Channel struct {
	Pos     Pos    `yaml:"-"`
	ID      string `yaml:"id"`
	Kind    string `yaml:"kind"`
	Name    string `yaml:"name"`
	Address string `yaml:"address"`
	Note    string `yaml:"note"`
	// PIN is the access code a caller enters after dialling or joining, kept by every
	// view that shows the channel.
	PIN        string `yaml:"pin"`
	AddressPos Pos    `yaml:"-"`
}

// Member is a person in a team.
type Member struct {
	Pos      Pos    `yaml:"-"`
	ID       string `yaml:"id"`
	Name     string `yaml:"name"`
	Role     string `yaml:"role"`
	Phone    string `yaml:"phone"`
	PhonePos Pos    `yaml:"-"`
	Email    string `yaml:"email"`
	Chat     string `yaml:"chat"`
	TimeZone string `yaml:"timezone"`
}

// Schedule is one of a team's on-call schedules, as written; Playbook.OnCall answers
// from it once Load has compiled it.
type Schedule struct {
	Pos         Pos             `yaml:"-"`
	ID          string          `yaml:"id"`
	IDPos       Pos             `yaml:"-"`
	Name        string          `yaml:"name"`
	Description string          `yaml:"description"`
	TimeZone    string          `yaml:"time_zone"`
	ZonePos     Pos             `yaml:"-"`
	Layers      []ScheduleLayer `yaml:"layers"`
	Overrides   []Override      `yaml:"overrides"`
}

// Title is the schedule's name, or its id.
func (s *Schedule) Title() string {
	if s.Name != "" {
		return s.Name
	}
	return s.ID
}

// ScheduleLayer is one rotation of a schedule.
type ScheduleLayer struct {
	Pos      Pos       `yaml:"-"`
	Name     string    `yaml:"name"`
	Members  []Ref     `yaml:"members"`
	Shift    string    `yaml:"shift"`
	Length   int       `yaml:"length"`
	Start    Timestamp `yaml:"start"`
	TimeZone string    `yaml:"time_zone"`
	ZonePos  Pos       `yaml:"-"`
	Restrict []Window  `yaml:"restrict"`
}

// Override puts one person on duty for a while: Member is a member id of the team, or
// team/member.
type Override struct {
	Pos    Pos       `yaml:"-"`
	From   Timestamp `yaml:"from"`
	Until  Timestamp `yaml:"until"`
	Member Ref       `yaml:"member"`
	Note   string    `yaml:"note"`
}

// Link is a named URL, such as a dashboard.
type Link struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
}

// Chain is a team's escalation chain.
type Chain struct {
	Pos    Pos     `yaml:"-"`
	Repeat int     `yaml:"repeat"`
	Levels []Level `yaml:"levels"`
}

// Level is one step of a chain: who is paged, and when.
type Level struct {
	Pos      Pos      `yaml:"-"`
	Name     string   `yaml:"name"`
	After    Duration `yaml:"after"`
	Members  []Ref    `yaml:"members"`
	Channels []Ref    `yaml:"channels"`
	Teams    []Ref    `yaml:"teams"`
	// Schedules pages whoever is on duty in each at the level's instant; Offset turns
	// later in the rotation (1: the next person, the usual secondary).
	Schedules []Ref  `yaml:"schedules"`
	Offset    int    `yaml:"offset"`
	OffsetPos Pos    `yaml:"-"`
	While     string `yaml:"while"`
}

// UntilResolved reports whether the level fires while the incident is unresolved, rather
// than only while it is unacknowledged.
func (l Level) UntilResolved() bool { return l.While == "unresolved" }

// Role is an incident role, such as incident commander.
type Role struct {
	Meta    `yaml:",inline"`
	Name    string   `yaml:"name"`
	Summary string   `yaml:"summary"`
	Actions []string `yaml:"actions"`
	Handoff string   `yaml:"handoff"`
	// StaffedBy names the team (and schedule) that fills the role; nil when unsaid.
	StaffedBy     *StaffedBy `yaml:"staffed_by"`
	Prerequisites []string   `yaml:"prerequisites"`
	Body          string     `yaml:"-"`
	BodyLine      int        `yaml:"-"`
}

// Runbook is the guide for one kind of incident.
type Runbook struct {
	Meta   `yaml:",inline"`
	Title  string `yaml:"title"`
	Domain Ref    `yaml:"domain"`
	// Domains widens the runbook to several domains, or to all (see DomainIDs).
	Domains RunbookDomains `yaml:"domains"`
	// Kind is "" for an incident runbook, ProcessRunbook for a procedure.
	Kind        string        `yaml:"kind"`
	Severities  []Ref         `yaml:"severities"`
	Summary     string        `yaml:"summary"`
	Triage      []TriageField `yaml:"triage"`
	Alert       []Ref         `yaml:"alert"`
	Dashboards  []Link        `yaml:"dashboards"`
	Containment string        `yaml:"containment"`
	Checklist   Checklist     `yaml:"checklist"`
	Vendors     []Ref         `yaml:"vendors"`
	Tags        []string      `yaml:"tags"`
	Body        string        `yaml:"-"`
	BodyLine    int           `yaml:"-"`
}

// TriageField is a question a responder answers before escalating.
type TriageField struct {
	ID       string `yaml:"id"`
	Question string `yaml:"question"`
	Help     string `yaml:"help"`
}

// Brief is an escalation-brief template.
type Brief struct {
	Meta      `yaml:",inline"`
	Title     string    `yaml:"title"`
	Kind      string    `yaml:"kind"`
	Target    string    `yaml:"target"`
	Immediate bool      `yaml:"immediate"`
	Summary   string    `yaml:"summary"`
	Sections  []Section `yaml:"sections"`
	// Message is the paste-ready prose the form fills in; empty when unsaid.
	Message  Message `yaml:"message"`
	Body     string  `yaml:"-"`
	BodyLine int     `yaml:"-"`
}

// Section groups the fields of a brief.
type Section struct {
	ID     string  `yaml:"id"`
	Title  string  `yaml:"title"`
	Help   string  `yaml:"help"`
	Fields []Field `yaml:"fields"`
}

// Field is one input of a brief.
type Field struct {
	Pos         Pos      `yaml:"-"`
	ID          string   `yaml:"id"`
	Label       string   `yaml:"label"`
	Type        string   `yaml:"type"`
	Required    bool     `yaml:"required"`
	Help        string   `yaml:"help"`
	Options     []string `yaml:"options"`
	Placeholder string   `yaml:"placeholder"`
	// Columns are a table field's column headings.
	Columns []string `yaml:"columns"`
}

// Vendor is a third-party dependency.
type Vendor struct {
	Meta       `yaml:",inline"`
	Name       string    `yaml:"name"`
	Service    string    `yaml:"service"`
	Support    Support   `yaml:"support"`
	SLA        VendorSLA `yaml:"sla"`
	StatusPage string    `yaml:"status_page"`
	Fallback   string    `yaml:"fallback"`
}

// Support is how to reach a vendor.
type Support struct {
	Phone    string `yaml:"phone"`
	PhonePos Pos    `yaml:"-"`
	Email    string `yaml:"email"`
	Portal   string `yaml:"portal"`
	Hours    string `yaml:"hours"`
	Account  string `yaml:"account"`
}

// VendorSLA is what a vendor promises.
type VendorSLA struct {
	Uptime   string   `yaml:"uptime"`
	Response Duration `yaml:"response"`
	Notes    string   `yaml:"notes"`
}

// Holiday is a calendar of closed days (holidays/*.yaml) that teams observe.
type Holiday struct {
	Meta        `yaml:",inline"`
	Name        string        `yaml:"name"`
	Description string        `yaml:"description"`
	Dates       []HolidayDate `yaml:"dates"`
}

// HolidayDate is one closed day: Date is YYYY-MM-DD (that day) or MM-DD (every year).
type HolidayDate struct {
	Pos  Pos    `yaml:"-"`
	Date string `yaml:"date"`
	Name string `yaml:"name"`

	// The date read once, when decoded: routing asks every calendar at every step.
	y, d  int
	m     time.Month
	valid bool
}

// parse returns the date's year (0 for every year), month and day; ok is false for a
// date that does not exist.
func (h HolidayDate) parse() (y int, m time.Month, d int, ok bool) {
	return h.y, h.m, h.d, h.valid
}

// read reads Date into the fields parse returns.
func (h *HolidayDate) read() {
	s := h.Date
	if len(s) == 5 {
		s = "2000-" + s // a leap year, so 02-29 is a valid yearly date
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		h.y, h.m, h.d, h.valid = 0, 0, 0, false
		return
	}
	h.y, h.m, h.d, h.valid = 0, t.Month(), t.Day(), true
	if len(h.Date) != 5 {
		h.y = t.Year()
	}
}

// Closes returns the name of the calendar's day on the date, if it is one.
func (c *Holiday) Closes(y int, m time.Month, d int) (string, bool) {
	for _, hd := range c.Dates {
		if hy, hm, hday, ok := hd.parse(); ok && hm == m && hday == d && (hy == 0 || hy == y) {
			return hd.Name, true
		}
	}
	return "", false
}

// Page is a free Markdown page.
type Page struct {
	Meta     `yaml:",inline"`
	Title    string `yaml:"title"`
	Summary  string `yaml:"summary"`
	Order    int    `yaml:"order"`
	Section  string `yaml:"section"` // the navigation group it belongs to; "" for none
	Body     string `yaml:"-"`
	BodyLine int    `yaml:"-"`
}
