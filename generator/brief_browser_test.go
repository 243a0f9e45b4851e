package generator

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/escalator-dev/escalator/internal/browser"
	"github.com/escalator-dev/escalator/matrix"
)

// The brief form's message is matrix.RenderMessage's: the page's renderer is held to
// the Go one over the same templates and values.
func TestBriefMessageMatchesGo(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t)
	base := browser.Serve(t, out)
	tab := b.NewTab(t)
	if err := tab.Open(base + "/briefs/customer-status-update.html"); err != nil {
		t.Fatal(err)
	}
	vals := map[string]string{"a": "A", "b": "", "c": "  ", "what-to-do": "Retry.\nLater.", "x": "{b}"}
	for _, tmpl := range []string{
		"{a}: {b}", "{?a}[{a}]{/a}{?b}[{b}]{/b}", "{?c}hidden{/c}x", "{?b}x{?a}y{/a}z{/b}!", "{?a}x{?b}y{/b}z{/a}",
		"{Not a field} {a b} {} {x}", "a  \n\n\n\n{?b}x{/b}\nb\n", "a{/a}b", "{?a}{?b}{/a}{/b}{?a}", "{what-to-do}\r\n\r\n\r\nend", "{ok", "\u00e9{a}\u00e9",
	} {
		arg, _ := json.Marshal(tmpl)
		valsJSON, _ := json.Marshal(vals)
		var got string
		if err := tab.Eval("window.escalatorBrief.renderMessage("+string(arg)+", "+string(valsJSON)+")", &got); err != nil {
			t.Fatal(err)
		}
		if want := matrix.RenderMessage(tmpl, vals); got != want {
			t.Errorf("message %q: the page renders %q, Go %q", tmpl, got, want)
		}
	}
}

// The customer status update's form gives paste-ready prose beside the labelled
// fields: an empty optional field's section goes, a filled one comes. The post-incident
// review's timeline is a table: rows are added, kept in a reload, and written as rows.
// axe finds nothing on either page with the output shown.
func TestBriefMessageAndTable(t *testing.T) {
	b := browser.Require(t)
	out := sampleSite(t)
	base := browser.Serve(t, out)
	tab := b.NewTab(t)
	if err := tab.Open(base + "/briefs/customer-status-update.html"); err != nil {
		t.Fatal(err)
	}
	for sel, v := range map[string]string{"#f-status": "Investigating", "#f-component": "Card payments",
		"#f-what-merchants-see": "Some card payments are declined.", "#f-next-update": "2026-03-03T15:00"} {
		if err := tab.SetValue(sel, v); err != nil {
			t.Fatal(err)
		}
	}
	message := func() string {
		t.Helper()
		if err := tab.Click(`#brief button[type=submit]`); err != nil {
			t.Fatal(err)
		}
		var m string
		if err := tab.Eval(`document.getElementById("brief-message").value`, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	m := message()
	if !strings.HasPrefix(m, "Investigating: Card payments\n\nSome card payments are declined.\n\nNext update by 2026-03-03 15:00 (") || strings.Contains(m, "What you can do") {
		t.Errorf("message without what-to-do:\n%s", m)
	}
	if err := tab.SetValue("#f-what-to-do", "Retry the payment."); err != nil {
		t.Fatal(err)
	}
	if m := message(); !strings.Contains(m, "\n\nWhat you can do: Retry the payment.\n\nNext update by") {
		t.Errorf("message with what-to-do:\n%s", m)
	}
	if v := tab.Axe(t); len(v) > 0 {
		t.Errorf("axe, status update with the message shown:\n  %s", strings.Join(v, "\n  "))
	}

	if err := tab.Open(base + "/briefs/post-incident-review.html"); err != nil {
		t.Fatal(err)
	}
	cell := func(row, col int) string {
		return `table[data-for="f-timeline"] tbody tr:nth-child(` + string(rune('0'+row)) + `) td:nth-child(` + string(rune('0'+col)) + `) input`
	}
	if err := tab.SetValue(cell(1, 1), "14:05"); err != nil {
		t.Fatal(err)
	}
	if err := tab.SetValue(cell(1, 2), "Errors start"); err != nil {
		t.Fatal(err)
	}
	if err := tab.Click(`.brief-add-row[data-for="f-timeline"]`); err != nil {
		t.Fatal(err)
	}
	if err := tab.SetValue(cell(2, 2), "Failover"); err != nil {
		t.Fatal(err)
	}
	if err := tab.SetValue(cell(2, 3), "https://status.example/1"); err != nil {
		t.Fatal(err)
	}
	if err := tab.Open(base + "/briefs/post-incident-review.html"); err != nil { // the draft comes back
		t.Fatal(err)
	}
	var rows struct {
		N     int
		Label string
	}
	tab.Eval(`({n: document.querySelectorAll('table[data-for="f-timeline"] tbody tr').length,
		label: document.querySelector('table[data-for="f-timeline"] tbody tr:nth-child(2) input').getAttribute("aria-label")})`, &rows)
	if rows.N != 2 || rows.Label != "Time (UTC), row 2" {
		t.Errorf("after a reload the timeline has %d rows, the second's first cell labelled %q", rows.N, rows.Label)
	}
	for _, f := range []string{"summary", "impact"} {
		if err := tab.SetValue("#f-"+f, "x"); err != nil {
			t.Fatal(err)
		}
	}
	tab.Eval(`(function () { var f = document.getElementById("brief"); f.querySelectorAll("[required]").forEach(function (el) {
		if (!el.value && el.type !== "checkbox") { el.value = "1"; el.dispatchEvent(new Event("input", {bubbles: true})); }
		if (el.type === "checkbox") el.checked = true; }); })()`, nil)
	if err := tab.Click(`#brief button[type=submit]`); err != nil {
		t.Fatal(err)
	}
	var text string
	tab.Eval(`document.getElementById("brief-text").value`, &text)
	if want := "Key events (UTC):\n  Time (UTC) | Event | Link\n  14:05 | Errors start | \n   | Failover | https://status.example/1\n"; !strings.Contains(text, want) {
		t.Errorf("the brief's text lacks the timeline's rows %q:\n%s", want, text)
	}
	if v := tab.Axe(t); len(v) > 0 {
		t.Errorf("axe, post-incident review with a table and the output shown:\n  %s", strings.Join(v, "\n  "))
	}
	if p := tab.Problems(); len(p) > 0 {
		t.Errorf("problems: %v", p)
	}
}
