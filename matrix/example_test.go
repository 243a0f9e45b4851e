package matrix_test

import (
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/escalator-dev/escalator"
	"github.com/escalator-dev/escalator/matrix"
)

// A program that routes with the playbook's own rules: a payments outage reported at
// 03:00 on a Tuesday, when the payments team is out of hours.
func ExamplePlaybook_Route() {
	// matrix.LoadDir("content", opt) loads a playbook folder from disk. A program that
	// only routes needs the checks every load makes, not the Run phases that `check`
	// adds: the routing tests and the audit.
	p, diags := matrix.Load(escalator.Sample(), "content", matrix.Options{})
	if diags.HasErrors() {
		log.Fatal(diags.Error())
	}
	facts, errs := p.ParseFacts([]string{"domain=payments", "severity=sev1"})
	if len(errs) > 0 {
		log.Fatal(errs)
	}
	start := time.Date(2026, 3, 3, 3, 0, 0, 0, time.UTC)
	d, err := p.Route(facts, start)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("owner:", d.Owner.ID, "instead of", d.Routed.ID)
	fmt.Println("severity:", d.Severity.ID, d.Severity.Name)
	for _, t := range d.Notified {
		fmt.Println("notify:", t.ID)
	}
	for _, t := range d.NotifiedOffHours {
		fmt.Println("out of hours, covered by its after-hours team:", t.ID)
	}
	for _, h := range d.Handoffs[:2] {
		var who []string
		for _, m := range h.Members {
			who = append(who, m.Name)
		}
		for _, c := range h.Channels {
			who = append(who, c.Name)
		}
		for _, oc := range h.OnCall { // the person on duty in each schedule paged
			who = append(who, oc.Person.Member.Name)
		}
		at := h.At.In(p.Site.Location.Location) // the playbook's time zone
		fmt.Printf("T+%s at %s, %s: %s\n", matrix.FormatDuration(h.After), at.Format("15:04 MST"), h.Name, strings.Join(who, ", "))
	}
	// Output:
	// owner: sre-oncall instead of payments-eng
	// severity: sev1 Critical
	// notify: leadership
	// out of hours, covered by its after-hours team: communications
	// T+0m at 03:00 GMT, On-shift SRE: SRE on-call, #inc, Ethan Cho
	// T+5m at 03:05 GMT, Head of SRE: Fiona McLeod, SRE on-call, SRE hotline
}
