package generator

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/escalator-dev/escalator/internal/synth"
	"github.com/escalator-dev/escalator/matrix"
)

// compareFast renders every page that has a fast writer both ways and fails on the
// first difference, showing where the two part.
func compareFast(t *testing.T, s *shared) int {
	t.Helper()
	if !s.fastPages {
		t.Fatal("the embedded theme is not taken for the default one")
	}
	n := 0
	var fast, slow bytes.Buffer
	for _, pg := range s.pages {
		if _, ok := fastKinds[pg.Kind]; !ok {
			continue
		}
		v := &view{shared: s, page: pg}
		var err error
		if v.rendered, err = s.prepare(pg); err != nil {
			t.Fatal(err)
		}
		fast.Reset()
		slow.Reset()
		if done, err := v.writeFast(&fast); !done || err != nil {
			t.Fatalf("%s: fast writer: done %v, %v", v.Path, done, err)
		}
		if err := v.tmpl.ExecuteTemplate(&slow, v.Kind.template(), v); err != nil {
			t.Fatalf("%s: template: %v", v.Path, err)
		}
		if !bytes.Equal(fast.Bytes(), slow.Bytes()) {
			a, b := fast.String(), slow.String()
			i := 0
			for i < len(a) && i < len(b) && a[i] == b[i] {
				i++
			}
			from := max(0, i-120)
			t.Fatalf("%s: the fast writer and the template part at byte %d:\nfast:     %q\ntemplate: %q",
				v.Path, i, a[from:min(len(a), i+80)], b[from:min(len(b), i+80)])
		}
		n++
	}
	return n
}

func TestFastPagesMatchTemplates(t *testing.T) {
	medium, diags := matrix.Load(synth.FS(synth.Medium()), "medium", matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: today})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	for _, tc := range []struct {
		name string
		p    *matrix.Playbook
		opt  Options
	}{
		{"sample", sample(t), Options{Now: today}},
		{"sample, base URL and revision", sample(t), Options{Now: today, BaseURL: "https://example.com/play book", Revision: "abc123"}},
		{"sample, redacted, no base URL", func() *matrix.Playbook { p := sample(t); p.Site.BaseURL = ""; return p }(), Options{Now: today, RedactContacts: true}},
		{"synthetic medium", medium, Options{Now: today, Revision: "r1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := newSite(tc.p, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if n := compareFast(t, s); n < 2 {
				t.Fatalf("only %d pages compared", n)
			}
		})
	}
}

// A theme that overrides or adds any template gets every page from templates.
func TestFastPagesOnlyWithDefaultTemplates(t *testing.T) {
	for _, tc := range []struct {
		name  string
		theme fstest.MapFS
		want  bool
	}{
		{"none", nil, true},
		{"a stylesheet", fstest.MapFS{"static/site.css": {Data: []byte("body{}")}}, true},
		{"the same runbook template", fstest.MapFS{"templates/runbook.html": {Data: mustEmbedded(t, "templates/runbook.html")}}, true},
		{"another runbook template", fstest.MapFS{"templates/runbook.html": {Data: []byte(`{{template "head" .}}x{{template "foot" .}}`)}}, false},
		{"another layout", fstest.MapFS{"templates/layout.html": {Data: append(mustEmbedded(t, "templates/layout.html"), ' ')}}, false},
		{"a new template file", fstest.MapFS{"templates/extra.html": {Data: []byte(`{{define "x"}}{{end}}`)}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opt := Options{Now: today}
			if tc.theme != nil {
				opt.Theme = tc.theme
			}
			s, err := newSite(sample(t), opt)
			if err != nil {
				t.Fatal(err)
			}
			if s.fastPages != tc.want {
				t.Errorf("fastPages = %v, want %v", s.fastPages, tc.want)
			}
		})
	}
}

func mustEmbedded(t *testing.T, name string) []byte {
	t.Helper()
	s, err := newSite(sample(t), Options{Now: today})
	if err != nil {
		t.Fatal(err)
	}
	data, err := fs.ReadFile(s.th, name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// FuzzFastPages puts arbitrary text in every field a runbook page and its checklist
// show, and wants the fast writers to escape it exactly as the templates do.
func FuzzFastPages(f *testing.F) {
	f.Add("Title <b>&</b>", "summary 'q' \"x\" +1", "https://grafana.example.com/d/a?b=1&c=%zz d", "step with `code` and [link](javascript:alert(1))", "Ünïcode \x00 \xff", "javascript:alert(1)")
	f.Add("", "", "HTTP://X/Y", "", "", "mailto:a@b")
	f.Add("a", "b", "//evil.example/%41%4g", "<script>", "ſ", "httpſ://x")
	base := sample(f)
	f.Fuzz(func(t *testing.T, title, summary, url, step, name, other string) {
		p := *base
		p.Site.Title, p.Site.Organisation = name, other
		var rb *matrix.Runbook
		for _, r := range p.Runbooks {
			c := *r
			c.Title, c.Summary, c.Containment = title, summary, step
			c.Triage = []matrix.TriageField{{Question: summary, Help: other}, {Question: title}}
			c.Dashboards = []matrix.Link{{Name: name, URL: url}, {Name: other, URL: other}}
			c.Checklist = matrix.Checklist{List: []matrix.Phase{
				{Name: "triage", Steps: []matrix.Step{{Do: step}, {Do: title, Role: matrix.Ref{ID: name}, Delegate: summary}}},
				{Name: name, Steps: []matrix.Step{{Do: other, Role: matrix.Ref{ID: "incident-commander"}}}},
				{Name: "communicate", Steps: []matrix.Step{{Do: other, Delegate: other}}}}}
			c.Severities = []matrix.Ref{{ID: name}, {ID: other}}
			c.Meta.Owner = matrix.Ref{ID: other}
			rb = &c
			break
		}
		p.Runbooks = []*matrix.Runbook{rb}
		s, err := newSite(&p, Options{Now: today, BaseURL: url, Revision: other})
		if err != nil {
			t.Skip(err)
		}
		var kept []*page
		for _, v := range s.pages {
			if v.X == nil {
				continue
			}
			if d, ok := v.X.(runbookData); ok && d.Runbook == rb {
				kept = append(kept, v)
			}
		}
		s.pages = kept
		if strings.Contains(url, "\n") {
			s.BaseURL = ""
		}
		if n := compareFast(t, s); n != 2 {
			t.Fatalf("%d pages compared, want the runbook and its checklist", n)
		}
	})
}
