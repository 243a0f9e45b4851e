package callout

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// blockParser parses MkDocs admonitions: a line
//
//	!!! type ["Title"]      (or ??? for a collapsible one, ???+ open)
//
// then the content, every line indented four spaces (or a tab); blank lines
// are part of it, and the first line indented less that is not blank ends
// it. Extra words after the type (MkDocs' added classes) are ignored.
type blockParser struct{}

// NewParser returns the block parser of MkDocs admonitions.
func NewParser() parser.BlockParser { return blockParser{} }

func (blockParser) Trigger() []byte { return []byte{'!', '?'} }

func (blockParser) Open(_ ast.Node, reader text.Reader, _ parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w > 3 {
		return nil, parser.NoChildren
	}
	n, ok := parseHeader(line[pos:])
	if !ok {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

// parseHeader reads an admonition's first line, from its marker on.
func parseHeader(l []byte) (*Callout, bool) {
	l = bytes.TrimRight(l, " \t\r\n")
	var collapsible, open bool
	switch {
	case bytes.HasPrefix(l, []byte("!!!")):
		l = l[3:]
	case bytes.HasPrefix(l, []byte("???+")):
		collapsible, open = true, true
		l = l[4:]
	case bytes.HasPrefix(l, []byte("???")):
		collapsible = true
		l = l[3:]
	default:
		return nil, false
	}
	// MkDocs requires a space before the type ("!!!note" is text).
	if len(l) == 0 || (l[0] != ' ' && l[0] != '\t') {
		return nil, false
	}
	l = bytes.TrimLeft(l, " \t")
	i := 0
	for i < len(l) && isTypeByte(l[i]) {
		i++
	}
	if i == 0 {
		return nil, false
	}
	typ := string(l[:i])
	l = l[i:]
	// Further classes, as words, then an optional quoted title and nothing else.
	for len(l) > 0 {
		if l[0] != ' ' && l[0] != '\t' {
			return nil, false
		}
		l = bytes.TrimLeft(l, " \t")
		if len(l) == 0 {
			break
		}
		if l[0] == '"' {
			if len(l) < 2 || l[len(l)-1] != '"' {
				return nil, false
			}
			title := string(l[1 : len(l)-1])
			n := New(typ, &title)
			n.Collapsible, n.Open = collapsible, open
			return n, true
		}
		j := 0
		for j < len(l) && isTypeByte(l[j]) {
			j++
		}
		if j == 0 {
			return nil, false
		}
		l = l[j:]
	}
	n := New(typ, nil)
	n.Collapsible, n.Open = collapsible, open
	return n, true
}

func isTypeByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

func (blockParser) Continue(_ ast.Node, reader text.Reader, _ parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		reader.AdvanceToEOL()
		return parser.Continue | parser.HasChildren
	}
	if w, _ := util.IndentWidth(line, reader.LineOffset()); w < 4 {
		return parser.Close
	}
	pos, padding := util.IndentPosition(line, reader.LineOffset(), 4)
	reader.AdvanceAndSetPadding(pos, padding)
	return parser.Continue | parser.HasChildren
}

func (blockParser) Close(ast.Node, text.Reader, parser.Context) {}

func (blockParser) CanInterruptParagraph() bool { return true }

func (blockParser) CanAcceptIndentedLine() bool { return false }
