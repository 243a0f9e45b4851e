package markdown

import (
	"bytes"
	"regexp"
	"slices"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
)

// htmlElements is the allow-list of HTML that a playbook may write in its
// Markdown without raw_html: each element with the attributes it may carry
// beyond the global ones (htmlGlobalAttrs). Anything else is dropped, with a
// warning from Inspect; bluemonday enforces the list.
var htmlElements = map[string][]string{
	"a": {"href", "name"}, "abbr": nil, "b": nil, "bdi": nil, "bdo": nil, "blockquote": nil, "br": nil,
	"caption": nil, "cite": nil, "code": nil, "col": {"span"}, "colgroup": {"span"},
	"dd": nil, "del": nil, "details": {"open"}, "dfn": nil, "div": nil, "dl": nil, "dt": nil,
	"em": nil, "figcaption": nil, "figure": nil,
	"h1": nil, "h2": nil, "h3": nil, "h4": nil, "h5": nil, "h6": nil, "hr": nil,
	"i": nil, "img": {"src", "alt", "width", "height"}, "ins": nil, "kbd": nil, "li": nil, "mark": nil,
	"ol": {"start", "reversed", "type"}, "p": nil, "pre": nil, "q": nil, "rp": nil, "rt": nil, "ruby": nil,
	"s": nil, "samp": nil, "small": nil, "span": nil, "strong": nil, "sub": nil, "summary": nil, "sup": nil,
	"table": nil, "tbody": nil, "td": {"colspan", "rowspan"}, "tfoot": nil, "th": {"colspan", "rowspan", "scope"},
	"thead": nil, "time": {"datetime"}, "tr": nil, "u": nil, "ul": nil, "var": nil, "wbr": nil,
}

// htmlGlobalAttrs may be on any allowed element.
var htmlGlobalAttrs = []string{"id", "title", "lang", "dir"}

var (
	htmlIDRE     = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.:-]*$`)
	htmlNumberRE = regexp.MustCompile(`^[0-9]{1,4}$`)
)

// htmlPolicy is bluemonday's policy for the allow-list.
var htmlPolicy = func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	for el, attrs := range htmlElements {
		p.AllowElements(el)
		for _, a := range attrs {
			switch a {
			case "href", "src":
				p.AllowAttrs(a).OnElements(el)
			case "span", "colspan", "rowspan", "start", "width", "height":
				p.AllowAttrs(a).Matching(htmlNumberRE).OnElements(el)
			case "name":
				p.AllowAttrs(a).Matching(htmlIDRE).OnElements(el)
			default:
				p.AllowAttrs(a).OnElements(el)
			}
		}
	}
	p.AllowAttrs("id").Matching(htmlIDRE).Globally()
	p.AllowAttrs("title", "lang", "dir").Globally()
	p.AllowURLSchemes("http", "https", "mailto", "tel")
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)
	p.RequireNoReferrerOnFullyQualifiedLinks(true)
	return p
}()

// htmlVoid are the elements that have no end tag.
var htmlVoid = map[string]bool{"br": true, "hr": true, "img": true, "col": true, "wbr": true}

// htmlSkipContent are the elements whose content is dropped with them.
var htmlSkipContent = map[string]bool{"script": true, "style": true, "iframe": true, "object": true,
	"noscript": true, "template": true, "textarea": true, "title": true, "svg": true, "math": true,
	"select": true, "embed": true, "applet": true, "frame": true, "frameset": true, "noembed": true, "xmp": true}

// htmlOther are the elements of HTML, past and present, that are neither allowed
// nor in htmlSkipContent: dropped, their text kept. A tag of any other name
// (`<name>`, `<ticket-id>`) is not HTML but a placeholder, and is shown as written.
var htmlOther = map[string]bool{}

func init() {
	for _, el := range strings.Fields(`html head body main nav section article aside header footer form input
		button label option optgroup fieldset legend datalist output progress meter font center marquee blink
		link meta base video audio source track canvas map area picture dialog menu slot big tt strike acronym
		address data search hgroup param nobr image plaintext listing basefont dir isindex keygen noframes
		portal menuitem element content shadow spacer multicol layer ilayer nolayer`) {
		htmlOther[el] = true
	}
}

// isHTMLElement reports whether name is an element of HTML.
func isHTMLElement(name string) bool {
	_, allowed := htmlElements[name]
	return allowed || htmlSkipContent[name] || htmlOther[name]
}

// escapePlaceholders escapes the tags in piece that name no HTML element, so
// that they show as written.
func escapePlaceholders(piece []byte) []byte {
	z := html.NewTokenizer(bytes.NewReader(piece))
	var out []byte
	changed := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		if tt == html.StartTagToken || tt == html.EndTagToken || tt == html.SelfClosingTagToken {
			if name, _ := z.TagName(); !isHTMLElement(string(name)) {
				out = append(out, html.EscapeString(string(raw))...)
				changed = true
				continue
			}
		}
		out = append(out, raw...)
	}
	if !changed {
		return piece
	}
	return out
}

// htmlProblem is part of a piece of raw HTML that the allow-list drops, at an
// offset in the piece.
type htmlProblem struct {
	off int
	msg string
}

// inspectHTML lists what the allow-list drops from a piece of raw HTML, and
// the ids its elements declare.
func inspectHTML(piece []byte) (problems []htmlProblem, ids []string) {
	z := html.NewTokenizer(bytes.NewReader(piece))
	off := 0
	for {
		tt := z.Next()
		raw := len(z.Raw())
		if tt == html.ErrorToken {
			return problems, ids
		}
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			name, hasAttr := z.TagName()
			el := string(name)
			allowed, ok := htmlElements[el]
			switch {
			case !isHTMLElement(el): // a placeholder, shown as written
			case !ok && htmlSkipContent[el]:
				problems = append(problems, htmlProblem{off, "raw HTML <" + el + "> dropped"})
			case !ok:
				problems = append(problems, htmlProblem{off, "raw HTML <" + el + "> dropped (its text is kept)"})
			}
			for ok && hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				a := string(k)
				good := slices.Contains(allowed, a) || slices.Contains(htmlGlobalAttrs, a)
				switch {
				case !good:
					problems = append(problems, htmlProblem{off, "attribute " + a + " of raw HTML <" + el + "> dropped"})
				case (a == "href" || a == "src") && !SafeURL(string(v)):
					problems = append(problems, htmlProblem{off, "attribute " + a + " of raw HTML <" + el + "> dropped: only http, https, mailto, tel and relative URLs"})
				case a == "id" || a == "name" && el == "a":
					if htmlIDRE.Match(v) {
						ids = append(ids, string(v))
					}
				}
			}
		}
		off += raw
	}
}

// htmlBalance keeps the raw HTML of one document well nested: end tags with
// no open element are dropped, and elements left open are closed at the end.
type htmlBalance struct {
	open []string
}

// sanitize returns a piece of raw HTML through bluemonday, balanced.
func (b *htmlBalance) sanitize(piece []byte) []byte {
	clean := htmlPolicy.SanitizeBytes(escapePlaceholders(piece))
	z := html.NewTokenizer(bytes.NewReader(clean))
	var out []byte
	for {
		tt := z.Next()
		raw := z.Raw()
		switch tt {
		case html.ErrorToken:
			return out
		case html.StartTagToken:
			name, _ := z.TagName()
			if !htmlVoid[string(name)] {
				b.open = append(b.open, string(name))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			i := len(b.open) - 1
			for i >= 0 && b.open[i] != string(name) {
				i--
			}
			if i < 0 {
				continue // nothing to close: dropped
			}
			for j := len(b.open) - 1; j > i; j-- { // close what it leaves open
				out = append(out, "</"+b.open[j]+">"...)
			}
			b.open = b.open[:i]
		}
		out = append(out, raw...)
	}
}

// close returns the end tags of the elements still open.
func (b *htmlBalance) close() []byte { return b.closeTo(0) }

// closeTo returns the end tags of the elements opened after the first mark.
func (b *htmlBalance) closeTo(mark int) []byte {
	var s strings.Builder
	for i := len(b.open) - 1; i >= mark; i-- {
		s.WriteString("</" + b.open[i] + ">")
	}
	b.open = b.open[:min(mark, len(b.open))]
	return []byte(s.String())
}
