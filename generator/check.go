package generator

import (
	"errors"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/generator/markdown"
)

// CheckBody reports a Markdown body that a build would refuse as too complex to render,
// at its file and line, without rendering it: matrix.Options.CheckBody for `check`.
func CheckBody(file string, body []byte, line int) diag.List {
	return complexDiag(file, line, markdown.Check(body))
}

// complexDiag is the diagnostic of a *markdown.ComplexError from a body starting at
// line of file, or nil when err is none.
func complexDiag(file string, line int, err error) diag.List {
	var ce *markdown.ComplexError
	if !errors.As(err, &ce) {
		return nil
	}
	return diag.List{{File: file, Line: line + ce.Line - 1, Severity: diag.Error, Code: diag.TooComplex,
		Message: "too complex to render: " + ce.Construct, Suggestion: ce.Hint}}
}
