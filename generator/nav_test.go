package generator

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/escalator-dev/escalator/matrix"
)

func TestPageOrderAndSections(t *testing.T) {
	pg := func(id string, order int, section string) *matrix.Page {
		return &matrix.Page{Meta: matrix.Meta{ID: id}, Order: order, Section: section}
	}
	tests := []struct {
		name  string
		pages []*matrix.Page
		want  string // sections as "name: id id; name: id"
	}{
		{"no sections keeps one unnamed group", []*matrix.Page{pg("b", 2, ""), pg("a", 1, "")}, ": a b"},
		{"same order goes by id", []*matrix.Page{pg("zeta", 1, ""), pg("alpha", 1, ""), pg("mid", 0, "")}, ": mid alpha zeta"},
		{"sections in the order of their first page",
			[]*matrix.Page{pg("review", 9, "After"), pg("ready", 1, "Before"), pg("call", 5, "During"), pg("drill", 2, "Before")},
			"Before: ready drill; During: call; After: review"},
		{"a section's pages stay together", []*matrix.Page{pg("a", 1, "X"), pg("b", 2, ""), pg("c", 3, "X")}, "X: a c; : b"},
		{"no pages", nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var parts []string
			for _, s := range pageSections(pageOrder(tc.pages)) {
				var ids []string
				for _, p := range s.Pages {
					ids = append(ids, p.ID)
				}
				parts = append(parts, s.Name+": "+strings.Join(ids, " "))
			}
			if got := strings.Join(parts, "; "); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestEditURL(t *testing.T) {
	p := sample(t)
	p.Site.EditURL = "https://github.com/org/repo/edit/main/content/{path}"
	s, err := newSite(p, Options{Now: today})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"runbooks/card-payments-failing.html": "https://github.com/org/repo/edit/main/content/runbooks/card-payments-failing.md",
		"pages/glossary.html":                 "https://github.com/org/repo/edit/main/content/pages/glossary.md",
		"matrix.html":                         "https://github.com/org/repo/edit/main/content/matrix.yaml",
		"runbooks.html":                       "", // a list stands for many files
		"search.html":                         "",
	}
	for _, pg := range s.pages {
		v := &view{shared: s, page: pg}
		if w, ok := want[v.Path]; ok {
			if got := v.EditURL(); got != w {
				t.Errorf("%s: %q, want %q", v.Path, got, w)
			}
		}
	}
	p.Site.EditURL = ""
	for _, pg := range s.pages {
		if got := (&view{shared: s, page: pg}).EditURL(); got != "" {
			t.Fatalf("%s without edit_url: %q", pg.Path, got)
		}
	}
}

// Every entry of a page's table of contents names a heading on that page: process
// runbooks have no triage nor containment section, and their TOC lists none.
func TestTOCLinksResolve(t *testing.T) {
	out := build(t, sample(t), Options{})
	linkRE := regexp.MustCompile(`<a href="#([^"]+)">`)
	pages := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		page := string(data)
		start := strings.Index(page, `<nav class="page-toc"`)
		if start < 0 {
			return nil
		}
		pages++
		toc := page[start : start+strings.Index(page[start:], "</nav>")]
		for _, m := range linkRE.FindAllStringSubmatch(toc, -1) {
			if !strings.Contains(page, `id="`+m[1]+`"`) {
				t.Errorf("%s: the table of contents links #%s, which is not on the page", strings.TrimPrefix(p, out), m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages == 0 {
		t.Fatal("no page has a table of contents")
	}
}
