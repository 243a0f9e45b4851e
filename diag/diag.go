package diag

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Severity says whether a diagnostic fails a check (Error) or only advises (Warning);
// a Notice only informs, as `diff --format github` annotates the lines a change touches.
type Severity int

const (
	Error Severity = iota
	Warning
	Notice
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Notice:
		return "notice"
	}
	return "error"
}

// MarshalText makes severities read as words in JSON output.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Diagnostic is one problem in a playbook. Line and Col are 1-based; zero means the
// problem concerns the whole file (or, with File empty, the whole playbook).
type Diagnostic struct {
	File       string   `json:"file"`
	Line       int      `json:"line"`
	Col        int      `json:"col"`
	Severity   Severity `json:"severity"`
	Code       Code     `json:"code"`
	Message    string   `json:"message"`
	Suggestion string   `json:"suggestion,omitempty"`
	// Notes point at other places the problem involves: the first of two documents
	// with one id, the rule that shadows another.
	Notes []Note `json:"notes,omitempty"`

	// OmittedErrors and OmittedWarnings count, on the diagnostic Limit puts at the end of
	// a file's list, the diagnostics it stands for; Errors and Warnings include them.
	OmittedErrors   int `json:"-"`
	OmittedWarnings int `json:"-"`
}

// Note is a place a diagnostic involves besides its own, with what happens there.
type Note struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
}

// String formats n as `file:line:col: note: message`, as a compiler prints a note.
func (n Note) String() string {
	var b strings.Builder
	writePos(&b, n.File, n.Line, n.Col)
	b.WriteString("note: ")
	b.WriteString(Printable(n.Message))
	return b.String()
}

// where is n's position as text, `file:line:col`.
func (n Note) where() string {
	var b strings.Builder
	writePos(&b, n.File, n.Line, n.Col)
	return strings.TrimSuffix(b.String(), ": ")
}

// String formats d as `file:line:col: severity[code]: message (suggestion)`, on one
// line whatever its text holds (see Printable); notes are left out.
func (d Diagnostic) String() string {
	var b strings.Builder
	writePos(&b, d.File, d.Line, d.Col)
	b.WriteString(d.Severity.String())
	if d.Code != "" {
		b.WriteString("[")
		b.WriteString(string(d.Code))
		b.WriteString("]")
	}
	b.WriteString(": ")
	b.WriteString(Printable(d.Message))
	if d.Suggestion != "" {
		b.WriteString(" (")
		b.WriteString(Printable(d.Suggestion))
		b.WriteString(")")
	}
	return b.String()
}

func writePos(b *strings.Builder, file string, line, col int) {
	if file == "" {
		return
	}
	b.WriteString(Printable(file))
	if line > 0 {
		fmt.Fprintf(b, ":%d", line)
		if col > 0 {
			fmt.Fprintf(b, ":%d", col)
		}
	}
	b.WriteString(": ")
}

// List is a set of diagnostics. Its methods keep no state; callers append freely.
type List []Diagnostic

// Sort orders l by file, line, column, then message, so output diffs cleanly.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Message, b.Message),
			cmp.Compare(a.Code, b.Code),
		)
	})
}

// Compact sorts l and drops exact repeats (one cause found by two checks).
func (l List) Compact() List {
	l.Sort()
	return slices.CompactFunc(l, func(a, b Diagnostic) bool {
		return a.File == b.File && a.Line == b.Line && a.Col == b.Col && a.Severity == b.Severity &&
			a.Code == b.Code && a.Message == b.Message && a.Suggestion == b.Suggestion &&
			a.OmittedErrors == b.OmittedErrors && a.OmittedWarnings == b.OmittedWarnings &&
			slices.Equal(a.Notes, b.Notes)
	})
}

// Limit returns l, sorted as Sort leaves it, with at most n diagnostics a file: the rest
// of a file's are replaced by one at the first of them that says how many there are. A
// file with 50,000 unknown keys would otherwise print 50,000 lines nobody reads.
func (l List) Limit(n int) List {
	out := l[:0:0]
	for i := 0; i < len(l); {
		j := i
		for j < len(l) && l[j].File == l[i].File {
			j++
		}
		if j-i <= n {
			out = append(out, l[i:j]...)
			i = j
			continue
		}
		out = append(out, l[i:i+n]...)
		rest := l[i+n : j]
		more := rest[0]
		more.Severity, more.Code, more.Notes = Warning, MoreProblems, nil
		more.OmittedErrors, more.OmittedWarnings = 0, 0
		for _, d := range rest {
			switch {
			case d.OmittedErrors > 0 || d.OmittedWarnings > 0: // limited before
				more.OmittedErrors += d.OmittedErrors
				more.OmittedWarnings += d.OmittedWarnings
			case d.Severity == Error:
				more.OmittedErrors++
			default:
				more.OmittedWarnings++
			}
		}
		if more.OmittedErrors > 0 {
			more.Severity = Error
		}
		omitted := more.OmittedErrors + more.OmittedWarnings
		word := "problems"
		if omitted == 1 {
			word = "problem"
		}
		more.Message = fmt.Sprintf("... and %s more %s in this file", thousands(omitted), word)
		more.Suggestion = "fix the problems above and check again to see the rest"
		out = append(out, more)
		i = j
	}
	return out
}

// thousands writes n with commas between groups of three digits: 49,900.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Errors counts the diagnostics of severity Error, and those Limit left out.
func (l List) Errors() int {
	n := 0
	for _, d := range l {
		if d.Severity == Error && d.OmittedErrors == 0 && d.OmittedWarnings == 0 {
			n++
		}
		n += d.OmittedErrors
	}
	return n
}

// Warnings counts the diagnostics of severity Warning, and those Limit left out.
func (l List) Warnings() int {
	n := 0
	for _, d := range l {
		if d.Severity == Warning && d.OmittedErrors == 0 && d.OmittedWarnings == 0 {
			n++
		}
		n += d.OmittedWarnings
	}
	return n
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool { return l.Errors() > 0 }

// Error makes a List usable as an error: it lists every diagnostic, one a line, each
// followed by its notes.
func (l List) Error() string {
	var b strings.Builder
	WriteText(&b, l, nil)
	return strings.TrimSuffix(b.String(), "\n")
}

// Format names an output format for diagnostics.
type Format string

const (
	Text   Format = "text"
	JSON   Format = "json"
	GitHub Format = "github"
)

// ParseFormat accepts the names of the formats Write knows.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case Text, JSON, GitHub:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q (use text, json or github)", s)
}

// Write prints l to w in format f. Text is one diagnostic a line, then its notes; JSON is an object with
// the diagnostics and their counts; GitHub is workflow commands that annotate a pull
// request.
func Write(w io.Writer, f Format, l List) error {
	switch f {
	case JSON:
		out := struct {
			Diagnostics List `json:"diagnostics"`
			Errors      int  `json:"errors"`
			Warnings    int  `json:"warnings"`
		}{l, l.Errors(), l.Warnings()}
		if out.Diagnostics == nil {
			out.Diagnostics = List{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	case GitHub:
		for _, d := range l {
			if _, err := io.WriteString(w, githubLine(d)); err != nil {
				return err
			}
		}
		return nil
	default:
		return WriteText(w, l, nil)
	}
}

// githubLine formats d as a GitHub Actions workflow command.
func githubLine(d Diagnostic) string {
	var b strings.Builder
	b.WriteString("::")
	b.WriteString(d.Severity.String())
	var props []string
	if d.File != "" {
		props = append(props, "file="+Printable(escapeProperty(d.File)))
		if d.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Line))
		}
		if d.Col > 0 {
			props = append(props, fmt.Sprintf("col=%d", d.Col))
		}
	}
	title := "escalator"
	if d.Code != "" {
		title = string(d.Code)
	}
	props = append(props, "title="+escapeProperty(title))
	b.WriteString(" ")
	b.WriteString(strings.Join(props, ","))
	b.WriteString("::")
	msg := d.Message
	if d.Suggestion != "" {
		msg += " (" + d.Suggestion + ")"
	}
	for _, n := range d.Notes {
		msg += "\nnote: " + n.Message
		if n.File != "" {
			msg += " (" + n.where() + ")"
		}
	}
	b.WriteString(Printable(escapeData(msg)))
	b.WriteString("\n")
	return b.String()
}

// escapeData and escapeProperty follow the escaping rules of the workflow-command
// toolkit, so a message with a newline or colon stays one annotation.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
