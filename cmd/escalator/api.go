package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"

	"github.com/escalator-dev/escalator/api"
	"github.com/escalator-dev/escalator/diag"
)

func init() {
	commands = append(commands, &command{
		name:    "api",
		args:    "[playbook-dir]",
		summary: "answer routing questions over HTTP, for bots and integrations",
		help: `
API loads the playbook once and answers routing questions over HTTP until stopped,
loading the playbook again when its files change (while they have errors, it keeps
answering from the last good load). Each answer is the decision of 'escalator route
--json', in the same versioned shape:

  curl -s localhost:8081/route -d '{"facts": {"domain": "payments", "severity": "sev1"}}'
  curl -s 'localhost:8081/route?domain=payments&severity=sev1&at=2026-03-01T03:00:00Z'
  curl -s localhost:8081/status

A request whose facts are unknown, malformed or missing gets status 400 and
{"errors": [{"fact", "message", "hint"}]}. Like serve, it listens on the loopback
address and answers only requests to this machine's own names (or the host given to
--addr), and refuses requests that browsers mark as coming from another site.`,
		flags: func(fs *flag.FlagSet) func(*env, []string) int {
			addr := fs.String("addr", "127.0.0.1:8081", "`address` to listen on (port 0 for any free one)")
			return func(e *env, args []string) int {
				dir, rest := splitDir(args)
				if len(rest) > 0 {
					e.errorf("api: unexpected arguments %q (api takes one playbook folder)", rest)
					return exitUsage
				}
				srv, err := api.New(api.Options{Dir: dir, Log: e.stderr, Warn: e.stderr})
				if l, ok := err.(diag.List); ok {
					e.report(l)
					e.errorf("api: the playbook has errors; run `escalator check %s`", dir)
					return exitInvalid
				}
				ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
				defer stop()
				err = srv.Run(ctx, *addr, func(a net.Addr) {
					fmt.Fprintf(e.stdout, "answering routing questions for %s at http://%s/route (Ctrl-C to stop)\n", diag.Printable(dir), a)
				})
				if err != nil {
					e.errorf("api: %v", err)
					return exitUsage
				}
				return exitOK
			}
		},
	})
}
