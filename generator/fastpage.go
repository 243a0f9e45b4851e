package generator

import (
	"bytes"
	"io/fs"
	"strconv"
	"strings"

	"github.com/escalator-dev/escalator/matrix"
	"github.com/escalator-dev/escalator/theme"
)

// Runbook pages and their checklists are nearly all of a large site, and executing
// their templates through text/template's reflection costs 120-160 µs a page, a fifth
// of a large build. When the theme's templates are the embedded ones, these two kinds
// are written by the code below instead, which gives the same bytes in a twentieth of
// the time. It mirrors runbook.html, checklist.html and the layout.html parts they
// use; TestFastPagesMatchTemplates and FuzzFastPages hold the two together, so a
// change to those templates must be made here too.

// fastKinds are the page kinds written without their template.
var fastKinds = map[pageKind]func(*view, *pageWriter){
	kindRunbook:   (*view).writeRunbook,
	kindChecklist: (*view).writeChecklist,
}

// defaultTemplates reports whether th's templates are exactly the embedded ones: a
// playbook that overrides or adds any template gets every page from templates.
func defaultTemplates(th fs.FS) bool {
	embedded := theme.FS(nil)
	names, err := fs.Glob(th, "templates/*")
	if err != nil {
		return false
	}
	base, err := fs.Glob(embedded, "templates/*")
	if err != nil || len(names) != len(base) {
		return false
	}
	for _, n := range names {
		a, err1 := fs.ReadFile(th, n)
		b, err2 := fs.ReadFile(embedded, n)
		if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
			return false
		}
	}
	return true
}

// pageWriter writes a page's HTML, escaping values as html/template does in each
// context.
type pageWriter struct {
	b interface{ WriteString(string) (int, error) } // a page's bytes.Buffer, or a strings.Builder for a piece of one
}

// raw writes s as it is: template text, or trusted HTML.
func (w pageWriter) raw(s string) { w.b.WriteString(s) }

// text writes s escaped for HTML text, a quoted attribute value or RCDATA (html/template's
// htmlEscaper, attrEscaper and rcdataEscaper agree on plain strings).
func (w pageWriter) text(s string) {
	written := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		w.b.WriteString(s[written:i])
		w.b.WriteString(repl)
		written = i + 1
	}
	w.b.WriteString(s[written:])
}

// url writes s as a whole URL attribute value: html/template's urlFilter (unless s is
// already a trusted template.URL), urlNormalizer and attrEscaper.
func (w pageWriter) url(s string, trusted bool) {
	if !trusted && !isSafeURL(s) {
		s = "#ZgotmplZ"
	}
	// Normalise: percent-encode what may not stand in a URL, keeping valid escapes.
	var norm []byte
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		}
		switch c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']', '-', '.', '_', '~':
			continue
		case '%':
			if i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		}
		norm = append(norm, s[written:i]...)
		norm = append(norm, '%', "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		written = i + 1
	}
	if norm != nil {
		s = string(append(norm, s[written:]...))
	}
	w.text(s)
}

// isSafeURL is html/template's test of a URL's scheme: none, or http, https or
// mailto. It is not a policy of ours but a copy of html/template's urlFilter, so
// that a fast page matches the template's bytes (tel: and the normalising of
// markdown.SafeURL would differ); TestURLPolicies pins the differences.
func isSafeURL(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '/':
			return true
		case ':':
			p := s[:i]
			return strings.EqualFold(p, "http") || strings.EqualFold(p, "https") || strings.EqualFold(p, "mailto")
		}
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// docLink writes a link to a document's page, as the Link method makes it, with text.
func (w pageWriter) docLink(v *view, kind, id, text string) {
	w.raw("<a href=\"")
	w.url(v.Link(kind, id), false)
	w.raw("\">")
	w.text(text)
	w.raw("</a>")
}

// head is layout.html's "head".
func (v *view) writeHead(w *pageWriter) error {
	w.raw(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'none'; base-uri 'none'">
<meta name="referrer" content="no-referrer">
<meta name="description" content="`)
	w.text(v.Description())
	w.raw(`">
<title>`)
	w.text(v.Title)
	if v.Kind != kindHome {
		w.raw(" · ")
		w.text(v.P.Site.Title)
	}
	w.raw("</title>\n<link rel=\"icon\" href=\"")
	w.url(v.URL("assets/favicon.svg"), false)
	w.raw("\" type=\"image/svg+xml\">\n<link rel=\"stylesheet\" href=\"")
	w.url(v.URL("assets/site.css"), false)
	w.raw("\">\n")
	if v.HasCode() {
		w.raw("<link rel=\"stylesheet\" href=\"")
		w.url(v.URL("assets/code.css"), false)
		w.raw("\">\n")
	}
	w.raw("<script src=\"")
	w.url(v.URL("assets/site.js"), false)
	w.raw("\" defer></script>\n<script src=\"")
	w.url(v.URL("assets/search.js"), false)
	w.raw("\" defer></script>\n</head>\n<body class=\"kind-")
	w.text(string(v.Kind))
	w.raw("\" data-root=\"")
	w.text(v.Root)
	w.raw("\">\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n")
	nav, err := v.Nav()
	if err != nil {
		return err
	}
	w.raw(string(nav))
	w.raw("\n")
	if v.Print {
		v.writePrintHead(w)
	}
	w.raw("\n<main id=\"main\" tabindex=\"-1\">\n")
	return nil
}

// writePrintHead is layout.html's "printhead".
func (v *view) writePrintHead(w *pageWriter) {
	w.raw("<div class=\"print-head\" aria-hidden=\"true\">\n  <div>\n    <p class=\"print-title\">")
	w.text(v.Title)
	w.raw("</p>\n    <p>")
	w.text(v.P.Site.Title)
	if v.Meta != nil && !v.Meta.LastReviewed.IsZero() {
		w.raw(" · last reviewed ")
		w.text(v.Meta.LastReviewed.String())
	}
	if v.Revision != "" {
		w.raw(" · revision ")
		w.text(v.Revision)
	}
	if live := v.Live(); live != "" {
		w.raw(" · ")
		w.text(live)
	}
	w.raw("</p>\n  </div>\n  ")
	if qr := v.QR(); qr != "" {
		w.raw("<div class=\"qr\">")
		w.raw(string(qr))
		w.raw("</div>")
	}
	w.raw("\n</div>")
}

// writeFoot is layout.html's "foot" with its "meta".
func (v *view) writeFoot(w *pageWriter) {
	w.raw("\n</main>\n<footer class=\"site-footer\">\n  <p class=\"to-top\"><a href=\"#main\">Back to top</a>")
	if edit := v.EditURL(); edit != "" {
		w.raw(" · <a class=\"edit\" href=\"")
		w.url(edit, false)
		w.raw("\">Edit this page</a>")
	}
	w.raw(" · <a class=\"review-status\" href=\"")
	w.url(v.URL("review.html"), false)
	w.raw("\">Review status</a></p>\n  ")
	if m := v.Meta; m != nil {
		w.raw("<p class=\"doc-meta\">\n  ")
		if id := m.Owner.ID; id != "" {
			name := id
			if t := v.Team(id); t != nil {
				name = t.Name
			}
			w.raw("Owner: ")
			w.docLink(v, "teams", id, name)
			w.raw(".")
		}
		w.raw("\n  ")
		if m.LastReviewed.IsZero() {
			w.raw("Never reviewed.")
		} else {
			if v.Aggregate() {
				w.raw("Least recently reviewed entry")
			} else {
				w.raw("Last reviewed")
			}
			w.raw(" <time datetime=\"")
			d := m.LastReviewed.String()
			w.text(d)
			w.raw("\">")
			w.text(d)
			w.raw("</time>.")
		}
		w.raw("\n  ")
		if v.Overdue() {
			w.raw("<strong class=\"overdue\">Review overdue</strong>")
		}
		w.raw("\n</p>")
	}
	w.raw("\n  <p class=\"source\">")
	w.text(v.P.Site.Organisation)
	if v.Revision != "" {
		w.raw(" · source revision <code>")
		w.text(v.Revision)
		w.raw("</code>")
	}
	w.raw(" · built with Escalator</p>\n</footer>\n</body>\n</html>\n")
}

// writeRunbook is runbook.html.
func (v *view) writeRunbook(w *pageWriter) {
	d := v.X.(runbookData)
	r := d.Runbook
	w.raw("\n\n<article class=\"doc\">\n<h1>")
	w.text(r.Title)
	w.raw("</h1>\n<p class=\"lead\">")
	w.text(r.Summary)
	w.raw("</p>\n<p class=\"facts\">\n  ")
	switch {
	case r.AllDomains():
		w.raw("Domains: <strong>all</strong> · ")
	case len(d.Domains) > 1:
		w.raw("Domains: <strong>")
		for i, dom := range d.Domains {
			if i > 0 {
				w.raw(", ")
			}
			w.docLink(v, "domains", dom.ID, dom.Name)
		}
		w.raw("</strong> · ")
	case d.Domain != nil:
		w.raw("Domain: <strong>")
		w.docLink(v, "domains", d.Domain.ID, d.Domain.Name)
		w.raw("</strong> · ")
	}
	w.raw("\n  ")
	if len(r.Severities) > 0 {
		w.raw("Severities: ")
		for i, s := range r.Severities {
			if i > 0 {
				w.raw(", ")
			}
			w.docLink(v, "severities", s.ID, s.ID)
		}
	}
	w.raw("\n  ")
	if d.Owner != nil {
		w.raw(" · Owner: ")
		w.docLink(v, "teams", d.Owner.ID, d.Owner.Name)
	}
	w.raw("\n</p>\n<p><a class=\"button\" href=\"")
	w.url(v.URL("runbooks/"+r.ID+".checklist.html"), false)
	w.raw("\">Printable checklist</a></p>\n")
	w.raw(string(v.TOC()))
	w.raw("\n")
	if len(r.Triage) > 0 {
		w.raw("<section aria-labelledby=\"triage\"><h2 id=\"triage\">Triage: answer first</h2>\n<ul>")
		for _, t := range r.Triage {
			w.raw("<li><strong>")
			w.text(t.Question)
			w.raw("</strong>")
			if t.Help != "" {
				w.raw(" <span class=\"help\">")
				w.text(t.Help)
				w.raw("</span>")
			}
			w.raw("</li>")
		}
		w.raw("</ul></section>")
	}
	w.raw("\n\n")
	if len(d.Alert) > 0 {
		w.raw("<section aria-labelledby=\"alert\"><h2 id=\"alert\">Who to alert</h2>\n<ul>")
		for _, t := range d.Alert {
			w.raw("<li>")
			w.docLink(v, "teams", t.ID, t.Name)
			w.raw("</li>")
		}
		w.raw("</ul></section>")
	}
	w.raw("\n\n<section aria-labelledby=\"checklist\"><h2 id=\"checklist\">Checklist</h2>\n")
	for _, ph := range r.Checklist.Phases() {
		w.raw("<h3 class=\"phase phase-")
		w.text(ph.Icon())
		w.raw("\">")
		w.text(titleCase(ph.Name))
		w.raw("</h3>\n<ul class=\"tasks\">")
		for _, step := range ph.Steps {
			w.raw("<li><label><input type=\"checkbox\"> ")
			w.raw(string(v.Inline(step.Do)))
			w.raw("</label>")
			v.writeStepWho(w, step)
			w.raw("</li>")
		}
		w.raw("</ul>")
	}
	w.raw("\n</section>\n\n")
	if r.Containment != "" {
		w.raw("<section aria-labelledby=\"contained\"><h2 id=\"contained\">Containment is confirmed when</h2><p>")
		w.raw(string(v.Inline(r.Containment)))
		w.raw("</p></section>")
	}
	w.raw("\n\n")
	if len(r.Dashboards) > 0 {
		w.raw("<section aria-labelledby=\"dashboards\"><h2 id=\"dashboards\">Dashboards</h2>\n<ul>")
		for _, l := range r.Dashboards {
			w.raw("<li>")
			if safeLink(l.URL) {
				w.raw("<a href=\"")
				w.url(l.URL, true)
				w.raw("\">")
				w.text(l.Name)
				w.raw("</a>")
			} else {
				w.text(l.Name)
			}
			w.raw("</li>")
		}
		w.raw("</ul></section>")
	}
	w.raw("\n\n")
	if len(d.Vendors) > 0 {
		w.raw("<section aria-labelledby=\"vendors\"><h2 id=\"vendors\">Vendors involved</h2>\n<ul>")
		for _, vd := range d.Vendors {
			w.raw("<li>")
			w.docLink(v, "vendors", vd.ID, vd.Name)
			if vd.StatusPage != "" {
				w.raw(" · status page")
			}
			w.raw("</li>")
		}
		w.raw("</ul></section>")
	}
	w.raw("\n\n<section aria-labelledby=\"guide\"><h2 id=\"guide\">Guide</h2>\n")
	w.raw(string(v.Body))
	w.raw("\n</section>\n</article>\n")
}

// writeChecklist is checklist.html.
func (v *view) writeChecklist(w *pageWriter) {
	r := v.X.(runbookData).Runbook
	w.raw("\n\n<div class=\"checklist\">\n<h1>")
	w.text(r.Title)
	w.raw(` <span class="screen-only">· checklist</span></h1>
<p class="fill">Incident <span class="blank"></span> Started <span class="blank short"></span> Severity <span class="blank short"></span> Incident commander <span class="blank"></span></p>
`)
	if d := v.X.(runbookData); d.Owner != nil {
		w.raw(`<p class="call"><strong>Call</strong> `)
		v.writePhones(w, d.Owner)
		for _, t := range d.AfterHours {
			w.raw("<br><strong>Out of hours</strong> ")
			v.writePhones(w, t)
		}
		w.raw("</p>\n")
	}
	for _, ph := range r.Checklist.Phases() {
		w.raw("\n<table class=\"steps\">\n  <caption class=\"phase phase-")
		w.text(ph.Icon())
		w.raw("\">")
		w.text(titleCase(ph.Name))
		w.raw(`</caption>
  <thead><tr><th scope="col" class="box"><span class="visually-hidden">Done</span></th><th scope="col">Step</th><th scope="col" class="t">Time</th><th scope="col" class="t">Initials</th></tr></thead>
  <tbody>`)
		for i, step := range ph.Steps {
			w.raw("<tr><td class=\"box\"><input type=\"checkbox\" aria-label=\"Done: step ")
			w.raw(strconv.Itoa(i + 1))
			w.raw("\"></td><td>")
			w.raw(string(v.Inline(step.Do)))
			v.writeStepWho(w, step)
			w.raw("</td><td class=\"t\"></td><td class=\"t\"></td></tr>")
		}
		w.raw("</tbody>\n</table>\n")
	}
	w.raw("\n")
	if r.Containment != "" {
		w.raw("<p class=\"contained\"><strong>Contained when:</strong> ")
		w.raw(string(v.Inline(r.Containment)))
		w.raw("</p>\n")
	}
	w.raw("<p class=\"screen-only\">")
	w.docLink(v, "runbooks", r.ID, "Back to the runbook")
	w.raw("</p>\n</div>\n")
}

// writePhones is partials.html's "phones".
func (v *view) writePhones(w *pageWriter, t *matrix.Team) {
	w.docLink(v, "teams", t.ID, t.Name)
	if v.Redact() {
		return
	}
	phone := func(name, number, pin string) {
		w.raw(" · ")
		if name != "" {
			w.text(name)
			w.raw(" ")
		}
		w.raw("<a class=\"phone\" href=\"")
		w.url(string(telURL(number)), true)
		w.raw("\">")
		w.text(number)
		w.raw("</a>")
		if pin != "" {
			w.raw(" <span class=\"pin\">PIN ")
			w.text(pin)
			w.raw("</span>")
		}
	}
	for _, c := range t.Channels {
		if c.Kind == "phone" {
			phone(c.Name, c.Address, c.PIN)
		}
	}
	for _, m := range t.Members {
		if m.Phone != "" {
			phone(m.Name, m.Phone, "")
		}
	}
}

// writeFast writes the page without its template when its kind has a writer.
func (v *view) writeFast(buf *bytes.Buffer) (bool, error) {
	write, ok := fastKinds[v.Kind]
	if !ok || !v.fastPages {
		return false, nil
	}
	w := &pageWriter{buf}
	if err := v.writeHead(w); err != nil {
		return true, err
	}
	write(v, w)
	v.writeFoot(w)
	w.raw("\n") // the template file's last line break
	return true, nil
}
