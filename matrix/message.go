package matrix

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/escalator-dev/escalator/diag"
	"go.yaml.in/yaml/v3"
)

// Message is a brief's paste-ready body: text with {field} placeholders, and sections
// {?field}…{/field} kept only when the field is filled. Any other brace is text.
type Message struct {
	Text string
	Pos  Pos
	// Style says how the text is written, which maps placeholders to positions.
	Style yaml.Style
}

func (m *Message) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		m.Text, m.Pos, m.Style = n.Value, nodePos(n), n.Style
	}
	return nil
}

// placeholderRE finds {field}, {?field} and {/field}.
var placeholderRE = regexp.MustCompile(`\{([?/]?)([a-z0-9]+(?:-[a-z0-9]+)*)\}`)

// MessageToken is one placeholder of a message: Kind is 0 for {id}, '?' for a
// section's start, '/' for its end; Off is its byte offset in the text.
type MessageToken struct {
	Kind byte
	ID   string
	Off  int
	End  int
}

// MessageError is a placeholder that does not fit the message's structure.
type MessageError struct {
	Token MessageToken
	Msg   string
	Hint  string
}

// ParseMessage returns the placeholders of a message in order, and the structural
// errors: a section never closed, or closed by another field's end.
func ParseMessage(text string) ([]MessageToken, []MessageError) {
	var toks []MessageToken
	var errs []MessageError
	var open []MessageToken
	for _, m := range placeholderRE.FindAllStringSubmatchIndex(text, -1) {
		t := MessageToken{ID: text[m[4]:m[5]], Off: m[0], End: m[1]}
		if m[3] > m[2] {
			t.Kind = text[m[2]]
		}
		switch t.Kind {
		case '?':
			open = append(open, t)
		case '/':
			if len(open) == 0 {
				errs = append(errs, MessageError{t, fmt.Sprintf("{/%s} closes no section", t.ID), fmt.Sprintf("start it with {?%s}, or remove it", t.ID)})
				continue
			}
			if top := open[len(open)-1]; top.ID != t.ID {
				errs = append(errs, MessageError{t, fmt.Sprintf("{/%s} closes section {?%s}", t.ID, top.ID), fmt.Sprintf("close {?%s} with {/%s} first", top.ID, top.ID)})
			}
			open = open[:len(open)-1]
		}
		toks = append(toks, t)
	}
	for _, t := range open {
		errs = append(errs, MessageError{t, fmt.Sprintf("section {?%s} is never closed", t.ID), fmt.Sprintf("end it with {/%s}", t.ID)})
	}
	return toks, errs
}

// RenderMessage fills a message with values by field id: a placeholder becomes the
// value, a section is kept when its field's value is not empty. Lines lose trailing
// spaces, runs of blank lines become one, and the whole is trimmed. theme/static/
// site.js does the same in the brief form; this is the reference it is tested against.
// A message with structural errors renders its placeholders as far as they nest.
func RenderMessage(text string, values map[string]string) string {
	var b strings.Builder
	hide := 0 // sections being skipped, counted from the outermost hidden one
	var stack []bool
	last := 0
	for _, m := range placeholderRE.FindAllStringSubmatchIndex(text, -1) {
		if hide == 0 {
			b.WriteString(text[last:m[0]])
		}
		last = m[1]
		id := text[m[4]:m[5]]
		switch {
		case m[3] == m[2]:
			if hide == 0 {
				b.WriteString(values[id])
			}
		case text[m[2]] == '?':
			shown := hide == 0 && strings.TrimSpace(values[id]) != ""
			stack = append(stack, shown)
			if !shown {
				hide++
			}
		default: // '/'
			if len(stack) == 0 {
				continue
			}
			if !stack[len(stack)-1] {
				hide--
			}
			stack = stack[:len(stack)-1]
		}
	}
	if hide == 0 {
		b.WriteString(text[last:])
	}
	return tidyMessage(b.String())
}

var blankRunRE = regexp.MustCompile(`\n{3,}`)

func tidyMessage(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.TrimSpace(blankRunRE.ReplaceAllString(strings.Join(lines, "\n"), "\n\n"))
}

// messagePos is where the byte at off of a message is written in its file: exact on
// one line, and for a literal block's lines (whose column assumes the usual two-space
// indent under the key); the value's own position otherwise.
func (m Message) messagePos(off int) Pos {
	switch {
	case m.Style&yaml.LiteralStyle != 0:
		line := strings.Count(m.Text[:off], "\n")
		col := off - (strings.LastIndex(m.Text[:off], "\n") + 1)
		return Pos{m.Pos.Line + 1 + line, 3 + col}
	case strings.Contains(m.Text, "\n"):
		return m.Pos
	case m.Style == 0:
		return Pos{m.Pos.Line, m.Pos.Col + off}
	case m.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0 && !strings.ContainsAny(m.Text[:off], "\\'"):
		return Pos{m.Pos.Line, m.Pos.Col + 1 + off}
	}
	return m.Pos
}

// checkMessages reports placeholders that name no field of their brief, and sections
// that do not nest.
func (l *loader) checkMessages() {
	for _, b := range l.p.Briefs {
		if b.Message.Text == "" {
			continue
		}
		fields := map[string]*Field{}
		for si := range b.Sections {
			for fi := range b.Sections[si].Fields {
				f := &b.Sections[si].Fields[fi]
				fields[f.ID] = f
			}
		}
		toks, errs := ParseMessage(b.Message.Text)
		for _, e := range errs {
			l.errorf(diag.InvalidMessage, b.File, b.Message.messagePos(e.Token.Off), "message: "+e.Msg, e.Hint)
		}
		for _, t := range toks {
			if fields[t.ID] == nil && t.Kind != '/' { // a section's end repeats its start
				l.errorf(diag.UnknownField, b.File, b.Message.messagePos(t.Off), fmt.Sprintf("message of brief %s names no field %q", b.ID, t.ID), refHint(t.ID, "field", fields))
			}
		}
	}
}
