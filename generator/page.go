package generator

import (
	"path"
	"strings"

	"github.com/escalator-dev/escalator/generator/flow"
	"github.com/escalator-dev/escalator/matrix"
)

// pageKind says what a page is; its template is the kind's name with ".html". Themes
// see it as a string (`{{if eq .Kind "home"}}`, `class="kind-{{.Kind}}"`).
type pageKind string

const (
	kindHome       pageKind = "home"
	kindMatrix     pageKind = "matrix"
	kindTriage     pageKind = "triage"
	kindContacts   pageKind = "contacts"
	kindList       pageKind = "list" // the list of one kind of document: teams.html, runbooks.html, …
	kindSeverity   pageKind = "severity"
	kindTeam       pageKind = "team"
	kindCalendar   pageKind = "calendar" // a team's printable month of on-call shifts
	kindDomain     pageKind = "domain"
	kindRole       pageKind = "role"
	kindRunbook    pageKind = "runbook"
	kindChecklist  pageKind = "checklist"
	kindPack       pageKind = "pack" // a print pack of checklists
	kindBrief      pageKind = "brief"
	kindVendor     pageKind = "vendor"
	kindPage       pageKind = "page" // a free page of pages/
	kindHistory    pageKind = "history"
	kindReview     pageKind = "review"
	kindSearch     pageKind = "search"
	kindNotFound   pageKind = "notfound"
	kindDrills     pageKind = "drills"
	kindDrill      pageKind = "drill"
	kindDrillKey   pageKind = "drill-key"
	kindDrillSheet pageKind = "drill-sheet"
	kindDrillScore pageKind = "drill-score"
)

// template is the name of the theme template that renders pages of kind k.
func (k pageKind) template() string { return string(k) + ".html" }

// page is one page of a site as planned: where it goes and what it shows. A site
// plans its pages once; every rendering of a page reads it and none changes it.
type page struct {
	Path  string // output path, slash-separated: "teams/sre.html"
	Root  string // the way back to the site's root from Path: "", "../"
	Kind  pageKind
	Title string
	Meta  *matrix.Meta // the document's owner and review date; nil for computed pages
	Print bool         // a page made to be printed: it carries the print header

	// X is the page's subject: a *matrix.Team, a *teamData, a list, …
	X any

	markdown string // Markdown body, rendered with the page
	bodyLine int    // the body's first line in its file (Meta.File)

	// Diagram is the page's flowchart, or nil; it is drawn with the page, and its
	// Mermaid source goes beside the page (MermaidFile).
	Diagram *flow.Diagram
}

func newPage(p string, kind pageKind, title string, meta *matrix.Meta, x any) *page {
	return &page{Path: p, Root: strings.Repeat("../", strings.Count(p, "/")), Kind: kind, Title: title, Meta: meta, X: x}
}

// MermaidPath is the site path of the page's Mermaid source: "teams/sre.mmd".
func (pg *page) MermaidPath() string { return strings.TrimSuffix(pg.Path, ".html") + ".mmd" }

// MermaidFile is the Mermaid source's name, which is also its link from the page.
func (pg *page) MermaidFile() string { return path.Base(pg.MermaidPath()) }
