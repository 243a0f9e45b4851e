package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readPage returns a page of a built site.
func readPage(t *testing.T, out, page string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(page)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The contacts sheet shows what the team page does: channels by name, not as raw
// URLs, their notes (a bridge's PIN), and each person's role.
func TestContactsSheetKeepsNamesNotesRoles(t *testing.T) {
	s := readPage(t, build(t, sample(t), Options{}), "contacts.html")
	for _, want := range []string{
		`>#payments-incidents</a>`,
		`Post here first during business hours; the on-call engineer watches it.`,
		`Staff engineer`,
		`SRE hotline: <a class="phone" href="tel:&#43;442079460999">&#43;44 20 7946 0999</a>`,
		`then <a href="teams/sre-oncall.html">SRE On-call</a>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("contacts.html lacks %s", want)
		}
	}
	if strings.Contains(s, `>https://chat.northwind.example.com/channels/payments-incidents<`) {
		t.Error("contacts.html shows a channel as its raw URL")
	}
}

// What a responder needs is one click away: a severity page links the briefs to
// send, the runbook list each checklist, a matrix cell its owner out of hours, the
// teams notified, the roles and the brief filled from the route; print packs hold
// every checklist of a domain, or all of them.
func TestOneClickAway(t *testing.T) {
	out := build(t, sample(t), Options{})
	for _, c := range []struct{ page, want string }{
		{"severities/sev2.html", `href="../briefs/customer-status-update.html?severity=High"`},
		{"runbooks.html", `href="runbooks/card-payments-failing.checklist.html">Printable checklist</a>`},
		{"runbooks.html", `href="print/all.html"`},
		{"domains/payments.html", `href="../print/payments.html"`},
		{"matrix.html", `out of hours <a href="teams/sre-oncall.html">SRE On-call</a>`},
		{"matrix.html", `staff <a href="roles/incident-commander.html">`},
		{"matrix.html", `href="briefs/engineering.html?severity=Critical&amp;target=Payments%20Engineering"`},
		{"print/payments.html", `<h1>Card payments failing at the processor <span class="screen-only">· checklist</span></h1>`},
	} {
		if !strings.Contains(readPage(t, out, c.page), c.want) {
			t.Errorf("%s lacks %s", c.page, c.want)
		}
	}
	all := readPage(t, out, "print/all.html")
	if n := strings.Count(all, `<div class="checklist">`); n != len(sample(t).Runbooks) {
		t.Errorf("print/all.html holds %d checklists, want %d", n, len(sample(t).Runbooks))
	}
}
