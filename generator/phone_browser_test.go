package generator

import (
	"bytes"
	"image"
	"image/png"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/escalator-dev/escalator/internal/browser"
)

// sitePages lists every HTML page under out, by slash path.
func sitePages(t *testing.T, out string) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		pages = append(pages, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// overflowJS names what sticks out past the right edge of the window, when the
// page scrolls sideways: the deepest elements that do, a few of them.
const overflowJS = `(function () {
	var w = window.innerWidth, out = [];
	if (document.documentElement.scrollWidth <= w) return out;
	document.querySelectorAll("body *").forEach(function (el) {
		var r = el.getBoundingClientRect();
		if (r.right <= w + 0.5 || r.width === 0) return;
		for (var p = el.parentElement; p; p = p.parentElement) {
			var s = getComputedStyle(p);
			if (s.overflowX === "auto" || s.overflowX === "scroll" || s.overflowX === "hidden") return;
		}
		if (out.length < 4) out.push(el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : "") + " right=" + Math.round(r.right));
	});
	return ["scrollWidth " + document.documentElement.scrollWidth + " > " + w].concat(out);
})()`

// Every page of the sample, as a phone shows it (one walk: opening the site's pages
// is most of a browser test's time):
//   - it loads from disk with no console error, no CSP violation and no request that
//     is not for a file;
//   - it fits a 360 px wide phone: nothing scrolls sideways but charts and wide tables,
//     inside frames of their own;
//   - it has a description for search engines and link previews, and loads the code
//     stylesheet only when it shows code;
//   - links in the matrix grid are tap targets of at least 24 by 24 px (WCAG 2.2 target
//     size) at 390 px.
func TestPagesOnAPhone(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t)
	tab := b.NewTab(t)
	// All pages at 360 px first, then the grids again at 390: a change of size lays
	// the open page out again, so it is changed twice in all, not twice a page.
	if err := tab.SetViewport(360, 740); err != nil {
		t.Fatal(err)
	}
	var grids []string
	for _, page := range sitePages(t, out) {
		if err := tab.Open(browser.FileURL(filepath.Join(out, filepath.FromSlash(page)))); err != nil {
			t.Fatal(err)
		}
		if p := tab.Problems(); len(p) > 0 {
			t.Errorf("%s:\n  %s", page, strings.Join(p, "\n  "))
		}
		var wide []string
		if err := tab.Eval(overflowJS, &wide); err != nil {
			t.Fatal(err)
		}
		if len(wide) > 0 {
			t.Errorf("%s scrolls sideways at 360 px: %s", page, strings.Join(wide, "; "))
		}
		var got struct {
			Description   string
			CodeCSS, Code bool
			Grid          bool
		}
		err := tab.Eval(`(function () {
			var d = document.querySelector('meta[name="description"]');
			return {description: d ? d.content : "", codeCSS: !!document.querySelector('link[href$="assets/code.css"]'),
				code: !!document.querySelector('main pre [class^="hl-"], main [class^="align-"]'),
				grid: !!document.querySelector(".grid a")};
		})()`, &got)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Description) < 20 {
			t.Errorf("%s: description %q", page, got.Description)
		}
		if got.CodeCSS != got.Code {
			t.Errorf("%s: loads code.css %v, shows highlighted code %v", page, got.CodeCSS, got.Code)
		}
		if got.Grid {
			grids = append(grids, page)
		}
	}
	if len(grids) == 0 {
		t.Fatal("no page has a matrix grid")
	}
	if err := tab.SetViewport(390, 844); err != nil {
		t.Fatal(err)
	}
	for _, page := range grids {
		if err := tab.Open(browser.FileURL(filepath.Join(out, filepath.FromSlash(page)))); err != nil {
			t.Fatal(err)
		}
		var small []string
		err := tab.Eval(`(function () {
			var small = [];
			document.querySelectorAll(".grid a").forEach(function (a) {
				var r = a.getBoundingClientRect();
				if (r.height < 24 || r.width < 24) small.push(a.textContent.trim() + " " + Math.round(r.width) + "x" + Math.round(r.height));
			});
			return small.slice(0, 3);
		})()`, &small)
		if err != nil {
			t.Fatal(err)
		}
		if len(small) > 0 {
			t.Errorf("%s: matrix links smaller than 24 px at 390 px: %v", page, small)
		}
	}
}

// With ESCALATOR_SCREENSHOTS=DIR, pictures of pages as a phone shows them (390 px)
// and of printouts (PNG through pdftoppm), for a person to look at.
func TestPhoneScreenshots(t *testing.T) {
	dir := os.Getenv("ESCALATOR_SCREENSHOTS")
	if dir == "" {
		t.Skip("set ESCALATOR_SCREENSHOTS to a folder to take screenshots")
	}
	b := browser.Require(t)
	out := sampleSite(t)
	tab := b.NewTab(t)
	if err := tab.SetViewport(390, 844); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"contacts.html", "teams/payments-eng.html", "matrix.html", "domains/payments.html", "briefs/engineering.html"} {
		if err := tab.Open(browser.FileURL(filepath.Join(out, filepath.FromSlash(page)))); err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, "phone-"+strings.NewReplacer("/", "-", ".html", "").Replace(page))
		if err := tab.Screenshot(name + ".png"); err != nil {
			t.Fatal(err)
		}
		splitPNG(t, name+".png", 1400)
	}
	for _, p := range []struct {
		page      string
		landscape bool
	}{{"contacts.html", true}, {"briefs/engineering.html", false}, {"matrix.html", false}, {"runbooks/card-payments-failing.checklist.html", false}, {"teams/payments-eng.html", false}} {
		if err := tab.Open(browser.FileURL(filepath.Join(out, filepath.FromSlash(p.page)))); err != nil {
			t.Fatal(err)
		}
		pdf, err := tab.PrintPDF(browser.PDFOptions{Landscape: p.landscape})
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, "print-"+strings.NewReplacer("/", "-", ".html", "").Replace(p.page))
		if err := os.WriteFile(name+".pdf", pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command("pdftoppm", "-png", "-r", "70", name+".pdf", name).CombinedOutput(); err != nil {
			t.Errorf("pdftoppm: %v\n%s", err, out)
		}
	}
}

// splitPNG cuts a tall screenshot into pictures of at most h pixels, name-1.png and
// on, small enough to look at.
func splitPNG(t *testing.T, name string, h int) {
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	sub, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	})
	if !ok {
		return
	}
	b := img.Bounds()
	for i, y := 1, b.Min.Y; y < b.Max.Y; i, y = i+1, y+h {
		part := sub.SubImage(image.Rect(b.Min.X, y, b.Max.X, min(y+h, b.Max.Y)))
		var buf bytes.Buffer
		if err := png.Encode(&buf, part); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(strings.TrimSuffix(name, ".png")+"-"+strconv.Itoa(i)+".png", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
