package matrix

import (
	"strings"
	"testing"
)

func TestCommentTraps(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       string // the diagnostic, or "" for none
	}{
		{"channel in a list item", "actions:\n  - Open the #inc war room.\n",
			`x.yaml:2:14: warning[comment-in-value]: the value stops at "Open the": a space and # start a YAML comment, so ` + "`#inc war room.`" + ` is left out (quote the whole value if the rest belongs to it: "Open the #inc war room.")`},
		{"ticket after a key", "note: see #1234 for why\n",
			`x.yaml:1:11: warning[comment-in-value]: the value stops at "see": a space and # start a YAML comment, so ` + "`#1234 for why`" + ` is left out (quote the whole value if the rest belongs to it: "see #1234 for why")`},
		{"a comment written as one", "note: fine # a real comment\n", ""},
		{"a bare #", "note: fine #\n", ""},
		{"double #", "note: fine ## heading-like\n", ""},
		{"quoted value", "note: \"Open the\" #inc\n", ""},
		{"# inside the value", "note: use#inc\n", ""},
		{"comment on its own line", "# inc\nnote: fine\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			node, bad := parseYAML("x.yaml", []byte(tt.yaml), 1)
			if bad != nil {
				t.Fatal(bad)
			}
			got := commentTraps("x.yaml", node, []byte(tt.yaml))
			var lines []string
			for _, d := range got {
				lines = append(lines, d.String())
			}
			if strings.Join(lines, "\n") != tt.want {
				t.Errorf("got  %q\nwant %q", strings.Join(lines, "\n"), tt.want)
			}
		})
	}
}
