package generator

import (
	"strings"
	"testing"
)

// TestNoInventedTargets: the sample's sev4 leaves out contain, root_cause and the
// customer cadence; the site says "no target" for them and never a figure.
func TestNoInventedTargets(t *testing.T) {
	files := readTree(t, build(t, sample(t), Options{}))
	sev4 := string(files["severities/sev4.html"])
	for _, want := range []string{
		`<th scope="row">Contain</th><td class="big">no target</td>`,
		`<th scope="row">Root cause</th><td class="big">no target</td>`,
		`customers <strong>no target</strong>`,
		`<td class="big">1bd</td>`,
	} {
		if !strings.Contains(sev4, want) {
			t.Errorf("severities/sev4.html lacks %q", want)
		}
	}
	for name, b := range files {
		if strings.HasPrefix(name, "severities/") && (strings.Contains(string(b), ">0m<") || strings.Contains(string(b), "T+0m")) {
			t.Errorf("%s shows a zero SLA target", name)
		}
	}
}

// TestChannelPINs: a channel's access code is on the team page and the contacts sheet.
func TestChannelPINs(t *testing.T) {
	files := readTree(t, build(t, sample(t), Options{}))
	for _, name := range []string{"teams/sre-oncall.html", "contacts.html"} {
		if !strings.Contains(string(files[name]), `<span class="pin">PIN 0417 2286#</span>`) {
			t.Errorf("%s lost the bridge's PIN", name)
		}
	}
}

// TestRedactedPINs: a bridge's access code is a secret on a public build, so
// --redact-contacts leaves it off every page, the search index too.
func TestRedactedPINs(t *testing.T) {
	files := readTree(t, build(t, sample(t), Options{RedactContacts: true}))
	for name, b := range files {
		if strings.HasSuffix(name, ".html") || strings.HasPrefix(name, "search/") {
			if strings.Contains(string(b), "0417 2286") {
				t.Errorf("%s shows the bridge's PIN on a redacted build", name)
			}
		}
	}
	if !strings.Contains(string(files["teams/sre-oncall.html"]), "incident-bridge") {
		t.Error("the redacted team page lost the bridge itself")
	}
}
