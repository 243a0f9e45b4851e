package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"text/template"
)

// themeExecError names a theme override in a template execution error: when err is
// text/template's ExecError at NAME:LINE:COL and the playbook's theme (override, its
// theme/ folder) has templates/NAME, the error reads
// "theme/templates/NAME:LINE:COL: what went wrong". Any other error is returned as it is.
func themeExecError(err error, override fs.FS) error {
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
	name, _, ok := strings.Cut(loc, ":")
	if !ok || strings.ContainsAny(name, "/\\") {
		return err
	}
	if _, serr := fs.Stat(override, "templates/"+name); serr != nil {
		return err
	}
	return fmt.Errorf("theme/templates/%s: %s", loc, rest)
}
