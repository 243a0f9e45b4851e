package matrix

import (
	"errors"
	"hash/maphash"
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
	"github.com/escalator-dev/escalator/internal/rootfs"
	"github.com/escalator-dev/escalator/schema"
	"go.yaml.in/yaml/v3"
)

// Options tune Load.
type Options struct {
	// Run names the phases a load takes after reading, indexing and checking the
	// documents, which every load does: none, or RoutingTests, Audit or both.
	Run Phases
	// Now is the instant the audit measures review ages from; zero means time.Now.
	Now time.Time
	// SkipBodies leaves the Markdown bodies of documents out, for commands that never
	// render them: on a large playbook they are most of the memory a load holds.
	SkipBodies bool
	// CheckBody, when set, is given each Markdown body as it is read, with the file's
	// display name and the line the body starts on; what it returns are diagnostics of
	// the document. A command that skips bodies can still check them.
	CheckBody func(file string, body []byte, line int) diag.List
	// Cache, when set, keeps documents between loads of the same folder.
	Cache *Cache
	// ForRouting loads only what routing decisions read, for `route`: the runbooks'
	// routing fields (id, title, domain(s), kind, severities) and no other field or
	// body, no incidents or drills, no theme or assets, and no cache. Errors in what it
	// reads are reported as a full load reports them; the rest is unchecked, and Audit
	// is not run over such partial documents.
	ForRouting bool
	// Ignore drops these codes' warnings, as check's --ignore does, before each file's
	// diagnostics are cut to MaxDiagnosticsPerFile.
	Ignore map[diag.Code]bool
}

// Phases are the steps of a load that follow the checks of the documents, which
// Options.Run names.
type Phases uint8

const (
	// RoutingTests runs matrix.yaml's routing tests, then the drills' answer keys
	// when the playbook had no error before the tests: a failure is an error.
	RoutingTests Phases = 1 << iota
	// Audit adds the warnings about upkeep, which no decision depends on: reviews
	// overdue, domains without a runbook, teams that cannot be reached, vendors
	// without a fallback, and, in a playbook without errors, the gaps of the routing
	// grid and of the on-call schedules.
	Audit
)

// LoadDir loads the playbook in the folder dir; diagnostics name files under dir.
func LoadDir(dir string, opt Options) (*Playbook, diag.List) {
	return LoadDirAs(dir, filepath.ToSlash(dir), opt)
}

// LoadDirAs is LoadDir with diagnostics naming files under root instead: two folders
// loaded as versions of one playbook, as a diff does, then name the same files alike.
func LoadDirAs(dir, root string, opt Options) (*Playbook, diag.List) {
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		msg := "no playbook folder here"
		if err == nil {
			msg = "not a folder"
		}
		return nil, diag.List{{File: filepath.ToSlash(dir), Severity: diag.Error, Code: diag.NoPlaybook, Message: msg,
			Suggestion: "name a playbook folder (one with playbook.yaml and matrix.yaml), or create one with `escalator init DIR`"}}
	}
	fsys, err := rootfs.Open(dir)
	if err != nil {
		return nil, diag.List{{File: filepath.ToSlash(dir), Severity: diag.Error, Code: diag.UnreadableFile, Message: "cannot read the playbook folder: " + err.Error()}}
	}
	defer fsys.Close()
	return Load(dirFS{fsys}, root, opt)
}

// Load reads the playbook in fsys and checks it: it reads and parses every file, indexes
// the documents, checks them and what they refer to, then takes the phases opt.Run
// names, in order: the routing tests, then the audit. It returns the playbook, as
// complete as the input allows, and every diagnostic, with the severities
// playbook.yaml's diagnostics set, sorted, up to MaxDiagnosticsPerFile a file. The
// playbook is usable only when the diagnostics hold no error. root prefixes the file
// names in diagnostics.
func Load(fsys fs.FS, root string, opt Options) (*Playbook, diag.List) {
	l := &loader{fsys: fsys, root: root, opt: opt, p: &Playbook{}, broken: map[string]bool{}, lost: map[string]map[string]bool{}}
	if l.opt.Now.IsZero() {
		l.opt.Now = time.Now()
	}
	if l.opt.ForRouting {
		l.opt.SkipBodies, l.opt.Cache = true, nil // its documents are partial
	}
	l.readAll()
	if !l.opt.ForRouting {
		l.checkTheme()
		l.listAssets()
	}
	l.p.buildIndex()
	l.check()
	if l.opt.Run&RoutingTests != 0 {
		l.runRoutingTests()
	}
	if l.opt.Run&Audit != 0 && !l.opt.ForRouting {
		l.audit()
	}
	l.p.ignore = l.opt.Ignore
	return l.p, l.p.Policy().Apply(l.diags).Compact().Limit(MaxDiagnosticsPerFile)
}

// MaxDiagnosticsPerFile is how many diagnostics Load reports for one file; one more says
// how many were left out.
const MaxDiagnosticsPerFile = 100

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

func (l *loader) errorf(code diag.Code, file string, pos Pos, msg, hint string, notes ...diag.Note) {
	l.diags = append(l.diags, diag.Diagnostic{File: file, Line: pos.Line, Col: pos.Col, Severity: diag.Error, Code: code, Message: msg, Suggestion: hint, Notes: notes})
}

func (l *loader) warnf(code diag.Code, file string, pos Pos, msg, hint string, notes ...diag.Note) {
	l.diags = append(l.diags, diag.Diagnostic{File: file, Line: pos.Line, Col: pos.Col, Severity: diag.Warning, Code: code, Message: msg, Suggestion: hint, Notes: notes})
}

// noteAt is a note at pos in file.
func noteAt(file string, pos Pos, msg string) diag.Note {
	return diag.Note{File: file, Line: pos.Line, Col: pos.Col, Message: msg}
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
	{"holidays", schema.Holiday, false},
	{"incidents", schema.Incident, false},
	{"drills", schema.Drill, false},
}

// Entries are the top-level names of a playbook folder that Load reads: its two files,
// the folders of documents, the assets and the theme. Watchers watch exactly these.
func Entries() []string {
	out := []string{"playbook.yaml", "matrix.yaml"}
	for _, fo := range folders {
		out = append(out, fo.dir)
	}
	return append(out, AssetsDir, "theme")
}

// job is one file to load.
type job struct {
	path     string // slash path in fsys
	kind     schema.Kind
	markdown bool
	required bool
	cache    bool // the document may be kept in Options.Cache
}

// doc is one file read, validated and decoded.
type doc struct {
	name     string // display name
	node     *yaml.Node
	value    any // the decoded *Site, *matrixDoc, *Team, …; nil when the file is unusable
	body     string
	bodyLine int
	diags    diag.List
	invalid  bool   // the schema found errors
	lostID   string // the id of a document that did not parse, read off its text
	sum      uint64 // hash of the file's bytes, 0 when it was not read
	size     int    // the file's bytes
}

// matrixDoc is matrix.yaml as decoded.
type matrixDoc struct {
	Meta       `yaml:",inline"`
	Severities []*Severity `yaml:"severities"`
	Domains    []*Domain   `yaml:"domains"`
	Facts      []*Fact     `yaml:"facts"`
	Routes     []*Rule     `yaml:"routes"`
	Tests      []*Test     `yaml:"tests"`
}

// readAll loads every file of the playbook in one pool of workers, then assembles the
// playbook in a fixed order: files sorted by name within each folder.
func (l *loader) readAll() {
	jobs := []job{
		{path: "playbook.yaml", kind: schema.Playbook, required: true},
		{path: "matrix.yaml", kind: schema.Matrix, required: true},
	}
	for _, fo := range folders {
		if l.opt.ForRouting && routingSkips[fo.dir] {
			continue
		}
		jobs = append(jobs, l.listFolder(fo)...)
	}
	docs := make([]*doc, len(jobs))
	todo := make([]int, 0, len(jobs))
	for i, j := range jobs {
		// A watched cache answers without touching the file: no need for a worker.
		if c := l.opt.Cache; c != nil && c.watched {
			if d := c.lookup(j.path, stamp{}, l.opt.SkipBodies); d != nil {
				docs[i] = decoded(d, j.kind)
				continue
			}
		}
		todo = append(todo, i)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	// More workers than cores, so that one waiting on the disk leaves a core busy.
	for range min(runtime.GOMAXPROCS(0)+2, len(todo)) {
		wg.Go(func() {
			buf := make([]byte, 64<<10)
			for i := range next {
				docs[i] = l.load(jobs[i], &buf)
			}
		})
	}
	for _, i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	if c := l.opt.Cache; c != nil {
		seen := make(map[string]bool, len(jobs))
		for _, j := range jobs {
			seen[j.path] = true
		}
		c.prune(seen)
	}

	l.p.sums = make(map[string]uint64, len(docs))
	for i, d := range docs {
		if d.sum != 0 {
			l.p.sums[d.name] = d.sum
		}
		l.p.SourceBytes += int64(d.size)
		l.diags = append(l.diags, d.diags...)
		kind := jobs[i].kind
		if d.invalid {
			l.broken[d.name] = true
		}
		if d.value == nil && d.lostID != "" {
			if l.lost[string(kind)] == nil {
				l.lost[string(kind)] = map[string]bool{}
			}
			l.lost[string(kind)][d.lostID] = true
		}
		switch v := d.value.(type) {
		case *Site:
			l.p.Site = *v
		case *matrixDoc:
			l.p.MatrixMeta = v.Meta
			l.p.Severities, l.p.Domains, l.p.Facts, l.p.Routes, l.p.Tests = dropNil(v.Severities), dropNil(v.Domains), dropNil(v.Facts), dropNil(v.Routes), dropNil(v.Tests)
		case *Team:
			l.p.Teams = append(l.p.Teams, v)
		case *Role:
			l.p.Roles = append(l.p.Roles, v)
		case *Runbook:
			l.p.Runbooks = append(l.p.Runbooks, v)
		case *Brief:
			l.p.Briefs = append(l.p.Briefs, v)
		case *Vendor:
			l.p.Vendors = append(l.p.Vendors, v)
		case *Page:
			l.p.Pages = append(l.p.Pages, v)
		case *Holiday:
			l.p.Holidays = append(l.p.Holidays, v)
		case *Incident:
			l.p.Incidents = append(l.p.Incidents, v)
		case *Drill:
			l.p.Drills = append(l.p.Drills, v)
		}
		if kind == schema.Matrix {
			l.p.MatrixFile = d.name
			l.matrixBroken = d.value == nil
		}
	}
	for i, s := range l.p.Severities {
		s.Rank = i
	}
	for i, f := range l.p.Facts {
		f.Index = i
	}
	for i, r := range l.p.Routes {
		r.Index = i
	}
}

func dropNil[T any](s []*T) []*T {
	return slices.DeleteFunc(s, func(x *T) bool { return x == nil })
}

// listFolder lists the documents of one folder, sorted by name, and warns about files
// that do not belong there.
func (l *loader) listFolder(fo folder) []job {
	entries, err := fs.ReadDir(l.fsys, fo.dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.fileProblem(fo.dir, err)
		}
		return nil
	}
	want := ".yaml"
	if fo.markdown {
		want = ".md"
	}
	var jobs []job
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		ext := path.Ext(name)
		if ext == want || (!fo.markdown && ext == ".yml") {
			jobs = append(jobs, job{path: path.Join(fo.dir, name), kind: fo.kind, markdown: fo.markdown, cache: true})
			continue
		}
		l.warnf(diag.IgnoredFile, l.display(path.Join(fo.dir, name)), Pos{}, "file ignored: "+fo.dir+"/ holds "+want+" files",
			"rename it to "+strings.TrimSuffix(name, ext)+want+" if it is a document, or move it out of "+fo.dir+"/")
	}
	return jobs
}

// load returns one file read, parsed, validated and decoded, from the cache when it
// has not changed. It touches only the doc it returns, so it runs in parallel; buf is
// the worker's read buffer.
func (l *loader) load(j job, buf *[]byte) *doc {
	c := l.opt.Cache
	if l.routing(j.kind) {
		return l.readRoutingRunbook(j, buf)
	}
	if c == nil {
		return decoded(l.read(j, buf), j.kind)
	}
	if c.content {
		return l.loadByContent(j, buf)
	}
	// Stamp first: a write that lands after it changes the stamp the next load sees.
	var st stamp
	if !c.watched {
		var ok bool
		if st, ok = statFile(l.fsys, j.path); !ok {
			return decoded(l.read(j, buf), j.kind)
		}
	}
	if d := c.lookup(j.path, st, l.opt.SkipBodies); d != nil {
		return decoded(d, j.kind)
	}
	now := time.Now()
	d := l.read(j, buf)
	if j.cache {
		d = decoded(d, j.kind)
	}
	c.store(j.path, st, now, l.opt.SkipBodies, d)
	return decoded(d, j.kind)
}

// decoded returns d with its value decoded from its YAML tree, which it drops. d itself
// is left as it was: playbook.yaml and matrix.yaml are cached as trees and decoded
// afresh by every load, because the checks modify what they decode to.
func decoded(d *doc, kind schema.Kind) *doc {
	if d.node == nil {
		return d
	}
	c := *d
	c.value = decodeDoc(&c, kind)
	c.node = nil
	return &c
}

// read reads, parses and validates one file; decoded decodes it.
func (l *loader) read(j job, buf *[]byte) *doc {
	d, data, ok := l.readData(j, buf)
	if ok {
		l.parse(d, data, j.kind, j.markdown)
	}
	return d
}

// readData reads one file; ok is false when it could not be, and d says why.
func (l *loader) readData(j job, buf *[]byte) (d *doc, data []byte, ok bool) {
	d = &doc{name: l.display(j.path)}
	var err error
	if r, whole := l.fsys.(wholeFileReader); whole {
		data, err = r.readWhole(j.path, buf)
	} else {
		data, err = readFile(l.fsys, j.path, buf)
	}
	if err != nil {
		msg, hint, refused := rootfs.Problem(err)
		switch {
		case refused:
			d.diags = append(d.diags, diag.Diagnostic{File: d.name, Severity: diag.Error, Code: diag.RefusedFile, Message: msg, Suggestion: hint})
		case !errors.Is(err, fs.ErrNotExist):
			d.diags = append(d.diags, diag.Diagnostic{File: d.name, Severity: diag.Error, Code: diag.UnreadableFile, Message: "cannot read file: " + err.Error()})
		case j.required:
			d.diags = append(d.diags, diag.Diagnostic{File: d.name, Severity: diag.Error, Code: diag.MissingFile, Message: "missing " + j.path,
				Suggestion: "every playbook has playbook.yaml and matrix.yaml; `escalator init DIR` writes a complete example"})
		}
		return d, nil, false
	}
	d.sum, d.size = maphash.Bytes(sumSeed, data)|1, len(data)
	return d, data, true
}

// readFile reads a whole file into *buf through fsys; see rootfs.ReadLimit.
func readFile(fsys fs.FS, name string, buf *[]byte) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return rootfs.ReadLimit(f, buf, MaxFileSize)
}

// document is a folder document: it carries Meta.
type document interface{ Metadata() *Meta }

// Metadata returns the document's audit fields; every folder document embeds Meta, so
// code can treat teams, runbooks and the rest alike.
func (m *Meta) Metadata() *Meta { return m }

// decodeDoc decodes a document into its type.
func decodeDoc(d *doc, kind schema.Kind) any {
	var v document
	switch kind {
	case schema.Playbook:
		s := &Site{File: d.name}
		decode(d, s)
		return s
	case schema.Matrix:
		m := &matrixDoc{}
		decode(d, m)
		m.Meta.File = d.name
		return m
	case schema.Team:
		v = &Team{}
	case schema.Role:
		v = &Role{Body: d.body, BodyLine: d.bodyLine}
	case schema.Runbook:
		v = &Runbook{Body: d.body, BodyLine: d.bodyLine}
	case schema.Brief:
		v = &Brief{Body: d.body, BodyLine: d.bodyLine}
	case schema.Vendor:
		v = &Vendor{}
	case schema.Page:
		v = &Page{Body: d.body, BodyLine: d.bodyLine}
	case schema.Holiday:
		v = &Holiday{}
	case schema.Incident:
		v = &Incident{}
	case schema.Drill:
		v = &Drill{}
	default:
		return nil
	}
	decode(d, v)
	m := v.Metadata()
	m.File, m.IDPos = d.name, valuePos(d.node.Content[0], "id")
	if t, ok := v.(*Team); ok {
		t.KindPos = valuePos(d.node.Content[0], "kind")
	}
	return v
}

// decode fills v from the document. Type errors were already reported by the schema, so
// they are dropped here; yaml.v3 decodes everything else regardless.
func decode(d *doc, v any) {
	_ = d.node.Content[0].Decode(v)
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
		if l.opt.CheckBody != nil {
			d.diags = append(d.diags, l.opt.CheckBody(d.name, body, bodyLine)...)
		}
		if !l.opt.SkipBodies {
			d.body, d.bodyLine = string(body), bodyLine
		}
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
	d.diags = append(d.diags, commentTraps(d.name, node, data)...)
	d.invalid = len(errs) > 0
	if node.Content[0].Kind != yaml.MappingNode {
		return // the schema said what it should be; nothing to decode
	}
	if d.invalid && hasLargeMapping(node, maxDecodedKeys) {
		// yaml.v3 compares every pair of keys of a mapping it decodes into a struct, so
		// 50,000 unknown keys took minutes. The schema has reported them; the document
		// is left undecoded, like one that does not parse.
		if id := mapValue(node.Content[0], "id"); id != nil && id.Kind == yaml.ScalarNode {
			d.lostID = id.Value
		}
		return
	}
	d.node = node
}

// maxDecodedKeys bounds the mappings of a broken document that Load decodes. No object
// of the schemas has a tenth as many keys; the fact maps of `when` and `given`, which
// may, decode themselves in linear time and are valid anyway.
const maxDecodedKeys = 1000

// hasLargeMapping reports whether the tree under n holds a mapping of more than max keys.
func hasLargeMapping(n *yaml.Node, max int) bool {
	stack := []*yaml.Node{n}
	for len(stack) > 0 {
		n, stack = stack[len(stack)-1], stack[:len(stack)-1]
		if n.Kind == yaml.MappingNode && len(n.Content)/2 > max {
			return true
		}
		stack = append(stack, n.Content...) // aliases have no Content: each node is seen once
	}
	return false
}
