package playbookdiff

import (
	"time"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/matrix"
)

// Version is the version of the JSON shape (schema/diff.schema.json). It changes only
// when a field is removed or changes meaning.
const Version = 1

// Report is everything a change does, each list in a stable order. Lists are empty,
// never nil, so that the JSON shape always has every key.
type Report struct {
	Version int    `json:"version"`
	Old     string `json:"old"`
	New     string `json:"new"`
	// From and Until bound the on-call comparison: the 4 weeks from the diff's instant.
	From     matrix.Instant `json:"from"`
	Until    matrix.Instant `json:"until"`
	Redacted bool           `json:"redacted"`

	Cells     []CellChange     `json:"cells"`
	Tests     []TestChange     `json:"tests"`
	Timelines []TimelineChange `json:"timelines"`
	OnCall    []ShiftChange    `json:"oncall"`
	Contacts  []ContactChange  `json:"contacts"`
	Warnings  []WarningChange  `json:"warnings"`
	Documents []DocumentChange `json:"documents"`
}

// Where is a position in a playbook file; Line 0 means the whole file.
type Where struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

func at(file string, p matrix.Pos) Where { return Where{file, p.Line, p.Col} }

// Change is one field that differs. A list field says what it gained and lost instead
// of its values; Note flags what a reviewer should look at twice.
type Change struct {
	Field   string   `json:"field"`
	Old     string   `json:"old"`
	New     string   `json:"new"`
	Added   []string `json:"added,omitempty"`
	Removed []string `json:"removed,omitempty"`
	Note    string   `json:"note,omitempty"`
}

// RuleRef names a routing rule: its name (or "rule N", 1-based, when it has none) and
// where it is written.
type RuleRef struct {
	Name string `json:"name"`
	Where
}

// CellChange is a matrix cell whose decision differs: in hours, and out of hours when
// that differs otherwise. Old or New is nil where the cell exists on one side only, or
// no rule decides it.
type CellChange struct {
	Domain   string   `json:"domain"`
	Severity string   `json:"severity"`
	Changes  []Change `json:"changes"`
	Old      *RuleRef `json:"old_rule"`
	New      *RuleRef `json:"new_rule"`
	// Why says how the deciding rule changed: "rule 'X' (matrix.yaml:40) now shadows 'Y'".
	Why string `json:"why"`
}

// TestChange is a routing test added, removed, or whose outcome changes. An outcome is
// "passes" or "fails: " and the failures.
type TestChange struct {
	Name   string `json:"name"`
	Change string `json:"change"` // added, removed or outcome
	Old    string `json:"old"`
	New    string `json:"new"`
	Where
}

// TimelineChange is a team whose escalation, from the start of an incident, changes:
// a level's handoff time or whom it pages, or how often the chain repeats.
type TimelineChange struct {
	Team    string   `json:"team"`
	Changes []Change `json:"changes"`
	Where
}

// ShiftChange is a stretch of the coming 4 weeks of a schedule whose person on duty
// changes (Change "hands"); an empty name is nobody. Gap is set when nobody is on duty
// where someone was. A schedule that a team gains or loses is one change ("schedule
// added", "schedule removed") over the whole 4 weeks.
type ShiftChange struct {
	Team     string         `json:"team"`
	Schedule string         `json:"schedule"`
	Change   string         `json:"change"`
	TimeZone string         `json:"time_zone"`
	From     matrix.Instant `json:"from"`
	Until    matrix.Instant `json:"until"`
	Old      string         `json:"old"`
	New      string         `json:"new"`
	Gap      bool           `json:"gap"`
	Where
	loc *time.Location
}

// ContactChange is a member, channel or vendor contact added, removed or changed. With
// Report.Redacted, Old and New of its changes are empty: only the fields are named.
type ContactChange struct {
	Owner   string   `json:"owner"` // the team or vendor id
	Kind    string   `json:"kind"`  // member, channel or vendor
	ID      string   `json:"id"`
	Change  string   `json:"change"` // added, removed or changed
	Changes []Change `json:"changes"`
	Where
}

// WarningChange is an audit warning that appears (added, at its new position) or goes
// away (resolved, at its old one). Warnings are matched by file and message, so that a
// line moved by an edit elsewhere is no change.
type WarningChange struct {
	Change     string    `json:"change"` // added or resolved
	Code       diag.Code `json:"code"`
	Message    string    `json:"message"`
	Suggestion string    `json:"suggestion"`
	Where
}

// DocumentChange is a file of the playbook added, removed, renamed (same kind and id,
// another file) or changed (other bytes).
type DocumentChange struct {
	Kind    string `json:"kind"`
	ID      string `json:"id"`
	Change  string `json:"change"`
	File    string `json:"file"`
	OldFile string `json:"old_file"`
}

// Routing reports whether the change moves routing: a cell, a test's outcome or an
// escalation timeline. `diff --fail-on routing` fails on it.
func (r *Report) Routing() bool {
	return len(r.Cells)+len(r.Tests)+len(r.Timelines) > 0
}

// Empty reports whether the two sides compute and hold the same.
func (r *Report) Empty() bool {
	return r.Count() == 0
}

// Count is how many changes the report lists.
func (r *Report) Count() int {
	return len(r.Cells) + len(r.Tests) + len(r.Timelines) + len(r.OnCall) + len(r.Contacts) + len(r.Warnings) + len(r.Documents)
}

// Gaps counts the coverage gaps the change opens.
func (r *Report) Gaps() int {
	n := 0
	for _, s := range r.OnCall {
		if s.Gap {
			n++
		}
	}
	return n
}

// Options tune Compare.
type Options struct {
	// Now starts the 4 weeks of on-call compared; both playbooks were audited at it.
	Now time.Time
	// Old and New label the sides: "main", "working tree".
	Old, New string
	// RedactContacts leaves phone numbers, addresses and the like out of the report.
	RedactContacts bool
}

// Horizon is how far ahead on-call shifts are compared, as check audits schedules.
const Horizon = matrix.ScheduleHorizon

// Compare reports what changes from old to new. Both must have loaded without errors
// (routing tests skipped: Compare runs them, and a test that fails is a change),
// with the same root (file names are compared) and at opt.Now; oldDiags and newDiags are
// what their loads reported.
func Compare(old, new *matrix.Playbook, oldDiags, newDiags diag.List, opt Options) *Report {
	from := opt.Now.UTC().Truncate(time.Minute)
	r := &Report{Version: Version, Old: opt.Old, New: opt.New, From: matrix.Instant(from), Until: matrix.Instant(from.Add(Horizon)),
		Redacted: opt.RedactContacts}
	og, ng := old.Grid(), new.Grid()
	r.Cells = cells(old, new, og, ng)
	r.Tests = tests(old, new)
	r.Timelines = timelines(old, new, ng)
	r.OnCall = oncall(old, new, from, from.Add(Horizon))
	r.Contacts = contacts(old, new, opt.RedactContacts)
	r.Warnings = warnings(oldDiags, newDiags)
	r.Documents = documents(old, new)
	return r
}
