package browser

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// AxePath is where .ci/run installs axe-core, relative to the module root.
const AxePath = ".cache/npm/node_modules/axe-core/axe.min.js"

// AxeVersion is the version of axe-core that .ci/run installs (AXE_VERSION
// there).
const AxeVersion = "4.14.1"

// axeTags are the axe-core rule tags that [Tab.Axe] runs: WCAG 2 levels A
// and AA.
var axeTags = []string{"wcag2a", "wcag2aa"}

// axeSources caches the file of axe-core by path.
var axeSources sync.Map

// findAxe returns the file of axe-core: the one that ESCALATOR_AXE names, or
// AxePath under the module root, the nearest folder up from the working
// directory that has a go.mod.
func findAxe() (string, error) {
	if p := os.Getenv("ESCALATOR_AXE"); p != "" {
		return p, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, filepath.FromSlash(AxePath)), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod in the working directory or above it")
		}
		dir = parent
	}
}

func loadAxe() (string, error) {
	path, err := findAxe()
	if err != nil {
		return "", fmt.Errorf("axe-core not found: %w", err)
	}
	if js, ok := axeSources.Load(path); ok {
		return js.(string), nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("axe-core not found: %w (install it at the module root with: npm install --no-save --prefix .cache/npm axe-core@%s)", err, AxeVersion)
	}
	axeSources.Store(path, string(b))
	return string(b), nil
}

// AxeInstalled reports whether axe-core is there for [Tab.Axe], for a test that
// checks more than accessibility and goes on without it.
func AxeInstalled() bool {
	_, err := loadAxe()
	return err == nil
}

// axeRun runs axe on the document and describes each violation.
const axeRun = `axe.run(document, {
	runOnly: {type: "tag", values: %s},
	resultTypes: ["violations"],
}).then(r => r.violations.map(v => {
	const targets = v.nodes.slice(0, 10).map(n => n.target.join(" "));
	if (v.nodes.length > 10) targets.push("...");
	const count = v.nodes.length === 1 ? "1 node" : v.nodes.length + " nodes";
	return v.id + ": " + v.help + " (" + count + ": " + targets.join(", ") + ")";
}))`

// Axe checks the page with axe-core against WCAG 2 A and AA, and returns
// the violations as "rule: help (n nodes: selectors)". axe-core is put into
// the page through the DevTools protocol, not a script element, so the
// page's Content-Security-Policy neither blocks it nor reports it. When
// axe-core is not installed, Axe fails the test if CI is set, and skips it
// otherwise.
func (t *Tab) Axe(tb testing.TB) []string {
	tb.Helper()
	src, err := loadAxe()
	if err != nil {
		unavailable(tb, "%v", err)
	}
	var loaded bool
	if err := t.Eval(`typeof axe === "object" && typeof axe.run === "function"`, &loaded); err != nil {
		tb.Fatalf("axe: %v", err)
	}
	if !loaded {
		if err := t.Eval(src, nil); err != nil {
			tb.Fatalf("axe: loading axe-core: %v", err)
		}
	}
	tags, _ := json.Marshal(axeTags)
	var violations []string
	if err := t.eval(openTimeout, fmt.Sprintf(axeRun, tags), &violations); err != nil {
		tb.Fatalf("axe: %v", err)
	}
	return violations
}
