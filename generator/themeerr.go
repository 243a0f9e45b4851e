package generator

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"

	"github.com/escalator-dev/escalator/diag"
)

// themeExecError names a theme override in a template execution error: when err is
// text/template's ExecError at NAME:LINE:COL and the playbook's theme (override, its
// folder themeDir) has templates/NAME, it returns that one diagnostic, at the
// override's file, line and column. Pages that fail alike give the same diagnostic,
// which the build reports once. Any other error is returned as it is.
func themeExecError(err error, override fs.FS, themeDir string) error {
	var ee template.ExecError
	if override == nil || !errors.As(err, &ee) {
		return err
	}
	// The message is "template: NAME:LINE:COL: what went wrong".
	msg := strings.TrimPrefix(ee.Err.Error(), "template: ")
	loc, rest, ok := strings.Cut(msg, ": ")
	if !ok {
		return err
	}
	parts := strings.Split(loc, ":")
	if len(parts) != 3 || strings.ContainsAny(parts[0], "/\\") {
		return err
	}
	line, lerr := strconv.Atoi(parts[1])
	col, cerr := strconv.Atoi(parts[2])
	if lerr != nil || cerr != nil {
		return err
	}
	if _, serr := fs.Stat(override, "templates/"+parts[0]); serr != nil {
		return err
	}
	return diag.List{{
		File: filepath.Join(themeDir, "templates", parts[0]), Line: line, Col: col, Severity: diag.Error, Code: diag.ThemeError,
		Message:    rest,
		Suggestion: "fix the override, or remove it to use the built-in template",
	}}
}
