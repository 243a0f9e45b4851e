package diag

import (
	"bytes"
	"strings"
	"testing"
)

func TestPrintable(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain text stays", "payments-eng: Amara Okafor ☎", "payments-eng: Amara Okafor ☎"},
		{"a tab stays", "a\tb", "a\tb"},
		{"newlines are escaped", "x\n::error::pwned", `x\n::error::pwned`},
		{"a carriage return", "ok\rfake", `ok\rfake`},
		{"NUL and ESC", "a\x00b\x1b[31m", `a\x00b\x1b[31m`},
		{"DEL and a C1 control", "a\x7fb\u009bc", `a\x7fb\x9bc`},
		{"separators and a byte-order mark", "a\u2028b\u2029c\ufeff", `a\u2028b\u2029c\ufeff`},
		{"marks that reorder text", "abc\u202edcba\u2066", `abc\u202edcba\u2066`},
	}
	for _, tt := range tests {
		if got := Printable(tt.in); got != tt.want {
			t.Errorf("%s: Printable(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

// Whatever a diagnostic holds, each output format gives one line per diagnostic, and
// in GitHub's only the annotations begin with "::".
func TestDiagnosticsStayOnTheirLines(t *testing.T) {
	evil := "x\n::error file=fake::pwned\r\x1b[2J\u2028"
	l := List{{File: "runbooks/" + evil + ".md", Line: 3, Col: 1, Message: "unknown team " + evil, Suggestion: evil}}
	for _, f := range []Format{Text, GitHub} {
		var b bytes.Buffer
		if err := Write(&b, f, l); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if strings.Count(out, "\n") != 1 || strings.ContainsAny(out, "\r\x1b\u2028") {
			t.Errorf("%s: %q is not one clean line", f, out)
		}
	}
	var b bytes.Buffer
	PrintableWriter(&b).Write([]byte("Owner  " + evil + "\nNotify x\n"))
	if got := b.String(); strings.Count(got, "\n") != 3 || strings.ContainsAny(got, "\r\x1b\u2028") {
		t.Errorf("PrintableWriter: %q", got)
	}
}
