package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/escalator-dev/escalator/diag"
)

// Exit codes: the playbook is fine, the playbook has errors, the command was misused.
const (
	exitOK      = 0
	exitInvalid = 1
	exitUsage   = 2
)

// command is one subcommand. run gets the flag set already parsed and the positional
// arguments, and returns an exit code.
type command struct {
	name    string
	args    string // positional arguments, for the usage line
	summary string
	help    string
	flags   func(fs *flag.FlagSet) func(env *env, args []string) int
}

// env is what a command writes to.
type env struct {
	stdout, stderr io.Writer
}

// errorf prints a message; text in it from the command line or the playbook is made
// printable, so that it stays on its line (see diag.Printable).
func (e *env) errorf(format string, a ...any) {
	for i, x := range a {
		switch v := x.(type) {
		case string:
			a[i] = diag.Printable(v)
		case error:
			a[i] = diag.Printable(v.Error())
		case fmt.Stringer:
			a[i] = diag.Printable(v.String())
		}
	}
	fmt.Fprintf(e.stderr, "escalator: "+format+"\n", a...)
}

var commands []*command

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

func run(args []string, stdout, stderr io.Writer) int {
	e := &env{stdout, stderr}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			if c := lookup(rest[0]); c != nil {
				commandUsage(stdout, c, nil)
				return exitOK
			}
			e.errorf("unknown command %q", rest[0])
			return exitUsage
		}
		usage(stdout)
		return exitOK
	case "version", "--version":
		fmt.Fprintln(stdout, "escalator", version())
		return exitOK
	}
	c := lookup(name)
	if c == nil {
		names := make([]string, len(commands))
		for i, c := range commands {
			names[i] = c.name
		}
		e.errorf("unknown command %q%s\nRun 'escalator help' for the list of commands.", name, didYouMean(name, names))
		return exitUsage
	}
	fs := flag.NewFlagSet("escalator "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	runFn := c.flags(fs)
	pos, err := parseInterspersed(fs, rest)
	if errors.Is(err, flag.ErrHelp) {
		commandUsage(stdout, c, fs)
		return exitOK
	}
	if err != nil {
		e.errorf("%s: %v\nRun 'escalator help %s' for usage.", c.name, err, c.name)
		return exitUsage
	}
	return runFn(e, pos)
}

// parseInterspersed parses flags that come before, between or after positional
// arguments, as people type them; `--` ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `Escalator checks incident-escalation playbooks, answers routing questions and
builds the playbook's site.

Usage:
  escalator <command> [flags] [playbook-dir] [args]

The playbook folder defaults to "content". Commands:
`)
	width := 8
	for _, c := range commands {
		width = max(width, len(c.name))
	}
	for _, c := range commands {
		fmt.Fprintf(w, "  %-*s %s\n", width, c.name, c.summary)
	}
	fmt.Fprint(w, `
Run 'escalator help <command>' for a command's flags.
Exit codes: 0 ok, 1 the playbook has errors, 2 misuse.
`)
}

func commandUsage(w io.Writer, c *command, fs *flag.FlagSet) {
	if fs == nil {
		fs = flag.NewFlagSet(c.name, flag.ContinueOnError)
		c.flags(fs)
	}
	fmt.Fprintf(w, "Usage: escalator %s [flags] %s\n\n%s\n", c.name, c.args, strings.TrimSpace(c.help))
	hasFlags := false
	fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags {
		fmt.Fprint(w, "\nFlags:\n")
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
}
