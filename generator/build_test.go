package generator

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/escalator-dev/escalator"
	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/matrix"
)

var update = flag.Bool("update", false, "rewrite golden files")

var today = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func sample(t testing.TB) *matrix.Playbook {
	t.Helper()
	p, diags := matrix.Load(escalator.Sample(), "content", matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: today})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	return p
}

func build(t testing.TB, p *matrix.Playbook, opt Options) string {
	t.Helper()
	if opt.Out == "" {
		opt.Out = filepath.Join(t.TempDir(), "public")
	}
	if opt.Now.IsZero() {
		opt.Now = today
	}
	if _, err := Build(p, opt); err != nil {
		t.Fatal(err)
	}
	return opt.Out
}

// readTree returns every file under dir by slash path.
func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// One page of each kind, compared with testdata/golden. Run with -update to rewrite
// them, and read the diff before committing it.
func TestGoldenPages(t *testing.T) {
	out := build(t, sample(t), Options{Revision: "0123456789ab", BaseURL: "https://escalation.northwind.example/"})
	for _, page := range []string{
		"index.html", "matrix.html", "matrix.mmd", "history.html", "severities.html", "severities/sev1.html", "severities/sev1.mmd",
		"teams/payments-eng.html", "teams/payments-eng.mmd", "teams/payments-eng.calendar.html", "oncall/payments-eng.ics", "domains/payments.html", "domains/payments.mmd",
		"contacts.html", "roles/incident-commander.html", "runbooks/card-payments-failing.html",
		"runbooks/card-payments-failing.checklist.html", "briefs/engineering.html", "briefs/customer-status-update.html", "briefs/post-incident-review.html",
		"vendors/paystream.html", "pages/glossary.html", "search.html", "404.html", "search/index.js",
		"drills.html", "drills/payments-dst-night.html", "drills/payments-dst-night.key.html", "drills/payments-dst-night.sheet.html",
	} {
		t.Run(page, func(t *testing.T) {
			got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(page)))
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", filepath.FromSlash(page))
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s; run go test ./generator -update and read the diff", page, golden)
			}
		})
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	p := sample(t)
	a := readTree(t, build(t, p, Options{Revision: "r1"}))
	b := readTree(t, build(t, sample(t), Options{Revision: "r1"}))
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

func TestFailedBuildKeepsTheLastGoodSite(t *testing.T) {
	p := sample(t)
	out := filepath.Join(t.TempDir(), "public")
	build(t, p, Options{Out: out})
	before := readTree(t, out)

	broken := fstest.MapFS{"templates/team.html": {Data: []byte(`{{template "head" .}}{{.NoSuchField}}{{template "foot" .}}`)}}
	if _, err := Build(p, Options{Out: out, Theme: broken, Now: today}); err == nil || !strings.Contains(err.Error(), "theme/templates/team.html:1:23: error[theme-error]:") {
		t.Fatalf("a broken theme built: %v", err)
	}
	after := readTree(t, out)
	if len(after) != len(before) {
		t.Fatalf("the site changed: %d files, then %d", len(before), len(after))
	}
	for name, data := range before {
		if !bytes.Equal(data, after[name]) {
			t.Errorf("%s changed", name)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.*"))
	if len(leftovers) > 0 {
		t.Errorf("staging left behind: %v", leftovers)
	}
}

func TestRemovedPagesDisappear(t *testing.T) {
	p := sample(t)
	out := build(t, p, Options{})
	if _, err := os.Stat(filepath.Join(out, "runbooks", "database-failover.html")); err != nil {
		t.Fatal(err)
	}
	p.Runbooks = p.Runbooks[:0]
	build(t, p, Options{Out: out})
	if _, err := os.Stat(filepath.Join(out, "runbooks", "database-failover.html")); !os.IsNotExist(err) {
		t.Errorf("a removed runbook's page is still there: %v", err)
	}
}

func TestThemeOverride(t *testing.T) {
	over := fstest.MapFS{"static/site.css": {Data: []byte("body { color: rebeccapurple }")}}
	out := build(t, sample(t), Options{Theme: over})
	css, _ := os.ReadFile(filepath.Join(out, "assets", "site.css"))
	if string(css) != "body { color: rebeccapurple }" {
		t.Errorf("override not used: %q", css)
	}
	if _, err := os.Stat(filepath.Join(out, "assets", "site.js")); err != nil {
		t.Errorf("files not overridden must still come from the theme: %v", err)
	}
}

// The site must work from disk and from any host: no absolute links, no other hosts,
// no inline script or style, a CSP on every page.
func TestPagesAreSelfContained(t *testing.T) {
	out := build(t, sample(t), Options{BaseURL: "https://escalation.northwind.example/"})
	files := readTree(t, out)
	pages := 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		s := string(data)
		for _, bad := range []string{` style="`, "<style", "onclick=", "onload=", "javascript:", `src="http`, `src="//`, `href="/`, `<link rel="stylesheet" href="http`} {
			if strings.Contains(s, bad) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
		scripts := 2
		if name == "triage.html" {
			scripts = 4 // and its data and evaluator, triage/data.js and assets/triage.js
		}
		if strings.Count(s, "<script") != scripts || strings.Count(s, `<script src="`) != scripts {
			t.Errorf("%s: want exactly %d external scripts, site.js and search.js and the page's own", name, scripts)
		}
		if !strings.Contains(s, `http-equiv="Content-Security-Policy"`) {
			t.Errorf("%s has no Content-Security-Policy", name)
		}
	}
	if pages < 50 {
		t.Errorf("only %d pages", pages)
	}
	for _, f := range []string{"api/playbook.json", "schema/team.schema.json", "schema/export.schema.json", "schema/diff.schema.json", "review.html", "assets/site.css", "assets/code.css", "assets/site.js", "assets/search.js", "search/index.js", "search/t0.js", "search/p0.js"} {
		if _, ok := files[f]; !ok {
			t.Errorf("missing %s", f)
		}
	}
}

func TestRedactContacts(t *testing.T) {
	out := build(t, sample(t), Options{RedactContacts: true})
	files := readTree(t, out)
	for _, name := range []string{"contacts.html", "teams/payments-eng.html", "teams/sre-oncall.html"} {
		s := string(files[name])
		if strings.Contains(s, "+44 20 7946 01") || strings.Contains(s, "amara.okafor@") {
			t.Errorf("%s still shows personal contacts", name)
		}
		if !strings.Contains(s, "#payments-incidents") && name == "teams/payments-eng.html" {
			t.Errorf("%s lost the team channels", name)
		}
	}
}

// Under --redact-contacts no file of the site, the export and the scripts' data
// included, holds a member's phone number or e-mail address, a phone channel's number
// or a channel's PIN.
func TestRedactContactsEverywhere(t *testing.T) {
	p := sample(t)
	files := readTree(t, build(t, p, Options{RedactContacts: true}))
	var secrets []string
	for _, tm := range p.Teams {
		for _, m := range tm.Members {
			secrets = append(secrets, m.Phone, m.Email)
		}
		for _, c := range tm.Channels {
			secrets = append(secrets, c.PIN)
			if c.Kind == "phone" {
				secrets = append(secrets, c.Address)
			}
		}
	}
	// A number an author wrote into a page's prose is theirs to keep or not.
	var prose []byte
	fs.WalkDir(escalator.Sample(), ".", func(name string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(name, ".md") {
			data, _ := fs.ReadFile(escalator.Sample(), name)
			prose = append(prose, data...)
		}
		return nil
	})
	n := 0
	for _, secret := range secrets {
		if secret == "" || bytes.Contains(prose, []byte(secret)) {
			continue
		}
		n++
		for name, data := range files {
			if bytes.Contains(data, []byte(secret)) {
				t.Errorf("%s holds %q", name, secret)
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d contacts to look for: the sample lost its contacts?", n)
	}
	if !bytes.Contains(files["api/playbook.json"], []byte(`"members"`)) {
		t.Error("the export lost its teams' members")
	}
}

// The published export streams, but its bytes must decode to the same export as
// `escalator export` writes.
func TestStreamedExportMatches(t *testing.T) {
	p := sample(t)
	out := build(t, p, Options{})
	got, err := os.ReadFile(filepath.Join(out, "api", "playbook.json"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := p.Export().JSON()
	if err != nil {
		t.Fatal(err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, want); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bytes.TrimSpace(got), compact.Bytes()) {
		t.Errorf("api/playbook.json differs from the export (%d and %d bytes)", len(got), compact.Len())
	}
}

// TestTooComplexMarkdown checks that a body goldmark would take minutes over
// fails the build with a diagnostic at its file and line, for every such
// document, sorted, and that the last good site stays.
func TestTooComplexMarkdown(t *testing.T) {
	p := sample(t)
	out := filepath.Join(t.TempDir(), "public")
	build(t, p, Options{Out: out})
	rb, pg := p.Runbooks[0], p.Pages[0]
	rb.Body = "Intro.\n\n" + strings.Repeat("[a](", 100000) + "\n"
	pg.Body = strings.Repeat("x[^1]\n", 50000) + "\n" + strings.Repeat("[^1]: y\n", 50000)
	_, err := Build(p, Options{Out: out, Now: today})
	var l diag.List
	if !errors.As(err, &l) || len(l) != 2 {
		t.Fatalf("got %v, want two diagnostics", err)
	}
	want := []diag.Diagnostic{
		{File: rb.Meta.File, Line: rb.BodyLine + 2},
		{File: pg.Meta.File, Line: pg.BodyLine},
	}
	slices.SortFunc(want, func(a, b diag.Diagnostic) int { return strings.Compare(a.File, b.File) })
	for i, d := range l {
		if d.File != want[i].File || d.Line != want[i].Line || !strings.HasPrefix(d.Message, "too complex to render: ") || d.Suggestion == "" {
			t.Errorf("diagnostic %d: %s, want one at %s:%d", i, d, want[i].File, want[i].Line)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("the last good site is gone: %v", err)
	}
}
