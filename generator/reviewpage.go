package generator

import (
	"fmt"
	"time"

	"github.com/escalator-dev/escalator/review"
)

// reviewOwner is one owner's section of the review status page.
type reviewOwner struct {
	review.Owner
	Rows []reviewRow
}

// reviewRow is one document: its page, and its state as a reader says it.
type reviewRow struct {
	review.Doc
	URL   string // "" for a document without a page of its own
	State string
}

// reviewData is the review status page: every document by owner, overdue first
// (review.Status), as of the build.
func (s *shared) reviewData() []reviewOwner {
	var out []reviewOwner
	for _, o := range review.Status(s.P, s.Now) {
		ro := reviewOwner{Owner: o}
		for _, d := range o.Docs {
			ro.Rows = append(ro.Rows, reviewRow{Doc: d, URL: docPage(d), State: reviewState(d, s.Now)})
		}
		out = append(out, ro)
	}
	return out
}

// docPage is the site's page of a document, relative to the root; "" when it has none.
func docPage(d review.Doc) string {
	switch d.Kind {
	case "matrix":
		return "matrix.html"
	case "team", "role", "runbook", "brief", "vendor", "page":
		return d.Kind + "s/" + d.ID + ".html"
	}
	return ""
}

func reviewState(d review.Doc, now time.Time) string {
	switch {
	case d.LastReviewed == "":
		return "never reviewed"
	case d.Overdue:
		return fmt.Sprintf("overdue by %s", days(d.DaysOverdue))
	case d.Due == "":
		return "no review interval"
	}
	due, _ := time.Parse(time.DateOnly, d.Due)
	y, m, day := now.Date()
	return "due in " + days(int(due.Sub(time.Date(y, m, day, 0, 0, 0, 0, time.UTC)).Hours()/24))
}

func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}
