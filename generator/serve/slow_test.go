package serve

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

// gate makes rebuilds wait, as a pathological document makes them render for a
// minute: once closed, the next rebuild blocks in beforeRender until it is opened.
type gate struct {
	mu      sync.Mutex
	shut    chan struct{} // nil while open
	entered chan struct{} // a rebuild is waiting at the gate
}

func newGate(t testing.TB) *gate {
	g := &gate{entered: make(chan struct{}, 100)}
	t.Cleanup(g.open) // let an abandoned rebuild finish
	return g
}

func (g *gate) wait() {
	g.mu.Lock()
	shut := g.shut
	g.mu.Unlock()
	if shut != nil {
		g.entered <- struct{}{}
		<-shut
	}
}

func (g *gate) close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.shut == nil {
		g.shut = make(chan struct{})
	}
}

func (g *gate) open() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.shut != nil {
		close(g.shut)
		g.shut = nil
	}
}

// waitEntered waits for a rebuild to reach the gate.
func (g *gate) waitEntered(t testing.TB) {
	t.Helper()
	select {
	case <-g.entered:
	case <-time.After(30 * time.Second):
		t.Fatal("no rebuild reached the slow step")
	}
}

// During a slow rebuild the last good site is served, the status answers, and saves
// made meanwhile give one more rebuild after it, which shows the last of them.
func TestSlowRebuildKeepsServing(t *testing.T) {
	g := newGate(t)
	r := startWith(t, Options{Dir: playbook(t), beforeRender: g.wait})
	events, v1 := r.connect(t)

	g.close()
	r.replace(t, runbook, "## Background", "## Background, first save")
	g.waitEntered(t)
	r.noticedFile(t, runbook) // the first save's, which the slow rebuild is for
	for page, want := range map[string]string{
		"runbooks/card-payments-failing.html": "## Background",
		"teams/payments-eng.html":             "Payments Engineering",
		"api/playbook.json":                   "card-payments-failing",
		"_escalator/status":                   `"version":` + v1,
	} {
		if code, body := r.get(t, page); code != 200 || !strings.Contains(body, strings.TrimPrefix(want, "## ")) {
			t.Errorf("%s during a slow rebuild: status %d, without %q", page, code, want)
		}
	}
	if _, body := r.get(t, "runbooks/card-payments-failing.html"); strings.Contains(body, "first save") {
		t.Error("the page shows the rebuild still under way")
	}
	r.replace(t, runbook, "## Background, first save", "## Background, second save")
	r.replace(t, runbook, "## Background, second save", "## Background, third save")
	r.noticedFile(t, runbook) // the watcher has both saves while the gate is shut
	r.noticedFile(t, runbook)
	g.open()

	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, body := r.get(t, "runbooks/card-payments-failing.html"); strings.Contains(body, "third save") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the saves made during the slow rebuild never showed")
		}
		next(t, events, "reload")
	}
	// The slow rebuild, then one for the saves made during it.
	if n := r.version(t) - mustAtoi(t, v1); n != 2 {
		t.Errorf("%d rebuilds for a slow rebuild and two saves during it, want 2", n)
	}
}

// Ctrl-C stops the server while a rebuild is still running, the first one included.
func TestCancelDuringSlowRebuild(t *testing.T) {
	t.Run("a rebuild after a save", func(t *testing.T) {
		g := newGate(t)
		r := startWith(t, Options{Dir: playbook(t), beforeRender: g.wait})
		r.connect(t)
		g.close()
		r.edit(t, runbook, "## Background", "## Background, saved")
		g.waitEntered(t)
		stopped := make(chan error, 1)
		go func() { stopped <- r.stop() }()
		select {
		case err := <-stopped:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(2 * time.Second):
			t.Fatal("Run did not return within 2 s of cancel while a rebuild ran")
		}
		if !strings.Contains(r.log.String(), "stopped") {
			t.Errorf("log:\n%s", r.log)
		}
	})
	t.Run("the first build", func(t *testing.T) {
		g := newGate(t)
		g.close()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		done := make(chan error, 1)
		go func() {
			done <- Run(ctx, "127.0.0.1:0", Options{Dir: playbook(t), beforeRender: g.wait}, nil)
		}()
		g.waitEntered(t)
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(2 * time.Second):
			t.Fatal("Run did not return within 2 s of cancel during the first build")
		}
	})
}

// A runbook whose Markdown is too complex to render is reported at its file, the last
// good site stays, and the fix brings the page back.
func TestTooComplexMarkdownIsReported(t *testing.T) {
	r := start(t, playbook(t), 0)
	events, _ := r.connect(t)
	r.edit(t, runbook, "## ", strings.Repeat("[a](", 100_000)+"\n\n## ")
	problems := next(t, events, "problems")
	if !strings.Contains(problems, "card-payments-failing.md:") || !strings.Contains(problems, "too complex to render") {
		t.Fatalf("problems event lacks the document:\n%s", problems)
	}
	if code, body := r.get(t, "runbooks/card-payments-failing.html"); code != 200 || !strings.Contains(body, "Card payments failing at the processor") {
		t.Errorf("the last good page is gone: status %d", code)
	}
	r.edit(t, runbook, strings.Repeat("[a](", 100_000)+"\n\n## ", "## ")
	if p := next(t, events, "problems"); p != "[]" {
		t.Errorf("problems after the fix: %s", p)
	}
}
