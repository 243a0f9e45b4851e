package callout

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// KindCallout is the ast.NodeKind of a Callout.
var KindCallout = ast.NewNodeKind("Callout")

// Callout is an admonition: a block of other blocks with a kind and a title.
type Callout struct {
	ast.BaseBlock
	// Name is the kind as written, lowercased: "note", "warning", "danger", "faq".
	Name string
	// Style is the one of the five GitHub kinds Name is shown as: note, tip,
	// important, warning or caution.
	Style string
	// Title is the title as written, or the kind's own name ("Note") when none
	// was given; empty when the author asked for none (MkDocs `!!! note ""`).
	Title string
	// Collapsible callouts render as <details>; Open ones start unfolded.
	Collapsible, Open bool
}

// Kind implements ast.Node.
func (*Callout) Kind() ast.NodeKind { return KindCallout }

// Dump implements ast.Node.
func (n *Callout) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{
		"Name": n.Name, "Style": n.Style, "Title": n.Title,
		"Collapsible": fmt.Sprint(n.Collapsible), "Open": fmt.Sprint(n.Open),
	}, nil)
}

// New returns a callout of the kind typ (any case) titled title; a nil title
// gives the kind's own name.
func New(typ string, title *string) *Callout {
	typ = strings.ToLower(typ)
	n := &Callout{Name: typ, Style: styleOf(typ)}
	if title != nil {
		n.Title = *title
	} else {
		n.Title = defaultTitle(typ)
	}
	return n
}

// styles maps the kinds of MkDocs (Material) and GitHub to the five styles.
// A kind not listed is shown as a note.
var styles = map[string]string{
	"note": "note", "seealso": "note", "abstract": "note", "summary": "note", "tldr": "note",
	"info": "note", "todo": "note", "example": "note", "quote": "note", "cite": "note",
	"question": "note", "help": "note", "faq": "note",
	"tip": "tip", "hint": "tip", "success": "tip", "check": "tip", "done": "tip",
	"important": "important", "attention": "important",
	"warning": "warning", "caution": "caution",
	"danger": "caution", "error": "caution", "failure": "caution", "fail": "caution",
	"missing": "caution", "bug": "caution",
}

func styleOf(typ string) string {
	if s, ok := styles[typ]; ok {
		return s
	}
	return "note"
}

// defaultTitle is the kind with a capital initial, as MkDocs and GitHub
// title a callout that names none: "warning" is "Warning".
func defaultTitle(typ string) string {
	switch typ {
	case "tldr":
		return "TL;DR"
	case "faq":
		return "FAQ"
	case "":
		return "Note"
	}
	return strings.ToUpper(typ[:1]) + strings.ReplaceAll(typ[1:], "-", " ")
}
