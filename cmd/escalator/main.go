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
		case slices.Contains([]string{"check", "route", "export"}, cmd):
			lessGC()
		case cmd == "build":
			buildMemory()
		}
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// buildMemory keeps a build's memory under its budget of 500 MB: the search index of
// a large playbook is made from every page's text at once, and the collector's usual
// headroom on top of that would double it. Most of the budget is mapped at once, in
// huge pages (see hugeHeap). GOMEMLIMIT in the environment takes precedence.
func buildMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		const limit = 450 << 20
		debug.SetMemoryLimit(limit)
		hugeHeap(limit - 50<<20) // the rest is the runtime's own, stacks and code
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
