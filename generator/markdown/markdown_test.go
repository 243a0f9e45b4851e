package markdown

import (
	"errors"
	"flag"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/alecthomas/chroma/v2/lexers"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldens lists each input under testdata with the options it is rendered
// with; the output is compared with testdata/<golden>.
var goldens = []struct {
	input, golden string
	opt           Options
}{
	{"runbook.md", "runbook.html", Options{}},
	{"unsafe.md", "unsafe.html", Options{}},
	{"raw.md", "raw.html", Options{RawHTML: true}},
	{"callouts.md", "callouts.html", Options{}},
}

func TestGolden(t *testing.T) {
	for _, g := range goldens {
		t.Run(g.golden, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", g.input))
			if err != nil {
				t.Fatal(err)
			}
			res, err := New(g.opt).Render(src)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, g.golden, string(res.HTML))
			assertNoStyleOrHandlers(t, string(res.HTML))
		})
	}
}

func TestGoldenCSS(t *testing.T) {
	checkGolden(t, "chroma.css", CSS())
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (run go test -update and read the diff)\ngot:\n%s", name, got)
	}
}

var (
	styleAttr   = regexp.MustCompile(`(?i)<[^>]*\sstyle\s*=`)
	handlerAttr = regexp.MustCompile(`(?i)<[^>]*\son[a-z]+\s*=`)
	urlAttr     = regexp.MustCompile(`(?i)\s(?:href|src)\s*=\s*"([^"]*)"`)
)

// assertNoStyleOrHandlers fails when the HTML has a style attribute or an
// event handler attribute on any element: the site's CSP would block them.
func assertNoStyleOrHandlers(t *testing.T, html string) {
	t.Helper()
	if m := styleAttr.FindString(html); m != "" {
		t.Errorf("style attribute in rendered HTML: %q", m)
	}
	if m := handlerAttr.FindString(html); m != "" {
		t.Errorf("event handler attribute in rendered HTML: %q", m)
	}
}

// unsafeURLAttr returns the first href or src value whose scheme is not
// allowed, or "".
func unsafeURLAttr(html string) string {
	for _, m := range urlAttr.FindAllStringSubmatch(html, -1) {
		if !SafeURL(m[1]) || strings.Contains(strings.ToLower(m[1]), "javascript:") {
			return m[0]
		}
	}
	return ""
}

func render(t *testing.T, opt Options, src string) string {
	t.Helper()
	res, err := New(opt).Render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return string(res.HTML)
}

func TestSafety(t *testing.T) {
	tests := []struct {
		name    string
		opt     Options
		src     string
		want    []string // substrings of the output
		notWant []string
	}{
		{"a script block is dropped by default", Options{}, "<script>alert(1)</script>\n\nafter",
			[]string{"<p>after</p>"}, []string{"<script", "alert", "&lt;"}},
		{"inline raw HTML keeps allowed tags, drops handlers", Options{}, "a <b onclick=\"x()\">b</b>",
			[]string{`a <b>b</b>`}, []string{"onclick", "&lt;"}},
		{"an HTML comment is dropped by default", Options{}, "a <!-- hidden --> b",
			[]string{"<p>a  b</p>"}, []string{"<!--", "hidden"}},
		{"allowed HTML is kept: details, kbd, sub, table", Options{}, "<details><summary>More</summary>\n\nhidden **x**\n\n</details>\n\npress <kbd>Ctrl</kbd>, H<sub>2</sub>O<br>\n\n<table><tr><td colspan=2 style=\"color:red\">a</td></tr></table>",
			[]string{"<details><summary>More</summary>\n<p>hidden <strong>x</strong></p>\n</details>", "<kbd>Ctrl</kbd>", "H<sub>2</sub>O<br>", `<td colspan="2">a</td>`}, []string{"style", "&lt;"}},
		{"stray end tags are dropped, open ones closed", Options{}, "</div></main>\n\nx <b>open\n\n<details>\n\ny",
			[]string{"<p>x <b>open</b></p>", "<details>\n<p>y</p>\n</details>"}, []string{"</div>", "</main>"}},
		{"a placeholder that is no HTML element shows as written", Options{}, "say \"<name> is IC\"\n\n<ticket-id>",
			[]string{"<p>say &quot;&lt;name&gt; is IC&quot;</p>", "<p>&lt;ticket-id&gt;</p>"}, nil},
		{"raw HTML links are filtered", Options{}, `<a href="javascript:alert(1)">x</a> <a href="https://x.example">y</a>`,
			[]string{`x <a href="https://x.example" rel="noreferrer">y</a>`}, []string{"javascript"}},
		{"raw HTML block is kept with RawHTML", Options{RawHTML: true}, "<details><summary>More</summary>\n\nhidden\n\n</details>",
			[]string{"<details><summary>More</summary>", "<p>hidden</p>", "</details>"}, []string{"&lt;"}},
		{"inline raw HTML is kept with RawHTML", Options{RawHTML: true}, "press <kbd>Ctrl</kbd>",
			[]string{"<kbd>Ctrl</kbd>"}, nil},
		{"javascript link, mixed case", Options{}, "[x](JaVaScRiPt:alert(1))",
			[]string{"<p>x</p>"}, []string{"<a", "alert"}},
		{"javascript link, leading space", Options{}, "[x](< javascript:alert(1)>)",
			[]string{"<p>x</p>"}, []string{"<a"}},
		{"javascript link, bare leading space", Options{}, "[x]( javascript:alert(1))",
			[]string{"<p>x</p>"}, []string{"<a"}},
		{"javascript link, entity tab", Options{}, "[x](java&#x09;script:alert(1))",
			[]string{"<p>x</p>"}, []string{"<a"}},
		{"javascript link, entity newline", Options{}, "[x](java&#10;script:alert(1))",
			[]string{"<p>x</p>"}, []string{"<a"}},
		{"javascript link, entity colon", Options{}, "[x](javascript&colon;alert(1))",
			[]string{"<p>x</p>"}, []string{"<a"}},
		{"javascript link, entity letters", Options{}, "[x](&#106;avascript:alert(1))",
			[]string{"<p>x</p>"}, []string{"<a"}},
		{"javascript link, percent colon", Options{}, "[x](javascript%3Aalert(1))",
			[]string{"<p>x</p>"}, []string{"<a"}},
		{"javascript link, control char", Options{}, "[x](\x01javascript:alert(1))",
			[]string{"<p>x</p>"}, []string{"<a"}},
		{"javascript link, zero-width space", Options{}, "[x](java\u200bscript:alert(1))",
			[]string{"<p>x</p>"}, []string{"<a"}},
		{"javascript link, emphasis kept", Options{}, "[**bold** text](javascript:alert(1))",
			[]string{"<p><strong>bold</strong> text</p>"}, []string{"<a"}},
		{"javascript reference link", Options{}, "[x][r]\n\n[r]: javascript:alert(1)",
			[]string{"<p>x</p>"}, []string{"<a"}},
		{"javascript autolink", Options{}, "<javascript:alert(1)>",
			[]string{"<p>javascript:alert(1)</p>"}, []string{"<a"}},
		{"javascript autolink, mixed case", Options{}, "<JAVAscript:alert(1)>",
			[]string{"<p>JAVAscript:alert(1)</p>"}, []string{"<a"}},
		{"vbscript link", Options{}, "[x](vbscript:msgbox(1))",
			[]string{"<p>x</p>"}, []string{"<a"}},
		{"data link", Options{}, "[x](data:text/html;base64,PHNjcmlwdD4=)",
			[]string{"<p>x</p>"}, []string{"<a"}},
		{"file link", Options{}, "[x](file:///etc/passwd)",
			[]string{"<p>x</p>"}, []string{"<a"}},
		{"unknown scheme link", Options{}, "[x](ssh://host)",
			[]string{"<p>x</p>"}, []string{"<a"}},
		{"javascript image keeps its alt text", Options{}, "![the alt](javascript:alert(1))",
			[]string{"<p>the alt</p>"}, []string{"<img"}},
		{"data image is dropped", Options{}, "![png](data:image/png;base64,iVBORw0KGgo=)",
			[]string{"<p>png</p>"}, []string{"<img"}},
		{"links are filtered with RawHTML too", Options{RawHTML: true}, "[x](javascript:alert(1)) <javascript:alert(1)>",
			[]string{"<p>x javascript:alert(1)</p>"}, []string{"<a"}},
		{"relative link is kept", Options{}, "[x](../teams/sre/)",
			[]string{`<a href="../teams/sre/">x</a>`}, nil},
		{"fragment link is kept", Options{}, "[x](#when-to-fail-over)",
			[]string{`<a href="#when-to-fail-over">x</a>`}, nil},
		{"colon after slash is relative", Options{}, "[x](./a:b)",
			[]string{`<a href="./a:b">x</a>`}, nil},
		{"https link gets rel", Options{}, "[x](https://example.com/a?b=1&c=2)",
			[]string{`<a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer">x</a>`}, nil},
		{"uppercase http link gets rel", Options{}, "[x](HTTP://example.com)",
			[]string{`<a href="HTTP://example.com" rel="noopener noreferrer">x</a>`}, nil},
		{"scheme-relative link gets rel", Options{}, "[x](//example.com)",
			[]string{`<a href="//example.com" rel="noopener noreferrer">x</a>`}, nil},
		{"mailto link has no rel", Options{}, "[x](mailto:a@example.com)",
			[]string{`<a href="mailto:a@example.com">x</a>`}, []string{"rel="}},
		{"tel link", Options{}, "[x](tel:+441234567890)",
			[]string{`<a href="tel:+441234567890">x</a>`}, nil},
		{"email autolink", Options{}, "<oncall@example.com>",
			[]string{`<a href="mailto:oncall@example.com">oncall@example.com</a>`}, nil},
		{"bare URL is linked with rel", Options{}, "see https://status.example.com now",
			[]string{`<a href="https://status.example.com" rel="noopener noreferrer">https://status.example.com</a>`}, nil},
		{"bare ftp URL stays text", Options{}, "see ftp://example.com now",
			[]string{`<p>see ftp://example.com now</p>`}, []string{"<a"}},
		{"https image is kept", Options{}, "![graph](https://example.com/g.png)",
			[]string{`<img src="https://example.com/g.png" alt="graph">`}, nil},
		{"link title is escaped", Options{}, `[x](/a "\"><script>")`,
			[]string{`title="&quot;&gt;&lt;script&gt;"`}, []string{"<script"}},
		{"code block language cannot inject", Options{}, "```\"><script>\nx\n```",
			[]string{`<code>x`}, []string{"<script", "data-lang"}},
		{"code block content is escaped", Options{}, "```html\n<script>alert(1)</script>\n```",
			[]string{"&lt;"}, []string{"<script"}},
		{"table alignment uses classes", Options{}, "| a | b |\n|:--|:-:|\n| 1 | 2 |",
			[]string{`<th class="align-left">a</th>`, `<td class="align-center">2</td>`}, []string{"align="}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := render(t, tt.opt, tt.src)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("output lacks %q\ngot: %s", w, got)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("output contains %q\ngot: %s", w, got)
				}
			}
			if u := unsafeURLAttr(got); u != "" {
				t.Errorf("unsafe URL attribute %s\ngot: %s", u, got)
			}
			if !tt.opt.RawHTML {
				assertNoStyleOrHandlers(t, got)
			}
		})
	}
}

func TestHeadingIDs(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"slug is lowercase with hyphens", "## When to Fail Over", []string{"when-to-fail-over"}},
		{"punctuation and markup are dropped", "## Use `pgctl` **now**, please!", []string{"use-pgctl-now-please"}},
		{"runs of separators make one hyphen", "## a  -  b__c", []string{"a-b-c"}},
		{"link text counts, not the URL", "## See [the docs](https://example.com)", []string{"see-the-docs"}},
		{"duplicates get -1, -2", "## Verify\n## Verify\n## Verify", []string{"verify", "verify-1", "verify-2"}},
		{"duplicates across levels", "# Steps\n### Steps", []string{"steps", "steps-1"}},
		{"suffix clash with a literal heading", "## A\n## A-1\n## A", []string{"a", "a-1", "a-2"}},
		{"non-ASCII letters are kept", "## Café déjà vu", []string{"café-déjà-vu"}},
		{"empty heading gets a name", "## !!!\n## ???", []string{"section", "section-1"}},
		{"setext heading", "Title\n=====", []string{"title"}},
		{"headings in footnotes and quotes count", "> ## Quoted", []string{"quoted"}},
	}
	r := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.Render([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Headings {
				got = append(got, h.ID)
				anchor := `<a class="anchor" href="#` + template.HTMLEscapeString(h.ID) + `" aria-label="Link to this section">#</a>`
				if !strings.Contains(string(res.HTML), `id="`+template.HTMLEscapeString(h.ID)+`"`) ||
					!strings.Contains(string(res.HTML), anchor) {
					t.Errorf("heading %q lacks its id or self-link\ngot: %s", h.ID, res.HTML)
				}
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("ids = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHeadings(t *testing.T) {
	src := "# Database *failover*\n\nFailing over is **safe**\nbut not free.\n\n" +
		"## Check `pgctl` &amp; the replica\n\n- one\n- two [link](/x)\n\n" +
		"| situation | fail over? |\n| --- | --- |\n| disk full | yes |\n\n" +
		"```bash\npgctl status   --cluster main\n```\n\n<div>raw</div>\n\nA note.[^1]\n\n[^1]: Footnote text.\n"
	res, err := New(Options{}).Render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	wantHeads := []Heading{
		{Level: 1, Text: "Database failover", ID: "database-failover"},
		{Level: 2, Text: "Check pgctl & the replica", ID: "check-pgctl-the-replica"},
	}
	if len(res.Headings) != len(wantHeads) {
		t.Fatalf("headings = %+v, want %+v", res.Headings, wantHeads)
	}
	for i := range wantHeads {
		if res.Headings[i] != wantHeads[i] {
			t.Errorf("heading %d = %+v, want %+v", i, res.Headings[i], wantHeads[i])
		}
	}
}

func TestInline(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
		src  string
		want template.HTML
	}{
		{"plain text", Options{}, "Check primary health.", "Check primary health."},
		{"emphasis and code", Options{}, "Run `pgctl status` **first**, then *wait*.",
			"Run <code>pgctl status</code> <strong>first</strong>, then <em>wait</em>."},
		{"strikethrough", Options{}, "~~old~~ new", "<del>old</del> new"},
		{"link gets rel", Options{}, "See [status](https://status.example.com).",
			`See <a href="https://status.example.com" rel="noopener noreferrer">status</a>.`},
		{"relative link", Options{}, "See [the runbook](../runbooks/x/).", `See <a href="../runbooks/x/">the runbook</a>.`},
		{"bare URL", Options{}, "Open https://grafana.example.com/d/x",
			`Open <a href="https://grafana.example.com/d/x" rel="noopener noreferrer">https://grafana.example.com/d/x</a>`},
		{"heading marker stays text", Options{}, "# not a heading", "# not a heading"},
		{"list marker stays text", Options{}, "- not a list", "- not a list"},
		{"number stays text", Options{}, "1. not a list", "1. not a list"},
		{"indent is not code", Options{}, "    not code", "not code"},
		{"escaped characters", Options{}, `a < b & "c"`, "a &lt; b &amp; &quot;c&quot;"},
		{"raw HTML outside the allow-list dropped", Options{}, "a <script>x</script> <kbd>k</kbd>", "a x <kbd>k</kbd>"},
		{"raw HTML with RawHTML", Options{RawHTML: true}, "press <kbd>Esc</kbd>", "press <kbd>Esc</kbd>"},
		{"javascript link is text", Options{}, "[click](javascript:alert(1))", "click"},
		{"javascript link is text with RawHTML", Options{RawHTML: true}, "[click](JavaScript:alert(1))", "click"},
		{"javascript autolink is text", Options{}, "<javascript:alert(1)>", "javascript:alert(1)"},
		{"paragraphs are joined", Options{}, "one\n\ntwo", "one two"},
		{"empty", Options{}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := New(tt.opt).Inline(tt.src); got != tt.want {
				t.Errorf("Inline(%q) = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestCodeBlocks(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		want    []string
		notWant []string
	}{
		{"known language is highlighted with classes", "```bash\necho hi\n```", []string{
			`<div class="code" data-lang="bash"><button type="button" class="copy" data-copy hidden>Copy</button>`,
			`<pre class="hl-chroma" tabindex="0"><code class="language-bash">`,
			`<span class="hl-nb">echo</span>`,
		}, nil},
		{"language is lowercased", "```SQL\nSELECT 1;\n```", []string{`data-lang="sql"`, `class="language-sql"`, `<span class="hl-k">SELECT</span>`}, nil},
		{"unknown language is plain", "```nosuchlang\n<a> & b\n```", []string{
			`data-lang="nosuchlang"`, `<code class="language-nosuchlang">&lt;a&gt; &amp; b` + "\n</code>",
		}, []string{"hl-line"}},
		{"no language is plain", "```\nx := 1\n```", []string{`<pre class="hl-chroma" tabindex="0"><code>x := 1`}, []string{"data-lang", "hl-line"}},
		{"indented code is plain", "    x := 1", []string{`<div class="code"><button`, `<code>x := 1`}, nil},
		{"info string after the language is ignored", "```yaml title=x\na: 1\n```", []string{`data-lang="yaml"`}, nil},
	}
	r := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.Render([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			got := string(res.HTML)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("output lacks %q\ngot: %s", w, got)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("output contains %q\ngot: %s", w, got)
				}
			}
			assertNoStyleOrHandlers(t, got)
		})
	}
}

func TestCSS(t *testing.T) {
	css := CSS()
	if css != CSS() {
		t.Fatal("CSS differs between calls")
	}
	for _, want := range []string{
		".hl-chroma {", ".hl-chroma .hl-k {", "@media screen and (prefers-color-scheme: dark) {", ".align-center",
	} {
		if !strings.Contains(css, want) {
			t.Errorf("CSS lacks %q", want)
		}
	}
	light, dark, _ := strings.Cut(css, "@media")
	if !strings.Contains(light, ".hl-chroma .hl-nb") || !strings.Contains(dark, ".hl-chroma .hl-nb") {
		t.Error("both themes should style builtin names (.hl-nb)")
	}
}

// TestDeterministicAndConcurrent renders the same documents from many
// goroutines with one Renderer (as the site build does) and expects
// byte-identical results; run with -race.
func TestDeterministicAndConcurrent(t *testing.T) {
	var srcs [][]byte
	for _, g := range goldens {
		b, err := os.ReadFile(filepath.Join("testdata", g.input))
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, b)
	}
	r := New(Options{})
	want := make([]Result, len(srcs))
	for i, src := range srcs {
		res, err := r.Render(src)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = res
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i, src := range srcs {
				res, err := r.Render(src)
				if err != nil {
					t.Error(err)
					return
				}
				if res.HTML != want[i].HTML || len(res.Headings) != len(want[i].Headings) {
					t.Errorf("document %d rendered differently on a second run", i)
				}
				_ = r.Inline("a **b** [c](https://d.example)")
			}
		})
	}
	wg.Wait()
}

// TestLargeInputs guards against quadratic behaviour: each document must
// render (in well under the test timeout) with the expected shape.
func TestLargeInputs(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"many identical headings", strings.Repeat("## Step\n", 20000), `id="step-19999"`},
		{"nested brackets", strings.Repeat("[", 500) + "x" + strings.Repeat("](javascript:x)", 500), "x"},
		{"many emphasis markers", strings.Repeat("*a ", 5000), "a"},
		{"emphasis markers in many paragraphs", strings.Repeat("*a *b*\n\n", 20000), "<em>b</em>"},
		{"huge code block stays plain", "```bash\n" + strings.Repeat("echo hi\n", 10000) + "```", `<code class="language-bash">echo hi`},
		{"a long tight list of links", strings.Repeat("- [step](https://example.com/a_b) and `code`\n", 5000), "<li>"},
		{"deeply nested admonitions", deepAdmonitions(300), `<div class="callout callout-note" role="note">`},
		{"a long table", "| a | b |\n|---|---|\n" + strings.Repeat("| [x](y) | **z** |\n", 2000), "<td>"},
	}
	r := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(mustRender(t, r, tt.src).HTML)
			if !strings.Contains(got, tt.want) {
				t.Errorf("output lacks %q", tt.want)
			}
			if u := unsafeURLAttr(got); u != "" {
				t.Errorf("unsafe URL attribute %s", u)
			}
		})
	}
}

// pathological are the inputs that goldmark v1.8.7 takes superlinear time
// over (issue 14), at sizes under the 4 MiB file limit. Each must be
// refused before goldmark sees it.
var pathological = []struct {
	name string
	gen  func(n int) string
	n    int // repetitions at the size
}{
	{"unclosed link destinations", rep("[a]("), 200000},
	{"empty link labels", rep("[]("), 200000},
	{"angle link destinations", rep("[a](<b"), 100000},
	{"nested block quotes on one line", func(n int) string { return strings.Repeat(">", n) + "a\n" }, 100000},
	{"nested bullets on one line", func(n int) string { return strings.Repeat("- ", n) + "x\n" }, 100000},
	{"nested ordered items on one line", func(n int) string { return strings.Repeat("1. ", n) + "x\n" }, 100000},
	{"mixed emphasis", rep("*a_b*c_d**e_f*g**h*i_j**"), 20000},
	{"escaped code spans", rep("``\\"), 200000},
	{"code spans of growing length", codeRuns, 1 << 20},
	{"footnotes", footnotes, 50000},
	{"link reference definitions", linkDefs, 50000},
	{"unfinished definitions", rep("[x]:\n"), 100000},
	{"brackets over many lines", rep("[a][\n"), 100000},
	{"link titles over many lines", rep("[a](b \"\n"), 100000},
	{"nested labels", func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }, 200000},
	{"too large", rep("word "), 200000},
}

// deepAdmonitions is n MkDocs admonitions nested in one another, then
// lines of text at the innermost level up to about 500 KB: like nested list
// items, they cost time linear in the bytes (about 0.4 s here at n = 400).
func deepAdmonitions(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("    ", i) + "!!! note\n")
	}
	for b.Len() < 500<<10 {
		b.WriteString(strings.Repeat("    ", n) + "x\n")
	}
	return b.String()
}

func rep(s string) func(int) string { return func(n int) string { return strings.Repeat(s, n) } }

// codeRuns is backtick runs of lengths 1, 2, 3, ... up to about n bytes,
// none closed.
func codeRuns(n int) string {
	var b strings.Builder
	for i := 1; b.Len() < n; i++ {
		b.WriteString(strings.Repeat("`", i) + " a ")
	}
	return b.String()
}

// footnotes is n references and n definitions.
func footnotes(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "x[^%d]\n", i)
	}
	b.WriteString("\n")
	for i := range n {
		fmt.Fprintf(&b, "[^%d]: y\n", i)
	}
	return b.String()
}

// linkDefs is n link reference definitions in one paragraph.
func linkDefs(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "[l%d]: /u%d\n", i, i)
	}
	return b.String()
}

// TestPathologicalRefused checks that each superlinear input, at the size
// the issue measured, is refused with a ComplexError (the pre-scan is
// linear, so this test is fast); Inline shows such a snippet as text.
func TestPathologicalRefused(t *testing.T) {
	r := New(Options{})
	for _, tt := range pathological {
		t.Run(tt.name, func(t *testing.T) {
			src := tt.gen(tt.n)
			if len(src) > 4<<20 {
				t.Fatalf("input is %d bytes, over the file size limit", len(src))
			}
			_, err := r.Render([]byte(src))
			var ce *ComplexError
			if !errors.As(err, &ce) {
				t.Fatalf("Render: got error %v, want a *ComplexError", err)
			}
			if !strings.Contains(err.Error(), "too complex to render") || ce.Hint == "" || ce.Line < 1 {
				t.Errorf("unhelpful error %q", err)
			}
			if tt.name != "too large" {
				// Under the size limit too, the construct itself is refused.
				n := tt.n
				for len(tt.gen(n)) > maxSource {
					n /= 2
				}
				_, err := r.Render([]byte(tt.gen(n)))
				if !errors.As(err, &ce) || strings.Contains(ce.Construct, "bytes of Markdown") {
					t.Errorf("at %d bytes: got %v, want a refusal of the construct", len(tt.gen(n)), err)
				}
			}
			if got := string(r.Inline(src[:min(len(src), 1<<20)])); !strings.HasPrefix(got, template.HTMLEscapeString(src[:10])) {
				t.Errorf("Inline(...) = %.40q..., want the text as written", got)
			}
		})
	}
}

// TestComplexErrorLine checks that a refusal names the paragraph at fault.
func TestComplexErrorLine(t *testing.T) {
	src := "# Fail over\n\nRun the script.\n\n" + strings.Repeat("[a](", 100000) + "\n"
	_, err := New(Options{}).Render([]byte(src))
	var ce *ComplexError
	if !errors.As(err, &ce) || ce.Line != 5 {
		t.Fatalf("got %v, want a *ComplexError at line 5", err)
	}
}

func mustRender(t *testing.T, r *Renderer, src string) Result {
	t.Helper()
	res, err := r.Render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestHighlightCache checks that a cached render is byte-identical to a
// cold one and that the cache respects its bound.
func TestHighlightCache(t *testing.T) {
	src, err := os.ReadFile("testdata/runbook.md")
	if err != nil {
		t.Fatal(err)
	}
	cold := mustRender(t, newRenderer(Options{}, 0), string(src))
	warm := New(Options{})
	for i := range 3 {
		if got := mustRender(t, warm, string(src)); got.HTML != cold.HTML {
			t.Fatalf("render %d with the cache differs from a cold render", i)
		}
	}
	small := newRenderer(Options{}, 1)
	for i := range 5 {
		mustRender(t, small, "```bash\necho "+strings.Repeat("x", i)+"\n```")
	}
	n := 0
	small.highlights.m.Range(func(any, any) bool { n++; return true })
	if n > 1 {
		t.Errorf("cache limited to 1 byte holds %d entries", n)
	}
}

// TestHighlightSame checks that internal/highlight and chroma's own lexers
// give the same HTML for the benchmark's blocks.
func TestHighlightSame(t *testing.T) {
	for _, bl := range blocks {
		l := lexers.Get(bl.lang)
		want, ok1 := format(l, bl.code)
		got, ok2 := format(fast.Lexer(l), bl.code)
		if want != got || !ok1 || !ok2 {
			t.Errorf("%s: engine gives\n%s\nchroma gives\n%s", bl.lang, got, want)
		}
	}
}
