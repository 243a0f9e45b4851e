package generator

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/escalator-dev/escalator/internal/browser"
)

// rankingQueries are what responders type, in their own words, and the page that
// should come first.
var rankingQueries = []struct{ q, want string }{
	{"handover", "briefs/handoff.html"},
	{"hand over the incident", "briefs/handoff.html"},
	{"tell customers", "briefs/customer-status-update.html"},
	{"refunds failing", "runbooks/card-payments-failing.html"},
	{"cant log in", "runbooks/login-2fa-failures.html"},
	{"can't log in", "runbooks/login-2fa-failures.html"},
	{"login broken", "runbooks/login-2fa-failures.html"},
	{"2fa codes not arriving", "runbooks/login-2fa-failures.html"},
	{"card payments failing", "runbooks/card-payments-failing.html"},
	{"paystream down", "vendors/paystream.html"},
	{"paystream", "vendors/paystream.html"},
	{"database failover", "runbooks/database-failover.html"},
	{"db failover", "runbooks/database-failover.html"},
	{"postgres down", "runbooks/database-failover.html"},
	{"api 5xx", "runbooks/api-5xx-latency.html"},
	{"api slow", "runbooks/api-5xx-latency.html"},
	{"dashboard down", "runbooks/dashboard-down.html"},
	{"emails delayed", "runbooks/email-delivery-delays.html"},
	{"email delivery", "runbooks/email-delivery-delays.html"},
	{"reports late", "runbooks/reporting-pipeline-delayed.html"},
	{"credential leak", "runbooks/suspected-credential-leak.html"},
	{"leaked api key", "runbooks/suspected-credential-leak.html"},
	{"incident commander", "roles/incident-commander.html"},
	{"scribe", "roles/scribe.html"},
	{"communications lead", "roles/communications-lead.html"},
	{"technical lead", "roles/technical-lead.html"},
	{"customer liaison", "roles/customer-liaison.html"},
	{"postmortem", "briefs/post-incident-review.html"},
	{"post-incident review", "briefs/post-incident-review.html"},
	{"escalate to engineering", "briefs/engineering.html"},
	{"escalate to leadership", "briefs/leadership.html"},
	{"status update", "briefs/customer-status-update.html"},
	{"sev1", "severities/sev1.html"},
	{"critical", "severities/sev1.html"},
	{"sev3", "severities/sev3.html"},
	{"sre on call", "teams/sre-oncall.html"},
	{"security team", "teams/security.html"},
	{"payments engineering", "teams/payments-eng.html"},
	{"paymnets", "teams/payments-eng.html"},
	{"glossary", "pages/glossary.html"},
	{"how to escalate", "pages/how-to-escalate.html"},
	{"escalation matrix", "matrix.html"},
	{"all contacts", "contacts.html"},
	{"textwave", "vendors/textwave.html"},
	{"nimbus cloud", "vendors/nimbus-cloud.html"},
	{"marcus bell", "teams/identity-eng.html"},
}

// A ranking test of responder queries over the sample, through the site's own
// search.js: it reports the share whose expected page comes first and in the top
// three, and fails when either falls below what the engine reached.
func TestSearchRanking(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t)
	tab := b.NewTab(t)
	if err := tab.Open(browser.FileURL(filepath.Join(out, "index.html"))); err != nil {
		t.Fatal(err)
	}
	first, top3 := 0, 0
	for _, c := range rankingQueries {
		hs := runQuery(t, tab, c.q, 3)
		var got []string
		for i, h := range hs {
			u, _, _ := strings.Cut(h.URL, "#")
			got = append(got, u)
			if u == c.want {
				top3++
				if i == 0 {
					first++
				}
			}
		}
		if len(got) == 0 || got[0] != c.want {
			t.Logf("%q: want %s first, got %v", c.q, c.want, got)
		}
	}
	n := len(rankingQueries)
	t.Logf("search ranking: first %d/%d (%.0f%%), top 3 %d/%d (%.0f%%)", first, n, 100*float64(first)/float64(n), top3, n, 100*float64(top3)/float64(n))
	if first < minFirst || top3 < minTop3 {
		t.Errorf("first %d (want at least %d), top 3 %d (want at least %d)", first, minFirst, top3, minTop3)
	}
}

// The hit counts the engine reached; raise them as it improves.
const minFirst, minTop3 = 44, 45
