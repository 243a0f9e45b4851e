package generator

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/generator/markdown"
	"github.com/escalator-dev/escalator/generator/search"
	"github.com/escalator-dev/escalator/history"
	"github.com/escalator-dev/escalator/matrix"
	"github.com/escalator-dev/escalator/schema"
	"github.com/escalator-dev/escalator/theme"
)

// Options tune a build.
type Options struct {
	// Out is the output folder; it is replaced whole when the build succeeds. Build
	// refuses (an *OutputError) a folder that is, holds or lies inside Source, and an
	// existing folder that is not a site it wrote, unless Force.
	Out string
	// Source is the playbook folder, which the output must keep clear of.
	Source string
	// Force allows replacing an output folder that holds files this tool did not write.
	Force bool
	// BaseURL, when set, is where the site is published; printouts then carry a QR code
	// linking to the live page. It overrides the playbook's base_url.
	BaseURL string
	// RedactContacts leaves personal phone numbers, e-mail addresses and channel PINs out, for a
	// public build.
	RedactContacts bool
	// RedactPeople leaves people's names from incident records out; the playbook's
	// redact_people setting does the same.
	RedactPeople bool
	// Theme holds the playbook's theme overrides (its theme/ folder), or nil.
	Theme fs.FS
	// Assets is the playbook's assets/ folder, whose files (Playbook.Assets) are copied
	// to the site's media/ folder; nil copies none.
	Assets fs.FS
	// Revision names the playbook's source revision on printouts.
	Revision string
	// Now is the day review marks are computed for; zero means today.
	Now time.Time
}

// Result says what a build wrote.
type Result struct {
	Pages int // HTML pages
	Files int // every file, assets included
	Bytes int64
}

// shared is what every page of one site shares: the playbook, the options, the theme
// and the caches, and the planned pages. It is made once and read by every rendering.
type shared struct {
	P        *matrix.Playbook
	Opt      Options
	BaseURL  string
	Revision string
	Now      time.Time
	md       *markdown.Renderer
	links    *linkIndex // resolves links between the playbook's documents
	th       fs.FS      // the theme, overrides over the embedded one
	tmpl     *template.Template
	grid     [][]matrix.Cell
	tests    []matrix.TestResult
	pages    []*page        // every page, in output order, for navigation and the search page
	pageNav  []*matrix.Page // the free pages in navigation order (see pageOrder)
	inline   *sync.Map      // Markdown snippet -> template.HTML: steps recur across pages
	navs     *sync.Map      // [Root, section] -> the site header's template.HTML (see Nav)
	// fastPages: the theme's templates are the embedded ones, so runbook pages and
	// checklists are written by fastpage.go.
	fastPages bool
	history   *history.Report // nil when the playbook has no incident records
	// oncallViews are the teams' schedules as of the build's day, by team id.
	oncallViews map[string][]*scheduleView
}

// Build renders the playbook p into opt.Out. p must have loaded without errors. On any
// error the previous output is left as it was.
func Build(p *matrix.Playbook, opt Options) (Result, error) {
	if opt.Out == "" {
		opt.Out = "public"
	}
	out, err := checkOutput(opt.Out, opt.Source, opt.Force)
	if err != nil {
		return Result{}, err
	}
	// Before anything that can fail: a failing build must leave the last site there.
	if err := restoreStranded(out); err != nil {
		return Result{}, err
	}
	site, err := NewSite(p, opt)
	if err != nil {
		return Result{}, err
	}
	st, err := newStaging(out)
	if err != nil {
		return Result{}, err
	}
	res, err := site.s.render(st)
	if err != nil {
		st.abort()
		return Result{}, err
	}
	if err := st.commit(); err != nil {
		st.abort()
		return Result{}, err
	}
	return res, nil
}

// newSite prepares everything the pages of one build share.
func newSite(p *matrix.Playbook, opt Options) (*shared, error) {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	s := &shared{P: p, Opt: opt, BaseURL: opt.BaseURL, Revision: opt.Revision, Now: opt.Now, inline: new(sync.Map), navs: new(sync.Map)}
	if s.BaseURL == "" {
		s.BaseURL = p.Site.BaseURL
	}
	if s.BaseURL != "" && !strings.HasSuffix(s.BaseURL, "/") {
		s.BaseURL += "/"
	}
	s.md = markdown.New(markdown.Options{RawHTML: p.Site.RawHTML})
	s.links = newLinkIndex(p)
	s.th = theme.FS(opt.Theme)
	tmpl, err := parseTemplates(s.th)
	if err != nil {
		return nil, err
	}
	s.tmpl = tmpl
	s.fastPages = defaultTemplates(s.th)
	s.grid = p.Grid()
	s.tests = p.RunTests()
	s.history = s.replay()
	s.pageNav = pageOrder(p.Pages)
	s.oncallViews = s.oncall()
	s.pages = s.plan()
	return s, nil
}

// sink is where a site's files go: the staging folder of a build, or memory.
type sink interface {
	write(name string, data []byte) error
	create(name string) (io.WriteCloser, error)
}

// searchPagesHook, when set by a benchmark, is given the pages the index is built from.
var searchPagesHook func([]search.Page)

// render renders the pages in parallel and writes them, every other file, and the
// search index of the pages last, into the sink.
func (s *shared) render(st sink) (Result, error) {
	var res Result
	var mu sync.Mutex
	var firstErr error
	var diags diag.List // every document's, reported together and sorted
	add := func(n int, err error) {
		mu.Lock()
		defer mu.Unlock()
		res.Files++
		res.Bytes += int64(n)
		var l diag.List
		if errors.As(err, &l) {
			diags = append(diags, l...)
		} else if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	// The other files, the export above all, are made while pages render.
	files := make(chan struct{})
	go func() {
		s.renderFiles(st, add)
		close(files)
	}()
	// One goroutine writes the files. Pages of one folder made from two threads at
	// once queue in the kernel on the folder's lock, where the waiting thread spins
	// instead of rendering.
	out := make(chan outFile, 64)
	written := make(chan struct{})
	go func() {
		for f := range out {
			add(len(f.data), st.write(f.name, f.data))
			putPageBuf(f.buf)
		}
		close(written)
	}()
	found := make([]search.Page, len(s.pages)) // by page number; URL "" when not indexed
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for n := range jobs {
				v := &view{shared: s, page: s.pages[n]}
				buf := pageBufs.Get().(*bytes.Buffer)
				buf.Reset()
				if err := v.execute(buf); err != nil {
					putPageBuf(buf)
					add(0, err)
					continue
				}
				if _, ok := searchKinds[v.Kind]; ok {
					found[n] = v.searchPage(buf.Bytes())
				}
				out <- outFile{name: v.Path, data: buf.Bytes(), buf: buf}
				if v.Flow.Mermaid != "" {
					out <- outFile{name: v.MermaidPath(), data: []byte(v.Flow.Mermaid)}
				}
			}
		})
	}
	for n := range s.pages {
		jobs <- n
	}
	close(jobs)
	wg.Wait()
	for name, data := range s.searchIndex(found) {
		out <- outFile{name: name, data: data}
	}
	close(out)
	<-written
	<-files
	res.Pages = len(s.pages)
	if firstErr == nil && len(diags) > 0 {
		firstErr = diags.Compact()
	}
	return res, firstErr
}

// outFile is a file for the writer; buf, when set, holds data and goes back to
// pageBufs once written.
type outFile struct {
	name string
	data []byte
	buf  *bytes.Buffer
}

var pageBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledPage bounds the buffers kept for reuse: a page of every runbook
// (print/all.html, 70 MB at 10,000 runbooks) would otherwise stay live in the pool to
// the end of the build, as would each buffer's largest page.
const maxPooledPage = 1 << 20

// putPageBuf returns buf, if any, to pageBufs unless it has grown past maxPooledPage.
func putPageBuf(buf *bytes.Buffer) {
	if buf != nil && buf.Cap() <= maxPooledPage {
		pageBufs.Put(buf)
	}
}

// searchIndex builds the search index's files from the pages found, by page number;
// a page with no URL is not indexed.
func (s *shared) searchIndex(found []search.Page) map[string][]byte {
	var indexed []search.Page
	for _, p := range found {
		if p.URL != "" {
			indexed = append(indexed, p)
		}
	}
	if searchPagesHook != nil {
		searchPagesHook(indexed)
	}
	return search.Build(indexed, search.Options{Synonyms: s.P.Site.Synonyms}).Files()
}

// execute renders one page into buf.
func (v *view) execute(buf *bytes.Buffer) error {
	var err error
	v.rendered, err = v.prepare(v.page)
	if err == nil {
		var done bool
		if done, err = v.writeFast(buf); !done {
			err = v.tmpl.ExecuteTemplate(buf, v.Kind.template(), v)
			err = themeExecError(err, v.Opt.Theme, filepath.Join(v.Opt.Source, "theme"))
		}
	}
	var l diag.List
	if err != nil && !errors.As(err, &l) { // a diagnostic names its file already
		return fmt.Errorf("%s: %w", v.Path, err)
	}
	return err
}

// renderFiles writes every file that is not a page: the export, the assets, the schemas,
// the on-call calendars.
// add counts each file written.
func (s *shared) renderFiles(st sink, add func(int, error)) {
	var wg sync.WaitGroup
	wg.Go(func() { add(s.writeExport(st)) })
	for name, data := range s.assets() {
		add(len(data), st.write(name, data))
	}
	s.calendarFiles(func(name string, data []byte) { add(len(data), st.write(name, data)) })
	tj := triageJS(s.P, s.asOf(), s.Opt.RedactContacts)
	add(len(tj), st.write(TriageDataFile, tj))
	wg.Wait()
}

// writeExport streams the export to api/playbook.json: for a large playbook it is
// hundreds of megabytes, so it is never held in memory whole. It is compact, unlike
// `escalator export`: indenting it costs more than encoding it, and tools do not read
// the spaces.
func (s *shared) writeExport(st sink) (int, error) {
	f, err := st.create("api/playbook.json")
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriterSize(f, 256<<10)
	cw := &countingWriter{w: w}
	x := s.P.Export()
	if s.Opt.RedactContacts {
		x.RedactContacts()
	}
	err = streamJSON(cw, x)
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return int(cw.n), err
}

// streamJSON writes a struct as encoding/json would, compactly, but encodes the elements
// of its slice fields one at a time: the encoder buffers a whole value before writing it.
func streamJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	var b bytes.Buffer // reused: growing a new one for each runbook cost a tenth of the export
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	encode := func(x any) error {
		b.Reset()
		if err := e.Encode(x); err != nil {
			return err
		}
		_, err := w.Write(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
		return err
	}
	rv := reflect.ValueOf(v)
	rt := rv.Type()
	io.WriteString(w, "{")
	for i := range rt.NumField() {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		if i > 0 {
			io.WriteString(w, ",")
		}
		key, _ := json.Marshal(name)
		w.Write(append(key, ':'))
		fv := rv.Field(i)
		if fv.Kind() != reflect.Slice {
			if err := encode(fv.Interface()); err != nil {
				return err
			}
			continue
		}
		io.WriteString(w, "[")
		for j := range fv.Len() {
			if j > 0 {
				io.WriteString(w, ",")
			}
			if err := encode(fv.Index(j).Interface()); err != nil {
				return err
			}
		}
		io.WriteString(w, "]")
	}
	_, err := io.WriteString(w, "}\n")
	return err
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// assets returns the static files: the theme's, the code-highlighting stylesheet, the
// export and the schemas.
func (s *shared) assets() map[string][]byte {
	th := s.th
	out := map[string][]byte{}
	// A file the theme cannot give is left out, not the rest: the playbook's check has
	// reported it already.
	fs.WalkDir(th, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if data, err := fs.ReadFile(th, p); err == nil {
			out["assets/"+strings.TrimPrefix(p, "static/")] = data
		}
		return nil
	})
	out["assets/code.css"] = []byte(markdown.CSS())
	if s.Opt.Assets != nil { // the playbook's assets/, read through its rootfs
		for _, a := range s.P.Assets {
			name := strings.TrimPrefix(a, matrix.AssetsDir+"/")
			if data, err := fs.ReadFile(s.Opt.Assets, name); err == nil {
				out[MediaDir+"/"+name] = data
			}
		}
	}

	fs.WalkDir(schema.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(schema.FS(), p)
		if err == nil {
			out["schema/"+p] = data
		}
		return err
	})
	return out
}

func parseTemplates(th fs.FS) (*template.Template, error) {
	names, err := fs.Glob(th, "templates/*.html")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	t := template.New("site").Funcs(funcs)
	for _, n := range names {
		data, err := fs.ReadFile(th, n)
		if err != nil {
			return nil, err
		}
		if _, err := t.New(path.Base(n)).Parse(string(data)); err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
	}
	return t, nil
}
