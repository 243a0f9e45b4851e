// The documented JSON shapes of the CLI's --json output, the export and the API are
// the files wire*.go: wire.go holds the parts they share, and each other file one
// family of documents. A shape is named after what it is on the wire, with JSON after
// it (DecisionJSON, RunbookJSON), beside the model type it is made from.

package matrix

import (
	"time"
)

// JSONVersion is the version of the JSON shapes of wire*.go. It changes only when a
// field is removed or changes meaning; new fields may appear in any version.
const JSONVersion = 1

// Instant is an instant in JSON, as time.Time writes it (RFC 3339), but for any year:
// time.Time's own encoding fails past 9999, which a deadline far ahead can reach.
type Instant time.Time

// MarshalJSON writes the instant as an RFC 3339 string; it never fails.
func (t Instant) MarshalJSON() ([]byte, error) {
	b := append(make([]byte, 0, 40), '"')
	b = time.Time(t).AppendFormat(b, time.RFC3339Nano)
	return append(b, '"'), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (t *Instant) UnmarshalJSON(data []byte) error {
	var tt time.Time
	if err := tt.UnmarshalJSON(data); err != nil {
		return err
	}
	*t = Instant(tt)
	return nil
}

func timePtr(t time.Time) *Instant {
	if t.IsZero() {
		return nil
	}
	u := Instant(t.UTC())
	return &u
}

// RuleRefJSON names a rule and where it is written.
type RuleRefJSON struct {
	Index int    `json:"index"`
	Name  string `json:"name"`
	File  string `json:"file"`
	Line  int    `json:"line"`
	Col   int    `json:"col"`
}

func (p *Playbook) ruleRef(r *Rule) RuleRefJSON {
	return RuleRefJSON{r.Index, r.Name, p.MatrixFile, r.Pos.Line, r.Pos.Col}
}

// DocRefJSON names a document.
type DocRefJSON struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// TeamContactsJSON is a team with the ways to reach it.
type TeamContactsJSON struct {
	ID       string               `json:"id"`
	Name     string               `json:"name"`
	Kind     string               `json:"kind"`
	Channels []ContactChannelJSON `json:"channels"`
	Members  []ContactJSON        `json:"members"`
}

// ContactsJSON returns t with the ways to reach it, as a decision names its teams.
func (t *Team) ContactsJSON() *TeamContactsJSON {
	if t == nil {
		return nil
	}
	out := &TeamContactsJSON{ID: t.ID, Name: t.Name, Kind: t.Kind, Channels: []ContactChannelJSON{}, Members: []ContactJSON{}}
	for _, c := range t.Channels {
		out.Channels = append(out.Channels, ContactChannelJSON{c.ID, c.Kind, c.Name, c.Address, c.PIN})
	}
	for _, m := range t.Members {
		out.Members = append(out.Members, contactJSON(&m))
	}
	return out
}

// ContactChannelJSON is a team channel.
type ContactChannelJSON struct {
	ID      string `json:"id"`
	Kind    string `json:"kind"`
	Name    string `json:"name"`
	Address string `json:"address"`
	PIN     string `json:"pin,omitempty"`
}

// ContactJSON is a person and their contacts.
type ContactJSON struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Role  string `json:"role,omitempty"`
	Phone string `json:"phone,omitempty"`
	Email string `json:"email,omitempty"`
	Chat  string `json:"chat,omitempty"`
}

func contactJSON(m *Member) ContactJSON {
	return ContactJSON{m.ID, m.Name, m.Role, m.Phone, m.Email, m.Chat}
}

// OnCallJSON is who is on duty in one schedule at an instant: Person (null for nobody)
// until Until (null: not within a year), then Next.
type OnCallJSON struct {
	Team     string      `json:"team"`
	Schedule string      `json:"schedule"`
	Name     string      `json:"name"`
	Offset   int         `json:"offset"`
	Person   *PersonJSON `json:"person"`
	Until    *Instant    `json:"until"`
	Next     *PersonJSON `json:"next"`
	Override bool        `json:"override"`
	Note     string      `json:"note"`
}

// JSON returns oc in its documented shape.
func (oc *OnCall) JSON() *OnCallJSON {
	if oc == nil {
		return nil
	}
	out := &OnCallJSON{Team: oc.Team.ID, Schedule: oc.Schedule.ID, Name: oc.Schedule.Title(), Offset: oc.Offset,
		Person: personJSON(oc.Person), Until: timePtr(oc.Until), Next: personJSON(oc.Next)}
	if oc.Override != nil {
		out.Override, out.Note = true, oc.Override.Note
	}
	return out
}

// PersonJSON is someone on call, with their own team and contacts.
type PersonJSON struct {
	Team string `json:"team"`
	ContactJSON
}

func personJSON(p *Person) *PersonJSON {
	if p == nil {
		return nil
	}
	return &PersonJSON{p.Team.ID, contactJSON(p.Member)}
}
