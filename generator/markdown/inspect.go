package markdown

import (
	"bytes"
	"sort"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/escalator-dev/escalator/generator/markdown/callout"
)

// Ref is a link or image of a document, its destination as written.
type Ref struct {
	Dest      string
	Image     bool
	Line, Col int // 1-based, in the Markdown given to Inspect; Col counts characters
}

// Problem is raw HTML that the allow-list drops.
type Problem struct {
	Line, Col int
	Message   string
}

// Outline is what the site's checks need of a document, read without
// rendering it.
type Outline struct {
	Refs    []Ref     // links and images, in document order
	Anchors []string  // the ids a link may point to: the headings', and raw HTML's; sorted
	HTML    []Problem // raw HTML dropped unless the playbook allows raw HTML
}

// inspector parses as the block renderer does, less linkify: the autolinks it
// finds are external, and their text is the same to a heading's id.
var inspector = goldmark.New(goldmark.WithExtensions(
	extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
	extension.Strikethrough, extension.TaskList, extension.Footnote, callout.Extension,
))

// Inspect parses src as Render would and returns its links, images, anchors
// and the raw HTML Render would drop, without rendering it. The error is the
// *ComplexError Render would return.
func Inspect(src []byte) (Outline, error) {
	if err := checkComplexity(src); err != nil {
		return Outline{}, err
	}
	if o, ok := headingsOnly(src); ok {
		return o, nil
	}
	doc := inspector.Parser().Parse(text.NewReader(src))
	var o Outline
	for _, h := range outline(doc, src) {
		o.Anchors = append(o.Anchors, h.ID)
	}
	var lines lineIndex
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			o.Refs = append(o.Refs, lines.ref(src, n.Pos(), string(n.Destination), false))
		case *ast.Image:
			o.Refs = append(o.Refs, lines.ref(src, n.Pos(), string(n.Destination), true))
		case *ast.HTMLBlock:
			piece := htmlBlockSource(n, src)
			start := -1
			if n.Lines().Len() > 0 {
				start = n.Lines().At(0).Start
			}
			o.addHTML(&lines, src, piece, func(off int) int { return blockOffset(n, off) }, start)
		case *ast.RawHTML:
			var piece []byte
			for i := range n.Segments.Len() {
				seg := n.Segments.At(i)
				piece = append(piece, seg.Value(src)...)
			}
			start := -1
			if n.Segments.Len() > 0 {
				start = n.Segments.At(0).Start
			}
			o.addHTML(&lines, src, piece, func(off int) int { return start + off }, start)
		}
		return ast.WalkContinue, nil
	})
	sort.Strings(o.Anchors)
	return o, nil
}

func (o *Outline) addHTML(lines *lineIndex, src, piece []byte, at func(int) int, start int) {
	problems, ids := inspectHTML(piece)
	o.Anchors = append(o.Anchors, ids...)
	for _, p := range problems {
		pos := start
		if start >= 0 {
			pos = at(p.off)
		}
		l, c := lines.position(src, pos)
		o.HTML = append(o.HTML, Problem{Line: l, Col: c, Message: p.msg})
	}
}

// blockOffset maps an offset in an HTML block's joined lines to the source.
func blockOffset(n *ast.HTMLBlock, off int) int {
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		if off < seg.Len() {
			return seg.Start + off
		}
		off -= seg.Len()
	}
	if n.HasClosure() {
		return n.ClosureLine.Start + min(off, n.ClosureLine.Len())
	}
	if lines.Len() > 0 {
		return lines.At(lines.Len() - 1).Stop
	}
	return -1
}

// lineIndex turns byte offsets into lines and columns, built on first use.
type lineIndex struct {
	starts []int
}

func (x *lineIndex) ref(src []byte, pos int, dest string, image bool) Ref {
	l, c := x.position(src, pos)
	return Ref{Dest: dest, Image: image, Line: l, Col: c}
}

// position is the 1-based line and column (in characters) of offset pos;
// 0, 0 when pos is unknown.
func (x *lineIndex) position(src []byte, pos int) (int, int) {
	if pos < 0 || pos > len(src) {
		return 0, 0
	}
	if x.starts == nil {
		x.starts = append(x.starts, 0)
		for i, c := range src {
			if c == '\n' {
				x.starts = append(x.starts, i+1)
			}
		}
	}
	i := sort.SearchInts(x.starts, pos+1) - 1
	return i + 1, utf8.RuneCount(src[x.starts[i]:pos]) + 1
}

// headingsOnly is Inspect's fast path, for the many bodies that have no link,
// image or raw HTML: "](" (an inline link or image), "]:" (a definition,
// which reference links need) and "<" (raw HTML, autolinks) are all absent.
// Such a body needs only its headings' ids, which it reads off the lines
// when they are plain ATX headings outside fenced code; ok is false, and
// Inspect parses the body, when any line might be read otherwise by goldmark
// (an indented or nested '#', a setext underline, a heading with "[", "&", "_",
// "\\" or "!" in it), or when src has links or raw HTML.
func headingsOnly(src []byte) (Outline, bool) {
	if bytes.Contains(src, []byte("](")) || bytes.Contains(src, []byte("]:")) || bytes.IndexByte(src, '<') >= 0 ||
		bytes.Count(src, []byte("\r")) != bytes.Count(src, []byte("\r\n")) { // a lone CR ends a line too
		return Outline{}, false
	}
	var (
		o     Outline
		ids   slugger
		fence []byte // the open fence's marker run, or nil
		prev  bool   // the line before was not blank (outside fences)
	)
	for line := range bytes.Lines(src) {
		line = bytes.TrimRight(line, "\r\n")
		ind := 0
		for ind < len(line) && line[ind] == ' ' {
			ind++
		}
		rest := line[ind:]
		if fence != nil {
			if ind <= 3 && bytes.HasPrefix(rest, fence) && len(bytes.Trim(rest, string(fence[:1])+" \t")) == 0 {
				fence = nil
			}
			continue
		}
		if ind <= 3 && (bytes.HasPrefix(rest, []byte("```")) || bytes.HasPrefix(rest, []byte("~~~"))) {
			n := 0
			for n < len(rest) && rest[n] == rest[0] {
				n++
			}
			if rest[0] != '`' || bytes.IndexByte(rest[n:], '`') < 0 { // else an inline code span
				fence = rest[:n:n]
				prev = false
				continue
			}
		}
		t := bytes.TrimLeft(rest, " \t")
		if len(t) == 0 {
			prev = false
			continue
		}
		if prev && ind <= 3 && (t[0] == '=' || t[0] == '-') && len(bytes.Trim(t, string(t[:1])+" \t")) == 0 {
			return Outline{}, false // a setext underline, or a break after a paragraph
		}
		prev = true
		if bytes.IndexByte(t, '#') < 0 {
			continue
		}
		if t[0] != '#' || ind > 3 || len(t) < len(rest) { // not a '#' line, indented, or a tab before it
			if i := bytes.IndexByte(t, '#'); i >= 0 && len(bytes.Trim(t[:i], ">-*+0123456789.) \t")) == 0 {
				return Outline{}, false // a '#' after container markers or indentation
			}
			continue
		}
		level := 0
		for level < len(t) && t[level] == '#' {
			level++
		}
		if level > 6 || level < len(t) && t[level] != ' ' && t[level] != '\t' {
			continue
		}
		h := bytes.TrimSpace(t[level:])
		if bytes.ContainsAny(h, "[&\\!`_") {
			return Outline{}, false
		}
		if end := bytes.TrimRight(h, "#"); len(end) < len(h) && (len(end) == 0 || end[len(end)-1] == ' ' || end[len(end)-1] == '\t') {
			h = bytes.TrimSpace(end) // the closing sequence
		}
		var b textBuf
		b.write(h)
		o.Anchors = append(o.Anchors, ids.unique(b.String()))
		prev = false
	}
	sort.Strings(o.Anchors)
	return o, true
}
