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
		`Staff engineer, primary on-call this week`,
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
