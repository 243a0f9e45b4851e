// Command escalator checks incident-escalation playbooks, routes cases with them and
// builds their site. Run `escalator help` for the commands.
package main

import (
	"os"
	"runtime/debug"
	"slices"
)

func main() {
	if len(os.Args) > 1 {
		switch cmd := os.Args[1]; {
		case slices.Contains([]string{"check", "route", "export", "diff", "review", "codeowners"}, cmd):
			lessGC()
		case cmd == "build":
			buildMemory()
		}
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// buildBudget is a build's memory budget before the playbook is read: the search index
// of a large playbook is made from every page's text at once, and the collector's usual
// headroom on top of that would double the peak.
const buildBudget = 450 << 20

// buildMemory sets the budget and maps most of it at once, in huge pages (see
// hugeHeap). GOMEMLIMIT in the environment takes precedence.
func buildMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(buildBudget)
		hugeHeap(buildBudget - 50<<20) // the rest is the runtime's own, stacks and code
	}
}

// sizeMemory raises the budget to what a playbook of n bytes needs: a build holds
// about six to seven times its input live at the end (schedules' timelines, history,
// drills and print packs came on top of the five it was), and a budget under or just
// over the live heap makes the collector run without pause. At 6x the 10,000-runbook
// build ran 49 collections and 13.96 s of CPU against 11.90 s at 10x (peak 607 MB
// against 861 MB); 30,000 runbooks under the old fixed budget took 2x the CPU.
func sizeMemory(n int64) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(max(buildBudget, 10*n))
	}
}

// lessGC collects garbage less often in commands that load the playbook and exit: a
// load allocates in one burst, and a fresh process collecting at every doubling of a
// small heap spends a fifth of the load's CPU on it. The soft limit keeps the peak
// far below a build's. GOGC and GOMEMLIMIT in the environment take precedence.
func lessGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(256 << 20)
	}
}
