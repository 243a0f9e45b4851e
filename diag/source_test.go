package diag

import (
	"bytes"
	"strings"
	"testing"
)

func TestSnippet(t *testing.T) {
	long := strings.Repeat("abcdefghij", 30) // 300 cells
	tests := []struct {
		name      string
		text      string
		line, col int
		want      string // the line, then the caret line; "" when there is no such line
	}{
		{"plain", "a: 1\nto: paymnts\n", 2, 5, "to: paymnts\n    ^"},
		{"first column", "x\n", 1, 1, "x\n^"},
		{"no column", "x: 1\n", 1, 0, "x: 1"},
		{"past the end", "ab\n", 1, 5, "ab\n  ^"},
		{"last line without newline", "a\nb", 2, 1, "b\n^"},
		{"no such line", "a\n", 3, 1, ""},
		{"carriage return", "key: v\r\n", 1, 6, "key: v\n     ^"},
		{"tab to the next stop", "\tto: x\n", 1, 2, "    to: x\n    ^"},
		{"tab after text", "ab\tc\n", 1, 4, "ab  c\n    ^"},
		{"tabs before the column", "a\t\tb\n", 1, 4, "a       b\n        ^"},
		{"wide characters", "名前: 値\n", 1, 5, "名前: 値\n      ^"},
		{"combining mark", "e\u0301x: 1\n", 1, 3, "e\u0301x: 1\n ^"},
		{"escape sequence", "a\x1b[31mb\n", 1, 3, `a\x1b[31mb` + "\n     ^"},
		{"invalid UTF-8", "a\xe9b\n", 1, 3, `a\xe9b` + "\n     ^"},
		{"reordering mark", "a\u202eb\n", 1, 3, `a\u202eb` + "\n       ^"},
		{"long line, column near the start", long, 1, 3, long[:99] + "…\n  ^"},
		{"long line, column in the middle", long, 1, 151, "…" + long[100:198] + "…\n" + strings.Repeat(" ", 51) + "^"},
		{"long line, column at the end", long, 1, 300, "…" + long[201:] + "\n" + strings.Repeat(" ", 99) + "^"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, caret, ok := Snippet([]byte(tt.text), tt.line, tt.col)
			got := ""
			if ok {
				got = s
				if caret >= 0 {
					got += "\n" + strings.Repeat(" ", caret) + "^"
				}
			}
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if ok && cells(s) > SnippetWidth {
				t.Errorf("%d cells, over %d", cells(s), SnippetWidth)
			}
		})
	}
}

// cells counts a snippet's width as runeWidth does.
func cells(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func TestWriteText(t *testing.T) {
	files := map[string]string{
		"pb/matrix.yaml":  "routes:\n  - name: Payments\n    to: paymnts\n",
		"pb/teams/x.yaml": "id: x\n",
		"pb/teams/y.yaml": "id: x\n",
	}
	src := func(f string) ([]byte, bool) {
		s, ok := files[f]
		return []byte(s), ok
	}
	l := List{
		{File: "pb/matrix.yaml", Line: 3, Col: 9, Severity: Error, Code: UnknownTeam, Message: `unknown team "paymnts"`, Suggestion: `did you mean "payments"?`},
		{File: "pb/teams/y.yaml", Line: 1, Col: 5, Severity: Error, Code: DuplicateID, Message: `duplicate team id "x"`,
			Notes: []Note{{File: "pb/teams/x.yaml", Line: 1, Col: 5, Message: "first defined here"}}},
		{File: "pb/gone.yaml", Line: 2, Col: 1, Severity: Warning, Code: ReviewOverdue, Message: "no source at hand"},
		{File: "pb/playbook.yaml", Severity: Error, Code: MissingFile, Message: "missing playbook.yaml"},
	}
	tests := []struct {
		name string
		src  Source
		want string
	}{
		{"without source", nil, `pb/matrix.yaml:3:9: error[unknown-team]: unknown team "paymnts" (did you mean "payments"?)
pb/teams/y.yaml:1:5: error[duplicate-id]: duplicate team id "x"
pb/teams/x.yaml:1:5: note: first defined here
pb/gone.yaml:2:1: warning[review-overdue]: no source at hand
pb/playbook.yaml: error[missing-file]: missing playbook.yaml
`},
		{"with source", src, `pb/matrix.yaml:3:9: error[unknown-team]: unknown team "paymnts" (did you mean "payments"?)
 3 |     to: paymnts
   |         ^
pb/teams/y.yaml:1:5: error[duplicate-id]: duplicate team id "x"
 1 | id: x
   |     ^
pb/teams/x.yaml:1:5: note: first defined here
 1 | id: x
   |     ^
pb/gone.yaml:2:1: warning[review-overdue]: no source at hand
pb/playbook.yaml: error[missing-file]: missing playbook.yaml
`},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := WriteText(&b, l, tt.src); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.want {
			t.Errorf("%s: got\n%s\nwant\n%s", tt.name, b.String(), tt.want)
		}
	}
	// Wide line numbers widen the gutter.
	var b bytes.Buffer
	many := strings.Repeat("x\n", 1200) + "\tlast\n"
	WriteText(&b, List{{File: "f", Line: 1201, Col: 2, Code: InvalidYAML, Message: "m"}}, func(string) ([]byte, bool) { return []byte(many), true })
	if want := "f:1201:2: error[invalid-yaml]: m\n 1201 |     last\n      |     ^\n"; b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
}
