package generator

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/escalator-dev/escalator/internal/browser"
)

// printTab opens pages of the sample as the printer sees them.
func printTab(t *testing.T) (*browser.Tab, string) {
	t.Helper()
	b := browser.Require(t)
	out := sampleSite(t)
	tab := b.NewTab(t)
	if err := tab.EmulateMedia("print", "light"); err != nil {
		t.Fatal(err)
	}
	return tab, out
}

// A blank brief prints as a form to write on: lines, not boxes, and no example text
// that reads as an answer; date-times ask for an unambiguous date and the zone;
// sections stay whole on a page.
func TestPrintedBriefIsBlankForm(t *testing.T) {
	tab, out := printTab(t)
	for _, page := range []string{"briefs/engineering.html", "briefs/customer-status-update.html", "briefs/post-incident-review.html"} {
		if err := tab.Open(browser.FileURL(filepath.Join(out, filepath.FromSlash(page)))); err != nil {
			t.Fatal(err)
		}
		var bad []string
		err := tab.Eval(`(function () {
			var bad = [];
			function shown(el) { return el.getClientRects().length > 0; }
			document.querySelectorAll("#brief input, #brief textarea, #brief select").forEach(function (el) {
				if (!shown(el) || el.type === "checkbox") return;
				var s = getComputedStyle(el);
				if (parseFloat(s.borderTopWidth) > 0 || parseFloat(s.borderLeftWidth) > 0) bad.push(el.name + ": a box, not a line");
				if (el.placeholder && getComputedStyle(el, "::placeholder").color !== "rgba(0, 0, 0, 0)") bad.push(el.name + ": example text shows");
				if (el.type === "datetime-local") bad.push(el.name + ": the browser's own date format shows");
			});
			document.querySelectorAll("#brief textarea[data-type=table]").forEach(function (el) {
				var t = el.parentNode.querySelector("table.print-rows"), rows = t ? t.querySelectorAll("tbody tr") : [];
				if (!t || !shown(t) || rows.length < 4) { bad.push(el.name + ": no ruled rows to write on"); return; }
				if (parseFloat(getComputedStyle(rows[0].cells[0]).borderBottomWidth) === 0) bad.push(el.name + ": rows are not ruled");
				if (t.querySelectorAll("th").length !== el.getAttribute("data-columns").split("\t").length) bad.push(el.name + ": columns missing");
				if (shown(el.parentNode.querySelector("table.brief-table"))) bad.push(el.name + ": the screen's table prints");
			});
			document.querySelectorAll("#brief textarea:not([data-type=table])").forEach(function (el) {
				var lines = el.parentNode.querySelectorAll(".print-lines > *");
				if (lines.length < 2 || !shown(lines[0])) bad.push(el.name + ": no lines to write on");
			});
			document.querySelectorAll("#brief [data-type=datetime]").forEach(function (el) {
				var hint = el.parentNode.querySelector(".print-format");
				if (!hint || !shown(hint) || !/YYYY-MM-DD/.test(hint.textContent)) bad.push(el.name + ": no date format to follow");
			});
			document.querySelectorAll("#brief fieldset").forEach(function (el) {
				if (getComputedStyle(el).breakInside !== "avoid") bad.push("fieldset " + el.querySelector("legend").textContent + " may split");
			});
			return bad;
		})()`, &bad)
		if err != nil {
			t.Fatal(err)
		}
		if len(bad) > 0 {
			t.Errorf("%s printed:\n  %s", page, strings.Join(bad, "\n  "))
		}
	}
}

// The matrix grid prints whole on a page; checklists and team pages print the phone
// numbers of the team that answers out of hours.
func TestPrintoutsCarryWhatIsNeeded(t *testing.T) {
	tab, out := printTab(t)
	if err := tab.Open(browser.FileURL(filepath.Join(out, "matrix.html"))); err != nil {
		t.Fatal(err)
	}
	var brk string
	tab.Eval(`getComputedStyle(document.querySelector("table.grid")).breakInside`, &brk)
	if brk != "avoid" {
		t.Errorf("the matrix grid may split across pages (break-inside: %s)", brk)
	}
	// Payments Engineering hands over to SRE On-call out of hours: its hotline and
	// a shift engineer's phone.
	for _, page := range []string{"runbooks/card-payments-failing.checklist.html", "teams/payments-eng.html"} {
		if err := tab.Open(browser.FileURL(filepath.Join(out, filepath.FromSlash(page)))); err != nil {
			t.Fatal(err)
		}
		var text string
		if err := tab.Eval(`document.body.innerText`, &text); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"SRE On-call", "+44 20 7946 0999", "+44 20 7946 0301"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s printed lacks %q", page, want)
			}
		}
	}
}
