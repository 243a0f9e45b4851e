package generator

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/escalator-dev/escalator/internal/browser"
)

// Callouts (a GitHub alert in a runbook, an MkDocs tip on a page) render styled, with
// their title in the callout's colour, in light and dark mode, and axe-core finds no
// violation; the sample's image loads from the site's media/ folder and fits the column.
func TestCalloutsInBrowser(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t) // built with the sample's assets
	base := browser.Serve(t, out)
	tab := b.NewTab(t)
	if err := tab.SetViewport(390, 844); err != nil { // a phone: the image must still fit
		t.Fatal(err)
	}
	pages := map[string]string{
		"runbooks/card-payments-failing.html": ".callout-warning",
		"pages/how-to-escalate.html":          ".callout-tip",
	}
	for _, scheme := range []string{"light", "dark"} {
		if err := tab.SetColorScheme(scheme); err != nil {
			t.Fatal(err)
		}
		for page, sel := range pages {
			for _, u := range []string{base + "/" + page, browser.FileURL(filepath.Join(out, filepath.FromSlash(page)))} {
				if err := tab.Open(u); err != nil {
					t.Fatal(err)
				}
				if p := tab.Problems(); len(p) > 0 {
					t.Errorf("%s (%s): %s", u, scheme, strings.Join(p, "; "))
				}
				var got struct {
					Border, Title, Background, Page string
					Width                           float64
				}
				err := tab.Eval(`(() => {
					const c = document.querySelector(`+"`"+sel+"`"+`), s = getComputedStyle(c);
					return {Border: s.borderLeftColor, Background: s.backgroundColor, Width: parseFloat(s.borderLeftWidth),
						Title: getComputedStyle(c.querySelector('.callout-title')).color,
						Page: getComputedStyle(document.documentElement).backgroundColor};
				})()`, &got)
				if err != nil {
					t.Fatalf("%s: %v", u, err)
				}
				if got.Width < 4 || got.Border != got.Title || got.Background == got.Page {
					t.Errorf("%s (%s): callout not styled: %+v", page, scheme, got)
				}
				dark := got.Page == "rgb(13, 17, 23)"
				if dark != (scheme == "dark") {
					t.Errorf("%s (%s): page background %s", page, scheme, got.Page)
				}
			}
			if v := tab.Axe(t); len(v) > 0 {
				t.Errorf("%s (%s):\n  %s", page, scheme, strings.Join(v, "\n  "))
			}
		}
	}
	if err := tab.Open(base + "/runbooks/card-payments-failing.html"); err != nil {
		t.Fatal(err)
	}
	var img struct{ Loaded, Fits bool }
	if err := tab.Eval(`(() => { const i = document.querySelector('main img');
		return {Loaded: i.complete && i.naturalWidth > 0, Fits: i.getBoundingClientRect().right <= document.documentElement.clientWidth}; })()`, &img); err != nil {
		t.Fatal(err)
	}
	if !img.Loaded || !img.Fits {
		t.Errorf("the runbook's image: %+v, want loaded and within the column", img)
	}
}
