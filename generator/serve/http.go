package serve

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/internal/localhost"
)

// live holds the script and style sheet added to every page the server sends: they
// reload the page after a rebuild and show the playbook's errors. Sites written by
// `escalator build` never carry them.
//
//go:embed live
var live embed.FS

// prefix is where the server's own files live, apart from the site's.
const prefix = "/_escalator/"

// ServeHTTP serves the last good site from memory, with the live-reload script added
// to its pages. Only the site's files exist: no path reaches the disk. Beside them,
// /_escalator/ holds the script, the event stream, and status: the site's version
// and the playbook's diagnostics as JSON, for tools that want them without a browser.
//
// It answers only requests addressed to this machine by a name no web page can rebind
// (see hosts.allow), and the server's own files only to its own pages: a page of
// another origin gets 403 even where the browser would have let it through.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hosts.Allow(r.Host) {
		http.Error(w, "forbidden: escalator serve answers only requests for localhost, a loopback address or the --addr host", http.StatusForbidden)
		return
	}
	if strings.HasPrefix(r.URL.Path, prefix) && !localhost.SameOrigin(r.Header.Get("Origin"), r.Host) {
		http.Error(w, "forbidden: a page of another origin may not use "+prefix, http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	switch r.URL.Path {
	case prefix + "events":
		s.events(w, r)
		return
	case prefix + "status":
		version, problems, _ := s.state()
		data := fmt.Appendf(nil, `{"version":%d,"problems":%s}`+"\n", version, problemsJSON(problems))
		send(w, r, http.StatusOK, "status.json", data)
		return
	case prefix + "live.js", prefix + "live.css":
		data, _ := live.ReadFile("live/" + path.Base(r.URL.Path))
		send(w, r, http.StatusOK, path.Base(r.URL.Path), data)
		return
	}

	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	s.mu.RLock()
	g, version := s.cur, s.version
	s.mu.RUnlock()
	if g == nil {
		send(w, r, http.StatusServiceUnavailable, "index.html", inject(noSitePage, 0))
		return
	}
	data, ok := g.page(name)
	if !ok && path.Ext(name) == "" {
		name += ".html" // links written without the extension
		data, ok = g.page(name)
	}
	if ok {
		send(w, r, http.StatusOK, name, inject(data, version))
		return
	}
	if data, ok = g.file(name); ok {
		send(w, r, http.StatusOK, name, data)
		return
	}
	notFound, _ := g.page("404.html")
	send(w, r, http.StatusNotFound, "404.html", inject(notFound, version))
}

// page returns a rendered page of the generation.
func (g *generation) page(name string) ([]byte, bool) {
	data, ok := g.pages[name]
	return data, ok
}

// file returns a file of the generation that is not a page. The assets are at hand;
// the search index and the rest (the export above all) are made on the first request
// for one of their files.
func (g *generation) file(name string) ([]byte, bool) {
	if data, ok := g.assets[name]; ok {
		return data, true
	}
	if path.Ext(name) == ".mmd" {
		return g.site.Mermaid(name)
	}
	if strings.HasPrefix(name, "search/") {
		g.searchOnce.Do(func() {
			g.search = g.site.SearchIndex(func(page string) []byte { return g.pages[page] })
		})
		data, ok := g.search[name]
		return data, ok
	}
	g.filesOnce.Do(func() { g.files, g.filesErr = g.site.Files() })
	data, ok := g.files[name]
	return data, ok
}

func send(w http.ResponseWriter, r *http.Request, status int, name string, data []byte) {
	ctype := mime.TypeByExtension(path.Ext(name))
	switch path.Ext(name) {
	case ".mmd", "":
		ctype = "text/plain; charset=utf-8"
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// inject adds the live-reload script and style sheet to a page, with the version of the
// site it belongs to, so the script can tell when it is out of date.
func inject(page []byte, version int) []byte {
	tag := fmt.Sprintf(`<link rel="stylesheet" href="%slive.css"><script src="%slive.js" data-version="%d" defer></script>`+"\n", prefix, prefix, version)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page[:len(page):len(page)], tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// noSitePage stands in for every page while no version of the playbook has built: the
// live script shows why over it, and loads the site when it builds.
var noSitePage = []byte(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'">
<title>The playbook has errors</title>
</head>
<body>
<main>
<h1>The playbook has errors</h1>
<p>The site appears here as soon as the playbook builds. The errors are listed over this page, and in the terminal running <code>escalator serve</code>.</p>
</main>
</body>
</html>
`)

// events streams server-sent events to a page: "reload" with the version of the site
// whenever a new one is served, "problems" with the playbook's diagnostics whenever
// they change (an empty list when it builds again). Each stream starts with both, so
// a page that missed a rebuild while disconnected catches up.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 500\n\n") // reconnect quickly after a restart
	sentVersion, sentProblems := -1, "-"
	heartbeat := time.NewTicker(15 * time.Second)
	defer heartbeat.Stop()
	for {
		version, problems, changed := s.state()
		if version != sentVersion {
			fmt.Fprintf(w, "event: reload\ndata: %d\n\n", version)
			sentVersion = version
		}
		if js := problemsJSON(problems); js != sentProblems {
			fmt.Fprintf(w, "event: problems\ndata: %s\n\n", js)
			sentProblems = js
		}
		flusher.Flush()
		select {
		case <-changed:
		case <-heartbeat.C:
			fmt.Fprint(w, ": still here\n\n")
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}

// problemsJSON encodes diagnostics for the page, on one line as an event needs.
func problemsJSON(l diag.List) string {
	if l == nil {
		l = diag.List{}
	}
	type problem struct {
		diag.Diagnostic
		Where string `json:"where"`
	}
	out := make([]problem, len(l))
	for i, d := range l {
		out[i] = problem{d, where(d)}
	}
	data, _ := json.Marshal(out)
	return string(data)
}

// where is a diagnostic's position as `file:line:col`.
func where(d diag.Diagnostic) string {
	switch {
	case d.Line > 0 && d.Col > 0:
		return fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Col)
	case d.Line > 0:
		return fmt.Sprintf("%s:%d", d.File, d.Line)
	}
	return d.File
}
