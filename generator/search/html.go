package search

import (
	"bytes"
	"html"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Sections cuts the HTML of a page's main part at each heading with an id, keeping the
// text: tags dropped, entities decoded, white space folded. Scripts, styles, SVG
// drawings (their text equivalent is on the page) and buttons are left out. The first
// section is the top of the page; an h1 without an id is the title, left out.
func Sections(h []byte) []Section {
	secs := []Section{{}}
	bufs := foldPool.Get().(*[2]folded)
	defer foldPool.Put(bufs)
	text, head := &bufs[0], &bufs[1]
	text.take()
	head.take()
	inHeading := "" // the closing tag of the heading being read
	flush := func() {
		s := &secs[len(secs)-1]
		s.Text = text.take()
	}
	for len(h) > 0 {
		lt := bytes.IndexByte(h, '<')
		if lt < 0 {
			lt = len(h)
		}
		if lt > 0 {
			if inHeading != "" {
				head.writeHTML(h[:lt])
			} else {
				text.writeHTML(h[:lt])
			}
			h = h[lt:]
			continue
		}
		gt := bytes.IndexByte(h, '>')
		if gt < 0 {
			break
		}
		tag := h[1:gt]
		h = h[gt+1:]
		name := tagName(tag)
		if inHeading != "" && string(name) == inHeading {
			secs[len(secs)-1].Heading = strings.TrimSuffix(head.take(), " #")
			inHeading = ""
			continue
		}
		skip := bytes.Contains(tag, []byte("data-noindex")) // say, a chart's Mermaid source
		switch {
		case skip, string(name) == "script", string(name) == "style", string(name) == "svg", string(name) == "button", string(name) == "textarea":
			if end := bytes.Index(h, []byte("</"+string(name)+">")); end >= 0 {
				h = h[end+len(name)+3:]
			}
			continue
		}
		switch string(name) {
		case "h1", "h2", "h3", "h4", "h5", "h6":
			if id := attr(tag, "id"); id != "" {
				flush()
				secs = append(secs, Section{Anchor: id})
				inHeading = "/" + string(name)
				head.take()
				continue
			}
			if string(name) == "h1" { // the page's title
				if end := bytes.Index(h, []byte("</h1>")); end >= 0 {
					h = h[end+5:]
				}
				continue
			}
		case "a":
			if inHeading != "" && bytes.Contains(tag, []byte(`class="anchor"`)) {
				if end := bytes.Index(h, []byte("</a>")); end >= 0 {
					h = h[end+4:]
				}
				continue
			}
		}
		if blockTags[string(bytes.TrimPrefix(name, []byte("/")))] {
			if inHeading != "" {
				head.space()
			} else {
				text.space()
			}
		}
	}
	flush()
	// Sections with neither heading nor text are not worth a result.
	out := secs[:1]
	for _, s := range secs[1:] {
		if s.Text != "" || s.Heading != "" {
			out = append(out, s)
		}
	}
	return out
}

// foldPool holds the text and heading buffers of Sections: grown anew for each page,
// they were most of its allocations.
var foldPool = sync.Pool{New: func() any { return new([2]folded) }}

var blockTags = map[string]bool{}

func init() {
	for _, t := range strings.Fields("p div li ul ol td th tr table br h1 h2 h3 h4 h5 h6 section article dt dd dl pre blockquote label legend fieldset summary details figcaption option select input p") {
		blockTags[t] = true
	}
}

// tagName is the lower-case name of a tag's inside, with a leading / for an end tag.
// It is a part of tag unless the name has capitals.
func tagName(tag []byte) []byte {
	end := 0
	for end < len(tag) && tag[end] != ' ' && tag[end] != '\n' && tag[end] != '\t' && tag[end] != '/' || end == 0 && end < len(tag) && tag[0] == '/' {
		end++
	}
	for _, c := range tag[:end] {
		if 'A' <= c && c <= 'Z' {
			return bytes.ToLower(tag[:end])
		}
	}
	return tag[:end]
}

// attr returns the value of a double-quoted attribute, as html/template writes them.
func attr(tag []byte, name string) string {
	i := bytes.Index(tag, []byte(" "+name+`="`))
	if i < 0 {
		return ""
	}
	v := tag[i+len(name)+3:]
	if j := bytes.IndexByte(v, '"'); j >= 0 {
		return html.UnescapeString(string(v[:j]))
	}
	return ""
}

// fold collapses runs of white space to one space and trims the ends, as
// strings.Fields and strings.Join do.
func fold(s []byte) string {
	var f folded
	f.write(s)
	return f.take()
}

// folded is text with white space folded as it is written: runs of it become one
// space, and there is none at either end. Page text is nearly all ASCII, read a word
// at a time; splitting it into words first allocated more than anything else the
// index does.
type folded struct {
	b       []byte
	pending bool // white space was written after the last word
}

// writeHTML writes the text between two tags, entities decoded.
func (f *folded) writeHTML(seg []byte) {
	if bytes.IndexByte(seg, '&') >= 0 {
		seg = []byte(html.UnescapeString(string(seg)))
	}
	f.write(seg)
}

func (f *folded) write(s []byte) {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(s[i:])
			if unicode.IsSpace(r) {
				f.space()
			} else {
				f.word(s[i : i+size])
			}
			i += size
			continue
		}
		if asciiSpace[c] {
			f.space()
			i++
			continue
		}
		j := i + 1
		for j < len(s) && s[j] < utf8.RuneSelf && !asciiSpace[s[j]] {
			j++
		}
		f.word(s[i:j])
		i = j
	}
}

// space marks a break between words.
func (f *folded) space() { f.pending = len(f.b) > 0 }

func (f *folded) word(w []byte) {
	if f.pending {
		f.b = append(f.b, ' ')
		f.pending = false
	}
	f.b = append(f.b, w...)
}

// take returns the text and empties f.
func (f *folded) take() string {
	s := string(f.b)
	f.b, f.pending = f.b[:0], false
	return s
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
