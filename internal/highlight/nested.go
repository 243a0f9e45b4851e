package highlight

import (
	"bytes"
	"encoding/xml"
	"errors"

	"github.com/alecthomas/chroma/v2"
)

// nested is an emitter that does what chroma's Using, UsingSelf and
// ByGroups do, but tokenises the nested text with the engine: chroma's
// own emitters would call chroma's lexer (state.Lexer, or the registry's
// lexer), which tries every rule again. It stands in for a rule's emitter
// only where every part of that emitter is one of those or a token type.
type nested struct {
	kind  string // "token", "using", "usingself" or "bygroups"
	token chroma.TokenType
	name  string // using's lexer, usingself's state
	kids  []*nested
	p     *program
}

// newNested returns the stand-in for emitter e of a rule with groups
// capture groups, or nil when e needs none (it uses no nested lexer) or
// has parts it cannot follow.
func newNested(p *program, e chroma.Emitter, groups int) *nested {
	se, ok := e.(chroma.SerialisableEmitter)
	if !ok {
		return nil
	}
	kind := se.EmitterKind()
	switch kind {
	case "using", "usingself", "bygroups":
	default:
		return nil
	}
	// The emitters' fields are unexported; their XML, written as chroma
	// writes it, has them.
	var buf bytes.Buffer
	enc := xml.NewEncoder(&buf)
	if enc.EncodeElement(e, xml.StartElement{Name: xml.Name{Local: kind}}) != nil || enc.Flush() != nil {
		return nil
	}
	d := xml.NewDecoder(&buf)
	n, err := parseNested(d, nil)
	if err != nil || n == nil || !n.usesLexer() {
		return nil
	}
	// ByGroups drops a nil emitter from its XML; then the parts no longer
	// line up with the groups.
	if n.kind == "bygroups" && len(n.kids) != groups {
		return nil
	}
	n.setProgram(p)
	return n
}

var errUnknown = errors.New("emitter not followed")

// parseNested reads the next element (after start, if given) as an
// emitter.
func parseNested(d *xml.Decoder, start *xml.StartElement) (*nested, error) {
	if start == nil {
		for {
			tok, err := d.Token()
			if err != nil {
				return nil, err
			}
			if se, ok := tok.(xml.StartElement); ok {
				start = &se
				break
			}
		}
	}
	attr := func(name string) (string, bool) {
		for _, a := range start.Attr {
			if a.Name.Local == name {
				return a.Value, true
			}
		}
		return "", false
	}
	n := &nested{kind: start.Name.Local}
	switch n.kind {
	case "token":
		s, ok := attr("type")
		t, err := chroma.TokenTypeString(s)
		if !ok || err != nil {
			return nil, errUnknown
		}
		n.token = t
	case "using":
		s, ok := attr("lexer")
		if !ok {
			return nil, errUnknown
		}
		n.name = s
	case "usingself":
		s, ok := attr("state")
		if !ok {
			return nil, errUnknown
		}
		n.name = s
	case "bygroups":
	default:
		return nil, errUnknown
	}
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if n.kind != "bygroups" {
				return nil, errUnknown
			}
			kid, err := parseNested(d, &tok)
			if err != nil {
				return nil, err
			}
			n.kids = append(n.kids, kid)
		case xml.EndElement:
			return n, nil
		}
	}
}

func (n *nested) usesLexer() bool {
	if n.kind == "using" || n.kind == "usingself" {
		return true
	}
	for _, k := range n.kids {
		if k.usesLexer() {
			return true
		}
	}
	return false
}

func (n *nested) setProgram(p *program) {
	n.p = p
	for _, k := range n.kids {
		k.setProgram(p)
	}
}

// Emit mirrors chroma's TokenType, Using, UsingSelf and ByGroups emitters.
func (n *nested) Emit(groups []string, state *chroma.LexerState) chroma.Iterator {
	switch n.kind {
	case "token":
		return n.token.Emit(groups, state)
	case "using":
		// Without a registry or a lexer chroma's Using panics; let it.
		if state.Registry == nil {
			return chroma.Using(n.name).Emit(groups, state)
		}
		l := state.Registry.Get(n.name)
		if l == nil {
			return chroma.Using(n.name).Emit(groups, state)
		}
		return tokenise(n.p.engine.Lexer(l), &chroma.TokeniseOptions{State: "root", Nested: true}, groups[0])
	case "usingself":
		// chroma's UsingSelf calls state.Lexer, whose registry is the
		// engine's.
		self := &lexer{p: n.p, reg: n.p.engine.reg}
		return tokenise(self, &chroma.TokeniseOptions{State: n.name, Nested: true}, groups[0])
	}
	iterators := make([]chroma.Iterator, 0, len(groups)-1)
	if len(n.kids) != len(groups)-1 {
		iterators = append(iterators, chroma.Error.Emit(groups, state))
	} else {
		for i, group := range groups[1:] {
			iterators = append(iterators, n.kids[i].Emit([]string{group}, state))
		}
	}
	return chroma.Concaterator(iterators...)
}

func tokenise(l chroma.Lexer, options *chroma.TokeniseOptions, text string) chroma.Iterator {
	it, err := l.Tokenise(options, text)
	if err != nil {
		panic(err)
	}
	return it
}
