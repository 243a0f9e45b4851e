package blockyaml

import (
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Parse returns the document node yaml.Unmarshal gives for src, with line numbers counted
// from firstLine (the file line of src's first line), and true; or false when src is
// outside the subset this package handles.
func Parse(src []byte, firstLine int) (doc *yaml.Node, ok bool) {
	if !allowedText(src) {
		return nil, false
	}
	defer func() {
		if r := recover(); r != nil {
			if _, out := r.(outside); !out {
				panic(r)
			}
			doc, ok = nil, false
		}
	}()
	p := &parser{src: string(src), base: firstLine - 1}
	p.split()
	return p.document(), true
}

// outside is panicked, and recovered by Parse, when the input leaves the subset: it
// unwinds the recursive descent from wherever that is found.
type outside struct{}

func bail() { panic(outside{}) }

// allowedText reports whether src holds only characters yaml.v3 reads as they are:
// printable characters and \n. Tabs, \r, the byte order mark and the Unicode line
// breaks each change how YAML reads a line, so they are left to yaml.v3.
func allowedText(src []byte) bool {
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return false
		case r < 0xa0, r == 0x2028, r == 0x2029, r == 0xfeff,
			r >= 0xd800 && r < 0xe000, r == 0xfffe, r == 0xffff:
			return false
		}
		i += size
	}
	return true
}

// A line is one line of the source: its text starts after the indentation.
type line struct {
	start, end int // text's byte offsets in src, trailing spaces included
	indent     int // spaces before the text; for a blank line, all of them
	num        int // 1-based line number in src
}

func (l *line) blank() bool { return l.start == l.end }

type parser struct {
	src   string
	base  int // added to line numbers
	lines []line
	i     int // the line being read
	nodes []yaml.Node
}

func (p *parser) split() {
	n := strings.Count(p.src, "\n") + 1
	p.lines = make([]line, 0, n)
	p.nodes = make([]yaml.Node, 0, 2*n+2)
	for off, num := 0, 1; off < len(p.src); num++ {
		end := strings.IndexByte(p.src[off:], '\n')
		if end < 0 {
			end = len(p.src)
		} else {
			end += off
		}
		start := off
		for start < end && p.src[start] == ' ' {
			start++
		}
		text := p.src[start:end]
		if strings.TrimRight(text, " ") == "" {
			start = end
		}
		p.lines = append(p.lines, line{start: start, end: end, indent: start - off, num: num})
		if start-off == 0 && (strings.HasPrefix(text, "---") || strings.HasPrefix(text, "...")) {
			if len(text) == 3 || text[3] == ' ' {
				bail() // a document marker
			}
		}
		off = end + 1
	}
}

func (p *parser) text(l *line) string { return p.src[l.start:l.end] }

// col is the 1-based column, in characters, of byte offset off on line l.
func (p *parser) col(l *line, off int) int {
	s := p.src[l.start:off]
	n := len(s)
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			n = utf8.RuneCountInString(s)
			break
		}
	}
	return l.indent + 1 + n
}

func (p *parser) node(kind yaml.Kind, tag string, l *line, off int) *yaml.Node {
	if len(p.nodes) == cap(p.nodes) {
		p.nodes = make([]yaml.Node, 0, 32)
	}
	p.nodes = p.nodes[:len(p.nodes)+1]
	n := &p.nodes[len(p.nodes)-1]
	n.Kind, n.Tag, n.Line, n.Column = kind, tag, l.num+p.base, p.col(l, off)
	return n
}

// scalar makes a scalar node; a plain one is tagged as yaml.v3 resolves it.
func (p *parser) scalar(value string, style yaml.Style, l *line, off int) *yaml.Node {
	n := p.node(yaml.ScalarNode, "!!str", l, off)
	n.Value, n.Style = value, style
	if style == 0 && value == "<<" {
		bail() // a merge key, or yaml.v3 tags it as one
	}
	if style == 0 && (value == "" || maybeNotString[value[0]]) {
		n.Tag = ""
		n.Tag = n.ShortTag()
	}
	return n
}

// maybeNotString holds the first bytes of the plain scalars yaml.v3 may resolve to
// something other than a string (its resolve table): numbers, booleans, null, dates.
// Resolving the others costs an allocation for nothing.
var maybeNotString = func() (t [256]bool) {
	for _, c := range "+-0123456789yYnNtTfFoO~." {
		t[c] = true
	}
	return t
}()

// skipBlank moves past blank lines. A comment line here is outside the subset: yaml.v3
// attaches it to a node in ways not worth copying.
func (p *parser) skipBlank() {
	for p.i < len(p.lines) && p.lines[p.i].blank() {
		p.i++
	}
	if p.i < len(p.lines) && p.src[p.lines[p.i].start] == '#' {
		bail()
	}
}

// document reads the whole source: comment lines at the top, then one block node.
func (p *parser) document() *yaml.Node {
	var head []string
	for p.i < len(p.lines) {
		l := &p.lines[p.i]
		t := p.text(l)
		if l.blank() || l.indent != 0 || t[0] != '#' {
			break
		}
		if strings.HasSuffix(t, " ") {
			bail()
		}
		head = append(head, t)
		p.i++
	}
	gap := p.i
	p.skipBlank()
	if p.i == len(p.lines) || p.lines[p.i].indent != 0 {
		bail()
	}
	l := &p.lines[p.i]
	content := p.i
	doc := p.node(yaml.DocumentNode, "", l, l.start)
	top := p.block(0)
	doc.Content = []*yaml.Node{top}
	if head != nil {
		// yaml.v3 gives comments set off by a blank line to the document, and the others
		// to the first key.
		switch {
		case gap < content:
			doc.HeadComment = strings.Join(head, "\n")
		case top.Kind == yaml.MappingNode:
			top.Content[0].HeadComment = strings.Join(head, "\n")
		default:
			bail()
		}
	}
	p.skipBlank()
	if p.i < len(p.lines) {
		bail() // text left over, less indented than what came before it
	}
	return doc
}

func isEntry(t string) bool { return t == "-" || strings.HasPrefix(t, "- ") }

// block reads the mapping or sequence that starts on the current line, at indent.
func (p *parser) block(indent int) *yaml.Node {
	if isEntry(p.text(&p.lines[p.i])) {
		return p.sequence(indent)
	}
	return p.mapping(indent)
}

func (p *parser) sequence(indent int) *yaml.Node {
	l := &p.lines[p.i]
	seq := p.node(yaml.SequenceNode, "!!seq", l, l.start)
	for {
		l = &p.lines[p.i]
		rest := l.start + 1
		for rest < l.end && p.src[rest] == ' ' {
			rest++
		}
		var item *yaml.Node
		switch {
		case rest == l.end:
			// The entry's node starts on the next line.
			p.i++
			p.skipBlank()
			if p.i == len(p.lines) || p.lines[p.i].indent <= indent {
				bail() // an empty entry
			}
			item = p.block(p.lines[p.i].indent)
		case isEntry(p.src[rest:l.end]):
			bail() // "- - x"
		case isKey(p.src[rest:l.end]):
			// "- key: value": a mapping indented to where its first key starts.
			l.indent, l.start = l.indent+rest-l.start, rest
			item = p.mapping(l.indent)
		default:
			item = p.value(l, rest)
		}
		seq.Content = append(seq.Content, item)
		p.skipBlank()
		if p.i == len(p.lines) {
			return seq
		}
		l = &p.lines[p.i]
		if l.indent > indent {
			bail()
		}
		if l.indent < indent || !isEntry(p.text(l)) {
			return seq
		}
	}
}

// isKey reports whether t starts with a plain key and its colon.
func isKey(t string) bool {
	_, ok := keyEnd(t)
	return ok
}

// keyEnd finds the colon after a plain key at the start of t.
func keyEnd(t string) (int, bool) {
	if t == "" || startsIndicator(t) {
		return 0, false
	}
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case ':':
			if i+1 == len(t) || t[i+1] == ' ' {
				return i, i > 0 && t[i-1] != ' '
			}
		case '#':
			if t[i-1] == ' ' {
				return 0, false
			}
		}
	}
	return 0, false
}

// startsIndicator reports whether a plain scalar cannot start t.
func startsIndicator(t string) bool {
	switch t[0] {
	case '[', ']', '{', '}', ',', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return true
	case '-', '?', ':':
		return len(t) == 1 || t[1] == ' '
	}
	return false
}

func (p *parser) mapping(indent int) *yaml.Node {
	l := &p.lines[p.i]
	m := p.node(yaml.MappingNode, "!!map", l, l.start)
	for {
		l = &p.lines[p.i]
		t := p.text(l)
		if isEntry(t) {
			bail()
		}
		colon, ok := keyEnd(t)
		if !ok || colon > 1000 {
			bail()
		}
		key := p.scalar(t[:colon], 0, l, l.start)
		rest := l.start + colon + 1
		for rest < l.end && p.src[rest] == ' ' {
			rest++
		}
		var value *yaml.Node
		if rest == l.end {
			nullAt := l.start + colon + 1
			p.i++
			p.skipBlank()
			switch {
			case p.i < len(p.lines) && p.lines[p.i].indent > indent:
				value = p.block(p.lines[p.i].indent)
			case p.i < len(p.lines) && p.lines[p.i].indent == indent && isEntry(p.text(&p.lines[p.i])):
				value = p.sequence(indent)
			default:
				if nullAt != l.end {
					bail() // where yaml.v3 puts a null after spaces is not worth copying
				}
				value = p.scalar("", 0, l, nullAt)
			}
		} else {
			value = p.value(l, rest)
		}
		m.Content = append(m.Content, key, value)
		p.skipBlank()
		if p.i == len(p.lines) {
			return m
		}
		l = &p.lines[p.i]
		if l.indent > indent {
			bail() // a continuation line, or a wrong indentation
		}
		if l.indent < indent || isEntry(p.text(l)) {
			return m
		}
	}
}

// value reads the scalar or flow sequence that starts at byte off of line l, which holds
// the key or entry it belongs to, and moves past it.
func (p *parser) value(l *line, off int) *yaml.Node {
	t := strings.TrimRight(p.src[off:l.end], " ")
	switch t[0] {
	case '"', '\'':
		v, n := quoted(t)
		if n != len(t) {
			bail() // more after the closing quote, or no closing quote on this line
		}
		style := yaml.DoubleQuotedStyle
		if t[0] == '\'' {
			style = yaml.SingleQuotedStyle
		}
		p.i++
		return p.scalar(v, style, l, off)
	case '[', '{':
		n := p.flowCollection(l, off, t)
		p.i++
		return n
	case '|', '>':
		return p.blockScalar(l, off, t)
	}
	if startsIndicator(t) || strings.Contains(t, ": ") || strings.Contains(t, " #") || t[len(t)-1] == ':' {
		bail()
	}
	p.i++
	return p.scalar(t, 0, l, off)
}

// quoted reads the quoted scalar at the start of t and returns its value and length.
// Escapes other than the common ones are left to yaml.v3.
func quoted(t string) (string, int) {
	q := t[0]
	var b strings.Builder
	plain := 1 // start of the run not yet copied to b
	for i := 1; i < len(t); i++ {
		c := t[i]
		switch {
		case c == q && q == '\'' && i+1 < len(t) && t[i+1] == '\'':
			b.WriteString(t[plain : i+1])
			i++
			plain = i + 1
		case c == q:
			if b.Len() == 0 && plain == 1 {
				return t[1:i], i + 1
			}
			b.WriteString(t[plain:i])
			return b.String(), i + 1
		case c == '\\' && q == '"':
			if i+1 == len(t) {
				bail()
			}
			b.WriteString(t[plain:i])
			i++
			switch t[i] {
			case '\\', '"':
				b.WriteByte(t[i])
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			default:
				bail()
			}
			plain = i + 1
		}
	}
	bail() // the scalar goes on to the next line
	return "", 0
}

// flowCollection reads a one-line flow sequence of scalars, or a flow mapping whose
// values are scalars or flow sequences of scalars, t being the rest of the line from
// its [ or {.
func (p *parser) flowCollection(l *line, off int, t string) *yaml.Node {
	i := 0
	skip := func() {
		for i < len(t) && t[i] == ' ' {
			i++
		}
	}
	// item reads a scalar ending before one of the bytes in stop.
	item := func(stop string) *yaml.Node {
		if i == len(t) {
			bail()
		}
		if c := t[i]; c == '"' || c == '\'' {
			v, size := quoted(t[i:])
			style := yaml.DoubleQuotedStyle
			if c == '\'' {
				style = yaml.SingleQuotedStyle
			}
			s := p.scalar(v, style, l, off+i)
			i += size
			return s
		}
		j := strings.IndexAny(t[i:], stop)
		if j < 0 {
			bail()
		}
		v := strings.TrimRight(t[i:i+j], " ")
		// Flow context ends plain scalars at more characters than block context;
		// anything near those is left to yaml.v3.
		if v == "" || startsIndicator(v) || strings.ContainsAny(v, ":#[]{}?,") {
			bail()
		}
		s := p.scalar(v, 0, l, off+i)
		i += j
		return s
	}
	// collection reads the sequence or mapping opening at t[i], through its closing
	// bracket. A mapping's value may be a sequence, as in
	// `when: {domain: payments, category: [outage, access]}`.
	var collection func() *yaml.Node
	collection = func() *yaml.Node {
		var n *yaml.Node
		closing := byte(']')
		if t[i] == '{' {
			n = p.node(yaml.MappingNode, "!!map", l, off+i)
			closing = '}'
		} else {
			n = p.node(yaml.SequenceNode, "!!seq", l, off+i)
		}
		n.Style = yaml.FlowStyle
		i++
		skip()
		if i < len(t) && t[i] == closing {
			i++
			return n
		}
		for {
			if closing == '}' {
				n.Content = append(n.Content, item(":"))
				if i+1 >= len(t) || t[i] != ':' || t[i+1] != ' ' {
					bail()
				}
				i++
				skip()
				if i < len(t) && t[i] == '[' {
					n.Content = append(n.Content, collection())
				} else {
					n.Content = append(n.Content, item(",}"))
				}
			} else {
				n.Content = append(n.Content, item(",]"))
			}
			skip()
			if i == len(t) {
				bail()
			}
			switch t[i] {
			case closing:
				i++
				return n
			case ',':
				i++
				skip()
				if i < len(t) && t[i] == closing {
					bail() // a trailing comma
				}
			default:
				bail()
			}
		}
	}
	n := collection()
	if i != len(t) {
		bail()
	}
	return n
}

// blockScalar reads a literal (|) or folded (>) scalar whose header, t, starts at byte
// off of line l. Indentation indicators, keep chomping (+) and comments after the header
// are left to yaml.v3.
func (p *parser) blockScalar(l *line, off int, t string) *yaml.Node {
	literal := t[0] == '|'
	strip := false
	switch t[1:] {
	case "":
	case "-":
		strip = true
	default:
		bail()
	}
	parent := l.indent
	header := l
	p.i++
	if p.i == len(p.lines) || p.lines[p.i].blank() || p.lines[p.i].indent <= parent {
		bail() // empty, or starting with blank lines
	}
	n := p.lines[p.i].indent
	first, last := p.i, p.i
	for ; p.i < len(p.lines); p.i++ {
		c := &p.lines[p.i]
		if c.blank() {
			if c.indent > n {
				bail()
			}
			continue
		}
		if c.indent < n {
			break
		}
		if !literal && c.indent > n {
			bail() // a more-indented line, which folding keeps apart
		}
		last = p.i
	}
	if p.lines[last].end == len(p.src) && !strip {
		bail() // clipping at the end of input without a line break
	}
	var b strings.Builder
	for k := first; k <= last; k++ {
		c := &p.lines[k]
		// Folding joins lines with a space, unless blank lines come between: then
		// each of those is a line break.
		switch {
		case k == first:
		case literal || c.blank():
			b.WriteByte('\n')
		case !p.lines[k-1].blank():
			b.WriteByte(' ')
		}
		if !c.blank() {
			b.WriteString(p.src[c.start-(c.indent-n) : c.end])
		}
	}
	if !strip {
		b.WriteByte('\n')
	}
	style := yaml.FoldedStyle
	if literal {
		style = yaml.LiteralStyle
	}
	return p.scalar(b.String(), style, header, off)
}
