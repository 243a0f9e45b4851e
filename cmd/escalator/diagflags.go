package main

import (
	"io"
	"os"
	"slices"
	"strconv"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/matrix"
)

// strictFlag is check's --strict: alone it fails on every warning, and with codes
// (--strict=review-overdue,shadowed-rule) on the warnings of those codes only.
type strictFlag struct {
	all   bool
	codes []diag.Code
}

func (f *strictFlag) IsBoolFlag() bool { return true }

func (f *strictFlag) String() string {
	if f == nil || f.all {
		return ""
	}
	return joinCodes(f.codes)
}

func (f *strictFlag) Set(s string) error {
	if b, err := strconv.ParseBool(s); err == nil {
		f.all, f.codes = b, nil
		return nil
	}
	codes, err := diag.ParseCodes(s)
	if err != nil {
		return err
	}
	f.all, f.codes = false, append(f.codes, codes...)
	return nil
}

// fails reports whether l has a warning the flag makes fail.
func (f *strictFlag) fails(l diag.List) bool {
	if f.all {
		return l.Warnings() > 0
	}
	return slices.ContainsFunc(l, func(d diag.Diagnostic) bool {
		return d.Severity == diag.Warning && slices.Contains(f.codes, d.Code)
	})
}

// codesFlag is a repeatable flag of comma-separated codes, such as --ignore.
type codesFlag []diag.Code

func (f *codesFlag) String() string { return joinCodes(*f) }

func (f *codesFlag) Set(s string) error {
	codes, err := diag.ParseCodes(s)
	if err != nil {
		return err
	}
	*f = append(*f, codes...)
	return nil
}

func joinCodes(codes []diag.Code) string {
	s := ""
	for i, c := range codes {
		if i > 0 {
			s += ","
		}
		s += string(c)
	}
	return s
}

// sourceFlag is --source: show each diagnostic's source line under it. Unset, it is
// on when diagnostics go to a terminal.
type sourceFlag struct{ set, on bool }

func (f *sourceFlag) IsBoolFlag() bool { return true }

func (f *sourceFlag) String() string {
	if f == nil || !f.set {
		return ""
	}
	return strconv.FormatBool(f.on)
}

func (f *sourceFlag) Set(s string) error {
	b, err := strconv.ParseBool(s)
	f.set, f.on = true, b
	return err
}

// report prints diagnostics as text to stderr, with their source lines when stderr is
// a terminal.
func (e *env) report(l diag.List) {
	e.reportText(e.stderr, l, isTerminal(e.stderr))
}

// reportText prints l as text to w, with source lines if source is set.
func (e *env) reportText(w io.Writer, l diag.List, source bool) error {
	var src diag.Source
	if source {
		src = diag.Files(matrix.MaxFileSize)
	}
	return diag.WriteText(w, l, src)
}

// isTerminal reports whether w is a terminal (a character device), as a person reads.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
