package callout

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// htmlRenderer writes callouts.
type htmlRenderer struct{}

// NewRenderer returns the HTML renderer of callouts.
func NewRenderer() renderer.NodeRenderer { return htmlRenderer{} }

func (htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCallout, render)
}

func render(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Callout)
	if !entering {
		if n.Collapsible {
			_, _ = w.WriteString("</details>\n")
		} else {
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	}
	if n.Collapsible {
		_, _ = w.WriteString(`<details class="callout callout-` + n.Style + `"`)
		if n.Open {
			_, _ = w.WriteString(" open")
		}
		title := n.Title
		if title == "" {
			title = defaultTitle(n.Name)
		}
		_, _ = w.WriteString(">\n<summary class=\"callout-title\">")
		_, _ = w.Write(util.EscapeHTML([]byte(title)))
		_, _ = w.WriteString("</summary>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<div class="callout callout-` + n.Style + `" role="note">` + "\n")
	if n.Title != "" {
		_, _ = w.WriteString(`<p class="callout-title">`)
		_, _ = w.Write(util.EscapeHTML([]byte(n.Title)))
		_, _ = w.WriteString("</p>\n")
	}
	return ast.WalkContinue, nil
}

// extension is the Extender.
type extension struct{}

// Extension adds callouts to a goldmark.Markdown: the MkDocs block parser,
// the GitHub alert transformer and the renderer.
var Extension goldmark.Extender = extension{}

func (extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		// Before the paragraph parser and list items (at 300), after thematic breaks.
		parser.WithBlockParsers(util.Prioritized(NewParser(), 250)),
		parser.WithASTTransformers(util.Prioritized(NewTransformer(), 100)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(NewRenderer(), 500)))
}
