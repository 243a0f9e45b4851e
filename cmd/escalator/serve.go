package main

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"

	"github.com/escalator-dev/escalator/generator"
	"github.com/escalator-dev/escalator/generator/serve"
)

func init() {
	commands = append(commands, &command{
		name:    "serve",
		args:    "[playbook-dir]",
		summary: "preview the site, rebuilding it as the playbook is edited",
		help: `
Serve builds the site into memory and serves it over HTTP, by default on the loopback
address only. It answers only requests for localhost, a loopback address or the
--addr host, against DNS rebinding, and warns when --addr makes the preview reachable
from the network. It watches the playbook and its theme/ folder: every save rebuilds what
changed and reloads the pages open in a browser, keeping their scroll position. When
the playbook has errors, the last good site stays up, the errors are printed here and
shown over the open pages, and they go away by themselves once the files are fixed.
Sites written by 'escalator build' carry no reload script. Ctrl-C stops the server.`,
		flags: func(fs *flag.FlagSet) func(*env, []string) int {
			addr := fs.String("addr", "127.0.0.1:8080", "`host:port` to listen on (port 0 picks a free one)")
			open := fs.Bool("open", false, "open the site in the default browser")
			baseURL := fs.String("base-url", "", "`URL` the site is published at (printouts get a QR code to the live page)")
			redact := fs.Bool("redact-contacts", false, "leave personal phone numbers and e-mail addresses out")
			return func(e *env, args []string) int {
				dir, rest := splitDir(args)
				if len(rest) > 0 {
					e.errorf("serve: unexpected arguments %q (serve takes one playbook folder)", rest)
					return exitUsage
				}
				if info, err := os.Stat(dir); err != nil || !info.IsDir() {
					e.errorf("serve: %s is not a playbook folder (name one, or create one with `escalator init DIR`)", dir)
					return exitUsage
				}
				ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
				defer stop()
				opt := serve.Options{Dir: dir, Log: e.stdout, Warn: e.stderr, Build: generator.Options{
					BaseURL: *baseURL, RedactContacts: *redact, Revision: generator.Revision(dir),
				}}
				var ready func(string)
				if *open {
					ready = func(url string) {
						if err := openBrowser(url); err != nil {
							e.errorf("serve: cannot open a browser (%v); open %s yourself", err, url)
						}
					}
				}
				if err := serve.Run(ctx, *addr, opt, ready); err != nil {
					e.errorf("serve: %v", err)
					return exitInvalid
				}
				return exitOK
			}
		},
	})
}

// openBrowser opens url in the desktop's default browser.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
