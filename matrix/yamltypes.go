package matrix

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/matrix/schedule"
	"go.yaml.in/yaml/v3"
)

// The types here keep the YAML node's position, so checks that run after decoding can
// still point at the exact line and column. Their UnmarshalYAML methods never fail: a
// value that does not parse is left unset, because the schema has already reported it.

func nodePos(n *yaml.Node) Pos { return Pos{n.Line, n.Column} }

// valuePos returns the position of the value under key in mapping n, or n's own.
func valuePos(n *yaml.Node, key string) Pos {
	if v := mapValue(n, key); v != nil {
		return nodePos(v)
	}
	return nodePos(n)
}

func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// decodeAt decodes n into v (a pointer to a plain alias type) and returns n's position.
// Type errors are dropped: the schema reported them, and returning one would make
// yaml.v3 drop the whole item, so that references to it would fail too.
func decodeAt(n *yaml.Node, v any) (Pos, error) {
	_ = n.Decode(v)
	return nodePos(n), nil
}

// Ref is a reference to another document or item by id, with where it was written.
type Ref struct {
	ID  string
	Pos Pos
}

func (r *Ref) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		r.ID = n.Value
	}
	r.Pos = nodePos(n)
	return nil
}

// IsZero reports whether the reference was left out.
func (r Ref) IsZero() bool { return r.ID == "" }

func (r Ref) String() string { return r.ID }

func (r Ref) MarshalJSON() ([]byte, error) { return json.Marshal(r.ID) }

// Duration is a playbook duration such as `15m` or `1h30m`, or for targets (SLA timers,
// update cadences, a vendor's response) a number of business days such as `5bd`, which
// only an instant can turn into time (WorkingWeek.AddBusinessDays). Set is false when the
// playbook left it out: it is then "no target", never zero.
type Duration struct {
	time.Duration
	Pos Pos
	Set bool
	// BusinessDays is n for `<n>bd`; Duration is then 0.
	BusinessDays int

	// tooLong holds the text of a duration longer than MaxDuration: the schema sees only
	// its form, so the checks report it (see durations).
	tooLong string
}

func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	d.Pos = nodePos(n)
	if n.Kind != yaml.ScalarNode {
		return nil
	}
	if bd, ok := parseBusinessDays(n.Value); ok {
		if bd > maxBusinessDays {
			d.tooLong = n.Value
			return nil
		}
		d.BusinessDays, d.Set = bd, true
		return nil
	}
	v, err := ParseDuration(n.Value)
	switch {
	case err == nil:
		d.Duration, d.Set = v, true
	case errors.Is(err, errDurationTooLong):
		d.tooLong = n.Value
	}
	return nil
}

// NoTarget is how a timer the playbook does not set reads, on the site and in `route`.
const NoTarget = "no target"

// String formats d the way authors write durations: `90s`, `15m`, `1h30m`, `5d`, `5bd`;
// an unset duration is NoTarget.
func (d Duration) String() string {
	switch {
	case !d.Set:
		return NoTarget
	case d.BusinessDays > 0:
		return strconv.Itoa(d.BusinessDays) + "bd"
	}
	return FormatDuration(d.Duration)
}

// IsBusiness reports whether d counts business days.
func (d Duration) IsBusiness() bool { return d.Set && d.BusinessDays > 0 }

// maxBusinessDays is the most business days a duration may write, about ten years.
const maxBusinessDays = 2600

// parseBusinessDays reads `<n>bd`.
func parseBusinessDays(s string) (int, bool) {
	num, ok := strings.CutSuffix(s, "bd")
	if !ok || num == "" || len(num) > 9 {
		return 0, false
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 || num[0] == '+' {
		return 0, false
	}
	return n, true
}

func (d Duration) MarshalJSON() ([]byte, error) {
	if !d.Set {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// Date is a calendar day, such as a document's last review.
type Date struct {
	time.Time
	Pos Pos
}

func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	d.Pos = nodePos(n)
	if t, err := time.Parse(time.DateOnly, n.Value); err == nil {
		d.Time = t
	}
	return nil
}

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// Timestamp is an instant as written in a routing test; it is resolved against the
// playbook's time zone when written without an offset.
type Timestamp struct {
	Raw string
	Pos Pos
}

func (t *Timestamp) UnmarshalYAML(n *yaml.Node) error {
	t.Raw, t.Pos = n.Value, nodePos(n)
	return nil
}

// ParseInstant reads an RFC 3339 instant, or a local `2006-01-02T15:04` (seconds
// optional, a space allowed for the T) in loc: an instant in the years MinYear to
// MaxYear, a local time in MinLocalYear to MaxLocalYear. A local time that happens twice (clocks
// go back) is its first occurrence; one that does not exist (clocks go forward) is the
// instant of the jump: GapError tells a caller that must refuse it.
func ParseInstant(s string, loc *time.Location) (time.Time, bool) {
	t, _, ok := parseInstant(s, loc)
	return t, ok
}

// GapError says that a local time falls in a daylight-saving gap.
type GapError struct {
	Text string
	Zone string
	Jump time.Time // the instant the clocks jump over it
}

func (e *GapError) Error() string {
	name, off := e.Jump.Add(-time.Second).Zone()
	from := e.Jump.In(time.FixedZone(name, off))
	return fmt.Sprintf("%s does not exist in %s: the clocks go from %s to %s (write %s, or an RFC 3339 instant)",
		e.Text, e.Zone, from.Format("15:04 MST"), e.Jump.Format("15:04 MST"), e.Jump.Format("2006-01-02T15:04"))
}

// ParseLocalInstant is ParseInstant that refuses a local time in a daylight-saving gap,
// with a *GapError, rather than move it: for instants a person types (`--at`, a test's
// `at`), where a silent move would answer a question that was not asked.
func ParseLocalInstant(s string, loc *time.Location) (time.Time, error) {
	t, gap, ok := parseInstant(s, loc)
	switch {
	case !ok:
		return t, fmt.Errorf("cannot read the instant %q", s)
	case gap:
		return t, &GapError{Text: s, Zone: loc.String(), Jump: t.In(loc)}
	}
	return t, nil
}

// MinYear and MaxYear bound the instants ParseInstant reads: deadlines computed from
// them stay within the years every tool and JSON encoder can write. Local times, which
// need the zone's rules, are read in the years the schedule engine tabulates.
const (
	MinYear      = 1
	MaxYear      = 9998
	MinLocalYear = 1900
	MaxLocalYear = 2200
)

func parseInstant(s string, loc *time.Location) (t time.Time, gap, ok bool) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		if t.Year() < MinYear || t.Year() > MaxYear {
			return time.Time{}, false, false
		}
		return t, false, true
	}
	s = strings.Replace(s, " ", "T", 1)
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		w, err := time.Parse(layout, s) // the wall clock, read in UTC
		if err != nil {
			continue
		}
		if w.Year() < MinLocalYear || w.Year() > MaxLocalYear {
			return time.Time{}, false, false
		}
		l := schedule.Local{Year: w.Year(), Month: w.Month(), Day: w.Day(), Hour: w.Hour(), Min: w.Minute()}
		jump, inGap := l.Gap(loc)
		return jump.Add(time.Duration(w.Second()) * time.Second), inGap, true
	}
	return time.Time{}, false, false
}

// Cond is one condition of a rule's `when`: a fact and what it must be.
type Cond struct {
	Fact    string
	FactPos Pos
	Pos     Pos
	// Raw is the value as written, for explanations: `sev1`, `[sev1, sev2]`, `>= 3`.
	Raw string

	node  *yaml.Node
	fact  int
	typ   FactType
	op    op
	vals  []value
	valid bool
}

// Conds is a rule's conditions in the order written.
type Conds []Cond

func (c *Conds) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		*c = append(*c, Cond{Fact: k.Value, FactPos: nodePos(k), Pos: nodePos(v), Raw: rawText(v), node: v})
	}
	return nil
}

// rawText renders a scalar or a flow list of scalars the way an author reads it.
func rawText(n *yaml.Node) string {
	switch n.Kind {
	case yaml.ScalarNode:
		return n.Value
	case yaml.SequenceNode:
		parts := make([]string, 0, len(n.Content))
		for _, e := range n.Content {
			parts = append(parts, rawText(e))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return ""
}

// Given is one fact of a routing test's `given`.
type Given struct {
	Fact     string
	FactPos  Pos
	Value    string
	ValuePos Pos
}

// FactValues is a routing test's `given`, in the order written.
type FactValues []Given

func (g *FactValues) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		*g = append(*g, Given{Fact: k.Value, FactPos: nodePos(k), Value: v.Value, ValuePos: nodePos(v)})
	}
	return nil
}

// Pos-recording decoders for list items whose position checks report.

func (s *Severity) UnmarshalYAML(n *yaml.Node) (err error) {
	type plain Severity
	s.Pos, err = decodeAt(n, (*plain)(s))
	s.IDPos = valuePos(n, "id")
	return err
}

func (d *Domain) UnmarshalYAML(n *yaml.Node) (err error) {
	type plain Domain
	d.Pos, err = decodeAt(n, (*plain)(d))
	d.IDPos = valuePos(n, "id")
	return err
}

func (f *Fact) UnmarshalYAML(n *yaml.Node) (err error) {
	type plain Fact
	f.Pos, err = decodeAt(n, (*plain)(f))
	f.IDPos = valuePos(n, "id")
	return err
}

func (r *Rule) UnmarshalYAML(n *yaml.Node) (err error) {
	type plain Rule
	r.Pos, err = decodeAt(n, (*plain)(r))
	r.hasWhen = mapValue(n, "when") != nil
	return err
}

func (t *Test) UnmarshalYAML(n *yaml.Node) (err error) {
	type plain Test
	t.Pos, err = decodeAt(n, (*plain)(t))
	return err
}

func (c *Channel) UnmarshalYAML(n *yaml.Node) (err error) {
	type plain Channel
	c.Pos, err = decodeAt(n, (*plain)(c))
	c.AddressPos = valuePos(n, "address")
	return err
}

func (m *Member) UnmarshalYAML(n *yaml.Node) (err error) {
	type plain Member
	m.Pos, err = decodeAt(n, (*plain)(m))
	m.PhonePos = valuePos(n, "phone")
	return err
}

func (s *Support) UnmarshalYAML(n *yaml.Node) (err error) {
	type plain Support
	_, err = decodeAt(n, (*plain)(s))
	s.PhonePos = valuePos(n, "phone")
	return err
}

func (c *Chain) UnmarshalYAML(n *yaml.Node) (err error) {
	type plain Chain
	c.Pos, err = decodeAt(n, (*plain)(c))
	return err
}

func (l *Level) UnmarshalYAML(n *yaml.Node) (err error) {
	type plain Level
	l.Pos, err = decodeAt(n, (*plain)(l))
	l.OffsetPos = valuePos(n, "offset")
	return err
}

func (h *HolidayDate) UnmarshalYAML(n *yaml.Node) (err error) {
	type plain HolidayDate
	h.Pos, err = decodeAt(n, (*plain)(h))
	h.read()
	return err
}

func (f *Field) UnmarshalYAML(n *yaml.Node) (err error) {
	type plain Field
	f.Pos, err = decodeAt(n, (*plain)(f))
	return err
}

func (s *Schedule) UnmarshalYAML(n *yaml.Node) (err error) {
	type plain Schedule
	s.Pos, err = decodeAt(n, (*plain)(s))
	s.IDPos, s.ZonePos = valuePos(n, "id"), valuePos(n, "time_zone")
	return err
}

func (l *ScheduleLayer) UnmarshalYAML(n *yaml.Node) (err error) {
	type plain ScheduleLayer
	l.Pos, err = decodeAt(n, (*plain)(l))
	l.ZonePos = valuePos(n, "time_zone")
	return err
}

func (o *Override) UnmarshalYAML(n *yaml.Node) (err error) {
	type plain Override
	o.Pos, err = decodeAt(n, (*plain)(o))
	return err
}

func (w *Window) UnmarshalYAML(n *yaml.Node) error {
	var raw struct {
		Days  string `yaml:"days"`
		Start string `yaml:"start"`
		End   string `yaml:"end"`
	}
	_ = n.Decode(&raw)
	*w = Window{Pos: nodePos(n), Days: raw.Days, Start: raw.Start, End: raw.End}
	w.parse()
	return nil
}
