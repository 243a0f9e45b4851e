package playbookdiff

import (
	"fmt"
	"strings"

	"github.com/escalator-dev/escalator/matrix"
)

// testName is how a routing test is known across versions: its name, else its place.
func testName(t *matrix.Test, i int) string {
	if t.Name != "" {
		return t.Name
	}
	return fmt.Sprintf("test %d", i+1)
}

func outcome(r matrix.TestResult) string {
	if len(r.Failures) == 0 {
		return "passes"
	}
	return "fails: " + strings.Join(r.Failures, "; ")
}

// tests lists the routing tests added, removed, or whose outcome changes: new's in
// order, then those only old has.
func tests(old, new *matrix.Playbook) []TestChange {
	type res struct {
		outcome string
		pos     matrix.Pos
	}
	run := func(p *matrix.Playbook) (map[string]res, []string) {
		m := map[string]res{}
		var names []string
		for i, r := range p.RunTests() {
			n := testName(r.Test, i)
			if _, dup := m[n]; dup {
				continue // a repeated name: the first one counts
			}
			m[n] = res{outcome(r), r.Test.Pos}
			names = append(names, n)
		}
		return m, names
	}
	o, onames := run(old)
	n, nnames := run(new)
	out := []TestChange{}
	for _, name := range nnames {
		nr := n[name]
		or, ok := o[name]
		switch {
		case !ok:
			out = append(out, TestChange{Name: name, Change: "added", New: nr.outcome, Where: at(new.MatrixFile, nr.pos)})
		case or.outcome != nr.outcome:
			out = append(out, TestChange{Name: name, Change: "outcome", Old: or.outcome, New: nr.outcome, Where: at(new.MatrixFile, nr.pos)})
		}
	}
	for _, name := range onames {
		if _, ok := n[name]; !ok {
			out = append(out, TestChange{Name: name, Change: "removed", Old: o[name].outcome, Where: Where{File: old.MatrixFile}})
		}
	}
	return out
}
