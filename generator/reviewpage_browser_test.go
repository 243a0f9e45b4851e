package generator

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/escalator-dev/escalator/internal/browser"
)

// From any page opened from disk, the footer's "Review status" link leads to the
// review page, where the sample's two overdue documents come first, marked in the
// warning colour, on a phone as on a desktop, in light and dark mode.
func TestReviewStatusInBrowser(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t)
	tab := b.NewTab(t)
	for _, vp := range []struct{ w, h int }{{1280, 800}, {390, 844}} {
		if err := tab.SetViewport(vp.w, vp.h); err != nil {
			t.Fatal(err)
		}
		for _, scheme := range []string{"light", "dark"} {
			if err := tab.SetColorScheme(scheme); err != nil {
				t.Fatal(err)
			}
			if err := tab.Open(browser.FileURL(filepath.Join(out, "teams", "payments-eng.html"))); err != nil {
				t.Fatal(err)
			}
			if err := tab.Click("footer a.review-status"); err != nil {
				t.Fatal(err)
			}
			waitFor(t, tab, `location.pathname.endsWith("/review.html") && document.readyState === "complete"`)
			if p := tab.Problems(); len(p) > 0 {
				t.Errorf("%dpx, %s: %s", vp.w, scheme, strings.Join(p, "; "))
			}
			var got struct {
				Owners           []string
				Overdue          []string
				Mark, Text       string
				Fits, FirstShown bool
			}
			err := tab.Eval(`(() => {
				const rows = [...document.querySelectorAll("tr.is-overdue th a")].map(a => a.textContent);
				const mark = document.querySelector("tr.is-overdue .overdue");
				const first = document.querySelector("section.review-owner h2").getBoundingClientRect();
				return {Owners: [...document.querySelectorAll("section.review-owner h2 a")].slice(0, 2).map(a => a.textContent),
					Overdue: rows, Mark: getComputedStyle(mark).color, Text: getComputedStyle(document.body).color,
					Fits: document.documentElement.scrollWidth <= document.documentElement.clientWidth,
					FirstShown: first.top < innerHeight};
			})()`, &got)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got.Owners, ",") != "Data Engineering,Identity Engineering" || strings.Join(got.Overdue, ",") != "Reporting pipeline delayed,TextWave" {
				t.Errorf("%dpx, %s: owners %v, overdue %v", vp.w, scheme, got.Owners, got.Overdue)
			}
			if got.Mark == got.Text || !got.Fits || !got.FirstShown {
				t.Errorf("%dpx, %s: overdue mark %s on text %s, fits %v, first owner shown %v", vp.w, scheme, got.Mark, got.Text, got.Fits, got.FirstShown)
			}
			if v := tab.Axe(t); len(v) > 0 {
				t.Errorf("%dpx, %s:\n  %s", vp.w, scheme, strings.Join(v, "\n  "))
			}
		}
	}
}
