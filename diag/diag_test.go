package diag

import (
	"bytes"
	"strings"
	"testing"
)

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"payments", "paymnts", 1},
		{"payments", "pyaments", 1}, // a transposition is one edit
		{"sev1", "sev2", 1},
		{"kitten", "sitting", 3},
		{"équipe", "equipe", 1}, // runes, not bytes
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	teams := []string{"payments", "identity", "sre", "security"}
	tests := []struct {
		in, want string
	}{
		{"paymnts", `did you mean "payments"?`},
		{"secruity", `did you mean "security"?`},
		{"sr", `did you mean "sre"?`},
		{"marketing", ""}, // nothing close: no guess
		{"payments", ""},  // an exact match is not a suggestion
		{"x", ""},
	}
	for _, tt := range tests {
		if got := DidYouMean(tt.in, teams); got != tt.want {
			t.Errorf("DidYouMean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWrite(t *testing.T) {
	l := List{
		{File: "b.yaml", Line: 2, Col: 1, Severity: Warning, Message: "late"},
		{File: "a.yaml", Line: 10, Col: 3, Severity: Error, Code: UnknownTeam, Message: `unknown team "x"`, Suggestion: `did you mean "y"?`,
			Notes: []Note{{File: "t/y.yaml", Line: 1, Col: 5, Message: "team y: 100%"}}},
		{File: "a.yaml", Line: 9, Col: 1, Severity: Error, Message: "two\nlines: 100%"},
		{File: "a.yaml", Line: 9, Col: 1, Severity: Error, Message: "two\nlines: 100%"},
	}
	l = l.Compact()
	tests := []struct {
		f    Format
		want string
	}{
		{Text, "a.yaml:9:1: error: two\\nlines: 100%\n" + // one line, whatever the text
			"a.yaml:10:3: error[unknown-team]: unknown team \"x\" (did you mean \"y\"?)\n" +
			"t/y.yaml:1:5: note: team y: 100%\n" +
			"b.yaml:2:1: warning: late\n"},
		{GitHub, "::error file=a.yaml,line=9,col=1,title=escalator::two%0Alines: 100%25\n" +
			"::error file=a.yaml,line=10,col=3,title=unknown-team::unknown team \"x\" (did you mean \"y\"?)%0Anote: team y: 100%25 (t/y.yaml:1:5)\n" +
			"::warning file=b.yaml,line=2,col=1,title=escalator::late\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := Write(&b, tt.f, l); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.want {
			t.Errorf("%s:\ngot  %q\nwant %q", tt.f, b.String(), tt.want)
		}
	}
	var b bytes.Buffer
	Write(&b, JSON, l[1:2])
	if want := `{
  "diagnostics": [
    {
      "file": "a.yaml",
      "line": 10,
      "col": 3,
      "severity": "error",
      "code": "unknown-team",
      "message": "unknown team \"x\"",
      "suggestion": "did you mean \"y\"?",
      "notes": [
        {
          "file": "t/y.yaml",
          "line": 1,
          "col": 5,
          "message": "team y: 100%"
        }
      ]
    }
  ],
  "errors": 1,
  "warnings": 0
}
`; b.String() != want {
		t.Errorf("JSON = %s", b.String())
	}
	b.Reset()
	Write(&b, JSON, nil)
	if want := "{\n  \"diagnostics\": [],\n  \"errors\": 0,\n  \"warnings\": 0\n}\n"; b.String() != want {
		t.Errorf("empty JSON = %q", b.String())
	}
	// A notice informs: GitHub shows it on the line, and it counts as neither.
	b.Reset()
	n := List{{File: "m.yaml", Line: 4, Col: 5, Severity: Notice, Message: "payments x sev2: owner: a -> b"}}
	Write(&b, GitHub, n)
	if want := "::notice file=m.yaml,line=4,col=5,title=escalator::payments x sev2: owner: a -> b\n"; b.String() != want || n.Errors()+n.Warnings() != 0 {
		t.Errorf("notice: %q, %d errors, %d warnings", b.String(), n.Errors(), n.Warnings())
	}
	if l.Errors() != 2 || l.Warnings() != 1 || !l.HasErrors() {
		t.Errorf("counts: %d errors, %d warnings", l.Errors(), l.Warnings())
	}
}

func TestStringWithoutPosition(t *testing.T) {
	tests := []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{File: "pb/playbook.yaml", Message: "missing playbook.yaml"}, "pb/playbook.yaml: error: missing playbook.yaml"},
		{Diagnostic{File: "a.yaml", Line: 3, Message: "m"}, "a.yaml:3: error: m"},
		{Diagnostic{Message: "m", Severity: Warning}, "warning: m"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestLimit(t *testing.T) {
	var l List
	for i := 1; i <= 5; i++ {
		l = append(l, Diagnostic{File: "a.yaml", Line: i, Col: 1, Severity: Warning, Message: "w"})
	}
	l = append(l, Diagnostic{File: "a.yaml", Line: 6, Col: 3, Severity: Error, Message: "e"})
	l = append(l, Diagnostic{File: "b.yaml", Line: 1, Col: 1, Severity: Error, Message: "e"})
	got := l.Limit(3)
	var lines []string
	for _, d := range got {
		lines = append(lines, d.String())
	}
	want := []string{
		"a.yaml:1:1: warning: w",
		"a.yaml:2:1: warning: w",
		"a.yaml:3:1: warning: w",
		"a.yaml:4:1: error[more-problems]: ... and 3 more problems in this file (fix the problems above and check again to see the rest)",
		"b.yaml:1:1: error: e",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(lines, "\n\t"), strings.Join(want, "\n\t"))
	}
	// The counts still say how many problems there are.
	if got.Errors() != 2 || got.Warnings() != 5 || !got.HasErrors() {
		t.Errorf("%d errors, %d warnings; want 2 and 5", got.Errors(), got.Warnings())
	}
	if again := got.Limit(3); len(again) != len(got) || again.Errors() != 2 || again.Warnings() != 5 {
		t.Errorf("limiting twice changed the list: %v", again)
	}
	if n := len(l.Limit(100)); n != len(l) {
		t.Errorf("under the limit, %d of %d kept", n, len(l))
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 49900: "49,900", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
