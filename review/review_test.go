package review

import (
	"testing"
	"time"

	escalator "github.com/escalator-dev/escalator"
	"github.com/escalator-dev/escalator/matrix"
)

func sample(t *testing.T, now time.Time) *matrix.Playbook {
	t.Helper()
	p, diags := matrix.Load(escalator.Sample(), "content", matrix.Options{Run: matrix.Audit, Now: now, SkipBodies: true})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	return p
}

func day(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return t
}

// The sample has two documents overdue on purpose; later, more fall due, each owner's
// oldest first and the owner with the oldest first.
func TestDue(t *testing.T) {
	cases := []struct {
		name  string
		asOf  string
		owner []string // owner: first document, in order
		total int
	}{
		{"the sample's two overdue documents", "2026-12-02", []string{"data-eng:reporting-pipeline-delayed", "identity-eng:textwave"}, 2},
		{"nothing is due just after a review", "2026-01-01", nil, 0},
		{"a year on, most are due", "2027-04-01", []string{"data-eng:reporting-pipeline-delayed", "identity-eng:textwave"}, 28},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			now := day(c.asOf)
			due := Due(Status(sample(t, now), now), true)
			total := 0
			for i, o := range due {
				total += len(o.Docs)
				for j := 1; j < len(o.Docs); j++ {
					if o.Docs[j].LastReviewed < o.Docs[j-1].LastReviewed {
						t.Errorf("%s: %s before %s", o.Team, o.Docs[j-1].ID, o.Docs[j].ID)
					}
				}
				if i < len(c.owner) && o.Team+":"+o.Docs[0].ID != c.owner[i] {
					t.Errorf("owner %d: %s:%s, want %s", i, o.Team, o.Docs[0].ID, c.owner[i])
				}
				if i > 0 && oldest(due[i-1]).After(oldest(o)) {
					t.Errorf("%s listed before %s, whose review is older", due[i-1].Team, o.Team)
				}
			}
			if total != c.total {
				t.Errorf("%d due, want %d", total, c.total)
			}
		})
	}
}

// Status lists every document once, overdue first within an owner, and names the
// owner's handle for the site and CODEOWNERS.
func TestStatus(t *testing.T) {
	now := day("2026-12-02")
	p := sample(t, now)
	st := Status(p, now)
	n := 0
	for _, o := range st {
		n += len(o.Docs)
		seenFresh := false
		for _, d := range o.Docs {
			if !d.Overdue {
				seenFresh = true
			} else if seenFresh {
				t.Errorf("%s: overdue %s after a document that is not", o.Team, d.ID)
			}
		}
	}
	if want := len(p.Metas()); n != want {
		t.Errorf("%d documents, want %d", n, want)
	}
	if st[0].Team != "data-eng" || st[0].Overdue != 1 || st[0].Handle != "@northwind/data-eng" || st[0].Docs[0].DaysOverdue != 213 {
		t.Errorf("first owner: %+v", st[0])
	}
}
