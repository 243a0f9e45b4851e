package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/matrix"
)

func didYouMean(s string, candidates []string) string {
	if h := diag.DidYouMean(s, candidates); h != "" {
		return " (" + h + ")"
	}
	return ""
}

func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "devel"
}

// splitDir takes the playbook folder from the positional arguments: the first one,
// unless it looks like a fact (`domain=payments`). It defaults to "content", or to the
// current folder when that is a playbook and has no content folder.
func splitDir(args []string) (string, []string) {
	if len(args) > 0 && !strings.Contains(args[0], "=") {
		return args[0], args[1:]
	}
	if _, err := os.Stat("content"); err != nil {
		if _, err := os.Stat("playbook.yaml"); err == nil {
			return ".", args
		}
	}
	return "content", args
}

// countDiags says how many errors and warnings there are: "1 error, 0 warnings".
func countDiags(l diag.List) string {
	n := func(k int, one, many string) string {
		if k == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %s", k, many)
	}
	return n(l.Errors(), "error", "errors") + ", " + n(l.Warnings(), "warning", "warnings")
}

// asOf is the instant an --as-of date names, or now when it is empty; ok is false,
// with the error printed, when it names none.
func (e *env) asOf(cmd, value string) (t time.Time, ok bool) {
	if value == "" {
		return time.Now(), true
	}
	if t, ok = matrix.ParseInstant(value, time.UTC); !ok {
		e.errorf("%s: cannot read --as-of %q (use a date such as 2027-01-31)", cmd, value)
	}
	return t, ok
}
