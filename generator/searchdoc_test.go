package generator

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/escalator-dev/escalator/generator/search"
	"github.com/escalator-dev/escalator/internal/synth"
	"github.com/escalator-dev/escalator/matrix"
)

func TestSections(t *testing.T) {
	for _, c := range []struct {
		name, html string
		want       []search.Section
	}{
		{"the h1 is the title, not text", `<main><h1>Title</h1><p class="lead">Lead &amp; more.</p></main>`,
			[]search.Section{{Text: "Lead & more."}}},
		{"headings with an id start sections", `<h1>T</h1><p>top</p><section><h2 id="reach">How to reach <em>us</em></h2><ul><li>a</li><li>b</li></ul></section><h3>No id</h3><p>c</p>`,
			[]search.Section{{Text: "top"}, {Anchor: "reach", Heading: "How to reach us", Text: "a b No id c"}}},
		{"the self-link of a Markdown heading is left out", `<h2 id="x">Roll back <a class="anchor" href="#x" aria-label="Link to this section">#</a></h2><p>now</p>`,
			[]search.Section{{}, {Anchor: "x", Heading: "Roll back", Text: "now"}}},
		{"scripts, drawings and buttons are left out", `<p>a</p><svg><text>node</text></svg><button>Copy</button><script>x()</script><p>b</p>`,
			[]search.Section{{Text: "a b"}}},
		{"what is marked data-noindex is left out", `<p>a</p><details class="flow-source" data-noindex><summary>Mermaid source</summary><pre>classDef x</pre></details><p>b</p>`,
			[]search.Section{{Text: "a b"}}},
		{"empty sections go", `<h2 id="e"></h2><h2 id="f">F</h2>`,
			[]search.Section{{}, {Anchor: "f", Heading: "F"}}},
	} {
		if got := sections([]byte(c.html)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %#v\nwant %#v", c.name, got, c.want)
		}
	}
}

func TestFold(t *testing.T) {
	cases := []string{"", " ", "a", "  a  b\n\tc  ", "a\u00a0 b", "é  è", "x\v\fy\r\n", "\u2003lead and trail\u2003", "bad\xffbyte \xe2\x80", "nel\u0085x"}
	for _, s := range cases {
		if got, want := fold([]byte(s)), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
		// Text arrives in pieces, between tags: the pieces fold as one.
		for _, more := range cases {
			var f folded
			f.write([]byte(s))
			f.write([]byte(more))
			if got, want := f.take(), strings.Join(strings.Fields(s+more), " "); got != want {
				t.Errorf("%q then %q folded to %q, want %q", s, more, got, want)
			}
		}
	}
}

// BenchmarkSections reads the search text of synthetic runbook pages, as every build
// does for each of its 10,000 runbooks.
func BenchmarkSections(b *testing.B) {
	p, diags := matrix.Load(synth.FS(synth.Small()), "small", matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: today})
	if diags.HasErrors() {
		b.Fatal(diags.Error())
	}
	s, err := newSite(p, Options{Now: today})
	if err != nil {
		b.Fatal(err)
	}
	var pages [][]byte
	for _, v := range s.pages {
		if v.Kind == "runbook" {
			var buf bytes.Buffer
			if err := v.execute(&buf); err != nil {
				b.Fatal(err)
			}
			pages = append(pages, buf.Bytes())
		}
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		sections(pages[i%len(pages)])
	}
}
