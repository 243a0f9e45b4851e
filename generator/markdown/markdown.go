package markdown

import (
	"bytes"
	"html/template"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/escalator-dev/escalator/generator/markdown/callout"
)

// Options configures a Renderer.
type Options struct {
	// RawHTML passes HTML written in the Markdown through to the page, for
	// playbooks that opt in (playbook.yaml raw_html: true). When false, the
	// default, such HTML is sanitised by bluemonday against an allow-list
	// (tables, details and summary, kbd, br, sup, sub, …: htmlElements),
	// kept well nested, and what the list drops is reported by Inspect. The
	// URLs of links and images written as Markdown are filtered either way;
	// HTML passed through is the playbook's own responsibility.
	RawHTML bool
}

// Heading is one heading of a rendered document.
type Heading struct {
	Level int    // 1 to 6
	Text  string // plain text, white space collapsed
	ID    string // the id attribute, unique within the document
}

// Result is a rendered document.
type Result struct {
	HTML     template.HTML
	Headings []Heading // in document order
}

// Renderer turns Markdown into HTML. It is safe for concurrent use; build
// one and render many documents with it.
type Renderer struct {
	block      goldmark.Markdown
	inline     goldmark.Markdown
	highlights *highlightCache
	rawHTML    bool
}

// highlightCacheBytes bounds the memory a Renderer spends remembering
// highlighted code blocks.
const highlightCacheBytes = 16 << 20

// New returns a Renderer with the given options.
func New(opt Options) *Renderer { return newRenderer(opt, highlightCacheBytes) }

// newRenderer returns a Renderer whose highlight cache holds up to
// cacheBytes (0 turns it off, for benchmarks of cold rendering).
func newRenderer(opt Options, cacheBytes int64) *Renderer {
	var htmlOpts []renderer.Option
	if opt.RawHTML {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	}
	linkify := extension.NewLinkify(
		extension.WithLinkifyAllowedProtocols([]string{"http:", "https:", "mailto:"}),
	)
	highlights := &highlightCache{limit: cacheBytes}
	block := goldmark.New(
		goldmark.WithExtensions(
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
			extension.Strikethrough,
			linkify,
			extension.TaskList,
			extension.Footnote,
			callout.Extension,
		),
		goldmark.WithRendererOptions(htmlOpts...),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(
			util.Prioritized(blockRenderer{rawHTML: opt.RawHTML}, 100),
			util.Prioritized(codeRenderer{cache: highlights}, 100),
		)),
	)
	// Snippets get a parser that knows only paragraphs, so "# x" or "- x"
	// stay text, and a renderer that drops the paragraph markup.
	inlineParser := parser.NewParser(
		parser.WithBlockParsers(util.Prioritized(parser.NewParagraphParser(), 1000)),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
	)
	inline := goldmark.New(
		goldmark.WithParser(inlineParser),
		goldmark.WithExtensions(extension.Strikethrough, linkify),
		goldmark.WithRendererOptions(htmlOpts...),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(
			util.Prioritized(blockRenderer{rawHTML: opt.RawHTML}, 100),
			util.Prioritized(inlineRenderer{}, 100),
		)),
	)
	return &Renderer{block: block, inline: inline, highlights: highlights, rawHTML: opt.RawHTML}
}

// Rewriter gives the URL a link or image destination (as written) stands
// for on the page, or nil to leave it as it is: the site's resolver of
// links between playbook documents.
type Rewriter func(dest []byte, image bool) []byte

// Render renders a Markdown document. Every heading gets a unique id and a
// self-link; unsafe URLs are dropped (the link's text stays); raw HTML is
// escaped unless Options.RawHTML. The same input always gives the same
// Result. The error is a *ComplexError for a document that goldmark would
// take superlinear time over (see checkComplexity), or else a failure of
// goldmark's renderer.
func (r *Renderer) Render(src []byte) (Result, error) { return r.RenderLinks(src, nil) }

// RenderLinks is Render with each link and image destination first given to
// rewrite, when it is not nil.
func (r *Renderer) RenderLinks(src []byte, rewrite Rewriter) (Result, error) {
	if err := checkComplexity(src); err != nil {
		return Result{}, err
	}
	doc := r.block.Parser().Parse(text.NewReader(src))
	sanitize(doc, src, r.rawHTML, rewrite)
	heads := outline(doc, src)
	buf := renderBufs.Get().(*bytes.Buffer)
	defer renderBufs.Put(buf)
	buf.Reset()
	buf.Grow(len(src) * 2)
	if err := r.block.Renderer().Render(buf, src, doc); err != nil {
		return Result{}, err
	}
	return Result{HTML: template.HTML(buf.String()), Headings: heads}, nil
}

// renderBufs hold documents while they render; the HTML is copied out of them.
var renderBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Inline renders a one-line snippet, such as a checklist step written in
// YAML: emphasis, strikethrough, code spans, links and autolinks, with no
// paragraph or other block markup, under the same safety rules as Render.
func (r *Renderer) Inline(src string) template.HTML {
	// Indentation means nothing in a snippet (and would make goldmark
	// drop a line as if it were indented code): strip it.
	b := make([]byte, 0, len(src))
	for line := range strings.Lines(src) {
		b = append(b, strings.TrimLeft(line, " \t")...)
	}
	if checkComplexity(b) != nil { // shown as written rather than stall the build
		return template.HTML(template.HTMLEscapeString(src))
	}
	doc := r.inline.Parser().Parse(text.NewReader(b))
	sanitize(doc, b, r.rawHTML, nil)
	var buf bytes.Buffer
	if err := r.inline.Renderer().Render(&buf, b, doc); err != nil {
		return template.HTML(template.HTMLEscapeString(src))
	}
	return template.HTML(bytes.TrimSpace(buf.Bytes()))
}
