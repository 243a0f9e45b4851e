package generator

import (
	"strings"

	"github.com/escalator-dev/escalator/matrix"
)

// descriptionMax is the length search engines show of a description, about.
const descriptionMax = 160

// Description is the page's <meta name="description">: its document's own summary
// where it has one, else a sentence on what the page is for. It is plain text.
func (v *view) Description() string {
	site := v.P.Site.Title
	var d string
	switch x := v.X.(type) {
	case homeData:
		d = v.P.Site.Description
	case runbookData:
		d = x.Runbook.Summary
		if v.Kind == kindChecklist {
			d = "Printable one-page checklist: " + x.Runbook.Title + "."
		}
	case *teamData:
		d = x.Team.Description
		if d == "" {
			d = "How to reach " + x.Team.Name + ", its hours and escalation chain."
		}
	case *severityData:
		d = x.Severity.ID + " " + x.Severity.Name + ": " + x.Severity.Description
	case domainData:
		d = x.Domain.Description
		if d == "" {
			d = "Who owns " + x.Domain.Name + " issues at each severity."
		}
	case roleData:
		d = x.Role.Summary
	case *matrix.Brief:
		d = x.Summary
	case vendorData:
		d = x.Vendor.Name + ": " + x.Vendor.Service
	case *matrix.Page:
		d = x.Summary
	}
	if d == "" {
		switch v.Kind {
		case "matrix":
			d = "Who owns an incident in each part of the product at each severity, and the routing rules behind it."
		case "contacts":
			d = "Every team's channels, people and phone numbers, and who takes over out of hours."
		case "search":
			d = "Search the playbook, and every page of it."
		case "notfound":
			d = "This page does not exist. Start from the home page, the escalation matrix or search."
		case "list":
			d = "Every one of the " + strings.ToLower(v.Title) + " in the " + site + "."
		default:
			d = v.Title + ": " + site + "."
		}
	}
	return clip(strings.Join(strings.Fields(d), " "), descriptionMax)
}

// clip shortens s to at most n bytes at a word boundary, with an ellipsis.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut <= 0 {
		cut = n
		for cut > 0 && s[cut]&0xC0 == 0x80 { // not inside a UTF-8 sequence
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:.") + "…"
}

// HasCode reports whether the page shows highlighted code or aligned table cells,
// the styles of assets/code.css: other pages do not load it.
func (v *view) HasCode() bool {
	b := string(v.Body)
	return strings.Contains(b, "<pre") || strings.Contains(b, ` class="align-`)
}

// maxChartRules is the most routing rules whose whole chart the matrix page shows.
// Past it the chart is thousands of boxes, megabytes no one can read on a page;
// each domain's page has its own chart, and the Mermaid source stays beside the page.
const maxChartRules = 100

// WholeChart reports whether the page shows its chart; only the matrix page of a
// large policy does not.
func (v *view) WholeChart() bool {
	return v.Diagram != nil && (v.Kind != kindMatrix || len(v.P.Routes) <= maxChartRules)
}

// LongList reports whether a list of n entries is long enough to collapse.
func (v *view) LongList(n int) bool { return n > maxChartRules }
