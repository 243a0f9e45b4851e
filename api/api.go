package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/internal/localhost"
	"github.com/escalator-dev/escalator/matrix"
	"github.com/fsnotify/fsnotify"
)

// Options configure a Server.
type Options struct {
	Dir  string    // the playbook folder
	Log  io.Writer // reloads and their problems; nil for none
	Warn io.Writer // a warning when the server is reachable from the network; nil for none
}

// Server answers routing requests from the last playbook that loaded without errors.
type Server struct {
	opt   Options
	hosts localhost.Hosts
	cur   atomic.Pointer[state]
	mu    sync.Mutex // serialises loads
	cache *matrix.Cache
}

// state is one load of the playbook: the last good playbook, and the diagnostics of
// the latest load, which may have failed.
type state struct {
	p      *matrix.Playbook // nil until a load succeeds
	loaded time.Time        // when p was loaded
	diags  diag.List        // of the latest load
	failed bool             // the latest load had errors; p is an older one
}

// New loads the playbook and returns a server for it. It fails when the playbook has
// errors: a routing server must not start by answering with nothing.
func New(opt Options) (*Server, error) {
	s := &Server{opt: opt, cache: matrix.NewCache(), hosts: localhost.For("127.0.0.1:0")}
	st := s.load()
	if st.p == nil {
		return nil, st.diags
	}
	return s, nil
}

// Diagnostics returns those of the latest load.
func (s *Server) Diagnostics() diag.List { return s.cur.Load().diags }

// load reads the playbook again and keeps it when it has no errors.
func (s *Server) load() *state {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	p, diags := matrix.LoadDir(s.opt.Dir, matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: now, SkipBodies: true, Cache: s.cache})
	st := &state{diags: diags}
	if old := s.cur.Load(); diags.HasErrors() {
		st.failed = true
		if old != nil {
			st.p, st.loaded = old.p, old.loaded
		}
	} else {
		st.p, st.loaded = p, now
	}
	s.cur.Store(st)
	return st
}

// Run listens on addr and serves until ctx is done, loading the playbook again when
// its files change. ready, when not nil, is called with the address listened on.
func (s *Server) Run(ctx context.Context, addr string, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("%s is already in use; choose another port with --addr, e.g. --addr 127.0.0.1:0 for any free one", addr)
	}
	if err != nil {
		return err
	}
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() && s.opt.Warn != nil {
		fmt.Fprintf(s.opt.Warn, "warning: --addr %s listens beyond this machine: every contact in the playbook is reachable from the network (--addr 127.0.0.1:%d keeps it here)\n", addr, tcp.Port)
	}
	s.hosts = localhost.For(addr)
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second}
	// Watch before saying ready, so an edit made right after is not missed.
	if w, err := s.watcher(); err != nil {
		s.logf("not watching %s: %v", s.opt.Dir, err)
	} else {
		go s.watch(ctx, w)
	}
	if ready != nil {
		ready(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shut)
		return nil
	case err := <-errc:
		return err
	}
}

// folders are the playbook's folders that Load reads.
var folders = matrix.Entries()[2:]

// watcher watches the playbook's folder and the folders Load reads.
func (s *Server) watcher() (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	if err := w.Add(s.opt.Dir); err != nil {
		w.Close()
		return nil, err
	}
	s.watchFolders(w)
	return w, nil
}

// watchFolders adds the folders Load reads; one not there yet is added once it is made.
func (s *Server) watchFolders(w *fsnotify.Watcher) {
	for _, f := range folders {
		w.Add(filepath.Join(s.opt.Dir, f))
	}
}

// watch loads the playbook again after its files change, 50 ms after the last change.
func (s *Server) watch(ctx context.Context, w *fsnotify.Watcher) {
	defer w.Close()
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Create) {
				s.watchFolders(w) // a folder made again, or for the first time
			}
			timer = time.After(50 * time.Millisecond)
		case <-w.Errors:
		case <-timer:
			timer = nil
			st := s.load() // the cache reads again only the files whose stamps changed
			switch {
			case st.failed:
				s.logf("%s has %d errors; still answering from the playbook loaded at %s\n%s",
					diag.Printable(s.opt.Dir), st.diags.Errors(), st.loaded.Format(time.TimeOnly), st.diags.Error())
			default:
				s.logf("reloaded %s", diag.Printable(s.opt.Dir))
			}
		}
	}
}

func (s *Server) logf(format string, a ...any) {
	if s.opt.Log != nil {
		fmt.Fprintf(s.opt.Log, format+"\n", a...)
	}
}

// Request is the body of POST /route. Facts take strings, numbers or booleans.
type Request struct {
	Facts   map[string]any `json:"facts"`
	At      string         `json:"at,omitempty"` // RFC 3339, or local time in the playbook's zone; default now
	Explain bool           `json:"explain,omitempty"`
}

// Problem is one reason a request was refused.
type Problem struct {
	Fact    string `json:"fact,omitempty"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
}

// maxBody bounds a request: a set of facts is a few hundred bytes.
const maxBody = 64 << 10

// ServeHTTP answers POST /route, GET /route?fact=value&at=…, and GET /status.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hosts.Allow(r.Host) {
		http.Error(w, "escalator answers only requests to this machine's own names", http.StatusForbidden)
		return
	}
	// A page of another site may post to a local server: refuse what a browser
	// marks as coming from elsewhere.
	if !localhost.SameOrigin(r.Header.Get("Origin"), r.Host) {
		http.Error(w, "escalator does not answer other sites' pages", http.StatusForbidden)
		return
	}
	switch r.URL.Path {
	case "/route":
		s.route(w, r)
	case "/status":
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeJSON(w, http.StatusMethodNotAllowed, problems(Problem{Message: "use GET for /status"}))
			return
		}
		st := s.cur.Load()
		writeJSON(w, http.StatusOK, struct {
			Version     int       `json:"version"`
			Loaded      time.Time `json:"loaded"`
			Stale       bool      `json:"stale"`
			Errors      int       `json:"errors"`
			Warnings    int       `json:"warnings"`
			Diagnostics diag.List `json:"diagnostics"`
		}{matrix.JSONVersion, st.loaded.UTC().Truncate(time.Second), st.failed, st.diags.Errors(), st.diags.Warnings(), nonNil(st.diags)})
	default:
		writeJSON(w, http.StatusNotFound, problems(Problem{Message: "no such endpoint", Hint: "use POST /route or GET /status"}))
	}
}

func nonNil(l diag.List) diag.List {
	if l == nil {
		return diag.List{}
	}
	return l
}

func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	var req Request
	switch r.Method {
	case http.MethodPost:
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			writeJSON(w, http.StatusBadRequest, problems(Problem{Message: "cannot read the request: " + err.Error(),
				Hint: `send {"facts": {"domain": "payments", "severity": "sev1"}, "at": "2026-03-01T03:00:00Z"}`}))
			return
		}
	case http.MethodGet:
		q := r.URL.Query()
		req.Facts = map[string]any{}
		for k, v := range q {
			switch k {
			case "at":
				req.At = v[0]
			case "explain":
				req.Explain, _ = strconv.ParseBool(v[0])
			default:
				if len(v) > 1 {
					writeJSON(w, http.StatusBadRequest, problems(Problem{Fact: k,
						Message: fmt.Sprintf("fact %q is given %d times", k, len(v)), Hint: "give each fact once"}))
					return
				}
				req.Facts[k] = v[0]
			}
		}
	default:
		w.Header().Set("Allow", "GET, POST")
		writeJSON(w, http.StatusMethodNotAllowed, problems(Problem{Message: "use POST (or GET) for /route"}))
		return
	}
	status, body := s.Decide(req)
	writeJSON(w, status, body)
}

// Decide answers one request: the decision as `route --json` gives it, or the
// problems with the request, with the HTTP status for each.
func (s *Server) Decide(req Request) (int, any) {
	p := s.cur.Load().p
	args := make([]string, 0, len(req.Facts))
	for k, v := range req.Facts {
		var text string
		switch v := v.(type) {
		case string:
			text = v
		case float64:
			text = strconv.FormatFloat(v, 'f', -1, 64)
		case bool:
			text = strconv.FormatBool(v)
		default:
			return http.StatusBadRequest, problems(Problem{Fact: k, Message: fmt.Sprintf("fact %q must be a string, a number or a boolean", k)})
		}
		args = append(args, k+"="+text)
	}
	sort.Strings(args) // the same problems in the same order for the same request
	f, errs := p.ParseFacts(args)
	bad := map[string]bool{}
	var out []Problem
	for _, err := range errs {
		var fe *matrix.FactError
		if errors.As(err, &fe) {
			bad[fe.Fact] = true
			out = append(out, Problem{Fact: fe.Fact, Message: fe.Message, Hint: fe.Hint})
		} else {
			out = append(out, Problem{Message: err.Error()})
		}
	}
	for _, m := range f.Missing() {
		if !bad[m.ID] {
			out = append(out, Problem{Fact: m.ID, Message: fmt.Sprintf("missing required fact %q: %s", m.ID, m.Question)})
		}
	}
	at := time.Now()
	if req.At != "" {
		var err error
		var gap *matrix.GapError
		switch at, err = matrix.ParseLocalInstant(req.At, p.Site.Location.Location); {
		case errors.As(err, &gap): // as route --at: a time the clocks skip is refused, not moved
			out = append(out, Problem{Message: "at: " + gap.Error()})
		case err != nil:
			out = append(out, Problem{Message: fmt.Sprintf("cannot read at %q", req.At),
				Hint: fmt.Sprintf("use 2026-03-01T03:00:00Z in the years %d to %d, or 2026-03-01T03:00 in %s in the years %d to %d",
					matrix.MinYear, matrix.MaxYear, p.Site.Location.Name, matrix.MinLocalYear, matrix.MaxLocalYear)})
		}
	}
	if len(out) > 0 {
		return http.StatusBadRequest, problems(out...)
	}
	d, err := p.Route(f, at)
	if err != nil {
		return http.StatusUnprocessableEntity, problems(Problem{Message: err.Error()})
	}
	dj := p.DecisionJSON(d, f)
	if req.Explain {
		return http.StatusOK, struct {
			matrix.DecisionJSON
			Explain []matrix.TraceJSON      `json:"explain"`
			Hours   []matrix.HoursTraceJSON `json:"hours"`
		}{dj, p.TraceJSON(p.Explain(f)), matrix.HoursTracesJSON(p.ExplainHours(d))}
	}
	return http.StatusOK, dj
}

func problems(p ...Problem) any {
	return struct {
		Version int       `json:"version"`
		Errors  []Problem `json:"errors"`
	}{matrix.JSONVersion, p}
}

var bufs = sync.Pool{New: func() any { return new(strings.Builder) }}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b := bufs.Get().(*strings.Builder)
	defer func() { b.Reset(); bufs.Put(b) }()
	enc := json.NewEncoder(b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		http.Error(w, "cannot encode the answer: "+err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	io.WriteString(w, b.String())
}
