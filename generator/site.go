package generator

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/escalator-dev/escalator/generator/flow"
	"github.com/escalator-dev/escalator/generator/search"
	"github.com/escalator-dev/escalator/matrix"
)

// Site is a playbook's site held in memory and rendered one file at a time, for a
// server that renders on request and, after an edit, only what the edit changed.
// Build writes a whole site instead. A Site is safe for concurrent use.
type Site struct {
	s      *shared
	byPath map[string]*page
}

// NewSite prepares the site of p, which must have loaded without errors. It renders
// nothing yet.
func NewSite(p *matrix.Playbook, opt Options) (*Site, error) {
	s, err := newSite(p, opt)
	if err != nil {
		return nil, err
	}
	byPath := make(map[string]*page, len(s.pages))
	for _, pg := range s.pages {
		byPath[pg.Path] = pg
	}
	return &Site{s: s, byPath: byPath}, nil
}

// Playbook returns the playbook the site shows.
func (s *Site) Playbook() *matrix.Playbook { return s.s.P }

// Pages lists the paths of the site's HTML pages, in the order a build writes them.
func (s *Site) Pages() []string {
	out := make([]string, len(s.s.pages))
	for i, v := range s.s.pages {
		out[i] = v.Path
	}
	return out
}

// Page renders the page at path; ok is false when the site has no such page.
func (s *Site) Page(path string) (data []byte, ok bool, err error) {
	pg := s.byPath[path]
	if pg == nil {
		return nil, false, nil
	}
	var buf bytes.Buffer
	if err := (&view{shared: s.s, page: pg}).execute(&buf); err != nil {
		return nil, true, err
	}
	return buf.Bytes(), true, nil
}

// Mermaid returns the Mermaid source of a page's flowchart, by the path it has beside
// the page ("teams/sre.mmd"); ok is false when there is no such chart.
func (s *Site) Mermaid(path string) ([]byte, bool) {
	v := s.byPath[strings.TrimSuffix(path, ".mmd")+".html"]
	if v == nil || v.Diagram == nil || !strings.HasSuffix(path, ".mmd") {
		return nil, false
	}
	m := flow.Mermaid(v.Diagram)
	return []byte(m), m != ""
}

// Assets returns the theme's static files and the published schemas, by path: what
// every page loads, cheap to make.
func (s *Site) Assets() map[string][]byte { return s.s.assets() }

// Files renders every file of the site that is neither a page nor part of the search
// index (the export of the whole playbook, the assets, the schemas), by path. On a
// large playbook it takes a while.
func (s *Site) Files() (map[string][]byte, error) {
	m := &memSink{files: map[string][]byte{}}
	var mu sync.Mutex
	var firstErr error
	s.s.renderFiles(m, func(_ int, err error) {
		mu.Lock()
		defer mu.Unlock()
		if firstErr == nil {
			firstErr = err
		}
	})
	return m.files, firstErr
}

// Stale lists the pages of s that may differ from the same pages of old, the site of
// an earlier version of the playbook built with the same options and theme. all
// reports that every page may differ.
func (s *Site) Stale(old *Site) (pages []string, all bool) {
	kind, touched := classify(old.s, s.s)
	if kind == otherEdit {
		return nil, true
	}
	return s.s.stale(kind, touched), false
}

// Next returns the site of p, a later version of the playbook of s, with the same
// options and theme, as of now; and the pages that may render differently from those
// of s (all of them when all is set). For the edit authors make over and over, to a
// runbook's body or checklist, it reuses everything of s but that runbook's pages:
// on a large playbook that saves most of the work.
func (s *Site) Next(p *matrix.Playbook, now time.Time) (next *Site, stale []string, all bool, err error) {
	ns := *s.s
	ns.P, ns.Now = p, now
	ns.navs = new(sync.Map) // the header shows the playbook's title
	kind, touched := classify(s.s, &ns)
	if kind != bodyEdit {
		opt := s.s.Opt
		opt.Now = now
		next, err := NewSite(p, opt)
		if err != nil {
			return nil, nil, true, err
		}
		if kind == otherEdit {
			return next, next.Pages(), true, nil
		}
		return next, next.s.stale(kind, touched), false, nil
	}
	ns.pages = make([]*page, len(s.s.pages))
	byPath := make(map[string]*page, len(s.s.pages))
	for i, pg := range s.s.pages {
		switch rb := pg.runbook(); {
		case rb != nil && touched[rb.ID]:
			doc, checklist := ns.runbookPages(p.Runbook(rb.ID))
			if pg.Kind == kindChecklist {
				doc = checklist
			}
			ns.pages[i] = doc
			stale = append(stale, pg.Path)
		case pg.packTouches(touched):
			c := *pg
			c.X = ns.repack(pg.X.(packData))
			ns.pages[i] = &c
			stale = append(stale, pg.Path)
		case pg.drillTouches(touched):
			c := *pg
			c.X = ns.redrill(pg.X.(*drillData))
			ns.pages[i] = &c
			stale = append(stale, pg.Path)
		default:
			ns.pages[i] = pg // pages hold no site: templates look up the new playbook
		}
		byPath[pg.Path] = ns.pages[i]
	}
	return &Site{s: &ns, byPath: byPath}, stale, false, nil
}

// edit says how a playbook changed between two versions of a site, and so which
// pages may render differently.
type edit int

const (
	// bodyEdit changed runbooks but nothing other pages show of them (see
	// runbookCard): only those runbooks' own pages are stale.
	bodyEdit edit = iota
	// runbookEdit changed only runbooks, some in what other pages show of them, or
	// added or removed some: every page is stale but other runbooks' own pages.
	runbookEdit
	// otherEdit changed anything else: every page is stale. Review marks move with
	// the day, so a new day is one too.
	otherEdit
)

// classify tells how the playbook of cur differs from that of old, and the ids of the
// runbooks touched.
func classify(old, cur *shared) (edit, map[string]bool) {
	if old.Now.YearDay() != cur.Now.YearDay() || old.Now.Year() != cur.Now.Year() {
		return otherEdit, nil
	}
	p, o := cur.P, old.P
	files := p.ChangedFiles(o)
	if len(files) > 64 {
		return otherEdit, nil // a checkout, not an edit: plan afresh
	}
	kind, touched := bodyEdit, map[string]bool{}
	for _, f := range files {
		rb, before := runbookByFile(p, f), runbookByFile(o, f)
		switch {
		case rb == nil && before == nil:
			return otherEdit, nil
		case rb == nil || before == nil || rb.ID != before.ID || runbookCard(before) != runbookCard(rb):
			kind = runbookEdit
		}
		for _, r := range []*matrix.Runbook{rb, before} {
			if r != nil {
				touched[r.ID] = true
			}
		}
	}
	return kind, touched
}

// stale lists the pages an edit of that kind, touching those runbooks, made stale.
func (s *shared) stale(kind edit, touched map[string]bool) []string {
	var pages []string
	for _, v := range s.pages {
		rb := v.runbook()
		if rb != nil && touched[rb.ID] || rb == nil && kind == runbookEdit || v.packTouches(touched) || v.drillTouches(touched) {
			pages = append(pages, v.Path)
		}
	}
	return pages
}

// runbook returns the runbook of a runbook's own page, or nil.
func (pg *page) runbook() *matrix.Runbook {
	if d, ok := pg.X.(runbookData); ok && (pg.Kind == kindRunbook || pg.Kind == kindChecklist) {
		return d.Runbook
	}
	return nil
}

// packTouches reports whether pg is a print pack that shows one of the runbooks.
func (pg *page) packTouches(touched map[string]bool) bool {
	d, ok := pg.X.(packData)
	if !ok {
		return false
	}
	for _, rd := range d.Checklist {
		if touched[rd.Runbook.ID] {
			return true
		}
	}
	return false
}

// repack is a print pack with its runbooks as s's playbook has them.
func (s *shared) repack(d packData) packData {
	out := packData{Domain: d.Domain}
	for _, rd := range d.Checklist {
		if r := s.P.Runbook(rd.Runbook.ID); r != nil {
			out.Checklist = append(out.Checklist, s.runbookData(r))
		}
	}
	return out
}

func runbookByFile(p *matrix.Playbook, file string) *matrix.Runbook {
	for _, rb := range p.Runbooks {
		if rb.File == file {
			return rb
		}
	}
	return nil
}

// runbookCard is what pages other than a runbook's own show of it.
func runbookCard(r *matrix.Runbook) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q %q %q %q %q %q %v %q %v %q|", r.ID, r.Title, r.Summary, r.Domain.ID, r.Owner.ID, r.File, r.LastReviewed, r.Kind, r.Domains.All, r.Domains.Refs)
	writeRoleSteps(&b, r) // role pages list them
	for _, refs := range [][]matrix.Ref{r.Severities, r.Alert, r.Vendors} {
		for _, x := range refs {
			b.WriteString(x.ID)
			b.WriteByte(' ')
		}
		b.WriteByte('|')
	}
	return b.String()
}

// SearchIndex builds the files of the search index (search/…) from the site's pages as
// rendered, which page returns by path: the index holds what the pages show.
func (s *Site) SearchIndex(page func(path string) []byte) map[string][]byte {
	found := make([]search.Page, len(s.s.pages))
	for n, pg := range s.s.pages {
		if _, ok := searchKinds[pg.Kind]; ok {
			if data := page(pg.Path); data != nil {
				found[n] = pg.searchPage(data)
			}
		}
	}
	return s.s.searchIndex(found)
}

// memSink collects a site's files in memory.
type memSink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memSink) write(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[name] = bytes.Clone(data)
	return nil
}

func (m *memSink) create(name string) (io.WriteCloser, error) {
	return &memFile{m: m, name: name}, nil
}

type memFile struct {
	bytes.Buffer
	m    *memSink
	name string
}

func (f *memFile) Close() error {
	f.m.mu.Lock()
	defer f.m.mu.Unlock()
	f.m.files[f.name] = f.Bytes()
	return nil
}
