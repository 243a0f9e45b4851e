package generator

import (
	"strings"
	"testing"
	"time"
)

// A raised case shows the raising rule, and offers a button for every brief the rules
// name, the deciding rule's first, each opening its own form.
func TestTriageRaisedCaseOffersEveryBrief(t *testing.T) {
	tab, _ := triageTab(t, "domain=payments&severity=sev3&category=performance&customers=12&sla-risk=yes&at=2026-03-03T10:00Z")
	p := sample(t)
	f, _ := p.CellFacts("payments", "sev3")
	for k, v := range map[string]string{"category": "performance", "customers": "12", "sla-risk": "yes"} {
		if err := f.Set(k, v); err != nil {
			t.Fatal(err)
		}
	}
	d, err := p.Route(f, time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Briefs) < 2 {
		t.Fatalf("the sample case names %d briefs; the test needs several", len(d.Briefs))
	}
	var want []string
	for _, b := range d.Briefs {
		want = append(want, "Write the brief: "+b.Title+" -> briefs/"+b.ID+".html")
	}
	got := evalString(t, tab, `Array.prototype.map.call(document.querySelectorAll(".triage-actions a"), function (a) {
		return a.textContent + " -> " + a.getAttribute("href").replace(/^.*?(briefs\/[^?]*).*$/, "$1"); }).join("\n")`)
	if got != strings.Join(want, "\n") {
		t.Errorf("brief buttons:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	sev := evalString(t, tab, `document.querySelector("#t-sev + p").textContent`)
	if !strings.Contains(sev, "sev2 · High") || !strings.Contains(sev, "raised from sev3 by the rule "+d.RaisedBy.Name) {
		t.Errorf("the severity says %q", sev)
	}
	if owner := evalString(t, tab, `document.getElementById("triage-decision").innerText`); !strings.Contains(owner, d.Owner.Name) || d.Owner.ID != "payments-eng" {
		t.Errorf("the raised case is not owned by payments engineering (Go: %s):\n%s", d.Owner.ID, owner)
	}
}
