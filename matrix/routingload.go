package matrix

import (
	"bytes"
	"unicode/utf8"

	"github.com/escalator-dev/escalator/internal/blockyaml"
	"github.com/escalator-dev/escalator/schema"
	"go.yaml.in/yaml/v3"
)

// routingSkips are the folders a routing load leaves unread: no decision reads them.
var routingSkips = map[string]bool{"incidents": true, "drills": true}

// routingKeys are the runbook fields a decision reads: which cells the runbook is
// offered in, and how it is named.
var routingKeys = [][]byte{[]byte("id"), []byte("title"), []byte("domain"), []byte("domains"), []byte("kind"), []byte("severities")}

// readRoutingRunbook reads the routing fields of a runbook's front matter, without its
// body or its other fields. A runbook whose routing fields are not in the plain form it
// checks here (a missing id, a value of the wrong type, an alias, a repeated key) is
// read in full instead, so that its errors are reported as `check` reports them.
func (l *loader) readRoutingRunbook(j job, buf *[]byte) *doc {
	if r, ok := l.fsys.(dirFS); ok {
		// Read up to the end of the front matter only: the body is most of the file.
		data, err := r.ReadRegularPrefix(j.path, buf, MaxFileSize, 4<<10, frontMatterRead)
		if err == nil {
			if rb := routingRunbook(data); rb != nil {
				rb.File = l.display(j.path)
				return &doc{name: rb.File, value: rb, size: len(data)}
			}
		}
	}
	d, data, ok := l.readData(j, buf)
	if !ok {
		return d
	}
	if rb := routingRunbook(data); rb != nil {
		rb.File = d.name
		d.value = rb
		return d
	}
	l.parse(d, data, j.kind, j.markdown)
	return decoded(d, j.kind)
}

// frontMatterRead reports whether data holds a whole front matter, its closing line
// included.
func frontMatterRead(data []byte) bool {
	_, body, _, bad := frontMatter("", data)
	return bad == nil && body != nil
}

// routingRunbook returns the runbook's routing fields from the file data, or nil when
// the full read must decide. It reads the front matter only, in one pass over its lines,
// and parses each routing entry on its own, at its own line.
func routingRunbook(data []byte) *Runbook {
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	if string(first) != "---" {
		return nil // a byte order mark, \r\n lines, no front matter: the full read
	}
	rb := &Runbook{}
	seen := 0 // routingKeys seen, as bits
	line, entry, entryLine, key := 2, []byte(nil), 0, -1
	done := false
	for len(rest) > 0 && !done {
		l := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			l, rest = rest[:i+1], rest[i+1:]
		} else {
			rest = nil
		}
		// As frontMatter reads it: the first line --- or ... ends the front matter.
		if closesFrontMatter(l) {
			done = true
		}
		// An entry starts at column 1 with anything but a space or a block sequence
		// entry (which may continue the entry above); the rest continue it.
		// A comment at column 1 ends an entry: it cannot be inside a value.
		c := l[0]
		if done || (c != ' ' && c != '-' && c != '\n') {
			if key >= 0 && !routingEntry(rb, key, entry, entryLine) {
				return nil
			}
			key, entry = -1, nil
			if done {
				break
			}
			for k, name := range routingKeys {
				if len(l) > len(name) && bytes.HasPrefix(l, name) && l[len(name)] == ':' {
					if seen&(1<<k) != 0 {
						return nil // a repeated key: the full read reports it
					}
					seen |= 1 << k
					key, entry, entryLine = k, l, line
					break
				}
			}
			if key < 0 && openQuote(l) {
				// A quoted value may go on over lines that look like keys at column 1:
				// only the full read can tell them apart.
				return nil
			}
		} else if key >= 0 {
			entry = entry[:len(entry)+len(l)] // l follows entry in data
		}
		line++
	}
	if !done {
		return nil
	}
	if rb.ID == "" || seen&2 == 0 || (!rb.IsProcess() && seen&(1<<5) == 0) {
		return nil // required: the full read says so
	}
	return rb
}

// openQuote reports whether the entry line l's value starts a quoted scalar that the
// line does not close.
func openQuote(l []byte) bool {
	_, v, ok := bytes.Cut(l, []byte(": "))
	if !ok {
		return false
	}
	v = bytes.TrimSpace(v)
	if len(v) == 0 || (v[0] != '"' && v[0] != '\'') {
		return false
	}
	q := v[0]
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++ // an escape
		case v[i] == q && q == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++ // '' is a quote inside single quotes
		case v[i] == q:
			return false
		}
	}
	return true
}

// routingEntry fills the routing field k of rb from its entry text, the lines from
// line on; false when the entry is not in the plain form the schema accepts.
func routingEntry(rb *Runbook, k int, entry []byte, line int) bool {
	if !utf8.Valid(entry) || bytes.IndexByte(entry, 0) >= 0 {
		return false
	}
	if done, ok := plainEntry(rb, k, entry, line); done {
		return ok
	}
	node, ok := blockyaml.Parse(entry, line)
	if !ok || len(node.Content) != 1 || node.Content[0].Kind != yaml.MappingNode || len(node.Content[0].Content) != 2 {
		return false
	}
	v := node.Content[0].Content[1]
	switch string(routingKeys[k]) {
	case "id":
		if !isID(v) {
			return false
		}
		rb.ID, rb.IDPos = v.Value, nodePos(v)
	case "title":
		if !isString(v) {
			return false
		}
		rb.Title = v.Value
	case "kind":
		if !isString(v) || (v.Value != "incident" && v.Value != ProcessRunbook) {
			return false
		}
		rb.Kind = v.Value
	case "domain":
		if !isID(v) {
			return false
		}
		rb.Domain = Ref{v.Value, nodePos(v)}
	case "severities":
		refs, ok := idList(v)
		if !ok {
			return false
		}
		rb.Severities = refs
	case "domains":
		rb.Domains.Pos = nodePos(v)
		if isString(v) && v.Value == "all" {
			rb.Domains.All = true
			return true
		}
		refs, ok := idList(v)
		if !ok || len(refs) == 0 {
			return false
		}
		rb.Domains.Refs = refs
	}
	return true
}

// isString reports whether n is a scalar the schema reads as a string.
func isString(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str"
}

// isID reports whether n is a string matching the schema's id pattern.
func isID(n *yaml.Node) bool { return isString(n) && idText(n.Value) }

// idText reports whether s matches the schema's id pattern.
func idText(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && i > 0 && i < len(s)-1 && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// idList returns a sequence of ids as references, or false when n is anything else.
func idList(n *yaml.Node) ([]Ref, bool) {
	if n.Kind != yaml.SequenceNode {
		return nil, false
	}
	refs := make([]Ref, 0, len(n.Content))
	for _, c := range n.Content {
		if !isID(c) {
			return nil, false
		}
		refs = append(refs, Ref{c.Value, nodePos(c)})
	}
	return refs, true
}

// routing reports whether a load reads only what routing decisions need.
func (l *loader) routing(kind schema.Kind) bool {
	return l.opt.ForRouting && kind == schema.Runbook
}

// plainEntry reads the common one-line forms without a YAML parser: `key: id`,
// `key: [id, id]` and `title: "text"`. done is false when the entry is in another form,
// left to the parser.
func plainEntry(rb *Runbook, k int, entry []byte, line int) (done, ok bool) {
	key := routingKeys[k]
	if bytes.IndexByte(entry, '\n') < len(entry)-1 || len(entry) < len(key)+3 || entry[len(key)+1] != ' ' {
		return false, false // several lines, or none after the key
	}
	col := len(key) + 2
	v := bytes.TrimLeft(entry[col:], " ")
	col += len(entry) - col - len(v) + 1
	v = bytes.TrimRight(v, " \n")
	switch string(key) {
	case "title":
		if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' && !bytes.ContainsAny(v[1:len(v)-1], "\"\\") {
			rb.Title = string(v[1 : len(v)-1])
			return true, true
		}
	case "id", "domain":
		if !plainID(v) {
			return false, false
		}
		if k == 0 {
			rb.ID, rb.IDPos = string(v), Pos{line, col}
		} else {
			rb.Domain = Ref{string(v), Pos{line, col}}
		}
		return true, true
	case "severities", "domains":
		if len(v) < 2 || v[0] != '[' || v[len(v)-1] != ']' {
			return false, false
		}
		var refs []Ref
		off := col + 1
		for item := range bytes.SplitSeq(v[1:len(v)-1], []byte(",")) {
			t := bytes.TrimLeft(item, " ")
			c := off + len(item) - len(t)
			t = bytes.TrimRight(t, " ")
			if !plainID(t) {
				return false, false
			}
			refs = append(refs, Ref{string(t), Pos{line, c}})
			off += len(item) + 1
		}
		if k == 5 {
			rb.Severities = refs
		} else {
			rb.Domains = RunbookDomains{Pos: Pos{line, col}, Refs: refs}
		}
		return true, true
	}
	return false, false
}

// plainID reports whether v is an id that YAML reads as a plain string: one that starts
// with a letter and is none of the words YAML reads as a boolean or null.
func plainID(v []byte) bool {
	if len(v) == 0 || v[0] < 'a' || v[0] > 'z' {
		return false
	}
	switch string(v) {
	case "true", "false", "null", "yes", "no", "on", "off", "y", "n":
		return false
	}
	return idText(string(v))
}
