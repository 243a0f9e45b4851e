package matrix

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/escalator-dev/escalator/diag"
	"go.yaml.in/yaml/v3"
)

// commentTraps warns about plain values cut short by a comment: in YAML " #" starts a
// comment, so `- Open the #inc war room` holds "Open the". A comment whose first word
// is glued to the # (a channel, a ticket number) was almost certainly meant as text.
// data is the whole file, whose lines the node's positions count.
func commentTraps(file string, node *yaml.Node, data []byte) diag.List {
	var out diag.List
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		for _, c := range n.Content {
			walk(c)
		}
		if n.Kind != yaml.ScalarNode || n.Style != 0 || n.Value == "" || !strings.HasPrefix(n.LineComment, "#") {
			return
		}
		rest := strings.TrimPrefix(n.LineComment, "#")
		r, _ := utf8.DecodeRuneInString(rest)
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return // "# a note": a comment written as one
		}
		col := commentColumn(data, n.Line, n.Column)
		out = append(out, diag.Diagnostic{File: file, Line: n.Line, Col: col, Severity: diag.Warning, Code: diag.CommentInValue,
			Message: fmt.Sprintf("the value stops at %q: a space and # start a YAML comment, so %s is left out",
				n.Value, abbreviate(n.LineComment, 30)),
			Suggestion: fmt.Sprintf("quote the whole value if the rest belongs to it: %q", n.Value+" "+n.LineComment)})
	}
	walk(node)
	return out
}

// commentColumn finds the column of the # that starts the comment on a line, after the
// value that starts at col; 0 when it is not found.
func commentColumn(data []byte, line, col int) int {
	for i := 1; i < line && len(data) > 0; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return 0
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		data = data[:j]
	}
	start := min(max(col-1, 0), len(data))
	if k := bytes.Index(data[start:], []byte(" #")); k >= 0 {
		return utf8.RuneCount(data[:start+k+1]) + 1
	}
	return 0
}

func abbreviate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return "`" + s + "`"
	}
	r := []rune(s)
	return "`" + string(r[:n]) + "…`"
}
