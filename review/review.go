package review

import (
	"cmp"
	"slices"
	"time"

	"github.com/escalator-dev/escalator/matrix"
)

// Doc is one document and its review state.
type Doc struct {
	Kind  string `json:"kind"`
	ID    string `json:"id"`
	Title string `json:"title"`
	File  string `json:"file"`
	Owner string `json:"owner"`
	// LastReviewed is "" for a document never reviewed; Due is when its next review
	// falls due, "" without a date or a review interval.
	LastReviewed string `json:"last_reviewed"`
	Due          string `json:"due"`
	Overdue      bool   `json:"overdue"`
	// DaysOverdue counts whole days past Due.
	DaysOverdue int `json:"days_overdue"`

	last, due time.Time
}

// Owner is one owner's documents: overdue first, oldest review first.
type Owner struct {
	Team string `json:"team"` // "" for documents without an owner
	Name string `json:"name"`
	// Handle is the team's code-host handle, "" when it has none.
	Handle  string `json:"handle"`
	Overdue int    `json:"overdue"`
	Docs    []Doc  `json:"documents"`
}

// Status lists every document of p by owner, as of now: within an owner, overdue
// documents first, then by last review, oldest (and never reviewed) first. Owners
// with the oldest overdue document come first, then the others by team id; documents
// without an owner come last.
func Status(p *matrix.Playbook, now time.Time) []Owner {
	iv := p.Site.ReviewInterval
	by := map[string]*Owner{}
	add := func(kind, title string, m *matrix.Meta) {
		d := Doc{Kind: kind, ID: m.ID, Title: title, File: m.File, Owner: m.Owner.ID, LastReviewed: m.LastReviewed.String(), last: m.LastReviewed.Time}
		if !d.last.IsZero() && iv.Set {
			d.due = d.last.Add(iv.Duration)
			d.Due = d.due.Format(time.DateOnly)
			d.Overdue = matrix.ReviewOverdue(m.LastReviewed, iv, now)
			if d.Overdue {
				d.DaysOverdue = int(now.Sub(d.due) / (24 * time.Hour))
			}
		}
		o := by[d.Owner]
		if o == nil {
			o = &Owner{Team: d.Owner, Name: "no owner"}
			if t := p.Team(d.Owner); t != nil {
				o.Name, o.Handle = t.Name, t.Handle
			}
			by[d.Owner] = o
		}
		if d.Overdue {
			o.Overdue++
		}
		o.Docs = append(o.Docs, d)
	}
	add("matrix", "Escalation matrix", &p.MatrixMeta)
	for _, t := range p.Teams {
		add("team", t.Name, &t.Meta)
	}
	for _, r := range p.Roles {
		add("role", r.Name, &r.Meta)
	}
	for _, r := range p.Runbooks {
		add("runbook", r.Title, &r.Meta)
	}
	for _, b := range p.Briefs {
		add("brief", b.Title, &b.Meta)
	}
	for _, v := range p.Vendors {
		add("vendor", v.Name, &v.Meta)
	}
	for _, pg := range p.Pages {
		add("page", pg.Title, &pg.Meta)
	}
	for _, h := range p.Holidays {
		add("holiday", h.Name, &h.Meta)
	}
	out := make([]Owner, 0, len(by))
	for _, o := range by {
		slices.SortStableFunc(o.Docs, func(a, b Doc) int {
			return cmp.Or(-cmpBool(a.Overdue, b.Overdue), a.last.Compare(b.last), cmp.Compare(a.File, b.File))
		})
		out = append(out, *o)
	}
	slices.SortFunc(out, func(a, b Owner) int {
		return cmp.Or(cmpBool(a.Team == "", b.Team == ""), -cmpBool(a.Overdue > 0, b.Overdue > 0), oldest(a).Compare(oldest(b)), cmp.Compare(a.Team, b.Team))
	})
	return out
}

// oldest is the last review of an owner's first document, when it is overdue.
func oldest(o Owner) time.Time {
	if o.Overdue == 0 {
		return time.Time{}
	}
	return o.Docs[0].last
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// Due keeps, of owners as Status lists them, the documents due for review: overdue, or
// never reviewed while the playbook has a review interval. Owners with none are left out.
func Due(owners []Owner, interval bool) []Owner {
	var out []Owner
	for _, o := range owners {
		var docs []Doc
		for _, d := range o.Docs {
			if d.Overdue || (interval && d.LastReviewed == "") {
				docs = append(docs, d)
			}
		}
		if len(docs) > 0 {
			o.Docs = docs
			out = append(out, o)
		}
	}
	return out
}
