package main

import (
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"escalator": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the CLI scenarios in testdata/script. Each works in its own folder,
// most on a fresh copy of the sample playbook made with `escalator init`.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"replace": replace, "freeport": freeport, "httpwait": httpwait, "httphost": httphost,
			"mkfifo": mkfifo,
		},
	})
}

// replace FILE OLD NEW replaces the first OLD in FILE with NEW; \n in either is a newline.
func replace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	file := ts.MkAbs(args[0])
	data, err := os.ReadFile(file)
	ts.Check(err)
	old, repl := strings.ReplaceAll(args[1], `\n`, "\n"), strings.ReplaceAll(args[2], `\n`, "\n")
	if !strings.Contains(string(data), old) {
		ts.Fatalf("%q not found in %s", old, args[0])
	}
	ts.Check(os.WriteFile(file, []byte(strings.Replace(string(data), old, repl, 1)), 0o644))
}

// mkfifo PATH makes a named pipe, which nothing ever writes to.
func mkfifo(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: mkfifo PATH")
	}
	ts.Check(syscall.Mkfifo(ts.MkAbs(args[0]), 0o644))
}

// freeport NAME sets the environment variable NAME to a TCP port free on the loopback
// address, for a server the script starts.
func freeport(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: freeport NAME")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	ts.Setenv(args[0], strconv.Itoa(ln.Addr().(*net.TCPAddr).Port))
	ln.Close()
}

// httpwait URL TEXT fetches URL until its body contains TEXT, for up to 30 seconds
// (a server may still be starting, or rebuilding), then writes the status and body to
// the script's stdout.
func httpwait(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: httpwait URL TEXT")
	}
	deadline := time.Now().Add(30 * time.Second)
	last := "no answer"
	for time.Now().Before(deadline) {
		resp, err := http.Get(args[0])
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if strings.Contains(string(body), args[1]) {
				ts.Stdout().Write([]byte("status " + strconv.Itoa(resp.StatusCode) + "\n"))
				ts.Stdout().Write(body)
				return
			}
			last = "status " + strconv.Itoa(resp.StatusCode) + ", without the text"
		} else {
			last = err.Error()
		}
		time.Sleep(50 * time.Millisecond)
	}
	ts.Fatalf("%s: %q not seen in 30 s (%s)", args[0], args[1], last)
}

// httphost URL HOST [ORIGIN] fetches URL once with that Host header (and Origin, if
// given), as a page on a rebound name would, and writes the status and body to stdout.
func httphost(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: httphost URL HOST [ORIGIN]")
	}
	req, err := http.NewRequest("GET", args[0], nil)
	ts.Check(err)
	req.Host = args[1]
	if len(args) == 3 {
		req.Header.Set("Origin", args[2])
	}
	resp, err := http.DefaultClient.Do(req)
	ts.Check(err)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	ts.Stdout().Write([]byte("status " + strconv.Itoa(resp.StatusCode) + "\n"))
	ts.Stdout().Write(body)
}
