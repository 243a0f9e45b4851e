package markdown

import (
	"bytes"
	"strconv"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// blockRenderer renders the nodes whose default markup the site changes:
// headings (with a self-link), tables (in a scrolling wrapper) and, unless
// raw HTML is allowed, HTML written in the Markdown (sanitised by sanitize).
type blockRenderer struct {
	rawHTML bool
}

func (r blockRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(east.KindTable, r.table)
	reg.Register(east.KindTaskCheckBox, r.checkbox)
	if !r.rawHTML {
		reg.Register(ast.KindHTMLBlock, r.htmlBlock)
		reg.Register(ast.KindRawHTML, r.rawInline)
	}
}

// heading writes <hN id="x">text <a class="anchor" href="#x" ...>#</a></hN>.
func (blockRenderer) heading(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := strconv.Itoa(n.Level)
	var id []byte
	if v, ok := n.AttributeString("id"); ok {
		id, _ = v.([]byte)
	}
	if entering {
		_, _ = w.WriteString("<h" + level)
		if len(id) > 0 {
			_, _ = w.WriteString(` id="`)
			_, _ = w.Write(util.EscapeHTML(id))
			_ = w.WriteByte('"')
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if len(id) > 0 {
		_, _ = w.WriteString(` <a class="anchor" href="#`)
		_, _ = w.Write(util.EscapeHTML(id))
		_, _ = w.WriteString(`" aria-label="Link to this section">#</a>`)
	}
	_, _ = w.WriteString("</h" + level + ">\n")
	return ast.WalkContinue, nil
}

// table wraps the table in <div class="table-wrap"> so that wide tables
// scroll sideways on phones instead of widening the page; the rows and cells
// are rendered by goldmark's table extension.
func (blockRenderer) table(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<div class=\"table-wrap\"><table>\n")
	} else {
		_, _ = w.WriteString("</table></div>\n")
	}
	return ast.WalkContinue, nil
}

// checkbox renders a task list item's box, read-only, named for screen
// readers (the item's text follows it, outside any label).
func (blockRenderer) checkbox(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		if node.(*east.TaskCheckBox).IsChecked {
			_, _ = w.WriteString(`<input type="checkbox" class="task" disabled checked aria-label="Done"> `)
		} else {
			_, _ = w.WriteString(`<input type="checkbox" class="task" disabled aria-label="Not done"> `)
		}
	}
	return ast.WalkContinue, nil
}

// htmlBlock writes a block of raw HTML as sanitize left it.
func (blockRenderer) htmlBlock(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		if v, ok := node.AttributeString(string(attrSafe)); ok {
			b := trimNewlines(v.([]byte))
			switch {
			case len(b) == 0:
			case bytes.IndexByte(b, '<') < 0: // only text (a placeholder such as <name>)
				_, _ = w.WriteString("<p>")
				_, _ = w.Write(b)
				_, _ = w.WriteString("</p>\n")
			default:
				_, _ = w.Write(b)
				_ = w.WriteByte('\n')
			}
		}
	}
	return ast.WalkSkipChildren, nil
}

// rawInline writes inline raw HTML (a tag, a comment, …) as sanitize left it.
func (blockRenderer) rawInline(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		if v, ok := node.AttributeString(string(attrSafe)); ok {
			_, _ = w.Write(v.([]byte))
		}
	}
	return ast.WalkSkipChildren, nil
}

// inlineRenderer drops paragraph markup, for one-line snippets: paragraphs
// are separated by a space.
type inlineRenderer struct{}

func (inlineRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindParagraph, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering && n.NextSibling() != nil {
			_ = w.WriteByte(' ')
		}
		return ast.WalkContinue, nil
	})
}

// writeEscaped writes b HTML-escaped, with NUL replaced as HTML requires.
func writeEscaped(w util.BufWriter, b []byte) {
	start := 0
	for i, c := range b {
		var rep string
		switch c {
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '&':
			rep = "&amp;"
		case '"':
			rep = "&quot;"
		case '\'':
			rep = "&#39;"
		case 0:
			rep = "\uFFFD"
		default:
			continue
		}
		_, _ = w.Write(b[start:i])
		_, _ = w.WriteString(rep)
		start = i + 1
	}
	_, _ = w.Write(b[start:])
}

func trimNewlines(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}
