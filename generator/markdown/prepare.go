package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

var (
	attrID    = []byte("id")
	attrRel   = []byte("rel")
	attrClass = []byte("class")
	relValue  = []byte("noopener noreferrer")
	attrSafe  = []byte("escalator-safe-html") // the sanitised HTML of a raw HTML node
)

// inlineHolder reports whether n is a block whose children are inlines.
func inlineHolder(n ast.Node) bool {
	switch n.(type) {
	case *ast.Paragraph, *ast.Heading, *ast.TextBlock, *east.TableCell:
		return true
	}
	return false
}

// htmlBlockSource is the raw HTML of a block, its lines joined.
func htmlBlockSource(n *ast.HTMLBlock, src []byte) []byte {
	var raw []byte
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		raw = append(raw, seg.Value(src)...)
	}
	if n.HasClosure() {
		raw = append(raw, n.ClosureLine.Value(src)...)
	}
	return raw
}

// sanitize enforces the URL policy on a parsed document: links, images and
// autolinks whose URL is not safe are replaced by their text, and links that
// leave the site get rel="noopener noreferrer". Unless rawHTML, HTML written
// in the Markdown is sanitised against the allow-list, in document order so
// that it stays well nested. rewrite, when set, first gives each link and
// image its destination on the page. It also turns table-cell alignment into
// classes, since style attributes are forbidden.
func sanitize(doc ast.Node, src []byte, rawHTML bool, rewrite Rewriter) {
	var unsafe []ast.Node
	var balance htmlBalance
	var marks []int // how many elements were open as each block of inlines began
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch {
		case !inlineHolder(n):
		case entering:
			marks = append(marks, len(balance.open))
		default:
			// HTML opened in a paragraph (or heading, cell) closes with it.
			mark := marks[len(marks)-1]
			marks = marks[:len(marks)-1]
			if closers := balance.closeTo(mark); len(closers) > 0 {
				s := ast.NewString(closers)
				s.SetCode(true) // written as is
				n.AppendChild(n, s)
			}
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			if !rawHTML {
				n.SetAttribute(attrSafe, balance.sanitize(htmlBlockSource(n, src)))
			}
		case *ast.RawHTML:
			if !rawHTML {
				var piece []byte
				for i := range n.Segments.Len() {
					seg := n.Segments.At(i)
					piece = append(piece, seg.Value(src)...)
				}
				n.SetAttribute(attrSafe, balance.sanitize(piece))
			}
		case *ast.Link:
			if rewrite != nil {
				if d := rewrite(n.Destination, false); d != nil {
					n.Destination = d
				}
			}
			if !SafeURL(string(n.Destination)) {
				unsafe = append(unsafe, n)
			} else if external(n.Destination) {
				n.SetAttribute(attrRel, relValue)
			}
		case *ast.Image:
			if rewrite != nil {
				if d := rewrite(n.Destination, true); d != nil {
					n.Destination = d
				}
			}
			if !SafeURL(string(n.Destination)) {
				unsafe = append(unsafe, n)
			}
		case *ast.AutoLink:
			u := n.URL(src)
			if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(u), []byte("mailto:")) {
				u = append([]byte("mailto:"), u...)
			}
			if !SafeURL(string(u)) {
				unsafe = append(unsafe, n)
			} else if external(u) {
				n.SetAttribute(attrRel, relValue)
			}
			return ast.WalkSkipChildren, nil
		case *east.TableCell:
			switch n.Alignment {
			case east.AlignLeft, east.AlignRight, east.AlignCenter:
				n.SetAttribute(attrClass, []byte("align-"+n.Alignment.String()))
			}
		}
		return ast.WalkContinue, nil
	})
	if closers := balance.close(); len(closers) > 0 {
		end := ast.NewHTMLBlock(ast.HTMLBlockType7)
		end.SetAttribute(attrSafe, closers)
		doc.AppendChild(doc, end)
	}
	for _, n := range unsafe {
		parent := n.Parent()
		if parent == nil {
			continue
		}
		if a, ok := n.(*ast.AutoLink); ok {
			s := ast.NewString(a.Label(src))
			s.SetRaw(true) // escaped as written, no entity decoding
			parent.ReplaceChild(parent, n, s)
			continue
		}
		for c := n.FirstChild(); c != nil; c = n.FirstChild() {
			n.RemoveChild(n, c)
			parent.InsertBefore(parent, n, c)
		}
		parent.RemoveChild(parent, n)
	}
}

// outline gives every heading a unique id and returns the headings in
// document order.
func outline(doc ast.Node, src []byte) []Heading {
	var (
		heads []Heading
		ids   slugger
	)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			var h textBuf
			inlineText(&h, n, src)
			t := h.String()
			id := ids.unique(t)
			n.SetAttribute(attrID, []byte(id))
			heads = append(heads, Heading{Level: n.Level, Text: t, ID: id})
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		if n.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return heads
}

// inlineText appends the visible words of an inline subtree to b.
func inlineText(b *textBuf, n ast.Node, src []byte) {
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(src)
		if bytes.IndexByte(v, '&') >= 0 || bytes.IndexByte(v, '\\') >= 0 {
			v = util.UnescapePunctuations(util.ResolveNumericReferences(util.ResolveEntityNames(v)))
		}
		b.write(v)
		if n.SoftLineBreak() || n.HardLineBreak() {
			b.space()
		}
		return
	case *ast.String:
		b.write(n.Value)
		return
	case *ast.CodeSpan:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				b.write(t.Segment.Value(src))
			}
		}
		return
	case *ast.AutoLink:
		b.write(n.Label(src))
		return
	case *ast.RawHTML, *east.FootnoteLink, *east.FootnoteBacklink:
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		inlineText(b, c, src)
	}
}

// textBuf accumulates text with runs of white space folded to one space
// and no leading or trailing space.
type textBuf struct {
	b       []byte
	pending bool // a space is due before the next word
}

// space marks a word boundary.
func (t *textBuf) space() { t.pending = len(t.b) > 0 }

func (t *textBuf) write(p []byte) {
	for len(p) > 0 {
		c := p[0]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				t.space()
			} else {
				t.word(p[:1])
			}
			p = p[1:]
			continue
		}
		r, size := utf8.DecodeRune(p)
		switch {
		case r == utf8.RuneError && size == 1:
			t.word([]byte("\uFFFD"))
		case unicode.IsSpace(r):
			t.space()
		default:
			t.word(p[:size])
		}
		p = p[size:]
	}
}

func (t *textBuf) word(p []byte) {
	if t.pending {
		t.b = append(t.b, ' ')
		t.pending = false
	}
	t.b = append(t.b, p...)
}

func (t *textBuf) String() string { return string(t.b) }

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// slugger hands out heading ids unique within one document.
type slugger struct {
	taken map[string]bool
	next  map[string]int // the next suffix to try for a base slug
}

// unique returns the slug of text, suffixed -1, -2, ... when already taken.
func (s *slugger) unique(text string) string {
	if s.taken == nil {
		s.taken, s.next = map[string]bool{}, map[string]int{}
	}
	base := slug(text)
	id := base
	if s.taken[id] {
		i := max(s.next[base], 1)
		for id = base + "-" + strconv.Itoa(i); s.taken[id]; id = base + "-" + strconv.Itoa(i) {
			i++
		}
		s.next[base] = i + 1
	}
	s.taken[id] = true
	return id
}

// slug lowercases text, keeps letters, digits and marks, turns runs of
// spaces, hyphens and underscores into one hyphen and drops the rest.
// A heading without any such character gets "section".
func slug(text string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r) || r == '-' || r == '_':
			hyphen = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}
