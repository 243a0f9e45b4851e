package markdown

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/yuin/goldmark/text"
)

// parsedAnchors is Inspect's answer without its fast path.
func parsedAnchors(src []byte) []string {
	doc := inspector.Parser().Parse(text.NewReader(src))
	var ids []string
	for _, h := range outline(doc, src) {
		ids = append(ids, h.ID)
	}
	sort.Strings(ids)
	return ids
}

func TestInspect(t *testing.T) {
	src := "# Title\n\nSee [x](runbook:db#a) and ![img](../assets/a.png).\n\n> [!NOTE]\n> é [y](#title) <font>a</font>\n\n" +
		"<div id=\"top\">\n<script>x</script>\n</div>\n\n[ref]: ../x.md\n\nuse [ref] for <name>\n"
	o, err := Inspect([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Ref{{"runbook:db#a", false, 3, 5}, {"../assets/a.png", true, 3, 27}, {"#title", false, 6, 5}, {"../x.md", false, 14, 5}}
	if !slices.Equal(o.Refs, want) {
		t.Errorf("refs %+v, want %+v", o.Refs, want)
	}
	if !slices.Equal(o.Anchors, []string{"title", "top"}) {
		t.Errorf("anchors %q", o.Anchors)
	}
	wantHTML := []Problem{{6, 17, "raw HTML <font> dropped (its text is kept)"}, {9, 1, "raw HTML <script> dropped"}}
	if !slices.Equal(o.HTML, wantHTML) {
		t.Errorf("HTML problems %+v, want %+v", o.HTML, wantHTML)
	}
}

// TestHeadingsOnly holds Inspect's fast path to the parse on the sample's
// bodies and on cases where a line reads otherwise.
func TestHeadingsOnly(t *testing.T) {
	files, _ := filepath.Glob("../../content/*/*.md")
	var srcs []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, string(stripFrontMatter(b)))
	}
	srcs = append(srcs, headingSeeds...)
	for _, s := range srcs {
		if o, ok := headingsOnly([]byte(s)); ok && !slices.Equal(o.Anchors, parsedAnchors([]byte(s))) {
			t.Errorf("%q: fast path %q, parse %q", s, o.Anchors, parsedAnchors([]byte(s)))
		}
	}
}

var headingSeeds = []string{
	"# A\n## A\n### A #\n#### A ##x\n", "```\n# not\n```\n# yes", "~~~~\n# x\n~~~\n# y\n~~~~\n# z",
	"    # code\n", "> # quoted", "- # item", "Title\n===\n", "para\n---\n", "!!! note\n    ## Inside\n",
	"#no\n#\t tab\n# *em* _x_ ~~s~~\n", "\t# tab\n", "# A\n\n# a\n\n# A-1\n", "###### six\n####### seven\n",
	"# é ü 東京\n", "# closing ###   \n", "#  \n", "``` \n# in\n```x\n# still\n```\n# out",
}

// FuzzHeadingsOnly checks that the fast path, when it answers, gives the
// parse's heading ids.
func FuzzHeadingsOnly(f *testing.F) {
	for _, s := range headingSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if checkComplexity([]byte(s)) != nil {
			return
		}
		if o, ok := headingsOnly([]byte(s)); ok && !slices.Equal(o.Anchors, parsedAnchors([]byte(s))) {
			t.Fatalf("%q: fast path %q, parse %q", s, o.Anchors, parsedAnchors([]byte(s)))
		}
	})
}
