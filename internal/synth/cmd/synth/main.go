// Command synth writes a synthetic playbook, for measuring the escalator command on
// large input: `go run ./internal/synth/cmd/synth -size large /tmp/large`.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/escalator-dev/escalator/internal/synth"
)

func main() {
	size := flag.String("size", "large", "preset: small, medium or large")
	seed := flag.Int64("seed", 1, "random seed")
	runbooks := flag.Int("runbooks", 0, "runbooks, instead of the preset's (teams grow with them: one per 20)")
	routes := flag.Int("routes", 0, "routing rules, instead of the preset's")
	noSchedules := flag.Bool("no-schedules", false, "leave out the teams' on-call schedules")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: synth [-size small|medium|large] [-seed N] [-runbooks N] [-routes N] [-no-schedules] DIR")
		os.Exit(2)
	}
	var c synth.Config
	switch *size {
	case "small":
		c = synth.Small()
	case "medium":
		c = synth.Medium()
	case "large":
		c = synth.Large()
	default:
		fmt.Fprintf(os.Stderr, "synth: unknown size %q\n", *size)
		os.Exit(2)
	}
	c.Seed = *seed
	if *runbooks > 0 {
		c.Runbooks, c.Teams = *runbooks, max(10, *runbooks/20)
	}
	if *routes > 0 {
		c.Routes = *routes
	}
	c.NoSchedules = *noSchedules
	if err := synth.Write(flag.Arg(0), c); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
}
