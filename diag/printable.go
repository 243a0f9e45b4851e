package diag

import (
	"fmt"
	"io"
	"strings"
)

// Printable returns s with every character that could act on a terminal or a CI log
// written as an escape: control characters (newlines, NUL, ESC and the rest), the C1
// controls, line and paragraph separators, a byte-order mark, and the marks that
// reorder text. Tabs stay. Text from
// a playbook (ids, names, file names) is printed through it, so that it can neither
// start a line of its own (a `::` workflow command in GitHub Actions) nor restyle the
// terminal.
func Printable(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case unsafeRune(r):
			if r < 0x100 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsEscape(s string) bool {
	for _, r := range s {
		if unsafeRune(r) {
			return true
		}
	}
	return false
}

func unsafeRune(r rune) bool {
	switch {
	case r < 0x20 && r != '\t', r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r == 0x2028, r == 0x2029, r == 0xfeff:
		return true
	case r >= 0x200e && r <= 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// PrintableWriter returns a writer that writes to w what Printable would, but keeps
// newlines: for a command's own multi-line text, such as a routing decision, whose
// values come from the playbook.
func PrintableWriter(w io.Writer) io.Writer { return printableWriter{w} }

type printableWriter struct{ w io.Writer }

func (p printableWriter) Write(b []byte) (int, error) {
	s := string(b)
	if !needsEscape(strings.ReplaceAll(s, "\n", "")) {
		return p.w.Write(b)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = Printable(l)
	}
	if _, err := io.WriteString(p.w, strings.Join(lines, "\n")); err != nil {
		return 0, err
	}
	return len(b), nil
}
