package generator

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	escalator "github.com/escalator-dev/escalator"
	"github.com/escalator-dev/escalator/internal/browser"
	"github.com/escalator-dev/escalator/matrix"
)

// handbook is the sample with the free pages of a handbook's before / during / after
// structure added out of order: the navigation must sort them by order (then id) and
// group them by section.
func handbook(t *testing.T) string {
	t.Helper()
	p := sample(t)
	page := func(id, title string, order int, section string) *matrix.Page {
		return &matrix.Page{Meta: matrix.Meta{ID: id, File: "content/pages/" + id + ".md"}, Title: title, Order: order, Section: section,
			Body: "Text.\n\n## One\n\nText.\n\n## Two\n\nText.\n\n### Two and a half\n\nText.\n"}
	}
	p.Pages = append(p.Pages,
		page("post-incident-review", "Post-incident review", 5, "After an incident"),
		page("readiness", "Getting ready for on-call", 0, "Before an incident"), // order 0 as before-your-shift: by id
		page("call-etiquette", "Call etiquette", 1, "During an incident"),       // order 1 as how-to-escalate: by id
	)
	assets, _ := fs.Sub(escalator.Sample(), "assets")
	return build(t, p, Options{Assets: assets})
}

// The header's Handbook menu lists the free pages by order, grouped by section in the
// order of their first page, and marks the current one; previous and next links go
// through the pages in that order.
func TestNavPageOrderAndSections(t *testing.T) {
	b := browser.Require(t)
	out := handbook(t)
	tab := b.NewTab(t)
	want := []string{
		"Before an incident: Before your on-call shift",
		"Before an incident: Getting ready for on-call",
		"During an incident: Call etiquette",
		"During an incident: How to escalate",
		"Reference: Glossary",
		"After an incident: Post-incident review",
	}
	order := []string{"before-your-shift", "readiness", "call-etiquette", "how-to-escalate", "glossary", "post-incident-review"}
	for i, id := range order {
		if err := tab.Open(browser.FileURL(filepath.Join(out, "pages", id+".html"))); err != nil {
			t.Fatal(err)
		}
		var got struct {
			Menu      []string
			Current   string
			Prev      string
			Next      string
			PrevTitle string
		}
		err := tab.Eval(`(() => {
			const menu = [];
			let section = "";
			document.querySelectorAll(".nav-menu > *").forEach(el => {
				if (el.matches(".nav-section")) section = el.textContent.trim();
				else el.querySelectorAll("a").forEach(a => menu.push(section + ": " + a.textContent.trim()));
			});
			const cur = document.querySelector('.nav-menu a[aria-current="page"]');
			const href = sel => { const a = document.querySelector(sel); return a ? a.getAttribute("href") : ""; };
			return {Menu: menu, Current: cur ? cur.textContent.trim() : "", Prev: href(".pager a[rel=prev]"), Next: href(".pager a[rel=next]")};
		})()`, &got)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(got.Menu, "|") != strings.Join(want, "|") {
			t.Errorf("%s: menu\n  %s\nwant\n  %s", id, strings.Join(got.Menu, "\n  "), strings.Join(want, "\n  "))
		}
		if !strings.HasSuffix(want[i], ": "+got.Current) {
			t.Errorf("%s: the menu marks %q as current", id, got.Current)
		}
		wantPrev, wantNext := "", ""
		if i > 0 {
			wantPrev = "../pages/" + order[i-1] + ".html"
		}
		if i+1 < len(order) {
			wantNext = "../pages/" + order[i+1] + ".html"
		}
		if got.Prev != wantPrev || got.Next != wantNext {
			t.Errorf("%s: previous %q, next %q; want %q, %q", id, got.Prev, got.Next, wantPrev, wantNext)
		}
		if p := tab.Problems(); len(p) > 0 {
			t.Errorf("%s: %v", id, p)
		}
	}
	// The home page lists the pages in the same order.
	if err := tab.Open(browser.FileURL(filepath.Join(out, "index.html"))); err != nil {
		t.Fatal(err)
	}
	var home []string
	tab.Eval(`[...document.querySelectorAll(".first a.button")].map(a => a.getAttribute("href"))`, &home)
	var wantHome []string
	for _, id := range order {
		wantHome = append(wantHome, "pages/"+id+".html")
	}
	if strings.Join(home, " ") != strings.Join(wantHome, " ") {
		t.Errorf("home lists %v, want %v", home, wantHome)
	}
	// The menu opens, and closes on Escape.
	if err := tab.Click(".nav-pages summary"); err != nil {
		t.Fatal(err)
	}
	var open bool
	tab.Eval(`document.querySelector(".nav-pages details").open && document.querySelector(".nav-menu").getBoundingClientRect().height > 0`, &open)
	if !open {
		t.Error("the Handbook menu did not open")
	}
	if err := tab.Key("\u001b"); err != nil {
		t.Fatal(err)
	}
	tab.Eval(`document.querySelector(".nav-pages details").open`, &open)
	if open {
		t.Error("Escape left the Handbook menu open")
	}
}

// Runbooks, roles and pages with three or more headings have a table of contents
// whose every link names a heading on the page and, followed, shows it below the
// sticky header, on a phone and on a desktop; a page with fewer headings has none.
func TestNavTableOfContents(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t)
	tab := b.NewTab(t)
	pages := map[string]bool{
		"runbooks/card-payments-failing.html": true,
		"roles/incident-commander.html":       true,
		"pages/how-to-escalate.html":          true,
		"pages/glossary.html":                 false,
		"teams/payments-eng.html":             false,
	}
	for _, size := range [][2]int{{390, 844}, {1280, 800}} {
		if err := tab.SetViewport(size[0], size[1]); err != nil {
			t.Fatal(err)
		}
		for page, hasTOC := range pages {
			u := browser.FileURL(filepath.Join(out, filepath.FromSlash(page)))
			if err := tab.Open(u); err != nil {
				t.Fatal(err)
			}
			var hashes []string
			tab.Eval(`[...document.querySelectorAll(".page-toc a")].map(a => a.getAttribute("href"))`, &hashes)
			if (len(hashes) > 0) != hasTOC {
				t.Errorf("%s: %d entries in the table of contents, want one: %v", page, len(hashes), hasTOC)
			}
			if hasTOC && len(hashes) < 3 {
				t.Errorf("%s: only %d entries", page, len(hashes))
			}
			for _, h := range hashes {
				if err := tab.Click(fmt.Sprintf(`.page-toc a[href=%q]`, h)); err != nil {
					t.Fatal(err)
				}
				var got struct {
					Found, Heading    bool
					Top, Header, View float64
					Hash              string
				}
				tab.Eval(`(() => {
					const id = decodeURIComponent(`+"`"+h+"`"+`.slice(1)), el = document.getElementById(id);
					if (!el) return {Found: false};
					return {Found: true, Heading: /^H[1-6]$/.test(el.tagName), Top: el.getBoundingClientRect().top,
						Header: document.querySelector(".site-header").getBoundingClientRect().bottom, View: innerHeight, Hash: location.hash};
				})()`, &got)
				switch {
				case !got.Found || !got.Heading:
					t.Errorf("%s at %dpx: %s names no heading (found %v)", page, size[0], h, got.Found)
				case got.Hash != h:
					t.Errorf("%s at %dpx: following %s left the address at %q", page, size[0], h, got.Hash)
				case got.Top < got.Header-1 || got.Top > got.View:
					// The last headings of a short page cannot scroll to the top: they
					// are seen when on screen and not under the header.
					t.Errorf("%s at %dpx: %s is at %.0f px, the header ends at %.0f, the view at %.0f", page, size[0], h, got.Top, got.Header, got.View)
				}
			}
			if p := tab.Problems(); len(p) > 0 {
				t.Errorf("%s: %v", page, p)
			}
		}
	}
}

// The header stays on screen when the page scrolls, is compact on a phone, and the page
// then scrolls no wider than the screen; "Back to top" goes back to the top; the
// edit link names the document's file in the playbook.
func TestNavStickyHeaderBackToTopEdit(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t)
	tab := b.NewTab(t)
	for _, size := range [][2]int{{390, 844}, {1280, 800}} {
		if err := tab.SetViewport(size[0], size[1]); err != nil {
			t.Fatal(err)
		}
		if err := tab.Open(browser.FileURL(filepath.Join(out, "runbooks", "card-payments-failing.html"))); err != nil {
			t.Fatal(err)
		}
		var got struct {
			Top, Height  float64
			Wide         bool
			Edit, Scroll string
		}
		tab.Eval(`(() => { scrollTo(0, document.body.scrollHeight); const r = document.querySelector(".site-header").getBoundingClientRect();
			const e = document.querySelector(".site-footer a.edit");
			return {Top: r.top, Height: r.height, Wide: document.documentElement.scrollWidth > document.documentElement.clientWidth,
				Edit: e ? e.href : ""}; })()`, &got)
		if got.Top != 0 {
			t.Errorf("at %dpx, scrolled to the end: the header is at %.0f px", size[0], got.Top)
		}
		if size[0] < 400 && got.Height > 130 {
			t.Errorf("at %dpx the header is %.0f px tall", size[0], got.Height)
		}
		if got.Wide {
			t.Errorf("at %dpx the page scrolls sideways", size[0])
		}
		if want := "https://git.northwind.example/sre/playbook/edit/main/content/runbooks/card-payments-failing.md"; got.Edit != want {
			t.Errorf("edit link %q, want %q", got.Edit, want)
		}
		if err := tab.Click(".to-top a"); err != nil {
			t.Fatal(err)
		}
		var y float64
		tab.Eval(`scrollY`, &y)
		if y != 0 {
			t.Errorf("at %dpx, after Back to top the page is scrolled by %.0f px", size[0], y)
		}
	}
}

// The light/dark button overrides the system's scheme, and the choice survives a
// reload and a move to another page, opened from disk and over HTTP.
func TestNavThemeToggle(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t)
	base := browser.Serve(t, out)
	file := func(p string) string { return browser.FileURL(filepath.Join(out, filepath.FromSlash(p))) }
	for _, way := range []struct {
		name string
		url  func(string) string
	}{
		{"file", file},
		{"http", func(p string) string { return base + "/" + p }},
	} {
		t.Run(way.name, func(t *testing.T) {
			tab := b.NewTab(t)
			state := func() (bg string, pressed string) {
				t.Helper()
				var got struct{ Bg, Pressed string }
				if err := tab.Eval(`({Bg: getComputedStyle(document.documentElement).backgroundColor,
					Pressed: (b => b && !b.hidden ? b.getAttribute("aria-pressed") : "no button")(document.querySelector(".theme-toggle"))})`, &got); err != nil {
					t.Fatal(err)
				}
				return got.Bg, got.Pressed
			}
			const light, dark = "rgb(255, 255, 255)", "rgb(13, 17, 23)"
			for _, system := range []string{"light", "dark"} {
				if err := tab.SetColorScheme(system); err != nil {
					t.Fatal(err)
				}
				if err := tab.Open(way.url("index.html")); err != nil {
					t.Fatal(err)
				}
				tab.Eval(`localStorage.removeItem("escalator-theme")`, nil)
				if err := tab.Open(way.url("index.html")); err != nil {
					t.Fatal(err)
				}
				other, otherBg := "dark", dark
				wantBg, wantPressed := light, "false"
				if system == "dark" {
					other, otherBg = "light", light
					wantBg, wantPressed = dark, "true"
				}
				if bg, pressed := state(); bg != wantBg || pressed != wantPressed {
					t.Errorf("system %s, no choice: background %s, pressed %s", system, bg, pressed)
				}
				if err := tab.Click(".theme-toggle"); err != nil {
					t.Fatal(err)
				}
				for _, page := range []string{"index.html", "index.html", "runbooks/card-payments-failing.html", "pages/how-to-escalate.html"} {
					if err := tab.Open(way.url(page)); err != nil {
						t.Fatal(err)
					}
					if bg, _ := state(); bg != otherBg {
						t.Errorf("system %s, chose %s: %s has background %s", system, other, page, bg)
					}
				}
				if p := tab.Problems(); len(p) > 0 {
					t.Errorf("problems: %v", p)
				}
			}
		})
	}
}

// axe-core finds no violation on the home page, a runbook and a free page, on a phone
// and a desktop, in light and dark mode, with the Handbook menu open. A reader's
// choice of theme over the system's renders every element in the colours of the
// system's mode of that name, so axe's verdict on the system's modes holds for it.
func TestNavAccessible(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t)
	base := browser.Serve(t, out) // over HTTP: from disk, axe-core cannot read the stylesheets
	tab := b.NewTab(t)
	pages := []string{"index.html", "runbooks/card-payments-failing.html", "pages/how-to-escalate.html"}
	if err := tab.Open(base + "/" + pages[0]); err != nil { // the site's origin, for its storage
		t.Fatal(err)
	}
	// The chosen modes come after the system's, whose colours they must repeat.
	modes := []struct{ system, choice string }{{"light", ""}, {"dark", ""}, {"light", "dark"}, {"dark", "light"}}
	for _, size := range [][2]int{{390, 844}, {1280, 800}} {
		if err := tab.SetViewport(size[0], size[1]); err != nil {
			t.Fatal(err)
		}
		colours := map[string][]string{} // page and scheme -> colours under the system's mode
		for _, m := range modes {
			if err := tab.SetColorScheme(m.system); err != nil {
				t.Fatal(err)
			}
			// The choice is kept per origin, so it is set once a mode, from the site
			// page the tab shows, for all the pages opened after it.
			set := `localStorage.removeItem("escalator-theme")`
			if m.choice != "" {
				set = `localStorage.setItem("escalator-theme", "` + m.choice + `")`
			}
			if err := tab.Eval(set, nil); err != nil {
				t.Fatal(err)
			}
			for _, page := range pages {
				if err := tab.Open(base + "/" + page); err != nil {
					t.Fatal(err)
				}
				name := fmt.Sprintf("%s at %dpx, system %s, chosen %q", page, size[0], m.system, m.choice)
				if p := tab.Problems(); len(p) > 0 {
					t.Errorf("%s: %v", name, p)
				}
				var dark bool
				tab.Eval(`getComputedStyle(document.documentElement).backgroundColor === "rgb(13, 17, 23)"`, &dark)
				if want := m.choice == "dark" || m.choice == "" && m.system == "dark"; dark != want {
					t.Errorf("%s: dark %v, want %v", name, dark, want)
				}
				tab.Eval(`document.querySelector(".nav-pages details").open = true`, nil)
				var got []string
				if err := tab.Eval(elementColours, &got); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if m.choice != "" {
					if d := firstDifference(colours[page+" "+m.choice], got); d != "" {
						t.Errorf("%s: not the colours of system %s: %s", name, m.choice, d)
					}
					continue
				}
				colours[page+" "+m.system] = got
				if m.system == "light" && size[0] == 1280 {
					continue // TestPagesAreAccessible checks every page so, its menu open
				}
				if v := tab.Axe(t); len(v) > 0 {
					t.Errorf("%s:\n  %s", name, strings.Join(v, "\n  "))
				}
			}
		}
	}
}

// elementColours lists, for every element of the page, the computed properties that
// axe's colour rules read. The theme button's border is left out, and the root's class:
// they mark the choice.
const elementColours = `[...document.querySelectorAll("*")].map((e, i) => {
	const s = getComputedStyle(e);
	const props = ["color", "background-color", "background-image", "opacity", "text-shadow",
		"text-decoration-line", "text-decoration-color", "outline-color", "fill", "stroke", "box-shadow"];
	if (!e.classList.contains("theme-toggle")) props.push("border-top-color", "border-right-color", "border-bottom-color", "border-left-color");
	const cls = e === document.documentElement || typeof e.className !== "string" ? "" : e.className.trim();
	return i + " " + e.tagName.toLowerCase() + (cls ? "." + cls.split(/\s+/).join(".") : "") +
		" " + props.map(p => p + ": " + s.getPropertyValue(p)).join("; ");
})`

// firstDifference describes the first line where got differs from want, or returns "".
func firstDifference(want, got []string) string {
	for i := range min(len(want), len(got)) {
		if want[i] != got[i] {
			return fmt.Sprintf("\n  got  %s\n  want %s", got[i], want[i])
		}
	}
	if len(want) != len(got) {
		return fmt.Sprintf("%d elements, want %d", len(got), len(want))
	}
	return ""
}
