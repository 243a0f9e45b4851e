package generator

import (
	"strings"
	"testing"

	"github.com/escalator-dev/escalator/internal/browser"
)

// Checklist phases carry their mark (a neutral one for an author's own phase), a
// step's role is a badge linked to the role's page, which lists the step and who is
// on call for the role; axe finds nothing on these pages in light and dark mode.
func TestChecklistRolesInBrowser(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t)
	base := browser.Serve(t, out)
	tab := b.NewTab(t)
	for _, scheme := range []string{"light", "dark"} {
		if err := tab.SetColorScheme(scheme); err != nil {
			t.Fatal(err)
		}
		for _, page := range []string{"runbooks/card-payments-failing.html", "runbooks/contact-details-check.html",
			"runbooks/contact-details-check.checklist.html", "roles/incident-commander.html"} {
			if err := tab.Open(base + "/" + page); err != nil {
				t.Fatal(err)
			}
			if v := tab.Axe(t); len(v) > 0 {
				t.Errorf("%s (%s):\n  %s", page, scheme, strings.Join(v, "\n  "))
			}
			if p := tab.Problems(); len(p) > 0 {
				t.Errorf("%s (%s): %s", page, scheme, strings.Join(p, "; "))
			}
		}
	}
	if err := tab.Open(base + "/runbooks/contact-details-check.html"); err != nil {
		t.Fatal(err)
	}
	var marks struct{ Phases, Marks []string }
	tab.Eval(`(() => { const hs = [...document.querySelectorAll("#checklist ~ h3.phase, section h3.phase")];
		return {phases: hs.map(h => h.textContent), marks: hs.map(h => getComputedStyle(h, "::before").content)}; })()`, &marks)
	if strings.Join(marks.Phases, ",") != "Prepare,Correct,Test,Report" {
		t.Errorf("the process runbook's phases: %v, want the author's, in order", marks.Phases)
	}
	for i, m := range marks.Marks {
		if !strings.Contains(m, "•") {
			t.Errorf("phase %s has mark %s, want the neutral one", marks.Phases[i], m)
		}
	}
	if err := tab.Open(base + "/runbooks/card-payments-failing.html"); err != nil {
		t.Fatal(err)
	}
	var triage string
	tab.Eval(`getComputedStyle(document.querySelector("h3.phase-triage"), "::before").content`, &triage)
	if !strings.Contains(triage, "◎") {
		t.Errorf("the triage phase's mark is %s", triage)
	}
	if err := tab.Click(`a.role-tag[href$="incident-commander.html"]`); err != nil {
		t.Fatal(err)
	}
	// The new page is parsed only once its load completes: the path alone changes first.
	waitFor(t, tab, `location.pathname.endsWith("/roles/incident-commander.html") && document.readyState === "complete"`)
	var role struct{ Steps, OnCall string }
	if err := tab.Eval(`({steps: document.querySelector("#your-steps").parentNode.textContent,
		onCall: document.querySelector("#staffed").parentNode.querySelector(".oncall-live").textContent})`, &role); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(role.Steps, "Your steps in runbook Card payments failing at the processor") || !strings.Contains(role.Steps, "Approve enabling the psp-failover flag") {
		t.Errorf("the role's steps: %q", role.Steps)
	}
	if !strings.Contains(role.OnCall, " until ") {
		t.Errorf("the role's on-call line: %q", role.OnCall)
	}
}
