package blockyaml

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"strings"
	"testing"

	escalator "github.com/escalator-dev/escalator"
	"github.com/escalator-dev/escalator/internal/synth"
	"go.yaml.in/yaml/v3"
)

// same parses src with Parse and yaml.v3 and fails the test when Parse returns a tree
// that differs from yaml.v3's, or accepts what yaml.v3 rejects. It reports whether Parse
// took src.
func same(t *testing.T, src []byte, firstLine int) bool {
	t.Helper()
	got, ok := Parse(src, firstLine)
	if !ok {
		return false
	}
	var want yaml.Node
	padded := append(bytes.Repeat([]byte("\n"), firstLine-1), src...)
	if err := yaml.Unmarshal(padded, &want); err != nil {
		t.Fatalf("Parse took what yaml.v3 rejects (%v):\n%s", err, src)
	}
	if diff := compare(got, &want, "doc"); diff != "" {
		t.Fatalf("Parse differs from yaml.v3 at %s:\n%s", diff, src)
	}
	return true
}

// compare returns where two trees first differ, or "".
func compare(got, want *yaml.Node, path string) string {
	if describe(got) != describe(want) || got.Anchor != want.Anchor || got.Alias != want.Alias {
		return fmt.Sprintf("%s: got %s, want %s", path, describe(got), describe(want))
	}
	if len(got.Content) != len(want.Content) {
		return fmt.Sprintf("%s: %d children, want %d", path, len(got.Content), len(want.Content))
	}
	for i := range got.Content {
		if d := compare(got.Content[i], want.Content[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}

func describe(n *yaml.Node) string {
	return fmt.Sprintf("{kind %d style %d tag %q value %q at %d:%d head %q line %q foot %q}",
		n.Kind, n.Style, n.Tag, n.Value, n.Line, n.Column, n.HeadComment, n.LineComment, n.FootComment)
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		src  string
		fast bool // whether Parse takes it, rather than leaving it to yaml.v3
	}{
		{"scalars of every resolved type", "s: text\ni: 42\nf: 1.5\nb: true\nn: null\nt: ~\nd: 2026-10-02\nneg: -5\n", true},
		{"nested mappings", "a:\n  b:\n    c: d\n  e: f\ng: h\n", true},
		{"sequence under a key, indented", "a:\n  - x\n  - y\nb: z\n", true},
		{"sequence under a key, not indented", "a:\n- x\n- y\nb: z\n", true},
		{"sequence of mappings", "- id: x\n  q: y\n-   id: z\n    q: w\n", true},
		{"entry whose mapping starts on the next line", "-\n  id: x\n", true},
		{"blank lines between entries", "a:\n\n  - x\n\n  - y\n\n", true},
		{"null value", "a:\nb: c\n", true},
		{"null value at the end", "a: b\nc:", true},
		{"quoted scalars", "a: \"x: y # z\"\nb: 'it''s'\nc: \"tab\\tquote\\\" nl\\n\"\n", true},
		{"quoted keys are left out", "\"a\": b\n", false},
		{"flow sequences", "a: [x, 'y', \"z\", rate limiting]\nb: []\nc: [ x , y ]\n", true},
		{"flow sequence with a colon", "a: [http://x]\n", false},
		{"flow sequence with a trailing comma", "a: [x, ]\n", false},
		{"flow mappings", "a: {b: c, 'd': \"e\", f: [g]}\nh: {}\ni: [{j: k}]\n", false},
		{"flow mapping of scalars", "a: {b: c, 'd': \"08:00\"}\nh: {}\n- {x: y}\n", false},
		{"flow mapping of scalars in a sequence", "- {b: c, 'd': \"08:00\"}\n- {}\n", true},
		{"flow mapping with an adjacent value", "a: {\"b\":c}\n", false},
		{"literal block", "a: |\n  one\n    two\n\n  three\nb: c\n", true},
		{"literal block, strip", "a: |-\n  one\n  two\n\n\nb: c\n", true},
		{"folded block", "a: >\n  one\n  two\n\n  three\n\n\n  four\n", true},
		{"folded block, strip, at the end", "a: >-\n  one\n  two", true},
		{"folded block with a more-indented line", "a: >\n  one\n    two\n", false},
		{"block scalar in a sequence", "- |\n  one\n- >-\n  two\n  three\n", true},
		{"block scalar in a sequence's mapping", "- a: >-\n    one\n    two\n  b: c\n", true},
		{"keep chomping", "a: |+\n  one\n\n", false},
		{"clipping at the end without a line break", "a: >\n  one", false},
		{"comments on top, then the first key", "# one\n# two\na: b\n", true},
		{"comments on top, then a blank line", "# yaml-language-server: $schema=x.json\n\na: b\n", true},
		{"a comment inside", "a: b\n# c\nd: e\n", false},
		{"a comment after a value", "a: b # c\n", false},
		{"a value cut by #", "- Open the #inc room\n", false},
		{"a hash without a space is text", "a: b#c\nd: https://x.example/#top\n", true},
		{"unicode columns", "ä: é b\nk: [ü, ß]\n", true},
		{"emoji", "a: 🔥 fire\n", true},
		{"colon inside a plain value", "a: 09:00\nb: http://x.example\n", true},
		{"mapping in a value", "a: b: c\n", false},
		{"continuation line", "a: one\n  two\n", false},
		{"wrong indentation", "a:\n    b: c\n  d: e\n", false},
		{"dedent to a sequence", "a: b\n- c\n", false},
		{"nested sequence", "- - x\n", false},
		{"empty entry", "- \n- x\n", false},
		{"anchor", "a: &x b\n", false},
		{"alias", "a: *x\n", false},
		{"tag", "a: !!str 1\n", false},
		{"tab", "a:\tb\n", false},
		{"crlf", "a: b\r\n", false},
		{"document marker", "---\na: b\n", false},
		{"top-level scalar", "hello\n", false},
		{"empty", "", false},
		{"only a comment", "# x\n", false},
		{"indented top", "  a: b\n", false},
		{"merge key", "<<: x\n", false},
		{"merge value", "a: <<\n", false},
		{"unusual escape", "a: \"\\x41\"\n", false},
		{"multi-line quoted", "a: \"one\n  two\"\n", false},
		{"key with a space before its colon", "a : b\n", false},
		{"duplicate keys are yaml.v3's to judge", "a: 1\na: 2\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, first := range []int{1, 2} {
				if got := same(t, []byte(tt.src), first); got != tt.fast {
					t.Errorf("Parse took it: %v, want %v", got, tt.fast)
				}
			}
		})
	}
}

// TestParseSample holds Parse to yaml.v3 on every document of the sample playbook and
// checks that the documents playbooks have most of, runbooks, take the fast path.
func TestParseSample(t *testing.T) {
	fast := 0
	for name, src := range sampleDocs(t) {
		first := 1
		if strings.HasSuffix(name, ".md") {
			first = 2
		}
		took := same(t, src, first)
		if took {
			fast++
		} else {
			t.Logf("left to yaml.v3: %s", name)
		}
		if strings.HasPrefix(name, "runbooks/") && !took {
			t.Errorf("%s: runbook front matter left to yaml.v3", name)
		}
	}
	t.Logf("%d sample documents parsed here", fast)
}

// TestParseSynthetic does the same for every document of a synthetic playbook, all of
// which it must take.
func TestParseSynthetic(t *testing.T) {
	for _, f := range synth.List(synth.Medium()) {
		src, first := f.Data, 1
		if strings.HasSuffix(f.Path, ".md") {
			src, first = frontMatter(f.Data), 2
		}
		took := same(t, src, first)
		if !took && f.Path != "matrix.yaml" {
			t.Errorf("%s: left to yaml.v3", f.Path)
		}
	}
}

func sampleDocs(t testing.TB) map[string][]byte {
	docs := map[string][]byte{}
	err := fs.WalkDir(escalator.Sample(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(escalator.Sample(), name)
		switch {
		case err != nil:
			return err
		case strings.HasSuffix(name, ".yaml"):
			docs[name] = data
		case strings.HasSuffix(name, ".md"):
			docs[name] = frontMatter(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// frontMatter returns the lines between a Markdown file's first two `---` lines.
func frontMatter(data []byte) []byte {
	rest, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return nil
	}
	fm, _, _ := bytes.Cut(rest, []byte("\n---\n"))
	return append(fm, '\n')
}

func FuzzParse(f *testing.F) {
	for _, src := range sampleDocs(f) {
		f.Add(src)
	}
	for _, f2 := range synth.List(synth.Small())[:40] {
		f.Add(frontMatter(f2.Data))
	}
	f.Add([]byte("a: >-\n  one\n\n  two\n- x: [a, 'b''c', \"d\\n\"]\n"))
	f.Add([]byte("rules:\n  - when: {domain: payments, category: [outage, 'access'], n: \">= 5\"}\n    team: x\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		same(t, src, 1)
	})
}

// TestParseRandom holds Parse to yaml.v3 on random documents built from the subset's
// pieces, with an odd piece from outside it now and then: the fuzzer's byte mutations
// seldom produce a document Parse takes.
func TestParseRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	scalars := []string{"x", "two words", "42", "-5", "1.5", "true", "no", "null", "~", "2026-10-02",
		"09:00", "a:b", "http://x.example/#top", "é ü", "🔥", "a#b", "it's", "[x]", "x,y",
		"'q'", "'it''s'", `"d"`, `"a\"b"`, `"\n\t"`, `""`, "''", "- x", "-x", "?x", ":x", "%x",
		"x ", "x  y", "x #c", "!x", "&a x", "*a", "|", ">-", "{a: b}", "[]", "{}", "[a, b]",
		"['a', \"b\"]", "{a: 'b', c: d}", "[a, ]", "{a:b}", "x:", "a: b", "<<", "<x",
		"{a: [b, c]}", "{a: []}", "{a: [ ]}", "{a: [b, ]}", "{a: [b], c: 'd'}", "{a: [b, [c]]}", "{a: [b: c]}",
		"{a: [b, {c: d}]}", "{a: ['b', \"c d\"], e: [f]}", "{a: [b,c]}", "{a: [b] }", "{a: [b]x}", "{a: [b], }", "[a, [b]]"}
	keys := []string{"a", "id", "two words", "a:b", "é", "true", "1", "k-1", "x_y", "-k", "'q'", "[k]", "<<", "a #b", "?k"}
	blocks := []string{"|", "|-", ">", ">-", "|+", ">2"}
	var gen func(b *strings.Builder, indent, depth int)
	line := func(b *strings.Builder, indent int, s string) {
		b.WriteString(strings.Repeat(" ", indent))
		b.WriteString(s)
		b.WriteByte('\n')
		if r.IntN(8) == 0 {
			b.WriteString(strings.Repeat(" ", r.IntN(indent+2)) + "\n")
		}
	}
	blockBody := func(b *strings.Builder, indent int) {
		for k := range 1 + r.IntN(4) {
			switch r.IntN(6) {
			case 0:
				b.WriteString("\n")
			case 1:
				if k > 0 {
					line(b, indent+2, "  more indented")
					continue
				}
				fallthrough
			default:
				line(b, indent, scalars[r.IntN(len(scalars))])
			}
		}
	}
	gen = func(b *strings.Builder, indent, depth int) {
		seq := r.IntN(2) == 0
		for range 1 + r.IntN(4) {
			prefix := ""
			if seq {
				prefix = "- "
				if r.IntN(6) == 0 {
					line(b, indent, "-")
					gen(b, indent+2, depth+1)
					continue
				}
			} else {
				prefix = keys[r.IntN(len(keys))] + ": "
			}
			inner := indent + 2
			if !seq && r.IntN(3) == 0 {
				inner = indent // a sequence under a key may stay at the key's indent
			}
			switch k := r.IntN(10); {
			case k < 5 || depth > 3:
				line(b, indent, prefix+scalars[r.IntN(len(scalars))])
			case k < 7:
				line(b, indent, prefix+blocks[r.IntN(len(blocks))])
				blockBody(b, indent+2+r.IntN(2))
			case seq:
				// "- key: value" and the keys after it, at the entry's content indent
				line(b, indent, prefix+keys[r.IntN(len(keys))]+": "+scalars[r.IntN(len(scalars))])
				if r.IntN(2) == 0 {
					line(b, indent+2, keys[r.IntN(len(keys))]+": "+scalars[r.IntN(len(scalars))])
				}
			default:
				line(b, indent, strings.TrimSuffix(prefix, " "))
				if inner == indent {
					line(b, indent, "- "+scalars[r.IntN(len(scalars))])
				} else {
					gen(b, inner, depth+1)
				}
			}
		}
	}
	took := 0
	for range 20000 {
		var b strings.Builder
		if r.IntN(5) == 0 {
			b.WriteString("# a comment\n")
			if r.IntN(2) == 0 {
				b.WriteString("\n")
			}
		}
		gen(&b, 0, 0)
		src := b.String()
		if r.IntN(10) == 0 {
			src = strings.TrimSuffix(src, "\n")
		}
		if same(t, []byte(src), 1+r.IntN(2)) {
			took++
		}
	}
	// Most random documents hold a piece from outside the subset somewhere; enough must
	// not, or this test shows nothing.
	if took < 2000 {
		t.Errorf("Parse took only %d of 20000 random documents", took)
	}
	t.Logf("Parse took %d of 20000 random documents", took)
}

// BenchmarkParse reads the front matter of 1,000 synthetic runbooks; BenchmarkYAMLv3
// reads the same with yaml.v3, for comparison.
func BenchmarkParse(b *testing.B) {
	docs := runbookFrontMatter()
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if _, ok := Parse(d, 2); !ok {
				b.Fatal("left to yaml.v3")
			}
		}
	}
}

func BenchmarkYAMLv3(b *testing.B) {
	docs := runbookFrontMatter()
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			var n yaml.Node
			if err := yaml.Unmarshal(d, &n); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func runbookFrontMatter() [][]byte {
	var docs [][]byte
	for _, f := range synth.List(synth.Medium()) {
		if strings.HasPrefix(f.Path, "runbooks/") {
			docs = append(docs, frontMatter(f.Data))
		}
	}
	return docs
}
