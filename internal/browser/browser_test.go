package browser

import (
	"bytes"
	"fmt"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

// mediaBox matches the first page's paper size.
var mediaBox = regexp.MustCompile(`/MediaBox\s*\[([^\]]*)\]`)

// csp is the policy of the site: nothing but its own files.
const csp = `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'`

// htmlPage returns an HTML page with the site's CSP, a title and body.
func htmlPage(title, head, body string) string {
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="` + csp + `">
<title>` + title + `</title>
` + head + `
</head>
<body>
` + body + `
</body>
</html>
`
}

// site writes files into a new folder and returns it.
func site(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// bothWays runs f with the base URL of dir opened from disk and served over
// HTTP: the site must work both ways.
func bothWays(t *testing.T, dir string, f func(t *testing.T, base string)) {
	t.Run("file", func(t *testing.T) { t.Parallel(); f(t, FileURL(dir)) })
	t.Run("http", func(t *testing.T) { t.Parallel(); f(t, Serve(t, dir)) })
}

// open opens a new tab on u and fails the test if the page does not load.
func open(t *testing.T, u string) *Tab {
	t.Helper()
	tab := Require(t).NewTab(t)
	if err := tab.Open(u); err != nil {
		t.Fatal(err)
	}
	return tab
}

// has reports whether one of the problems contains all of the words.
func has(problems []string, words ...string) bool {
	for _, p := range problems {
		all := true
		for _, w := range words {
			all = all && strings.Contains(p, w)
		}
		if all {
			return true
		}
	}
	return false
}

func TestStartTime(t *testing.T) {
	t.Parallel()
	b := Require(t)
	t.Logf("%s started in %v", b.Version(), b.StartTime())
	if !strings.Contains(b.Version(), "Chrome/") {
		t.Errorf("version %q", b.Version())
	}
}

func TestCleanPageHasNoProblems(t *testing.T) {
	t.Parallel()
	dir := site(t, map[string]string{
		"index.html": htmlPage("Clean", `<link rel="stylesheet" href="style.css">`,
			`<main><h1>Clean</h1><p id="out">waiting</p><img src="dot.svg" alt="a dot"></main>
<script src="app.js"></script>`),
		"style.css": `body { font-family: sans-serif; }`,
		"dot.svg":   `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle cx="5" cy="5" r="5"/></svg>`,
		"app.js":    `document.getElementById("out").textContent = "ran"; console.log("info is not a problem");`,
	})
	bothWays(t, dir, func(t *testing.T, base string) {
		tab := open(t, base+"/index.html")
		if p := tab.Problems(); len(p) > 0 {
			t.Errorf("problems on a clean page:\n%s", strings.Join(p, "\n"))
		}
		if got, err := tab.Text("#out"); err != nil || got != "ran" {
			t.Errorf("the external script did not run: %q, %v", got, err)
		}
		if c := tab.Console(); !has(c, "console.log: info is not a problem") {
			t.Errorf("console.log not collected: %q", c)
		}
	})
}

func TestInlineScriptIsACSPViolation(t *testing.T) {
	t.Parallel()
	dir := site(t, map[string]string{
		"index.html": htmlPage("Inline", "", `<p>hi</p><script>document.title = "inline ran";</script>`),
	})
	bothWays(t, dir, func(t *testing.T, base string) {
		tab := open(t, base+"/index.html")
		p := tab.Problems()
		if !has(p, "CSP violation", "inline script") {
			t.Errorf("no CSP violation reported for an inline script; problems:\n%s", strings.Join(p, "\n"))
		}
		var title string
		if err := tab.Eval("document.title", &title); err != nil || title != "Inline" {
			t.Errorf("the inline script ran: title %q, %v", title, err)
		}
	})
}

func TestConsoleErrorAndExceptionAreReported(t *testing.T) {
	t.Parallel()
	dir := site(t, map[string]string{
		"index.html": htmlPage("Errors", "", `<p>hi</p><script src="app.js"></script>`),
		"app.js": `console.error("boom", {code: 7});
console.warn("careful");
setTimeout(() => { throw new Error("thrown later"); }, 0);
Promise.reject(new Error("not handled"));`,
	})
	bothWays(t, dir, func(t *testing.T, base string) {
		tab := open(t, base+"/index.html")
		// The timer fires after load; wait for it.
		if err := tab.Eval(`new Promise(r => setTimeout(r, 50))`, nil); err != nil {
			t.Fatal(err)
		}
		p := tab.Problems()
		for _, want := range [][]string{
			{"console.error: boom {code: 7}", "app.js:1:9"},
			{"console.warning: careful"},
			{"uncaught exception", "thrown later", "app.js:3"},
			{"uncaught exception", "not handled"},
		} {
			if !has(p, want...) {
				t.Errorf("no problem with %q; problems:\n%s", want, strings.Join(p, "\n"))
			}
		}
	})
}

func TestRequestsLeavingTheSiteAreReported(t *testing.T) {
	t.Parallel()
	dir := site(t, map[string]string{
		// No CSP here, so the browser really tries the request.
		"index.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Away</title></head>
<body><img src="http://example.invalid/logo.png" alt="logo"><img src="missing.png" alt="missing"></body></html>`,
		"csp.html": htmlPage("Away with CSP", "", `<img src="http://example.invalid/logo.png" alt="logo">`),
	})
	bothWays(t, dir, func(t *testing.T, base string) {
		tab := open(t, base+"/index.html")
		p := tab.Problems()
		if !has(p, "request", "http://example.invalid/logo.png") || !has(p, "request failed: http://example.invalid/logo.png") {
			t.Errorf("the request to example.invalid was not reported; problems:\n%s", strings.Join(p, "\n"))
		}
		if !has(p, "missing.png") {
			t.Errorf("the missing image was not reported; problems:\n%s", strings.Join(p, "\n"))
		}
		if strings.HasPrefix(base, "http") && !has(p, "HTTP 404", "missing.png") {
			t.Errorf("the 404 was not reported; problems:\n%s", strings.Join(p, "\n"))
		}

		// Blocked by the CSP, the request is still reported, as both a
		// leaving request and a violation.
		if err := tab.Open(base + "/csp.html"); err != nil {
			t.Fatal(err)
		}
		p = tab.Problems()
		if !has(p, "CSP violation", "example.invalid") || !has(p, "request", "http://example.invalid/logo.png") {
			t.Errorf("the blocked request was not reported; problems:\n%s", strings.Join(p, "\n"))
		}
		if has(p, "missing.png") {
			t.Errorf("problems of the page opened before are still there:\n%s", strings.Join(p, "\n"))
		}
	})
}

func TestSameOrigin(t *testing.T) {
	for _, c := range []struct {
		origin, url string
		want        bool
	}{
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080/a.js", true},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8081/a.js", false},
		{"http://127.0.0.1:8080", "https://127.0.0.1:8080/a.js", false},
		{"http://127.0.0.1:8080", "http://example.invalid/a.js", false},
		{"http://127.0.0.1:8080", "data:image/png;base64,AAAA", true},
		{"http://127.0.0.1:8080", "file:///etc/passwd", false},
		{"file:", "file:///tmp/site/a.js", true},
		{"file:", "http://127.0.0.1:8080/a.js", false},
		{"file:", "blob:null/1234", true},
		{"", "http://example.invalid/", true},
	} {
		tab := &Tab{origin: c.origin}
		if got := tab.sameOrigin(c.url); got != c.want {
			t.Errorf("origin %q, request %q: same origin %v, want %v", c.origin, c.url, got, c.want)
		}
	}
}

func TestKeyFocusesSearch(t *testing.T) {
	t.Parallel()
	dir := site(t, map[string]string{
		"index.html": htmlPage("Search", "",
			`<main><h1>Search</h1><label for="q">Search</label> <input id="q" type="search">
<p id="typed"></p><p id="hint" hidden>Press Enter</p></main><script src="search.js"></script>`),
		"search.js": `const q = document.getElementById("q");
document.addEventListener("keydown", e => {
	if (e.key === "/" && document.activeElement !== q) { e.preventDefault(); q.focus(); }
});
q.addEventListener("input", () => {
	document.getElementById("typed").textContent = q.value;
	document.getElementById("hint").hidden = q.value === "";
});
q.addEventListener("keydown", e => { if (e.key === "Enter") document.getElementById("typed").textContent = "searched " + q.value; });`,
	})
	bothWays(t, dir, func(t *testing.T, base string) {
		tab := open(t, base+"/index.html")
		if v, err := tab.Visible("#hint"); err != nil || v {
			t.Errorf("hint visible before typing: %v, %v", v, err)
		}
		if err := tab.Key("/"); err != nil {
			t.Fatal(err)
		}
		var focused string
		if err := tab.Eval(`document.activeElement.id`, &focused); err != nil || focused != "q" {
			t.Fatalf("after /, the focus is on %q (%v), want the search box", focused, err)
		}
		if err := tab.Key("sev1"); err != nil {
			t.Fatal(err)
		}
		if got, _ := tab.Text("#typed"); got != "sev1" {
			t.Errorf("typed %q, want sev1 (the / must not be typed)", got)
		}
		if v, err := tab.Visible("#hint"); err != nil || !v {
			t.Errorf("hint not visible after typing: %v, %v", v, err)
		}
		if err := tab.Key(Enter); err != nil {
			t.Fatal(err)
		}
		if got, _ := tab.Text("#typed"); got != "searched sev1" {
			t.Errorf("after Enter: %q", got)
		}
		if err := tab.SetValue("#q", "payments"); err != nil {
			t.Fatal(err)
		}
		if got, _ := tab.Text("#typed"); got != "payments" {
			t.Errorf("after SetValue: %q (the input event did not fire?)", got)
		}
		if v, err := tab.Visible("#nothing-matches"); err != nil || v {
			t.Errorf("Visible of no element: %v, %v", v, err)
		}
		if _, err := tab.Visible("#"); err == nil {
			t.Errorf("Visible of a malformed selector gave no error")
		}
		if p := tab.Problems(); len(p) > 0 {
			t.Errorf("problems:\n%s", strings.Join(p, "\n"))
		}
	})
}

func TestClick(t *testing.T) {
	t.Parallel()
	dir := site(t, map[string]string{
		"index.html": htmlPage("Click", `<link rel="stylesheet" href="s.css">`, `<main><h1>Click</h1>
<button id="more" type="button" aria-expanded="false">More</button>
<div id="details" hidden>Details</div></main>
<p class="far"><a id="far" href="other.html">far below</a></p>
<script src="app.js"></script>`),
		"s.css":      `.far { margin-top: 3000px; }`,
		"other.html": htmlPage("Other", "", `<h1 id="h">Other page</h1>`),
		"app.js": `document.getElementById("more").addEventListener("click", e => {
	document.getElementById("details").hidden = false;
	e.target.setAttribute("aria-expanded", "true");
});`,
	})
	bothWays(t, dir, func(t *testing.T, base string) {
		tab := open(t, base+"/index.html")
		var y float64
		if err := tab.Eval(`document.getElementById("far").getBoundingClientRect().top`, &y); err != nil || y < 3000 {
			t.Fatalf("the link is at %v (%v), want below the window", y, err)
		}
		if err := tab.Click("#more"); err != nil {
			t.Fatal(err)
		}
		if v, err := tab.Visible("#details"); err != nil || !v {
			t.Errorf("details not shown after the click: %v, %v", v, err)
		}
		// A link far below the window is scrolled to and followed.
		if err := tab.Click("#far"); err != nil {
			t.Fatal(err)
		}
		if got, err := tab.Text("#h"); err != nil || got != "Other page" {
			t.Errorf("after following the link: %q, %v", got, err)
		}
		if p := tab.Problems(); len(p) > 0 {
			t.Errorf("problems:\n%s", strings.Join(p, "\n"))
		}
		tab.Timeout = 500 * time.Millisecond
		if err := tab.Click("#no-such-element"); err == nil {
			t.Errorf("clicking nothing gave no error")
		}
	})
}

func TestScreenshot(t *testing.T) {
	t.Parallel()
	dir := site(t, map[string]string{
		"index.html": htmlPage("Shot", `<link rel="stylesheet" href="s.css">`, `<h1>Shot</h1><div class="tall"></div><p>end</p>`),
		"s.css":      `.tall { height: 2000px; }`,
	})
	tab := open(t, FileURL(dir)+"/index.html")
	out := filepath.Join(t.TempDir(), "shot.png")
	if err := tab.Screenshot(out); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	// The whole page, not only the window (1280x800).
	if s := img.Bounds().Size(); s.X != 1280 || s.Y < 2000 {
		t.Errorf("screenshot is %v, want the whole page, 1280 wide and over 2000 high", s)
	}

	if err := tab.SetViewport(390, 844); err != nil {
		t.Fatal(err)
	}
	var size [2]int
	if err := tab.Eval(`[innerWidth, innerHeight]`, &size); err != nil || size != [2]int{390, 844} {
		t.Errorf("window %v (%v) after SetViewport(390, 844)", size, err)
	}
}

func TestPrintPDF(t *testing.T) {
	t.Parallel()
	var long strings.Builder
	for i := range 300 { // over 8 pages, so that Chromium nests the page tree
		fmt.Fprintf(&long, "<p>Step %d: check the dashboards, page the on-call, write it down.</p>\n", i+1)
	}
	dir := site(t, map[string]string{
		"short.html": htmlPage("Short", "", `<h1>Checklist</h1><ul><li>Acknowledge</li><li>Triage</li></ul>`),
		"long.html":  htmlPage("Long", "", "<h1>Long runbook</h1>\n"+long.String()),
	})
	tab := Require(t).NewTab(t)
	pdfinfo, _ := exec.LookPath("pdfinfo") // poppler-utils, to check PDFPages if it is there
	pages := func(name string, opts PDFOptions) int {
		t.Helper()
		if err := tab.Open(FileURL(dir) + "/" + name); err != nil {
			t.Fatal(err)
		}
		pdf, err := tab.PrintPDF(opts)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Fatalf("not a PDF: %q", pdf[:min(len(pdf), 20)])
		}
		// The paper, in points, turned for landscape.
		w, h := 595.92, 841.92
		if strings.EqualFold(opts.Paper, "letter") {
			w, h = 612, 792
		}
		if opts.Landscape {
			w, h = h, w
		}
		var x0, y0, x1, y1 float64
		if m := mediaBox.FindSubmatch(pdf); m == nil {
			t.Errorf("%+v: no /MediaBox", opts)
		} else if _, err := fmt.Sscan(string(m[1]), &x0, &y0, &x1, &y1); err != nil || math.Abs(x1-x0-w) > 1 || math.Abs(y1-y0-h) > 1 {
			t.Errorf("%+v: /MediaBox [%s], want %vx%v points", opts, m[1], w, h)
		}
		n := PDFPages(pdf)
		if pdfinfo != "" {
			f := filepath.Join(t.TempDir(), "out.pdf")
			if err := os.WriteFile(f, pdf, 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(pdfinfo, f).Output()
			if err != nil {
				t.Fatalf("pdfinfo: %v", err)
			}
			if !regexp.MustCompile(fmt.Sprintf(`(?m)^Pages:\s+%d$`, n)).Match(out) {
				t.Errorf("PDFPages says %d pages, pdfinfo:\n%s", n, out)
			}
		}
		return n
	}
	for _, opts := range []PDFOptions{{}, {Paper: "A4", Landscape: true}, {Paper: "Letter"}, {Paper: "letter", Landscape: true}} {
		if n := pages("short.html", opts); n != 1 {
			t.Errorf("%+v: short page printed on %d pages, want 1", opts, n)
		}
	}
	a4, letter := pages("long.html", PDFOptions{Paper: "A4"}), pages("long.html", PDFOptions{Paper: "Letter", Landscape: true})
	if a4 < 9 {
		t.Errorf("long page printed on %d A4 pages, want more than 8", a4)
	}
	if letter <= a4 {
		t.Errorf("landscape Letter gave %d pages, portrait A4 %d: want more in landscape", letter, a4)
	}
	if _, err := tab.PrintPDF(PDFOptions{Paper: "A0"}); err == nil {
		t.Errorf("unknown paper: no error")
	}
}

func TestPDFPages(t *testing.T) {
	for _, c := range []struct {
		pdf  string
		want int
	}{
		{"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >> endobj\n2 0 obj << /Type /Page /Parent 1 0 R >> endobj\n3 0 obj <</Type/Page/Parent 1 0 R>> endobj", 2},
		// Pages hidden in object streams: the root's /Count.
		{"%PDF-1.5\n1 0 obj << /Type /Pages /Kids [4 0 R 5 0 R] /Count 7 >> endobj\n4 0 obj << /Type /Pages /Count 3 >> endobj", 7},
		{"not a PDF /Count 3", 0},
		{"", 0},
	} {
		if got := PDFPages([]byte(c.pdf)); got != c.want {
			t.Errorf("PDFPages(%q) = %d, want %d", c.pdf, got, c.want)
		}
	}
}

func TestAxe(t *testing.T) {
	t.Parallel()
	dir := site(t, map[string]string{
		"bad.html":   htmlPage("Bad", "", `<main><h1>Bad</h1><img src="dot.svg"></main>`),
		"clean.html": htmlPage("Clean", "", `<main><h1>Clean</h1><img src="dot.svg" alt="a dot"><p>Fine.</p></main>`),
		"dot.svg":    `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle cx="5" cy="5" r="5"/></svg>`,
	})
	bothWays(t, dir, func(t *testing.T, base string) {
		tab := open(t, base+"/bad.html")
		v := tab.Axe(t)
		if !has(v, "image-alt: ", "1 node: img") {
			t.Errorf("axe did not report the image without alt; violations:\n%s", strings.Join(v, "\n"))
		}
		// Running axe-core is not a CSP violation and leaves no problem.
		if p := tab.Problems(); len(p) > 0 {
			t.Errorf("problems after axe:\n%s", strings.Join(p, "\n"))
		}

		if err := tab.Open(base + "/clean.html"); err != nil {
			t.Fatal(err)
		}
		if v := tab.Axe(t); len(v) > 0 {
			t.Errorf("axe violations on a clean page:\n%s", strings.Join(v, "\n"))
		}
		// A second run reuses the axe-core that is in the page.
		if v := tab.Axe(t); len(v) > 0 {
			t.Errorf("second run: %q", v)
		}
		var version string
		if err := tab.Eval(`axe.version`, &version); err != nil || version != AxeVersion {
			t.Errorf("axe-core %q (%v) is installed, want %s: update AxeVersion and AXE_VERSION in .ci/run together", version, err, AxeVersion)
		}
	})
}

func TestFileURL(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX paths")
	}
	for in, want := range map[string]string{
		"/tmp/site/index.html":    "file:///tmp/site/index.html",
		"/tmp/a b/#1?.html":       "file:///tmp/a%20b/%231%3F.html",
		"/tmp/site/runbooks/ünï/": "file:///tmp/site/runbooks/%C3%BCn%C3%AF/",
	} {
		if got := FileURL(in); got != want {
			t.Errorf("FileURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestServe(t *testing.T) {
	t.Parallel()
	dir := site(t, map[string]string{"index.html": htmlPage("Home", "", `<h1 id="h">Home</h1>`)})
	base := Serve(t, dir)
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Errorf("base URL %q", base)
	}
	tab := open(t, base+"/") // the folder's index.html
	if got, err := tab.Text("#h"); err != nil || got != "Home" {
		t.Errorf("got %q, %v", got, err)
	}
}

// fakeT records how a helper ended a test: Fatal or Skip.
type fakeT struct {
	testing.TB
	ended string
}

func (f *fakeT) Helper()                           {}
func (f *fakeT) Logf(string, ...any)               {}
func (f *fakeT) Fatalf(format string, args ...any) { f.end("fatal: " + fmt.Sprintf(format, args...)) }
func (f *fakeT) Skipf(format string, args ...any)  { f.end("skip: " + fmt.Sprintf(format, args...)) }
func (f *fakeT) end(s string) {
	f.ended = s
	runtime.Goexit()
}

// run calls f with a fakeT and returns how it ended, or "" if it returned.
func run(t *testing.T, f func(testing.TB)) string {
	ft := &fakeT{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(ft)
	}()
	<-done
	return ft.ended
}

// The tests that set variables run before the parallel ones, which read them.

func TestMissingBrowserFailsInCISkipsElsewhere(t *testing.T) {
	t.Setenv("ESCALATOR_CHROMIUM", filepath.Join(t.TempDir(), "no-chromium"))
	t.Setenv("CI", "true")
	if got := run(t, func(tb testing.TB) { Require(tb) }); !strings.HasPrefix(got, "fatal: ") || !strings.Contains(got, "no-chromium") {
		t.Errorf("in CI: %q, want a failure naming the missing file", got)
	}
	t.Setenv("CI", "")
	if got := run(t, func(tb testing.TB) { Require(tb) }); !strings.HasPrefix(got, "skip: ") {
		t.Errorf("outside CI: %q, want a skip", got)
	}
}

func TestMissingAxeFailsInCISkipsElsewhere(t *testing.T) {
	tab := open(t, "about:blank")
	t.Setenv("ESCALATOR_AXE", filepath.Join(t.TempDir(), "no-axe.js"))
	t.Setenv("CI", "true")
	if got := run(t, func(tb testing.TB) { tab.Axe(tb) }); !strings.HasPrefix(got, "fatal: ") || !strings.Contains(got, "axe-core") {
		t.Errorf("in CI: %q, want a failure", got)
	}
	t.Setenv("CI", "")
	if got := run(t, func(tb testing.TB) { tab.Axe(tb) }); !strings.HasPrefix(got, "skip: ") {
		t.Errorf("outside CI: %q, want a skip", got)
	}
}
