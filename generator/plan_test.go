package generator

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/escalator-dev/escalator/internal/synth"
	"github.com/escalator-dev/escalator/matrix"
)

// TestMatrixCellRunbooks: a grid cell shows its first runbooks and links the rest to
// the domain page, whose table lists every one of them.
func TestMatrixCellRunbooks(t *testing.T) {
	p, diags := matrix.Load(synth.FS(synth.Medium()), "medium", matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: today})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	s, err := NewSite(p, Options{Now: today})
	if err != nil {
		t.Fatal(err)
	}
	page := func(path string) string {
		data, ok, err := s.Page(path)
		if err != nil || !ok {
			t.Fatalf("%s: ok %v, %v", path, ok, err)
		}
		return string(data)
	}
	grid := page("matrix.html")
	grid = grid[strings.Index(grid, "<tbody>"):strings.Index(grid, "</tbody>")]
	cells := strings.Split(grid, "<td>")[1:]
	rb := regexp.MustCompile(`<a class="small rb" href="runbooks/([^"]+)\.html">`)
	more := regexp.MustCompile(`<a class="small rb more" href="domains/([^"]+)\.html#owners">(\d+) more runbooks?</a>`)
	n, capped := 0, 0
	for _, row := range p.Grid() {
		for _, c := range row {
			html := cells[n]
			n++
			var all []*matrix.Runbook
			if c.Decision != nil {
				all = c.Decision.Runbooks
			}
			var shown []string
			for _, m := range rb.FindAllStringSubmatch(html, -1) {
				shown = append(shown, m[1])
			}
			var want []string
			for _, r := range all[:min(len(all), cellRunbooks)] {
				want = append(want, r.ID)
			}
			if fmt.Sprint(shown) != fmt.Sprint(want) {
				t.Errorf("%s at %s shows runbooks %v, want %v", c.Domain.ID, c.Severity.ID, shown, want)
			}
			m := more.FindStringSubmatch(html)
			if len(all) <= cellRunbooks {
				if m != nil {
					t.Errorf("%s at %s has %d runbooks and links to more: %s", c.Domain.ID, c.Severity.ID, len(all), m[0])
				}
				continue
			}
			capped++
			if m == nil || m[1] != c.Domain.ID || m[2] != fmt.Sprint(len(all)-cellRunbooks) {
				t.Errorf("%s at %s has %d runbooks; the link to the rest is %q", c.Domain.ID, c.Severity.ID, len(all), m)
				continue
			}
			// The domain page's row for the severity lists them all.
			dom := page("domains/" + c.Domain.ID + ".html")
			start := strings.Index(dom, `href="../severities/`+c.Severity.ID+`.html"`)
			row := dom[start : start+strings.Index(dom[start:], "</tr>")]
			for _, r := range all {
				if !strings.Contains(row, `href="../runbooks/`+r.ID+`.html"`) {
					t.Errorf("the %s page's row for %s lacks runbook %s", c.Domain.ID, c.Severity.ID, r.ID)
				}
			}
		}
	}
	if n != len(cells) {
		t.Errorf("%d cells in the grid, %d in the page", n, len(cells))
	}
	if capped == 0 {
		t.Error("no cell has more runbooks than it shows: the test proves nothing")
	}
}
