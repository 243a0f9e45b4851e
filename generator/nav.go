package generator

import (
	"bytes"
	"html/template"
	"slices"
	"strings"

	"github.com/escalator-dev/escalator/matrix"
)

// Navigation between a playbook's free pages, and within long pages: the order and
// sections of the free pages, previous and next links, the table of contents and the
// "edit this page" link.

// pageOrder returns the free pages in navigation order: by order, then by id, so that
// pages with the same order (or none) still come out the same on every build.
func pageOrder(pages []*matrix.Page) []*matrix.Page {
	out := slices.Clone(pages)
	slices.SortStableFunc(out, func(a, b *matrix.Page) int {
		if a.Order != b.Order {
			return a.Order - b.Order
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// pageSection is a group of free pages in the navigation; Name is "" for the pages
// their authors put in no section.
type pageSection struct {
	Name  string
	Pages []*matrix.Page
}

// pageSections groups pages, given in navigation order, by section. Sections come in
// the order of their first page, and keep their pages' order.
func pageSections(pages []*matrix.Page) []pageSection {
	var out []pageSection
	at := map[string]int{}
	for _, pg := range pages {
		i, ok := at[pg.Section]
		if !ok {
			i = len(out)
			at[pg.Section] = i
			out = append(out, pageSection{Name: pg.Section})
		}
		out[i].Pages = append(out[i].Pages, pg)
	}
	return out
}

// PageSections lists the free pages by section, for the site header.
func (n navView) PageSections() []pageSection { return pageSections(n.pageNav) }

// Link is the relative link from the page to a document's page.
func (n navView) Link(kind, id string) string { return n.Root + kind + "/" + id + ".html" }

// CurrentPage reports whether the page is the free page with the id.
func (n navView) CurrentPage(id string) bool { return n.section == "pages/"+id+".html" }

// pager is a free page's previous and next pages in navigation order; either may be nil.
type pager struct {
	Prev, Next *matrix.Page
}

// Pager returns the free page's neighbours in navigation order.
func (v *view) Pager() pager {
	pg, ok := v.X.(*matrix.Page)
	if !ok {
		return pager{}
	}
	i := slices.Index(v.pageNav, pg)
	if i < 0 {
		return pager{}
	}
	var p pager
	if i > 0 {
		p.Prev = v.pageNav[i-1]
	}
	if i+1 < len(v.pageNav) {
		p.Next = v.pageNav[i+1]
	}
	return p
}

// tocEntry is one line of a page's table of contents.
type tocEntry struct {
	Level int // 2 or 3
	ID    string
	Text  string
}

// tocMin is how many headings a free page needs to get a table of contents; runbooks
// and roles always have one.
const tocMin = 3

// toc lists the page's table of contents: the sections its template writes, then the
// headings of its Markdown body (levels 2 and 3), or nil when the page has none.
func (v *view) toc() []tocEntry {
	var out []tocEntry
	add := func(level int, id, text string) { out = append(out, tocEntry{level, id, text}) }
	body := func(level int) {
		for _, h := range v.Headings {
			if h.Level == 2 || h.Level == 3 {
				add(h.Level+level-2, h.ID, h.Text)
			}
		}
	}
	switch v.Kind {
	case kindRunbook:
		d := v.X.(runbookData)
		// The sections runbook.html writes, and only those: a process page has no
		// triage nor containment.
		if len(d.Runbook.Triage) > 0 {
			add(2, "triage", "Triage: answer first")
		}
		if len(d.Alert) > 0 {
			add(2, "alert", "Who to alert")
		}
		add(2, "checklist", "Checklist")
		if d.Runbook.Containment != "" {
			add(2, "contained", "Containment is confirmed when")
		}
		if len(d.Runbook.Dashboards) > 0 {
			add(2, "dashboards", "Dashboards")
		}
		if len(d.Vendors) > 0 {
			add(2, "vendors", "Vendors involved")
		}
		add(2, "guide", "Guide")
		body(3)
	case kindRole:
		add(2, "must", "Non-negotiable")
		add(2, "handoff", "Handing the role over")
		d := v.X.(roleData)
		if d.Role.StaffedBy != nil {
			add(2, "staffed", "Who staffs it")
		}
		if len(d.Role.Prerequisites) > 0 {
			add(2, "prerequisites", "Before you take the role")
		}
		if len(d.Runbooks) > 0 {
			add(2, "your-steps", "Your steps")
		}
		body(2)
	case kindPage:
		body(2)
		if len(out) < tocMin {
			return nil
		}
	}
	for i := range out {
		if out[i].Level > 3 {
			out[i].Level = 3
		}
	}
	return out
}

// TOC renders the page's table of contents, or "" when it has none. It is written
// in Go, not in a template, so that fastpage.go writes the same bytes by calling it.
func (v *view) TOC() template.HTML {
	entries := v.toc()
	if len(entries) == 0 {
		return ""
	}
	var b bytes.Buffer
	w := pageWriter{&b}
	w.raw("<nav class=\"page-toc\" aria-labelledby=\"toc-title\" data-noindex>\n<p id=\"toc-title\" class=\"toc-title\">On this page</p>\n<ul>")
	for _, e := range entries {
		w.raw("\n<li class=\"toc-l")
		w.raw(string(rune('0' + e.Level)))
		w.raw("\"><a href=\"#")
		w.text(e.ID)
		w.raw("\">")
		w.text(e.Text)
		w.raw("</a></li>")
	}
	w.raw("\n</ul>\n</nav>\n")
	return template.HTML(b.String())
}

// EditURL is the address to edit the page's source document, or "" when the playbook
// sets no edit_url or the page stands for no single file.
func (v *view) EditURL() string {
	pattern := v.P.Site.EditURL
	if pattern == "" || v.Kind == kindSearch || v.Kind == kindNotFound || v.Meta == nil || v.Meta.File == "" || v.Aggregate() {
		return ""
	}
	file := v.Meta.File
	if root := strings.TrimSuffix(v.P.Site.File, "playbook.yaml"); root != "" {
		file = strings.TrimPrefix(file, root)
	}
	return strings.ReplaceAll(pattern, "{path}", file)
}
