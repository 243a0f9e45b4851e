package history

import (
	"time"

	"github.com/escalator-dev/escalator/matrix"
)

// Record is one past incident as replay and the statistics read it. Records from a
// playbook come from Records; tests and benchmarks build them directly.
type Record struct {
	ID, Title, Summary string
	File               string     // display path, for evidence; empty for built records
	Pos                matrix.Pos // of the id
	Facts              matrix.Facts
	Severity           string // at the opening
	SeverityEnd        string // at the close; empty when unchanged
	Domain             string // the domain fact's value, "" when not given
	At                 matrix.IncidentTimes
	AssignedTo         string
	ResolvedBy         string // "" while open or unknown
	Reassignments      []Reassignment
	Commander, PIR     string
}

// Reassignment is one handover of an incident.
type Reassignment struct {
	At         time.Time
	To         string
	By, Reason string
}

// Closed reports whether the incident was resolved.
func (r *Record) Closed() bool { return !r.At.Resolved.IsZero() }

// Records returns the playbook's incident records, in file order. p must have loaded
// without errors.
func Records(p *matrix.Playbook) []Record {
	out := make([]Record, 0, len(p.Incidents))
	df := p.DomainFact()
	for _, inc := range p.Incidents {
		r := Record{
			ID: inc.ID, Title: inc.Title, Summary: inc.Summary, File: inc.File, Pos: inc.IDPos,
			Facts: inc.Given, Severity: inc.Severity.ID, SeverityEnd: inc.SeverityEnd.ID, At: inc.At,
			AssignedTo: inc.AssignedTo.ID, ResolvedBy: inc.ResolvedBy.ID, Commander: inc.Commander, PIR: inc.PIR,
		}
		if df != nil {
			r.Domain, _ = inc.Given.Get(df.ID)
		}
		for _, ra := range inc.Reassignments {
			r.Reassignments = append(r.Reassignments, Reassignment{ra.Time, ra.To.ID, ra.By, ra.Reason})
		}
		out = append(out, r)
	}
	return out
}
