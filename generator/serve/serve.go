// Package serve previews a playbook's site while it is edited: it builds the site into
// memory, serves it over HTTP, watches the playbook, rebuilds what an edit changed, and
// tells open pages to reload, or shows them the playbook's errors.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/generator"
	"github.com/escalator-dev/escalator/internal/localhost"
	"github.com/escalator-dev/escalator/internal/rootfs"
	"github.com/escalator-dev/escalator/matrix"
)

// Options configure a Server.
type Options struct {
	// Dir is the playbook folder.
	Dir string
	// Build holds the site options: base URL, redaction, revision. Out and Theme are
	// ignored: the site stays in memory and the theme is Dir/theme.
	Build generator.Options
	// Log receives one line per rebuild and the playbook's diagnostics; nil discards.
	Log io.Writer
	// Warn receives the warning that the server is reachable from the network; nil
	// means Log.
	Warn io.Writer
	// Debounce is how long the files must stay quiet before a rebuild, so that an
	// editor's burst of writes gives one rebuild; zero means 10 ms. Editors write a
	// file in well under a millisecond; a checkout's stream of writes keeps resetting
	// the wait, up to ten times this long.
	Debounce time.Duration

	// Tests observe the server through these, instead of sleeping and hoping it has
	// got somewhere. beforeRender, when set, runs in every rebuild between loading and
	// rendering: tests make a rebuild as slow as pathological Markdown with it. noticed
	// is given each change the watcher will rebuild for, as it sees it (the file, or
	// "" for a change that rereads everything); rebuilt is given the files each rebuild
	// reread and its report, once it is done, whether it built or failed.
	beforeRender func()
	noticed      func(file string)
	rebuilt      func(changed []string, rep Report)
}

// Server holds the site of the playbook as it was when it last built, and the
// diagnostics of the playbook as it is now.
type Server struct {
	opt   Options
	hosts localhost.Hosts // the Host headers answered; loopback only until Run sets --addr's
	cache *matrix.Cache
	done  chan struct{} // closed by Close: event streams end

	mu       sync.RWMutex
	cur      *generation // the last good site; nil until one builds
	problems diag.List   // set while the playbook has errors
	version  int         // counts the good sites built
	changed  chan struct{}
	closed   bool

	building sync.Mutex // one rebuild at a time; it guards the fields below
	shown    string     // the diagnostics last printed, to print them once
	broken   bool       // the theme failed: the next rebuild starts afresh
}

// generation is one build of the site, rendered.
type generation struct {
	site   *generator.Site
	pages  map[string][]byte
	assets map[string][]byte

	filesOnce sync.Once // the export and the rest, made on first request
	files     map[string][]byte
	filesErr  error

	searchOnce sync.Once // the search index, made on first request from pages
	search     map[string][]byte
}

// New returns a server for the playbook in opt.Dir. It builds nothing until Rebuild
// or Run.
func New(opt Options) *Server {
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	if opt.Debounce <= 0 {
		opt.Debounce = 10 * time.Millisecond
	}
	return &Server{opt: opt, cache: matrix.NewWatchedCache(), done: make(chan struct{}), changed: make(chan struct{})}
}

// Report says what one rebuild did.
type Report struct {
	Pages int           // pages rendered
	Took  time.Duration // from the start of the rebuild to the new site being served
	Diags diag.List     // every diagnostic of the playbook; the site is kept when it has errors
}

// Rebuild reloads the playbook and renders what changed since the last good site. The
// named files (slash paths in the playbook folder) are reread whatever the cache holds;
// full renders every page again, as a theme change needs. When the playbook has errors,
// the last good site stays and the errors are shown to the pages open on it.
func (s *Server) Rebuild(changed []string, full bool) (rep Report) {
	s.building.Lock()
	defer s.building.Unlock()
	if s.opt.rebuilt != nil {
		defer func() { s.opt.rebuilt(changed, rep) }()
	}
	start := time.Now()
	s.cache.Forget(changed...)
	dir := s.opt.Dir
	p, diags := matrix.LoadDir(dir, matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: start, Cache: s.cache})
	diags = generator.WithLinks(diags, p, nil)
	rep = Report{Diags: diags}
	if diags.HasErrors() {
		s.fail(diags)
		return rep
	}
	if s.opt.beforeRender != nil {
		s.opt.beforeRender()
	}
	s.mu.RLock()
	old := s.cur
	s.mu.RUnlock()
	var site *generator.Site
	var stale []string
	var err error
	if old == nil || full || s.broken {
		opt := s.opt.Build
		opt.Out, opt.Now = "", start
		opt.Theme, _ = fs.Sub(rootfs.Dir(dir), "theme") // the playbook's links only
		opt.Assets, _ = fs.Sub(rootfs.Dir(dir), matrix.AssetsDir)
		if site, err = generator.NewSite(p, opt); err == nil {
			stale = site.Pages()
		}
	} else {
		site, stale, _, err = old.site.Next(p, start)
	}
	if err != nil {
		rep.Diags = append(rep.Diags, renderDiags(dir, err)...)
		s.broken = true
		s.fail(rep.Diags)
		return rep
	}
	fresh, err := render(site, stale, s.done)
	if s.isClosed() {
		return rep // stopped meanwhile: render gave up, and nobody is left to show
	}
	if err != nil {
		rep.Diags = append(rep.Diags, renderDiags(dir, err)...)
		s.broken = true
		s.fail(rep.Diags)
		return rep
	}
	pages := site.Pages()
	g := &generation{site: site, pages: make(map[string][]byte, len(pages)), assets: site.Assets()}
	for _, page := range pages {
		if data, ok := fresh[page]; ok {
			g.pages[page] = data
		} else if old != nil && old.pages[page] != nil {
			g.pages[page] = old.pages[page]
		} else if data, _, err := site.Page(page); err == nil {
			g.pages[page] = data // not expected: Stale names every page that is new
		}
	}
	rep.Pages, rep.Took = len(fresh), time.Since(start)

	// The terminal first: whoever the event wakes finds the log already written.
	s.logDiags(diags)
	fmt.Fprintf(s.opt.Log, "rebuilt %d %s in %d ms\n", rep.Pages, plural(rep.Pages, "page", "pages"), rep.Took.Milliseconds())
	s.mu.Lock()
	s.cur, s.problems = g, nil
	s.version++
	s.notifyLocked()
	s.mu.Unlock()
	return rep
}

// isClosed reports whether Close was called.
func (s *Server) isClosed() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// fail keeps the last good site and shows the playbook's errors.
func (s *Server) fail(diags diag.List) {
	if s.isClosed() {
		return
	}
	s.mu.RLock()
	kept := s.cur != nil
	s.mu.RUnlock()
	s.logDiags(diags)
	what := "no site yet: fix them to see it"
	if kept {
		what = "still serving the last good site"
	}
	fmt.Fprintf(s.opt.Log, "%s: %d %s; %s\n", s.opt.Dir, diags.Errors(), plural(diags.Errors(), "error", "errors"), what)
	s.mu.Lock()
	s.problems = diags
	s.notifyLocked()
	s.mu.Unlock()
}

// logDiags prints diagnostics when they differ from the ones printed last.
func (s *Server) logDiags(diags diag.List) {
	text := ""
	if len(diags) > 0 {
		text = diags.Error()
	}
	if text == s.shown {
		return
	}
	s.shown = text
	diag.Write(s.opt.Log, diag.Text, diags)
}

// notifyLocked wakes every event stream; s.mu is held.
func (s *Server) notifyLocked() {
	if !s.closed {
		close(s.changed)
		s.changed = make(chan struct{})
	}
}

// state returns what event streams report, and a channel closed when it changes.
func (s *Server) state() (version int, problems diag.List, changed <-chan struct{}) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.version, s.problems, s.changed
}

// Version counts the good sites built so far.
func (s *Server) Version() int {
	v, _, _ := s.state()
	return v
}

// Close ends the event streams, so that an HTTP server can shut down.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.done)
	}
}

// render renders the named pages in parallel. It stops early, leaving pages out,
// once done is closed.
func render(site *generator.Site, pages []string, done <-chan struct{}) (map[string][]byte, error) {
	out := make(map[string][]byte, len(pages))
	var mu sync.Mutex
	var firstErr error
	next := make(chan string)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(pages)) {
		wg.Go(func() {
			for page := range next {
				data, _, err := site.Page(page)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				out[page] = data
				mu.Unlock()
			}
		})
	}
feed:
	for _, p := range pages {
		select {
		case next <- p:
		case <-done:
			break feed
		}
	}
	close(next)
	wg.Wait()
	return out, firstErr
}

// renderDiags reports the documents too complex to render, or a theme that does not
// parse or render, at the template and line the error names when the playbook
// overrides that template.
func renderDiags(dir string, err error) diag.List {
	var l diag.List
	if errors.As(err, &l) { // documents whose Markdown is too complex to render
		return l
	}
	d := diag.Diagnostic{File: filepath.ToSlash(filepath.Join(dir, "theme")), Severity: diag.Error, Code: diag.ThemeError,
		Message:    "the theme does not render: " + err.Error(),
		Suggestion: "fix the template named in the message, or remove it to use the built-in one"}
	if m := templateErrRE.FindStringSubmatch(err.Error()); m != nil {
		file := filepath.Join(dir, "theme", "templates", m[1])
		if _, err := os.Stat(file); err == nil {
			d.File = filepath.ToSlash(file)
			d.Line, _ = strconv.Atoi(m[2])
			d.Col, _ = strconv.Atoi(m[3])
			d.Message = "the theme does not render: " + m[4]
		}
	}
	return diag.List{d}
}

// templateErrRE reads html/template's errors: "template: name.html:12:5: message".
var templateErrRE = regexp.MustCompile(`template: ([\w.-]+\.html):(\d+):(?:(\d+):)? (.*)$`)

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Run builds the site, serves it on addr and rebuilds it on every change to the
// playbook, until ctx is done; then it shuts down cleanly. ready, when not nil, is
// called with the site's address once it is served.
func Run(ctx context.Context, addr string, opt Options, ready func(url string)) error {
	ln, err := Listen(addr)
	if err != nil {
		return err
	}
	s := New(opt)
	s.hosts = localhost.For(addr)
	if msg := exposed(addr, ln.Addr()); msg != "" {
		warn := opt.Warn
		if warn == nil {
			warn = s.opt.Log
		}
		fmt.Fprintln(warn, msg)
	}
	w, err := s.newWatcher()
	if err != nil {
		ln.Close()
		return err
	}
	defer w.Close()
	// The first build, like every other, may take long (pathological Markdown): Ctrl-C
	// does not wait for it. What it would have shown is dropped.
	first := make(chan struct{})
	go func() {
		s.Rebuild(nil, true)
		close(first)
	}()
	select {
	case <-first:
	case <-ctx.Done():
		s.Close()
		ln.Close()
		fmt.Fprintln(s.opt.Log, "stopped")
		return nil
	}

	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(s.opt.Log, "serving %s at %s (Ctrl-C to stop)\n", opt.Dir, url)
	if ready != nil {
		ready(url)
	}
	watchCtx, stopWatch := context.WithCancel(ctx)
	watched := make(chan struct{})
	go func() {
		s.watch(watchCtx, w)
		close(watched)
	}()
	defer func() {
		stopWatch()
		<-watched // the watcher is done with w before it closes; a rebuild is not waited for
	}()

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	s.Close()
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	fmt.Fprintln(s.opt.Log, "stopped")
	return nil
}

// exposed returns a warning when the server, asked for addr, listens on a
// non-loopback address: the preview shows every phone number of the playbook.
func exposed(addr string, ln net.Addr) string {
	tcp, ok := ln.(*net.TCPAddr)
	if !ok || tcp.IP.IsLoopback() {
		return ""
	}
	where := "on " + tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		where = "on every network interface"
	}
	return fmt.Sprintf("warning: --addr %s listens %s: the preview, every phone number in it, is reachable from the network (--addr 127.0.0.1:%d keeps it on this machine)", addr, where, tcp.Port)
}

// Listen listens on a TCP address, saying plainly when the port is taken.
func Listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("%s is already in use (is another escalator serve running?); choose another port with --addr, e.g. --addr 127.0.0.1:0 for any free one", addr)
	}
	return ln, err
}
