package generator

import (
	"fmt"
	"strings"
	"testing"

	"github.com/escalator-dev/escalator/internal/browser"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// codeBlocks returns the content of each fenced or indented code block of a
// Markdown body, as goldmark reads it.
func codeBlocks(body string) []string {
	src := []byte(body)
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	var out []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			if entering {
				var b strings.Builder
				for i := range n.Lines().Len() {
					seg := n.Lines().At(i)
					b.Write(seg.Value(src))
				}
				out = append(out, b.String())
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// The copy button of every code block on the sample's runbook pages copies
// the block's source exactly, without its final line break (so a paste into
// a shell runs nothing before the responder presses Enter): a command
// continued with "\" keeps its every line.
func TestCodeCopyIsExact(t *testing.T) {
	b := browser.Require(t)
	p := sample(t)
	out := sampleSite(t)
	base := browser.Serve(t, out)
	tab := b.NewTab(t)
	multiLine := 0
	for _, r := range p.Runbooks {
		want := codeBlocks(r.Body)
		if err := tab.Open(base + "/runbooks/" + r.ID + ".html"); err != nil {
			t.Fatal(err)
		}
		// Record what the page's script hands the clipboard.
		if err := tab.Eval(`navigator.clipboard.writeText = function (s) { window.copied = s; return Promise.resolve(); }; true`, nil); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := tab.Eval(`document.querySelectorAll("main [data-copy]").length`, &n); err != nil {
			t.Fatal(err)
		}
		if n != len(want) {
			t.Fatalf("%s: %d copy buttons, want one for each of its %d code blocks", r.ID, n, len(want))
		}
		for i, w := range want {
			w = strings.TrimSuffix(w, "\n")
			if strings.Contains(w, "\n") {
				multiLine++
			}
			if err := tab.Eval(fmt.Sprintf(`window.copied = null; document.querySelectorAll("main [data-copy]")[%d].id = "copy-under-test"; true`, i), nil); err != nil {
				t.Fatal(err)
			}
			if err := tab.Click("#copy-under-test"); err != nil {
				t.Fatal(err)
			}
			var got string
			if err := tab.Eval(`(function () { var b = document.getElementById("copy-under-test"); b.removeAttribute("id"); return window.copied; })()`, &got); err != nil {
				t.Fatalf("%s block %d: nothing copied: %v", r.ID, i, err)
			}
			if got != w {
				t.Errorf("%s block %d copied\n%q\nwant\n%q", r.ID, i, got, w)
			}
		}
		if pr := tab.Problems(); len(pr) > 0 {
			t.Errorf("%s: %v", r.ID, pr)
		}
	}
	if multiLine < 2 {
		t.Errorf("only %d multi-line code blocks checked; the sample has more", multiLine)
	}
}
