package generator

import (
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/generator/markdown"
	"github.com/escalator-dev/escalator/matrix"
	"github.com/escalator-dev/escalator/theme"
)

// MediaDir is the site folder that a playbook's assets/ folder is copied to: apart
// from the theme's assets/, so that no name of the playbook's can shadow a theme file.
const MediaDir = "media"

// idSchemes are the id-based link forms, `runbook:database-failover#rollback`, and the
// site folder of each kind's pages.
var idSchemes = map[string]string{
	"runbook": "runbooks", "team": "teams", "role": "roles", "brief": "briefs",
	"vendor": "vendors", "page": "pages", "domain": "domains", "severity": "severities",
}

// listPages are the site's top-level pages, which a relative link may name.
var listPages = []string{"index.html", "matrix.html", "contacts.html", "severities.html", "teams.html",
	"roles.html", "runbooks.html", "briefs.html", "vendors.html", "search.html", "404.html"}

// linkIndex resolves the links written in a playbook's bodies to the site's pages:
// by id (`runbook:x`), by the document's file (`../runbooks/x.md`), by page
// (`../runbooks/x.html`), or to a file of assets/.
type linkIndex struct {
	root     string                       // the display prefix of the playbook's files: "content/" or ""
	bySource map[string]string            // playbook-relative source file -> site page
	byID     map[string]map[string]string // scheme -> id -> site page
	pages    map[string]string            // site page -> display name of its document ("" for computed ones)
	kinds    map[string]string            // site page -> template it renders with
	assets   map[string]bool
}

func newLinkIndex(p *matrix.Playbook) *linkIndex {
	ix := &linkIndex{root: strings.TrimSuffix(p.MatrixFile, "matrix.yaml"), bySource: map[string]string{},
		byID: map[string]map[string]string{}, pages: map[string]string{}, kinds: map[string]string{}, assets: map[string]bool{}}
	add := func(scheme, id, file string) {
		page := idSchemes[scheme] + "/" + id + ".html"
		if ix.byID[scheme] == nil {
			ix.byID[scheme] = map[string]string{}
		}
		ix.byID[scheme][id] = page
		ix.pages[page] = file
		ix.kinds[page] = scheme + ".html"
		if file != "" {
			ix.bySource[strings.TrimPrefix(file, ix.root)] = page
		}
	}
	for _, r := range p.Runbooks {
		add("runbook", r.ID, r.File)
	}
	for _, t := range p.Teams {
		add("team", t.ID, t.File)
	}
	for _, r := range p.Roles {
		add("role", r.ID, r.File)
	}
	for _, b := range p.Briefs {
		add("brief", b.ID, b.File)
	}
	for _, v := range p.Vendors {
		add("vendor", v.ID, v.File)
	}
	for _, pg := range p.Pages {
		add("page", pg.ID, pg.File)
	}
	for _, d := range p.Domains {
		add("domain", d.ID, "")
	}
	for _, s := range p.Severities {
		add("severity", s.ID, "")
	}
	for _, name := range listPages {
		ix.pages[name] = ""
	}
	ix.bySource["matrix.yaml"], ix.bySource["playbook.yaml"] = "matrix.html", "index.html"
	ix.kinds["matrix.html"] = "matrix.html"
	for _, a := range p.Assets {
		ix.assets[a] = true
	}
	return ix
}

// linkProblem is what is wrong with a link.
type linkProblem struct {
	code          diag.Code
	message, hint string
	document      bool // the link names a document that is not there
}

// resolved is where a link leads.
type resolved struct {
	page string // the site path it leads to, "" when it stays as written
	frag string // the fragment, without '#'
	self bool   // a fragment of the document itself
}

// resolve says where dest, written in the playbook file from (a slash path in the
// playbook), leads, or what is wrong with it. External URLs stay as written.
func (ix *linkIndex) resolve(from, dest string, image bool) (resolved, *linkProblem) {
	if dest == "" {
		return resolved{}, nil
	}
	if f, ok := strings.CutPrefix(dest, "#"); ok {
		return resolved{frag: f, self: true}, nil
	}
	if scheme, rest, ok := urlScheme(dest); ok {
		if _, ok := idSchemes[scheme]; ok {
			id, frag, _ := strings.Cut(rest, "#")
			page, found := ix.byID[scheme][id]
			if !found {
				hint := "link to an existing " + scheme + " id"
				var ids []string
				for k := range ix.byID[scheme] {
					ids = append(ids, k)
				}
				if c, ok := diag.Closest(id, ids); ok {
					hint = "did you mean " + scheme + ":" + c + "?"
				}
				return resolved{}, &linkProblem{diag.BrokenLink, "broken link: no " + scheme + " " + quote(id), hint, true}
			}
			if image {
				return resolved{}, &linkProblem{diag.InvalidImage, "an image cannot show the " + scheme + " " + quote(id), "show a file of assets/: ![text](../assets/picture.png)", false}
			}
			return resolved{page: page, frag: frag}, nil
		}
		switch scheme {
		case "http", "https", "mailto", "tel":
			return resolved{}, nil
		}
		return resolved{}, &linkProblem{diag.LinkScheme, "link scheme " + quote(scheme+":") + " is not allowed: the page shows the link's text only",
			"use http, https, mailto or tel, or a playbook link such as runbook:ID", false}
	}
	if strings.HasPrefix(dest, "//") || strings.HasPrefix(dest, `\\`) {
		return resolved{}, nil
	}
	if strings.HasPrefix(dest, "/") {
		return resolved{}, &linkProblem{diag.RootLink, "link " + quote(dest) + " starts at the site's root: it breaks opened from disk or published under a folder",
			"write it relative to this file (../runbooks/x.md), or by id (runbook:x)", false}
	}
	p, frag, _ := strings.Cut(dest, "#")
	p, _, _ = strings.Cut(p, "?")
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	target := path.Join(path.Dir(from), p)
	if target == ".." || strings.HasPrefix(target, "../") {
		return resolved{}, &linkProblem{diag.BrokenLink, "broken link: " + quote(dest) + " leads outside the playbook folder",
			"put the file under assets/, or link to where it is published with https://", false}
	}
	if page, ok := ix.bySource[target]; ok && !image {
		return resolved{page: page, frag: frag}, nil
	}
	if ix.assets[target] {
		return resolved{page: MediaDir + "/" + strings.TrimPrefix(target, matrix.AssetsDir+"/"), frag: frag}, nil
	}
	if _, ok := ix.pages[target]; ok && !image {
		return resolved{page: target, frag: frag}, nil
	}
	if _, ok := ix.pages[target+".html"]; ok && !image && slices.Contains(listPages, target+".html") {
		return resolved{page: target + ".html", frag: frag}, nil // a folder: its list page
	}
	if image {
		hint := "put the image under assets/ and show it relative to this file: ![text](../assets/picture.png)"
		if strings.HasPrefix(target, matrix.AssetsDir+"/") {
			hint = "no such file in assets/"
			if c, ok := diag.Closest(target, ix.assetList()); ok {
				hint = "did you mean " + quote(c) + "?"
			}
		}
		return resolved{}, &linkProblem{diag.MissingImage, "missing image " + quote(target), hint, false}
	}
	hint := "link to a document by its file (../runbooks/x.md) or id (runbook:x), or to a file of assets/"
	var known []string
	for k := range ix.bySource {
		known = append(known, k)
	}
	known = append(known, ix.assetList()...)
	if c, ok := diag.Closest(target, known); ok && diag.Distance(target, c) <= max(3, len(target)/4) {
		hint = "did you mean " + quote(c) + "?"
	}
	doc := strings.HasSuffix(target, ".md") || strings.HasSuffix(target, ".yaml") || strings.HasSuffix(target, ".html")
	return resolved{}, &linkProblem{diag.BrokenLink, "broken link: no page or asset " + quote(target), hint, doc}
}

func (ix *linkIndex) assetList() []string {
	out := make([]string, 0, len(ix.assets))
	for a := range ix.assets {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// urlScheme splits off a URL's scheme, when it has one: a colon before any of "/?#".
func urlScheme(s string) (scheme, rest string, ok bool) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ':':
			if i == 0 {
				return "", "", false
			}
			return strings.ToLower(s[:i]), s[i+1:], true
		case c == '/' || c == '?' || c == '#':
			return "", "", false
		}
	}
	return "", "", false
}

func quote(s string) string { return `"` + s + `"` }

// rewriter gives the links of the body of the document file (a display name) their
// addresses on a page root away from the site's root.
func (ix *linkIndex) rewriter(file, root string) markdown.Rewriter {
	from := strings.TrimPrefix(file, ix.root)
	return func(dest []byte, image bool) []byte {
		r, problem := ix.resolve(from, string(dest), image)
		if problem != nil || r.page == "" {
			return nil
		}
		u := root + r.page
		if r.frag != "" {
			u += "#" + r.frag
		}
		return []byte(u)
	}
}

// Bodies collects what `check` needs of each Markdown body as the playbook loads:
// its Check method is matrix.Options.CheckBody. CheckLinks then resolves the links.
type Bodies struct {
	mu  sync.Mutex
	out map[string]body // by display file name
}

type body struct {
	line    int // the body's first line in its file
	outline markdown.Outline
}

// Check reports a body that a build would refuse as too complex to render, and keeps
// its links, anchors and raw HTML for CheckLinks. It is safe for concurrent use.
func (b *Bodies) Check(file string, src []byte, line int) diag.List {
	o, err := markdown.Inspect(src)
	if err != nil {
		return complexDiag(file, line, err) // Inspect runs the same pre-scan as Check
	}
	if len(o.Refs) == 0 && len(o.Anchors) == 0 && len(o.HTML) == 0 {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.out == nil {
		b.out = map[string]body{}
	}
	b.out[file] = body{line: line, outline: o}
	return nil
}

// CheckLinks reports, at their file, line and column, every link of the playbook's
// bodies that leads nowhere (an error), every fragment that names no heading of its
// page (a warning) and, unless the playbook allows raw HTML, the raw HTML the site
// drops (a warning). bodies are the outlines Bodies.Check collected; when nil, the
// bodies p holds are inspected.
func CheckLinks(p *matrix.Playbook, bodies *Bodies) diag.List { return checkLinks(p, bodies, false) }

// checkLinks is CheckLinks; partial says the load had errors, so that a document a link
// names may be one that did not load: such links are not reported.
func checkLinks(p *matrix.Playbook, bodies *Bodies, partial bool) diag.List {
	if p == nil {
		return nil
	}
	if bodies == nil {
		bodies = &Bodies{}
		for _, d := range bodyDocs(p) {
			if d.body != "" {
				bodies.Check(d.file, []byte(d.body), d.line)
			}
		}
	}
	ix := newLinkIndex(p)
	anchors := templateAnchors()
	var out diag.List
	files := make([]string, 0, len(bodies.out))
	for f := range bodies.out {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, file := range files {
		b := bodies.out[file]
		from := strings.TrimPrefix(file, ix.root)
		at := func(line, col int, code diag.Code, msg, hint string) {
			d := diag.Diagnostic{File: file, Severity: code.Severity(), Code: code, Message: msg, Suggestion: hint}
			if line > 0 {
				d.Line, d.Col = b.line+line-1, col
			}
			out = append(out, d)
		}
		for _, ref := range b.outline.Refs {
			r, problem := ix.resolve(from, ref.Dest, ref.Image)
			if problem != nil && partial && problem.document {
				continue
			}
			if problem != nil {
				at(ref.Line, ref.Col, problem.code, problem.message, problem.hint)
				continue
			}
			if r.frag == "" {
				continue
			}
			var ids []string
			var page string
			if r.self {
				ids, page = b.outline.Anchors, ix.bySource[from]
			} else {
				page = r.page
				if doc, ok := ix.pages[page]; ok {
					if t, ok := bodies.out[doc]; ok && doc != "" {
						ids = t.outline.Anchors
					}
				} else {
					continue // an asset
				}
			}
			tmpl := ix.kinds[page]
			if tmpl == "" {
				tmpl = page
			}
			if slices.Contains(ids, r.frag) || slices.Contains(anchors[tmpl], r.frag) || slices.Contains(anchors["layout.html"], r.frag) {
				continue
			}
			known := append(slices.Clone(ids), anchors[tmpl]...)
			hint := "link to one of the page's headings, by the id its # link shows"
			if c, ok := diag.Closest(r.frag, known); ok && diag.Distance(r.frag, c) <= max(2, len(r.frag)/3) {
				hint = "did you mean #" + c + "?"
			} else if len(known) > 0 {
				slices.Sort(known)
				known = slices.Compact(known)
				if len(known) > 8 {
					known = append(known[:8], "…")
				}
				hint = "the page's sections: #" + strings.Join(known, ", #")
			}
			at(ref.Line, ref.Col, diag.MissingAnchor, "no heading "+quote("#"+r.frag)+" on "+page, hint)
		}
		if !p.Site.RawHTML {
			for _, h := range b.outline.HTML {
				at(h.Line, h.Col, diag.RawHTML, h.Message,
					"write it in Markdown, keep to the allowed HTML (docs/format.md#raw-html), or set raw_html: true in playbook.yaml")
			}
		}
	}
	return out
}

// WithLinks adds CheckLinks' diagnostics to those of a load, sorted and limited as Load
// leaves them.
func WithLinks(diags diag.List, p *matrix.Playbook, bodies *Bodies) diag.List {
	links := checkLinks(p, bodies, diags.HasErrors())
	if p != nil {
		links = p.Policy().Apply(links)
	}
	if len(links) == 0 {
		return diags
	}
	return append(diags, links...).Compact().Limit(matrix.MaxDiagnosticsPerFile)
}

// bodyDoc is a document with a Markdown body.
type bodyDoc struct {
	file, body string
	line       int
}

func bodyDocs(p *matrix.Playbook) []bodyDoc {
	var out []bodyDoc
	for _, r := range p.Roles {
		out = append(out, bodyDoc{r.File, r.Body, r.BodyLine})
	}
	for _, r := range p.Runbooks {
		out = append(out, bodyDoc{r.File, r.Body, r.BodyLine})
	}
	for _, b := range p.Briefs {
		out = append(out, bodyDoc{b.File, b.Body, b.BodyLine})
	}
	for _, pg := range p.Pages {
		out = append(out, bodyDoc{pg.File, pg.Body, pg.BodyLine})
	}
	return out
}

var templateIDRE = regexp.MustCompile(`\bid="([A-Za-z][A-Za-z0-9_-]*)"`)

// templateAnchors are the ids the embedded templates give their pages' sections
// (`team.html` has "contacts"...), by template name.
var templateAnchors = sync.OnceValue(func() map[string][]string {
	out := map[string][]string{}
	th := theme.FS(nil)
	names, _ := fs.Glob(th, "templates/*.html")
	for _, n := range names {
		data, err := fs.ReadFile(th, n)
		if err != nil {
			continue
		}
		base := path.Base(n)
		for _, m := range templateIDRE.FindAllSubmatch(data, -1) {
			out[base] = append(out[base], string(m[1]))
		}
		if base == "partials.html" {
			out["layout.html"] = append(out["layout.html"], out[base]...)
		}
	}
	return out
})
