package generator

import (
	"errors"
	"html/template"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/generator/flow"
	"github.com/escalator-dev/escalator/generator/markdown"
	"github.com/escalator-dev/escalator/internal/qr"
	"github.com/escalator-dev/escalator/matrix"
)

// view is one page: where it goes, what it shows, and the helpers its template calls.
type view struct {
	*site
	Path     string // output path, slash-separated: "teams/sre.html"
	Root     string // the way back to the site's root from Path: "", "../"
	Template string // the theme template that renders it
	Kind     string // home, matrix, severity, team, domain, contacts, role, runbook, checklist, brief, vendor, page, list, search, notfound
	Title    string
	Meta     *matrix.Meta // the document's owner and review date; nil for computed pages
	Print    bool         // a page made to be printed: it carries the print header

	// X is the page's subject: a *matrix.Team, a *teamData, a list, …
	X any

	markdown string // Markdown body rendered by prepare
	bodyLine int    // the body's first line in its file (Meta.File)
	Body     template.HTML
	Headings []markdown.Heading

	// Diagram is the page's flowchart, or nil; prepare draws it into Flow, and its
	// Mermaid source goes beside the page (MermaidFile).
	Diagram *flow.Diagram
	Flow    flow.Rendered
}

func (s *site) newView(p, tmpl, kind, title string, meta *matrix.Meta, x any) *view {
	return &view{site: s, Path: p, Root: strings.Repeat("../", strings.Count(p, "/")),
		Template: tmpl, Kind: kind, Title: title, Meta: meta, X: x}
}

// prepare does a page's expensive work, in the rendering workers.
func (v *view) prepare() error {
	if v.Diagram != nil {
		f, err := flow.Render(v.Diagram, v.Root)
		if err != nil {
			return err
		}
		v.Flow = f
	}
	if v.markdown == "" {
		return nil
	}
	var rewrite markdown.Rewriter
	if v.Meta != nil && v.links != nil {
		rewrite = v.links.rewriter(v.Meta.File, v.Root)
	}
	r, err := v.md.RenderLinks([]byte(v.markdown), rewrite)
	if errors.As(err, new(*markdown.ComplexError)) {
		file := ""
		if v.Meta != nil {
			file = v.Meta.File
		}
		return complexDiag(file, v.bodyLine, err)
	}
	if err != nil {
		return err
	}
	v.Body, v.Headings = r.HTML, r.Headings
	return nil
}

// MermaidPath is the site path of the page's Mermaid source: "teams/sre.mmd".
func (v *view) MermaidPath() string { return strings.TrimSuffix(v.Path, ".html") + ".mmd" }

// MermaidFile is the Mermaid source's name, which is also its link from the page.
func (v *view) MermaidFile() string { return path.Base(v.MermaidPath()) }

// URL is the relative link from this page to a site path.
func (v *view) URL(p string) string { return v.Root + p }

// Link is the relative link to a document's page: Link "teams" "sre".
func (v *view) Link(kind, id string) string { return v.Root + kind + "/" + id + ".html" }

// Current reports whether the navigation entry p is this page or its section.
func (v *view) Current(p string) bool {
	if p == v.Path {
		return true
	}
	section := strings.TrimSuffix(p, ".html") + "/"
	return strings.HasPrefix(v.Path, section)
}

// Nav renders the site header, the theme's "nav" template. It is the same on every
// page of a section at one depth, so a build renders it once for each: the template
// is given a navView, which holds nothing else of the page.
func (v *view) Nav() (template.HTML, error) {
	n := navView{site: v.site, Root: v.Root, section: section(v.Path)}
	if strings.HasPrefix(v.Path, "pages/") {
		n.section = v.Path // the header marks the free page itself
	}
	key := [2]string{n.Root, n.section}
	if h, ok := v.navs.Load(key); ok {
		return h.(template.HTML), nil
	}
	var b strings.Builder
	if err := v.tmpl.ExecuteTemplate(&b, "nav", n); err != nil {
		return "", err
	}
	h := template.HTML(b.String())
	v.navs.Store(key, h)
	return h, nil
}

// navView is what the site header sees of a page: its depth and its section.
type navView struct {
	*site
	Root    string // as view.Root
	section string // the page itself at the top level or under pages/; else its folder's page: "runbooks.html"
}

// section is the top-level page a page belongs to: itself at the top level, else
// its folder's page.
func section(path string) string {
	if top, _, nested := strings.Cut(path, "/"); nested {
		return top + ".html"
	}
	return path
}

// URL is the relative link from the page to a site path.
func (n navView) URL(p string) string { return n.Root + p }

// Current reports whether the top-level page p is the page or its section's page.
func (n navView) Current(p string) bool { return p == n.section }

// Overdue reports whether the page's document is past its review interval.
func (v *view) Overdue() bool {
	return v.Meta != nil && matrix.ReviewOverdue(v.Meta.LastReviewed, v.P.Site.ReviewInterval, v.Now)
}

// Live is the page's address on the published site, or "".
func (v *view) Live() string {
	if v.BaseURL == "" {
		return ""
	}
	return v.BaseURL + v.Path
}

// QR draws the QR code of the page's live address, for printouts.
func (v *view) QR() template.HTML {
	live := v.Live()
	if live == "" {
		return ""
	}
	c, err := qr.Encode(live, qr.M)
	if err != nil {
		return ""
	}
	return template.HTML(c.SVG("QR code linking to " + live))
}

// Inline renders a one-line Markdown snippet from YAML, such as a checklist step.
func (v *view) Inline(s string) template.HTML {
	if h, ok := v.inline.Load(s); ok {
		return h.(template.HTML)
	}
	h := v.md.Inline(s)
	v.inline.Store(s, h)
	return h
}

// Clock formats an instant in the playbook's time zone.
func (v *view) Clock(t time.Time) string {
	return t.In(v.P.Site.Location.Location).Format("Mon 2 Jan 15:04 MST")
}

// Team looks up a team for templates.
func (v *view) Team(id string) *matrix.Team { return v.P.Team(id) }

// Sev looks up a severity for templates.
func (v *view) Sev(id string) *matrix.Severity { return v.P.Severity(id) }

// Runbook looks up a runbook for templates.
func (v *view) Runbook(id string) *matrix.Runbook { return v.P.Runbook(id) }

// PagesOf lists the site's pages of one kind, for the list of every page.
func (v *view) PagesOf(kind string) []*view {
	var out []*view
	for _, p := range v.pages {
		if p.Kind == kind {
			out = append(out, p)
		}
	}
	return out
}

// Aggregate reports whether the page's review date stands for a list of documents.
func (v *view) Aggregate() bool { return v.Meta != nil && v.Meta.File == "" }

// Redact reports whether personal contact details are left out.
func (v *view) Redact() bool { return v.Opt.RedactContacts }

// funcs are the template functions; page-dependent helpers are view methods instead.
var funcs = template.FuncMap{
	"tel":        telURL,
	"mailto":     func(s string) template.URL { return template.URL("mailto:" + strings.TrimPrefix(s, "mailto:")) },
	"trimMailto": func(s string) string { return strings.TrimPrefix(s, "mailto:") },
	"dur":        matrix.FormatDuration,
	"join":       strings.Join,
	"title":      titleCase,
	"safeURL": func(s string) template.URL {
		if safeLink(s) {
			return template.URL(s)
		}
		return ""
	},
	"add":  func(a, b int) int { return a + b },
	"pair": func(a, b any) []any { return []any{a, b} },
	"list": func(s ...string) []string { return s },
}

// telURL turns a written phone number into a tel: link: digits and a leading +.
func telURL(phone string) template.URL {
	var b strings.Builder
	b.WriteString("tel:")
	for i, r := range phone {
		if r >= '0' && r <= '9' || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	return template.URL(b.String())
}

// safeLink accepts the URLs a playbook may link to: web, mail and phone links.
// It is markdown.SafeURL's policy restricted to well-formed absolute URLs: a
// relative or unparsable one is refused. (A URL that parses with a scheme
// starts with that scheme, which SafeURL's normalising leaves as it is.)
func safeLink(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	return err == nil && u.Scheme != "" && markdown.SafeURL(s)
}

func titleCase(s string) string {
	s = strings.ReplaceAll(s, "_", " ")
	s = strings.ReplaceAll(s, "-", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
