package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/escalator-dev/escalator"
)

// A playbook folder deleted and created again from a copy is served again, and
// watched again; while it is gone the last good site stays, with the error over it.
func TestPlaybookFolderRecreated(t *testing.T) {
	dir := playbook(t)
	r := start(t, dir, 0)
	events, _ := r.connect(t)
	copied := t.TempDir()
	if err := os.CopyFS(copied, escalator.Sample()); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(copied, filepath.FromSlash(runbook))
	data, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(data), "title: Card payments failing at the processor", "title: Card payments recreated", 1)), 0o644)

	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	for {
		if p := next(t, events, "problems"); strings.Contains(p, "no playbook folder here") {
			break
		}
	}
	if code, body := r.get(t, "runbooks/card-payments-failing.html"); code != 200 || !strings.Contains(body, "Card payments failing at the processor") || !strings.Contains(body, "live.js") {
		t.Errorf("while the folder is gone: status %d, not the last good page with the live script", code)
	}
	if _, body := r.get(t, "_escalator/status"); !strings.Contains(body, "no playbook folder here") {
		t.Errorf("status while the folder is gone: %s", body)
	}

	if err := os.CopyFS(dir, os.DirFS(copied)); err != nil {
		t.Fatal(err)
	}
	waitPage := func(want string) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for {
			if code, body := r.get(t, "runbooks/card-payments-failing.html"); code == 200 && strings.Contains(body, want) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("the page never showed %q; log:\n%s", want, r.log)
			}
			next(t, events, "reload")
		}
	}
	waitPage("Card payments recreated")
	if _, body := r.get(t, "_escalator/status"); !strings.Contains(body, `"problems":[]`) {
		t.Errorf("status after the folder came back: %s", body)
	}
	// The new folder's files are watched.
	r.edit(t, runbook, "## Background", "## Background after the copy")
	waitPage("Background after the copy")
}

// A playbook folder moved away and back is served and watched again.
func TestPlaybookFolderMovedBack(t *testing.T) {
	dir := playbook(t)
	r := start(t, dir, 0)
	events, _ := r.connect(t)
	away := dir + ".away"
	if err := os.Rename(dir, away); err != nil {
		t.Fatal(err)
	}
	for {
		if p := next(t, events, "problems"); strings.Contains(p, "no playbook folder here") {
			break
		}
	}
	if err := os.Rename(away, dir); err != nil {
		t.Fatal(err)
	}
	if p := next(t, events, "problems"); p != "[]" {
		t.Fatalf("problems after moving back: %s", p)
	}
	r.edit(t, runbook, "## Background", "## Background after moving back")
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, body := r.get(t, "runbooks/card-payments-failing.html"); strings.Contains(body, "after moving back") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("an edit after moving the folder back never showed")
		}
		next(t, events, "reload")
	}
}
