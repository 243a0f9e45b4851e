package generator

import (
	"errors"
	"html/template"
	"net/url"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/generator/flow"
	"github.com/escalator-dev/escalator/generator/markdown"
	"github.com/escalator-dev/escalator/internal/qr"
	"github.com/escalator-dev/escalator/matrix"
)

// view is one rendering of a page: what its template is given. It joins the page, the
// site every page shares and what rendering the page made (its body and flowchart), and
// its methods are the helpers templates call. A view lives for one rendering.
type view struct {
	*shared
	*page
	rendered
}

// rendered is what a page's rendering makes before its template runs: the expensive
// parts, made in the rendering workers.
type rendered struct {
	Body     template.HTML
	Headings []markdown.Heading
	Flow     flow.Rendered
}

// prepare does a page's expensive work, in the rendering workers.
func (s *shared) prepare(pg *page) (rendered, error) {
	var r rendered
	if pg.Diagram != nil {
		f, err := flow.Render(pg.Diagram, pg.Root)
		if err != nil {
			return r, err
		}
		r.Flow = f
	}
	if pg.markdown == "" {
		return r, nil
	}
	var rewrite markdown.Rewriter
	if pg.Meta != nil && s.links != nil {
		rewrite = s.links.rewriter(pg.Meta.File, pg.Root)
	}
	out, err := s.md.RenderLinks([]byte(pg.markdown), rewrite)
	if errors.As(err, new(*markdown.ComplexError)) {
		file := ""
		if pg.Meta != nil {
			file = pg.Meta.File
		}
		return r, complexDiag(file, pg.bodyLine, err)
	}
	if err != nil {
		return r, err
	}
	r.Body, r.Headings = out.HTML, out.Headings
	return r, nil
}

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
	n := navView{shared: v.shared, Root: v.Root, section: section(v.Path)}
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
	*shared
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
func (v *view) PagesOf(kind string) []*page {
	var out []*page
	for _, p := range v.pages {
		if p.Kind == pageKind(kind) {
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
