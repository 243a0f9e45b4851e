package matrix

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/schema"
	"gopkg.in/yaml.v3"
)

// Options tune Load.
type Options struct {
	// Now is the instant the audit measures review ages from; zero means time.Now.
	Now time.Time
	// SkipTests leaves the routing tests unrun.
	SkipTests bool
}

// LoadDir loads the playbook in the folder dir; diagnostics name files under dir.
func LoadDir(dir string, opt Options) (*Playbook, diag.List) {
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		msg := "no playbook folder here"
		if err == nil {
			msg = "not a folder"
		}
		return nil, diag.List{{File: filepath.ToSlash(dir), Severity: diag.Error, Message: msg,
			Suggestion: "name a playbook folder (one with playbook.yaml and matrix.yaml), or create one with `escalator init DIR`"}}
	}
	return Load(os.DirFS(dir), filepath.ToSlash(dir), opt)
}

// Load reads the playbook in fsys and checks it. It returns the playbook, as complete as
// the input allows, and every diagnostic, sorted. The playbook is usable only when the
// diagnostics hold no error. root prefixes the file names in diagnostics.
func Load(fsys fs.FS, root string, opt Options) (*Playbook, diag.List) {
	l := &loader{fsys: fsys, root: root, opt: opt, p: &Playbook{}, broken: map[string]bool{}, lost: map[string]map[string]bool{}}
	if l.opt.Now.IsZero() {
		l.opt.Now = time.Now()
	}
	l.readAll()
	l.p.buildIndex()
	l.check()
	return l.p, l.diags.Compact()
}

type loader struct {
	fsys  fs.FS
	root  string
	opt   Options
	p     *Playbook
	diags diag.List

	// broken holds the files with schema errors: checks of their insides would only
	// repeat those errors. lost holds, by kind, the ids of documents that did not parse,
	// so that references to them are not reported as unknown too.
	broken       map[string]bool
	lost         map[string]map[string]bool
	matrixBroken bool
}

// display is the name of a playbook file in diagnostics.
func (l *loader) display(name string) string {
	if l.root == "" || l.root == "." {
		return name
	}
	return path.Join(l.root, name)
}

func (l *loader) errorf(file string, pos Pos, msg, hint string) {
	l.diags = append(l.diags, diag.Diagnostic{File: file, Line: pos.Line, Col: pos.Col, Severity: diag.Error, Message: msg, Suggestion: hint})
}

func (l *loader) warnf(file string, pos Pos, msg, hint string) {
	l.diags = append(l.diags, diag.Diagnostic{File: file, Line: pos.Line, Col: pos.Col, Severity: diag.Warning, Message: msg, Suggestion: hint})
}

// folder describes one folder of documents of one kind.
type folder struct {
	dir      string
	kind     schema.Kind
	markdown bool
}

var folders = []folder{
	{"teams", schema.Team, false},
	{"roles", schema.Role, true},
	{"runbooks", schema.Runbook, true},
	{"briefs", schema.Brief, true},
	{"vendors", schema.Vendor, false},
	{"pages", schema.Page, true},
}

// doc is one file read and validated, ready to decode.
type doc struct {
	name     string // display name
	node     *yaml.Node
	body     string
	bodyLine int
	diags    diag.List
	invalid  bool   // the schema found errors
	lostID   string // the id of a document that did not parse, read off its text
}

func (l *loader) readAll() {
	if d := l.readOne("playbook.yaml", schema.Playbook, false, true); d.node != nil {
		l.p.Site.File = d.name
		decode(d, &l.p.Site)
	}
	if d := l.readOne("matrix.yaml", schema.Matrix, false, true); d.node == nil {
		l.matrixBroken = true
		l.p.MatrixFile = d.name
	} else {
		l.p.MatrixFile = d.name
		var m struct {
			Meta       `yaml:",inline"`
			Severities []*Severity `yaml:"severities"`
			Domains    []*Domain   `yaml:"domains"`
			Facts      []*Fact     `yaml:"facts"`
			Routes     []*Rule     `yaml:"routes"`
			Tests      []*Test     `yaml:"tests"`
		}
		decode(d, &m)
		m.Meta.File = d.name
		l.p.MatrixMeta = m.Meta
		l.p.Severities, l.p.Domains, l.p.Facts, l.p.Routes, l.p.Tests = dropNil(m.Severities), dropNil(m.Domains), dropNil(m.Facts), dropNil(m.Routes), dropNil(m.Tests)
	}
	for _, f := range l.p.Severities {
		f.Rank = slices.Index(l.p.Severities, f)
	}
	for i, f := range l.p.Facts {
		f.Index = i
	}
	for i, r := range l.p.Routes {
		r.Index = i
	}

	for _, fo := range folders {
		docs := l.readFolder(fo)
		for _, d := range docs {
			if d.invalid {
				l.broken[d.name] = true
			}
			if d.node == nil {
				if d.lostID != "" {
					if l.lost[string(fo.kind)] == nil {
						l.lost[string(fo.kind)] = map[string]bool{}
					}
					l.lost[string(fo.kind)][d.lostID] = true
				}
				continue
			}
			meta := func(m *Meta) {
				m.File = d.name
				m.IDPos = valuePos(d.node.Content[0], "id")
			}
			switch fo.kind {
			case schema.Team:
				t := &Team{}
				decode(d, t)
				meta(&t.Meta)
				l.p.Teams = append(l.p.Teams, t)
			case schema.Role:
				r := &Role{Body: d.body, BodyLine: d.bodyLine}
				decode(d, r)
				meta(&r.Meta)
				l.p.Roles = append(l.p.Roles, r)
			case schema.Runbook:
				r := &Runbook{Body: d.body, BodyLine: d.bodyLine}
				decode(d, r)
				meta(&r.Meta)
				l.p.Runbooks = append(l.p.Runbooks, r)
			case schema.Brief:
				b := &Brief{Body: d.body, BodyLine: d.bodyLine}
				decode(d, b)
				meta(&b.Meta)
				l.p.Briefs = append(l.p.Briefs, b)
			case schema.Vendor:
				v := &Vendor{}
				decode(d, v)
				meta(&v.Meta)
				l.p.Vendors = append(l.p.Vendors, v)
			case schema.Page:
				pg := &Page{Body: d.body, BodyLine: d.bodyLine}
				decode(d, pg)
				meta(&pg.Meta)
				l.p.Pages = append(l.p.Pages, pg)
			}
		}
	}
}

func dropNil[T any](s []*T) []*T {
	return slices.DeleteFunc(s, func(x *T) bool { return x == nil })
}

// decode fills v from the document. Type errors were already reported by the schema, so
// they are dropped here; yaml.v3 decodes everything else regardless.
func decode(d *doc, v any) {
	_ = d.node.Content[0].Decode(v)
}

// readOne reads and validates one file. A missing required file is an error.
func (l *loader) readOne(name string, kind schema.Kind, markdown, required bool) *doc {
	d := &doc{name: l.display(name)}
	data, err := fs.ReadFile(l.fsys, name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			if required {
				l.errorf(d.name, Pos{}, "missing "+name, "every playbook has playbook.yaml and matrix.yaml; `escalator init DIR` writes a complete example")
			}
		} else {
			l.errorf(d.name, Pos{}, "cannot read file: "+err.Error(), "")
		}
		return d
	}
	l.parse(d, data, kind, markdown)
	l.diags = append(l.diags, d.diags...)
	return d
}

// readFolder reads every document of one kind, in parallel, in file-name order.
func (l *loader) readFolder(fo folder) []*doc {
	entries, err := fs.ReadDir(l.fsys, fo.dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.errorf(l.display(fo.dir), Pos{}, "cannot read folder: "+err.Error(), "")
		}
		return nil
	}
	want := ".yaml"
	if fo.markdown {
		want = ".md"
	}
	var names []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		ext := path.Ext(name)
		if ext == want || (!fo.markdown && ext == ".yml") {
			names = append(names, path.Join(fo.dir, name))
			continue
		}
		l.warnf(l.display(path.Join(fo.dir, name)), Pos{}, "file ignored: "+fo.dir+"/ holds "+want+" files",
			"rename it to "+strings.TrimSuffix(name, ext)+want+" if it is a document, or move it out of "+fo.dir+"/")
	}
	docs := make([]*doc, len(names))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Go(func() {
			for i := range next {
				d := &doc{name: l.display(names[i])}
				data, err := fs.ReadFile(l.fsys, names[i])
				if err != nil {
					d.diags = append(d.diags, diag.Diagnostic{File: d.name, Severity: diag.Error, Message: "cannot read file: " + err.Error()})
				} else {
					l.parse(d, data, fo.kind, fo.markdown)
				}
				docs[i] = d
			}
		})
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, d := range docs {
		l.diags = append(l.diags, d.diags...)
	}
	return docs
}

// lostIDRE finds the id of a document that does not parse, to keep references to it
// from being reported as well.
var lostIDRE = regexp.MustCompile(`(?m)^id:[ \t]*["']?([a-z0-9-]+)["']?[ \t]*(?:#.*)?\r?$`)

// parse fills d from data: text checks, front matter, YAML, schema. It touches only d,
// so it runs in parallel.
func (l *loader) parse(d *doc, data []byte, kind schema.Kind, markdown bool) {
	if bad := checkText(d.name, data); bad != nil {
		d.diags = append(d.diags, *bad)
		return
	}
	yamlText, first := data, 1
	if markdown {
		fm, body, bodyLine, bad := frontMatter(d.name, data)
		if bad != nil {
			d.diags = append(d.diags, *bad)
			if m := lostIDRE.FindSubmatch(data); m != nil {
				d.lostID = string(m[1])
			}
			return
		}
		yamlText, first = fm, 2
		d.body, d.bodyLine = string(body), bodyLine
	}
	node, bad := parseYAML(d.name, yamlText, first)
	if bad != nil {
		d.diags = append(d.diags, *bad)
		if m := lostIDRE.FindSubmatch(yamlText); m != nil {
			d.lostID = string(m[1])
		}
		return
	}
	errs := schema.Validate(d.name, kind, node)
	d.diags = append(d.diags, errs...)
	d.invalid = len(errs) > 0
	if node.Content[0].Kind != yaml.MappingNode {
		return // the schema said what it should be; nothing to decode
	}
	d.node = node
}
