package markdown

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/escalator-dev/escalator/internal/highlight"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// classPrefix namespaces chroma's token classes (hl-k, hl-s, ...) and its
// wrapper class (hl-chroma) so that they cannot collide with the theme's.
const classPrefix = "hl-"

// maxHighlight is the largest code block that is highlighted; larger ones
// are shown plain, which bounds the time a pathological block can cost
// (chroma's regular expressions backtrack).
const maxHighlight = 32 << 10

// maxLang bounds the length of a fenced block's language name.
const maxLang = 32

// formatter is chroma's HTML formatter in class mode: it never writes a
// style attribute. It writes no <pre> of its own; codeRenderer does.
var formatter = chromahtml.New(
	chromahtml.WithClasses(true),
	chromahtml.ClassPrefix(classPrefix),
	chromahtml.WithCSSComments(false),
	chromahtml.WithPreWrapper(noPre{}),
)

// noPre is a chroma PreWrapper that writes nothing.
type noPre struct{}

func (noPre) Start(bool, string) string { return "" }
func (noPre) End(bool) string           { return "" }

// codeRenderer renders fenced and indented code blocks as
//
//	<div class="code" data-lang="L"><button type="button" class="copy" data-copy hidden>Copy</button><pre class="hl-chroma" tabindex="0"><code class="language-L">...</code></pre></div>
//
// highlighted when chroma knows L, plain escaped text otherwise. The copy
// button is hidden until the site's script wires it up.
//
// Highlighting dominates rendering time, so a renderer remembers the
// highlighted HTML of the blocks it has seen, up to cache.limit bytes: a
// block repeated across pages, or unchanged between two builds of serve's
// watch loop, is highlighted once. Output does not depend on the cache.
type codeRenderer struct {
	cache *highlightCache
}

func (c codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, c.render)
	reg.Register(ast.KindCodeBlock, c.render)
}

func (c codeRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	var lang string
	if n, ok := node.(*ast.FencedCodeBlock); ok {
		lang = language(n.Language(src))
	}
	var code bytes.Buffer
	lines := node.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		code.Write(seg.Value(src))
	}

	_, _ = w.WriteString(`<div class="code"`)
	if lang != "" {
		_, _ = w.WriteString(` data-lang="` + lang + `"`)
	}
	_, _ = w.WriteString(`><button type="button" class="copy" data-copy hidden>Copy</button>`)
	_, _ = w.WriteString(`<pre class="` + classPrefix + `chroma" tabindex="0"><code`)
	if lang != "" {
		_, _ = w.WriteString(` class="language-` + lang + `"`)
	}
	_ = w.WriteByte('>')
	if h, ok := c.cache.highlight(lang, code.String()); ok {
		_, _ = w.WriteString(h)
	} else {
		writeEscaped(w, code.Bytes())
	}
	_, _ = w.WriteString("</code></pre></div>\n")
	return ast.WalkSkipChildren, nil
}

// highlightCache maps a language and code to its highlighted HTML. It only
// grows, and stops growing at limit bytes of keys and values.
type highlightCache struct {
	limit int64
	size  atomic.Int64
	m     sync.Map // lang + "\x00" + code -> string
}

// highlight returns code highlighted as lang, and false when it is not
// highlighted (unknown language, too large, chroma failed).
func (c *highlightCache) highlight(lang, code string) (string, bool) {
	if lang == "" || len(code) > maxHighlight {
		return "", false
	}
	key := lang + "\x00" + code
	if v, ok := c.m.Load(key); ok {
		return v.(string), true
	}
	h, ok := highlightBlock(lang, code)
	if ok && c.size.Load() < c.limit {
		if _, loaded := c.m.LoadOrStore(key, h); !loaded {
			c.size.Add(int64(len(key) + len(h)))
		}
	}
	return h, ok
}

// language returns the info string's language lowercased, or "" when it is
// empty, too long or holds characters other than letters, digits and + # . _ -
// (it is written into class and data attributes).
func language(info []byte) string {
	if len(info) == 0 || len(info) > maxLang {
		return ""
	}
	for _, c := range info {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '+', c == '#', c == '.', c == '_', c == '-':
		default:
			return ""
		}
	}
	return strings.ToLower(string(info))
}

// highlightBlock returns code highlighted as lang by chroma, and false when
// chroma has no lexer for lang or fails (a lexer panic included).
func highlightBlock(lang, code string) (html string, ok bool) {
	lexer := lexers.Get(lang)
	if lexer == nil {
		return "", false
	}
	return format(fast.Lexer(lexer), code)
}

// fast runs chroma's lexers with the same tokens but without trying rules
// that cannot match; most of a build's highlighting time went there.
var fast = highlight.New(lexers.GlobalLexerRegistry)

// format returns code tokenised by lexer as HTML, and false when the lexer
// fails (a panic included).
func format(lexer chroma.Lexer, code string) (html string, ok bool) {
	defer func() {
		if recover() != nil {
			html, ok = "", false
		}
	}()
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return "", false
	}
	var buf strings.Builder
	if err := formatter.Format(&buf, lightStyle(), it); err != nil {
		return "", false
	}
	return buf.String(), true
}

var (
	lightStyle = sync.OnceValue(func() *chroma.Style { return styles.Get("github") })
	darkStyle  = sync.OnceValue(func() *chroma.Style { return styles.Get("github-dark") })
)

// CSS returns the stylesheet for rendered Markdown: chroma's "github" theme
// for the code-highlighting classes, "github-dark" under
// @media screen and (prefers-color-scheme: dark) (printouts stay light), and
// the table-cell alignment classes. It is the same string on every call.
func CSS() string { return css() }

var css = sync.OnceValue(func() string {
	var light, dark strings.Builder
	_ = formatter.WriteCSS(&light, lightStyle())
	_ = formatter.WriteCSS(&dark, darkStyle())
	var b strings.Builder
	b.WriteString("/* Code highlighting: chroma github and github-dark. Generated; do not edit. */\n")
	b.WriteString(light.String())
	writeDark(&b, darkOver(parseCSS(light.String()), parseCSS(dark.String())))
	b.WriteString("/* Table cell alignment (style attributes are not allowed). */\n")
	b.WriteString(".align-left { text-align: left }\n")
	b.WriteString(".align-center { text-align: center }\n")
	b.WriteString(".align-right { text-align: right }\n")
	return b.String()
})

// writeDark writes the dark rules twice: for the system's dark scheme unless the
// reader chose light, and for the reader's choice of dark (the classes site.js sets on
// <html>, see the theme's light/dark toggle).
func writeDark(b *strings.Builder, rules []cssRule) {
	scoped := func(scope, sel string) string {
		parts := strings.Split(sel, ",")
		for i, p := range parts {
			parts[i] = scope + " " + strings.TrimSpace(p)
		}
		return strings.Join(parts, ", ")
	}
	for _, block := range [][2]string{
		{"@media screen and (prefers-color-scheme: dark) {\n", ":root:not(.light)"},
		{"@media screen {\n", ":root.dark"},
	} {
		b.WriteString(block[0])
		for _, r := range rules {
			b.WriteString("  " + scoped(block[1], r.selector) + " { " + strings.Join(r.decls, "; ") + " }\n")
		}
		b.WriteString("}\n")
	}
}

// cssRule is one "selector { decl; decl }" line of chroma's stylesheet.
type cssRule struct {
	selector string
	decls    []string // "property: value"
}

// parseCSS reads chroma's stylesheet, which has one rule per line.
func parseCSS(s string) []cssRule {
	var rules []cssRule
	for line := range strings.Lines(s) {
		sel, body, ok := strings.Cut(line, "{")
		if !ok {
			continue
		}
		body, _, _ = strings.Cut(body, "}")
		r := cssRule{selector: strings.TrimSpace(sel)}
		for d := range strings.SplitSeq(body, ";") {
			if d = strings.TrimSpace(d); d != "" {
				r.decls = append(r.decls, d)
			}
		}
		rules = append(rules, r)
	}
	return rules
}

// darkOver returns the rules that turn the light theme into the dark one
// when layered over it: a dark rule that differs from the light one, with
// every property the light rule sets and the dark one does not reset to
// the inherited value, and a reset for each light rule the dark theme lacks
// (otherwise a token the dark theme leaves plain would keep its light
// colour on a dark background). The order is the light sheet's, then any
// dark-only rules.
func darkOver(light, dark []cssRule) []cssRule {
	darkBy := map[string]cssRule{}
	for _, r := range dark {
		darkBy[r.selector] = r
	}
	var out []cssRule
	seen := map[string]bool{}
	for _, l := range light {
		seen[l.selector] = true
		d := darkBy[l.selector]
		if slices.Equal(l.decls, d.decls) {
			continue
		}
		has := map[string]bool{}
		for _, decl := range d.decls {
			p, _, _ := strings.Cut(decl, ":")
			has[strings.TrimSpace(p)] = true
		}
		r := cssRule{selector: l.selector}
		for _, decl := range l.decls {
			p, _, _ := strings.Cut(decl, ":")
			p = strings.TrimSpace(p)
			if has[p] {
				continue
			}
			has[p] = true
			if p == "background-color" {
				r.decls = append(r.decls, "background-color: transparent")
			} else {
				r.decls = append(r.decls, p+": inherit")
			}
		}
		r.decls = append(r.decls, d.decls...)
		out = append(out, r)
	}
	for _, d := range dark {
		if !seen[d.selector] {
			out = append(out, d)
		}
	}
	return out
}
