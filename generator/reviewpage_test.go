package generator

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The review status page lists every document by owner, teams with overdue documents
// first and each team's overdue documents first; every page's footer links to it.
func TestReviewStatusPage(t *testing.T) {
	out := build(t, sample(t), Options{Now: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)})
	data, err := os.ReadFile(filepath.Join(out, "review.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)
	owners := regexp.MustCompile(`<h2 id="review-([a-z0-9-]+)">`).FindAllStringSubmatch(page, -1)
	if len(owners) < 3 || owners[0][1] != "data-eng" || owners[1][1] != "identity-eng" {
		t.Fatalf("owners in order: %v, want data-eng, identity-eng (the two with overdue documents) first", owners)
	}
	first := page[strings.Index(page, `id="review-data-eng"`):]
	first = first[:strings.Index(first, "</section>")]
	rows := strings.Split(first, "<tr")[2:] // past the head
	if len(rows) != 2 || !strings.Contains(rows[0], `class="is-overdue"`) || !strings.Contains(rows[0], "overdue by 213 days") ||
		!strings.Contains(rows[0], `href="runbooks/reporting-pipeline-delayed.html"`) || !strings.Contains(rows[1], "due in 25 days") {
		t.Errorf("data-eng's rows:\n%s", strings.Join(rows, "\n"))
	}
	if n := strings.Count(page, `class="is-overdue"`); n != 2 {
		t.Errorf("%d overdue rows, want the sample's 2", n)
	}
	for page, href := range map[string]string{"index.html": "review.html", "teams/payments-eng.html": "../review.html", "runbooks/dashboard-down.checklist.html": "../review.html"} {
		data, _ := os.ReadFile(filepath.Join(out, filepath.FromSlash(page)))
		if !strings.Contains(string(data), `<a class="review-status" href="`+href+`">Review status</a>`) {
			t.Errorf("%s: no footer link to %s", page, href)
		}
	}
}
