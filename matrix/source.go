package matrix

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/internal/blockyaml"
	"go.yaml.in/yaml/v3"
)

// MaxFileSize bounds every playbook file: a playbook is written by people, so anything
// larger is a mistake (a log or a binary dropped in the folder), not content.
const MaxFileSize = 4 << 20

// checkText rejects input that is not a text file a person wrote, with the position of
// the first offending byte.
func checkText(file string, data []byte) *diag.Diagnostic {
	errAt := func(code diag.Code, line, col int, msg, hint string) *diag.Diagnostic {
		return &diag.Diagnostic{File: file, Line: line, Col: col, Severity: diag.Error, Code: code, Message: msg, Suggestion: hint}
	}
	if len(data) > MaxFileSize {
		return errAt(diag.FileTooLarge, 0, 0, fmt.Sprintf("file is too large (over the limit of %d MiB)", MaxFileSize>>20),
			"split it into several documents, or move it out of the playbook folder")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return errAt(diag.EmptyFile, 1, 1, "empty file", "write the document, or delete the file")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := lineCol(data, i)
		return errAt(diag.BinaryFile, line, col, "binary data (a NUL byte) in a text file", "playbook files are UTF-8 text; move binaries out of the playbook folder")
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			i += size
		}
		line, col := lineCol(data, i)
		return errAt(diag.InvalidUTF8, line, col, fmt.Sprintf("invalid UTF-8 (byte 0x%02x)", data[i]), "save the file as UTF-8")
	}
	return nil
}

// lineCol converts a byte offset to a 1-based line and a 1-based column in runes.
func lineCol(data []byte, off int) (int, int) {
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return line, 1 + utf8.RuneCount(data[start:off])
}

// closesFrontMatter reports whether the line l, its line break included or not, is
// `---` or `...`, which end a front matter.
func closesFrontMatter(l []byte) bool {
	t := trimLineEnd(l)
	return string(t) == "---" || string(t) == "..."
}

// trimLineEnd drops the spaces, tabs and line-break bytes that end l. bytes.TrimRight
// with such a cutset builds its set on every call, and this runs on every line of every
// front matter.
func trimLineEnd(l []byte) []byte {
	for len(l) > 0 {
		switch l[len(l)-1] {
		case ' ', '\t', '\r', '\n':
			l = l[:len(l)-1]
		default:
			return l
		}
	}
	return l
}

// frontMatter splits a Markdown document into its front matter and body. The front
// matter starts on line 1 with `---` and ends at the next `---` line; fmLine is the line
// of its first YAML line and bodyLine that of the body's first line.
func frontMatter(file string, data []byte) (fm []byte, body []byte, bodyLine int, d *diag.Diagnostic) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	if string(trimLineEnd(first)) != "---" {
		return nil, nil, 0, &diag.Diagnostic{File: file, Line: 1, Col: 1, Severity: diag.Error, Code: diag.MissingFrontMatter,
			Message:    "missing front matter",
			Suggestion: "start the file with a line `---`, the YAML fields, and another line `---`"}
	}
	off, line := 0, 2
	for off <= len(rest) {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		if end < 0 {
			l = rest[off:]
		} else {
			l = rest[off : off+end]
		}
		if closesFrontMatter(l) {
			fm = rest[:off]
			if end < 0 {
				return fm, nil, line + 1, nil
			}
			return fm, rest[off+end+1:], line + 1, nil
		}
		if end < 0 {
			break
		}
		off += end + 1
		line++
	}
	return nil, nil, 0, &diag.Diagnostic{File: file, Line: 1, Col: 1, Severity: diag.Error, Code: diag.MissingFrontMatter,
		Message:    "unterminated front matter: no closing `---` line",
		Suggestion: "end the front matter with a line `---` before the Markdown body"}
}

// parseYAML parses one YAML document. firstLine is the file line of data's first line,
// so node positions are file positions (front matter starts on line 2).
func parseYAML(file string, data []byte, firstLine int) (*yaml.Node, *diag.Diagnostic) {
	oneDoc := !hasDocSeparator(data)
	if oneDoc {
		// Most documents are plain block YAML, which blockyaml reads several times
		// faster; yaml.v3 reads the rest and reports the errors.
		if doc, ok := blockyaml.Parse(data, firstLine); ok {
			return doc, nil
		}
	}
	src := data
	if firstLine > 1 {
		src = append(bytes.Repeat([]byte("\n"), firstLine-1), data...)
	}
	var doc yaml.Node
	if oneDoc {
		// The common case: yaml.Unmarshal reads the bytes in place, where a Decoder
		// would copy them through a reader.
		if err := yaml.Unmarshal(src, &doc); err != nil {
			return nil, yamlError(file, src, err)
		}
	} else {
		dec := yaml.NewDecoder(bytes.NewReader(src))
		if err := dec.Decode(&doc); err != nil {
			if err == io.EOF {
				return nil, emptyDoc(file, firstLine)
			}
			return nil, yamlError(file, src, err)
		}
		var extra yaml.Node
		if err := dec.Decode(&extra); err != io.EOF {
			line := extra.Line
			if err != nil || line == 0 {
				line = firstLine
			}
			return nil, &diag.Diagnostic{File: file, Line: line, Col: 1, Severity: diag.Error, Code: diag.MultipleDocuments,
				Message:    "more than one YAML document in one file",
				Suggestion: "remove the `---` separator; each document goes in a file of its own"}
		}
	}
	if len(doc.Content) == 0 || (doc.Content[0].Kind == yaml.ScalarNode && doc.Content[0].Tag == "!!null") {
		return nil, emptyDoc(file, firstLine)
	}
	return &doc, nil
}

// openBracket returns the byte offset of the last bracket on line l left open, or -1.
// Brackets inside quotes do not count.
func openBracket(l string, open, close byte) int {
	var stack []int
	var quote byte
	for i := 0; i < len(l); i++ {
		switch c := l[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == open:
			stack = append(stack, i)
		case c == close && len(stack) > 0:
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) == 0 {
		return -1
	}
	return stack[len(stack)-1]
}

// hasDocSeparator reports whether a line starts or ends a YAML document, the only way
// one file can hold several.
func hasDocSeparator(data []byte) bool {
	for len(data) > 0 {
		if len(data) >= 3 && (string(data[:3]) == "---" || string(data[:3]) == "...") {
			if len(data) == 3 || data[3] == ' ' || data[3] == '\t' || data[3] == '\n' || data[3] == '\r' {
				return true
			}
		}
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			return false
		}
		data = data[i+1:]
	}
	return false
}

func emptyDoc(file string, line int) *diag.Diagnostic {
	return &diag.Diagnostic{File: file, Line: line, Col: 1, Severity: diag.Error, Code: diag.EmptyDocument,
		Message: "empty document", Suggestion: "write the document's fields, or delete the file"}
}

var yamlLineRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// yamlError turns a yaml.v3 syntax error into a diagnostic. yaml.v3 reports the line
// where the enclosing construct began, often far above the mistake, so the first prefix
// of the document that fails to parse locates it precisely.
func yamlError(file string, src []byte, err error) *diag.Diagnostic {
	msg := err.Error()
	line := 0
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		msg = m[2]
		line, _ = strconv.Atoi(m[1])
	}
	lines := strings.SplitAfter(string(src), "\n")
	// Only a prefix failing for the same reason counts: a prefix cut inside a
	// multi-line construct fails for a reason of its own. The mistake is at or after
	// the line yaml.v3 names; a budget keeps a huge broken file from costing seconds.
	first := max(line, 1)
	var prefix strings.Builder
	for _, l := range lines[:min(first-1, len(lines))] {
		prefix.WriteString(l)
	}
	budget := 1 << 20
	for i := first - 1; i < len(lines) && budget > 0; i++ {
		prefix.WriteString(lines[i])
		budget -= prefix.Len()
		var n yaml.Node
		if e := yaml.Unmarshal([]byte(prefix.String()), &n); e != nil && e.Error() == err.Error() {
			line = i + 1
			break
		}
	}
	isTab := strings.Contains(msg, "tab character") || strings.Contains(msg, "cannot start any token")
	col := 1
	if line >= 1 && line <= len(lines) {
		l := lines[line-1]
		indent := len(l) - len(strings.TrimLeft(l, " \t"))
		switch q := strings.IndexAny(l, `'"`); {
		case isTab && strings.Contains(l[:indent], "\t"):
			col = 1 + strings.IndexByte(l, '\t')
		case strings.Contains(msg, "expected ',' or ']'") && openBracket(l, '[', ']') >= 0:
			col = 1 + utf8.RuneCountInString(l[:openBracket(l, '[', ']')])
		case strings.Contains(msg, "expected ',' or '}'") && openBracket(l, '{', '}') >= 0:
			col = 1 + utf8.RuneCountInString(l[:openBracket(l, '{', '}')])
		case strings.Contains(msg, "end of stream") && q >= 0:
			col = 1 + utf8.RuneCountInString(l[:q]) // the quote left open
		default:
			col = 1 + indent
		}
		isTab = isTab && strings.Contains(l[:indent], "\t")
	}
	if line == 0 {
		line = 1
	}
	d := &diag.Diagnostic{File: file, Line: line, Col: col, Severity: diag.Error, Code: diag.InvalidYAML, Message: "invalid YAML: " + msg}
	switch {
	case isTab:
		d.Message = "invalid YAML: a tab character where YAML expects spaces"
		d.Suggestion = "indent with spaces, not tabs"
	case strings.Contains(msg, "mapping values are not allowed"):
		d.Suggestion = "check the indentation, or quote a value that contains \": \""
	case strings.Contains(msg, "expected ',' or '}'") || strings.Contains(msg, "expected ',' or ']'"):
		d.Suggestion = "close every bracket, and quote values inside {...} or [...] that contain ?, :, # or commas"
	case strings.Contains(msg, "end of stream"):
		d.Suggestion = "close the quote or bracket opened here"
	case strings.Contains(msg, "did not find expected"):
		d.Suggestion = "check the indentation and that every bracket and quote is closed"
	case strings.Contains(msg, "unknown anchor"):
		d.Suggestion = "define the anchor with &name before using *name"
	}
	return d
}
