package generator

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/escalator-dev/escalator/matrix"
)

// Site is a playbook's site held in memory and rendered one file at a time, for a
// server that renders on request and, after an edit, only what the edit changed.
// Build writes a whole site instead. A Site is safe for concurrent use.
type Site struct {
	s      *site
	byPath map[string]*view
}

// NewSite prepares the site of p, which must have loaded without errors. It renders
// nothing yet.
func NewSite(p *matrix.Playbook, opt Options) (*Site, error) {
	s, err := newSite(p, opt)
	if err != nil {
		return nil, err
	}
	byPath := make(map[string]*view, len(s.pages))
	for _, v := range s.pages {
		byPath[v.Path] = v
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
	v := s.byPath[path]
	if v == nil {
		return nil, false, nil
	}
	c := *v // rendering fills in the body: work on a copy, pages render concurrently
	var buf bytes.Buffer
	if err := c.execute(&buf); err != nil {
		return nil, true, err
	}
	return buf.Bytes(), true, nil
}

// Assets returns the theme's static files and the published schemas, by path: what
// every page loads, cheap to make.
func (s *Site) Assets() map[string][]byte { return s.s.assets() }

// Files renders every file of the site that is not a page (the export of the whole
// playbook, the assets, the schemas), by path. On a large playbook it takes a while.
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
	changed, ok := runbookEdits(old.s, s.s)
	if !ok {
		return nil, true
	}
	for _, v := range s.s.pages {
		if v.Kind == "runbook" || v.Kind == "checklist" {
			if slices.ContainsFunc(changed, func(rb *matrix.Runbook) bool { return &rb.Meta == v.Meta }) {
				pages = append(pages, v.Path)
			}
		}
	}
	return pages, false
}

// Next returns the site of p, a later version of the playbook of s, with the same
// options and theme, as of now; and the pages that may render differently from those
// of s (all of them when all is set). For the edit authors make over and over (see
// runbookEdits) it reuses everything of s but the edited runbooks' pages, which on a
// large playbook saves most of the work; anything else plans a new site.
func (s *Site) Next(p *matrix.Playbook, now time.Time) (next *Site, stale []string, all bool, err error) {
	ns := *s.s
	ns.P, ns.Now = p, now
	changed, ok := runbookEdits(s.s, &ns)
	if !ok {
		opt := s.s.Opt
		opt.Now = now
		next, err := NewSite(p, opt)
		if err != nil {
			return nil, nil, true, err
		}
		return next, next.Pages(), true, nil
	}
	edited := make(map[string]*matrix.Runbook, len(changed))
	for _, rb := range changed {
		edited["runbooks/"+rb.ID+".html"] = rb
		edited["runbooks/"+rb.ID+".checklist.html"] = rb
	}
	ns.pages = make([]*view, len(s.s.pages))
	byPath := make(map[string]*view, len(s.s.pages))
	for i, v := range s.s.pages {
		if rb := edited[v.Path]; rb != nil {
			page, checklist := ns.runbookPages(rb)
			if v.Kind == "checklist" {
				page = checklist
			}
			ns.pages[i] = page
			stale = append(stale, v.Path)
		} else {
			c := *v
			c.site = &ns // no page keeps the earlier playbook alive
			ns.pages[i] = &c
		}
		byPath[v.Path] = ns.pages[i]
	}
	return &Site{s: &ns, byPath: byPath}, stale, false, nil
}

// runbookEdits reports whether the only difference between the playbooks of two
// versions of a site is the one edit told apart, and the runbooks it touched: a change
// to runbooks that leaves what other pages show of them (title, summary, domain,
// severities, owner, teams, vendors, review date) as it was. Then only those runbooks'
// own pages are stale. Review marks move with the day, so a new day is another edit.
func runbookEdits(old, cur *site) ([]*matrix.Runbook, bool) {
	if old.Now.YearDay() != cur.Now.YearDay() || old.Now.Year() != cur.Now.Year() {
		return nil, false
	}
	p, o := cur.P, old.P
	files := p.ChangedFiles(o)
	if len(files) > 64 {
		return nil, false // a checkout, not an edit: plan afresh
	}
	var changed []*matrix.Runbook
	for _, f := range files {
		rb := runbookByFile(p, f)
		if rb == nil {
			return nil, false
		}
		before := o.Runbook(rb.ID)
		if before == nil || before.File != rb.File || runbookCard(before) != runbookCard(rb) {
			return nil, false
		}
		changed = append(changed, rb)
	}
	return changed, true
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
	fmt.Fprintf(&b, "%q %q %q %q %q %q %v|", r.ID, r.Title, r.Summary, r.Domain.ID, r.Owner.ID, r.File, r.LastReviewed)
	for _, refs := range [][]matrix.Ref{r.Severities, r.Alert, r.Vendors} {
		for _, x := range refs {
			b.WriteString(x.ID)
			b.WriteByte(' ')
		}
		b.WriteByte('|')
	}
	return b.String()
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
