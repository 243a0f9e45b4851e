package callout

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// alerts are GitHub's five kinds.
var alerts = map[string]bool{"note": true, "tip": true, "important": true, "warning": true, "caution": true}

// alertTransformer turns a block quote whose first line is "[!KIND]" alone
// (any case) into a callout of that kind, as GitHub shows it.
type alertTransformer struct{}

// NewTransformer returns the AST transformer of GitHub alerts.
func NewTransformer() parser.ASTTransformer { return alertTransformer{} }

func (alertTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if q, ok := n.(*ast.Blockquote); ok {
			quotes = append(quotes, q)
		}
		if n.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		alert(q, src)
	}
}

// alert replaces q with a callout when it is a GitHub alert.
func alert(q *ast.Blockquote, src []byte) {
	p, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 || q.Parent() == nil {
		return
	}
	first := p.Lines().At(0)
	typ, ok := marker(first.Value(src))
	if !ok {
		return
	}
	// Drop the marker line's inlines; the paragraph keeps the lines after it.
	next := -1
	if p.Lines().Len() > 1 {
		next = p.Lines().At(1).Start
	}
	for c := p.FirstChild(); c != nil; {
		after := c.NextSibling()
		if next >= 0 && start(c) >= next {
			break
		}
		p.RemoveChild(p, c)
		c = after
	}
	if !p.HasChildren() {
		q.RemoveChild(q, p)
	} else {
		lines := p.Lines()
		rest := text.NewSegments()
		for i := 1; i < lines.Len(); i++ {
			rest.Append(lines.At(i))
		}
		p.SetLines(rest)
	}
	c := New(typ, nil)
	c.SetBlankPreviousLines(q.HasBlankPreviousLines())
	for ch := q.FirstChild(); ch != nil; ch = q.FirstChild() {
		q.RemoveChild(q, ch)
		c.AppendChild(c, ch)
	}
	q.Parent().ReplaceChild(q.Parent(), q, c)
}

// start is where an inline node begins in the source, or -1 when it does not say.
func start(n ast.Node) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	return n.Pos()
}

// marker reads "[!KIND]" alone on a line.
func marker(l []byte) (string, bool) {
	l = bytes.TrimSpace(l)
	if len(l) < 4 || l[0] != '[' || l[1] != '!' || l[len(l)-1] != ']' {
		return "", false
	}
	typ := string(bytes.ToLower(l[2 : len(l)-1]))
	return typ, alerts[typ]
}
