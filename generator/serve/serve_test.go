package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/escalator-dev/escalator"
)

const runbook = "runbooks/card-payments-failing.md"

// playbook writes the sample playbook to a folder, its files dated an hour ago.
func playbook(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, escalator.Sample()); err != nil {
		t.Fatal(err)
	}
	age(t, dir)
	return dir
}

func age(t testing.TB, dir string) {
	old := time.Now().Add(-time.Hour)
	filepath.WalkDir(dir, func(p string, _ fs.DirEntry, err error) error {
		if err == nil {
			err = os.Chtimes(p, old, old)
		}
		return err
	})
}

// running is a server started by Run, with a log that tests can read.
type running struct {
	url      string
	dir      string
	log      *syncBuffer
	stop     func() error // cancels Run and returns its error
	rebuilds chan rebuild // every rebuild finished, in order
	notices  chan string  // every change the watcher saw, in order
}

// rebuild is one finished rebuild: what it was for, and its report.
type rebuild struct {
	changed []string
	rep     Report
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func start(t testing.TB, dir string, debounce time.Duration) *running {
	t.Helper()
	return startWith(t, Options{Dir: dir, Debounce: debounce})
}

// startWith starts Run with opt; its Log is replaced by the one tests read.
func startWith(t testing.TB, opt Options) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	// Far more than any test makes: the server must never wait for a test to read.
	r := &running{dir: opt.Dir, log: &syncBuffer{}, rebuilds: make(chan rebuild, 10_000), notices: make(chan string, 100_000)}
	opt.Log = r.log
	opt.rebuilt = func(changed []string, rep Report) { r.rebuilds <- rebuild{changed, rep} }
	opt.noticed = func(file string) { r.notices <- file }
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, "127.0.0.1:0", opt, func(u string) { ready <- u })
	}()
	select {
	case r.url = <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("Run: %v", err)
	case <-time.After(60 * time.Second):
		cancel()
		t.Fatal("server did not start")
	}
	<-r.rebuilds // the first build, done before the site is served
	var once sync.Once
	var err error
	r.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				err = fmt.Errorf("Run did not return 10 s after cancel")
			}
		})
		return err
	}
	t.Cleanup(func() { r.stop() })
	return r
}

func (r *running) get(t testing.TB, page string) (int, string) {
	t.Helper()
	resp, err := http.Get(r.url + page)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// edit replaces old with new in a playbook file.
func (r *running) edit(t testing.TB, file, old, new string) {
	t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(file))
	data, err := os.ReadFile(p)
	if err != nil || !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q (%v)", file, old, err)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// replace replaces old with new in a playbook file as an editor that saves atomically
// does: it writes a temporary file beside it and renames that over it. The watcher
// sees one change for each, where a write in place may give one or two.
func (r *running) replace(t testing.TB, file, old, new string) {
	t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(file))
	data, err := os.ReadFile(p)
	if err != nil || !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q (%v)", file, old, err)
	}
	if err := os.WriteFile(p+".tmp", []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(p+".tmp", p); err != nil {
		t.Fatal(err)
	}
}

// event is one server-sent event.
type event struct{ name, data string }

// stream reads the server's events until the test ends.
func (r *running) stream(t testing.TB) <-chan event {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", r.url+"_escalator/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events served as %q", ct)
	}
	ch := make(chan event, 100)
	go func() {
		defer resp.Body.Close()
		defer close(ch)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			case line == "" && ev.name != "":
				ch <- ev
				ev = event{}
			}
		}
	}()
	return ch
}

// next waits for the next event of that name.
func next(t testing.TB, events <-chan event, name string) string {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatalf("event stream ended while waiting for %q", name)
			}
			if ev.name == name {
				return ev.data
			}
		case <-timeout:
			t.Fatalf("no %q event within 30 s", name)
		}
	}
}

// nextRebuild waits for the next rebuild to finish.
func (r *running) nextRebuild(t testing.TB) rebuild {
	t.Helper()
	select {
	case b := <-r.rebuilds:
		return b
	case <-time.After(30 * time.Second):
		t.Fatal("no rebuild within 30 s")
	}
	return rebuild{}
}

// rebuiltFor waits for the rebuild that reread file, skipping the ones before it.
func (r *running) rebuiltFor(t testing.TB, file string) Report {
	t.Helper()
	for {
		if b := r.nextRebuild(t); slices.Contains(b.changed, file) {
			return b.rep
		}
	}
}

// noticedFile waits until the watcher has seen a change to file.
func (r *running) noticedFile(t testing.TB, file string) {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case f := <-r.notices:
			if f == file {
				return
			}
		case <-timeout:
			t.Fatalf("the watcher did not see %s change within 30 s", file)
		}
	}
}

// connect opens an event stream and reads the events every stream starts with.
func (r *running) connect(t testing.TB) (<-chan event, string) {
	t.Helper()
	events := r.stream(t)
	version := next(t, events, "reload")
	if p := next(t, events, "problems"); p != "[]" {
		t.Fatalf("a fresh sample playbook has problems: %s", p)
	}
	return events, version
}

func TestEditReloads(t *testing.T) {
	r := start(t, playbook(t), 0)
	events, v1 := r.connect(t)
	if code, body := r.get(t, "runbooks/card-payments-failing.html"); code != 200 || !strings.Contains(body, `src="/_escalator/live.js" data-version="`+v1+`"`) {
		t.Fatalf("status %d; page without the live script of version %s", code, v1)
	}
	r.edit(t, runbook, "## Background", "## Background and history")
	if v2 := next(t, events, "reload"); v2 == v1 {
		t.Fatalf("reload event for the same version %s", v2)
	}
	if _, body := r.get(t, "runbooks/card-payments-failing.html"); !strings.Contains(body, "Background and history") {
		t.Error("the page does not show the edit")
	}
	// The runbook's page and checklist, the two print packs holding the checklist, and
	// the two drills' answer keys quoting it.
	if !strings.Contains(r.log.String(), "rebuilt 6 pages in ") {
		t.Errorf("a body edit did not rebuild just the runbook's 6 pages; log:\n%s", r.log)
	}
}

func TestInvalidEditKeepsSiteAndRecovers(t *testing.T) {
	r := start(t, playbook(t), 0)
	events, v1 := r.connect(t)
	r.edit(t, runbook, "title: Card payments failing at the processor", "title: [Card payments")
	problems := next(t, events, "problems")
	for _, want := range []string{`"where":"` + filepath.ToSlash(r.dir) + `/runbooks/card-payments-failing.md:3:8"`, `"severity":"error"`, "invalid YAML"} {
		if !strings.Contains(problems, want) {
			t.Errorf("problems event lacks %s:\n%s", want, problems)
		}
	}
	if code, body := r.get(t, "runbooks/card-payments-failing.html"); code != 200 || !strings.Contains(body, "Card payments failing at the processor") {
		t.Errorf("the last good page is gone: status %d", code)
	}
	if !strings.Contains(r.log.String(), "card-payments-failing.md:3:8: error[invalid-yaml]: invalid YAML") || !strings.Contains(r.log.String(), "still serving the last good site") {
		t.Errorf("the terminal does not show the error:\n%s", r.log)
	}

	r.edit(t, runbook, "title: [Card payments", "title: Card payments fixed")
	if v := next(t, events, "reload"); v == v1 {
		t.Error("no new version after the fix")
	}
	if p := next(t, events, "problems"); p != "[]" {
		t.Errorf("problems after the fix: %s", p)
	}
	if _, body := r.get(t, "runbooks/card-payments-failing.html"); !strings.Contains(body, "Card payments fixed") {
		t.Error("the fixed page does not show the edit")
	}
}

func TestDeletedRunbookDisappears(t *testing.T) {
	r := start(t, playbook(t), 0)
	events, _ := r.connect(t)
	src, _ := os.ReadFile(filepath.Join(r.dir, runbook))
	extra := strings.Replace(string(src), "id: card-payments-failing", "id: extra-runbook", 1)
	if err := os.WriteFile(filepath.Join(r.dir, "runbooks", "extra-runbook.md"), []byte(extra), 0o644); err != nil {
		t.Fatal(err)
	}
	next(t, events, "reload")
	if code, _ := r.get(t, "runbooks/extra-runbook.html"); code != 200 {
		t.Fatalf("new runbook's page: status %d", code)
	}
	if err := os.Remove(filepath.Join(r.dir, "runbooks", "extra-runbook.md")); err != nil {
		t.Fatal(err)
	}
	next(t, events, "reload")
	if code, body := r.get(t, "runbooks/extra-runbook.html"); code != 404 || !strings.Contains(body, "Page not found") {
		t.Errorf("deleted runbook's page: status %d", code)
	}
	if _, body := r.get(t, "runbooks.html"); strings.Contains(body, "extra-runbook") {
		t.Error("the runbook list still names the deleted runbook")
	}
}

// An editor that saves by writing a new file and renaming it over the old one.
func TestAtomicSaveByRename(t *testing.T) {
	r := start(t, playbook(t), 0)
	events, _ := r.connect(t)
	p := filepath.Join(r.dir, filepath.FromSlash(runbook))
	data, _ := os.ReadFile(p)
	tmp := p + ".tmp"
	os.WriteFile(tmp, []byte(strings.Replace(string(data), "## Background", "## Renamed into place", 1)), 0o644)
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
	next(t, events, "reload")
	if _, body := r.get(t, "runbooks/card-payments-failing.html"); !strings.Contains(body, "Renamed into place") {
		t.Error("the page does not show the saved file")
	}
}

// A burst of writes to several files, as a checkout makes, gives one rebuild.
func TestBurstGivesOneRebuild(t *testing.T) {
	r := start(t, playbook(t), 300*time.Millisecond)
	events, v1 := r.connect(t)
	r.edit(t, runbook, "## Background", "## Burst one")
	r.edit(t, "runbooks/login-2fa-failures.md", "title: ", "title: Burst two, ")
	r.edit(t, "teams/payments-eng.yaml", "+44 20 7946 0112", "+44 20 7946 0999")
	v2 := next(t, events, "reload")
	if v2 != fmt.Sprint(mustAtoi(t, v1)+1) {
		t.Errorf("version went from %s to %s: more than one rebuild", v1, v2)
	}
	if _, body := r.get(t, "teams/payments-eng.html"); !strings.Contains(body, "7946 0999") {
		t.Error("the team page does not show the edit")
	}
	// The watcher sees changes in order: a part of the burst it had not rebuilt for
	// yet would come in a rebuild before a later edit's, or in that edit's own.
	const later = "holidays/england.yaml"
	r.edit(t, later, "name: Bank holidays in England and Wales", "name: Bank holidays of England and Wales")
	var burst []rebuild
	for {
		b := r.nextRebuild(t)
		if !slices.Contains(b.changed, later) {
			burst = append(burst, b)
			continue
		}
		if !slices.Equal(b.changed, []string{later}) {
			t.Errorf("a later edit's rebuild also rereads %v: the burst was split", b.changed)
		}
		break
	}
	if len(burst) != 1 || len(burst[0].changed) != 3 {
		var reread [][]string
		for _, b := range burst {
			reread = append(reread, b.changed)
		}
		t.Errorf("%d rebuilds for one burst of 3 files, rereading %v", len(burst), reread)
	}
}

func mustAtoi(t testing.TB, s string) int {
	var n int
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Two hundred saves in quick succession leave the server up, showing the last one.
func TestRapidEdits(t *testing.T) {
	r := start(t, playbook(t), 0)
	events, v1 := r.connect(t)
	p := filepath.Join(r.dir, filepath.FromSlash(runbook))
	data, _ := os.ReadFile(p)
	for i := range 200 {
		body := strings.Replace(string(data), "## Background", fmt.Sprintf("## Background, save %d", i), 1)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if i%20 == 0 {
			time.Sleep(5 * time.Millisecond) // an author typing, not one write
		}
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		v := next(t, events, "reload")
		if _, body := r.get(t, "runbooks/card-payments-failing.html"); strings.Contains(body, "Background, save 199") {
			if n := mustAtoi(t, v) - mustAtoi(t, v1); n >= 200 {
				t.Errorf("%d rebuilds for 200 saves: no debouncing", n)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the last save never showed")
		}
	}
	if code, _ := r.get(t, "index.html"); code != 200 {
		t.Errorf("home page: status %d", code)
	}
}

// A new folder of theme overrides is watched as it appears, and the theme applies.
func TestNewThemeFolder(t *testing.T) {
	r := start(t, playbook(t), 0)
	events, _ := r.connect(t)
	if err := os.MkdirAll(filepath.Join(r.dir, "theme", "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	next(t, events, "reload")
	css := filepath.Join(r.dir, "theme", "static", "site.css")
	if err := os.WriteFile(css, []byte("body { color: rebeccapurple; }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	next(t, events, "reload")
	if _, body := r.get(t, "assets/site.css"); !strings.Contains(body, "rebeccapurple") {
		t.Errorf("the override is not served: %.80q", body)
	}
}

// Nothing outside the site is served, however the path is written.
func TestPathTraversal(t *testing.T) {
	r := start(t, playbook(t), 0)
	os.WriteFile(filepath.Join(r.dir, "secret.txt"), []byte("top secret"), 0o644)
	host := strings.TrimSuffix(strings.TrimPrefix(r.url, "http://"), "/")
	for _, p := range []string{
		"/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd",
		"//etc/passwd", "/secret.txt", "/../secret.txt", "/playbook.yaml", "/runbooks/card-payments-failing.md",
		`/..\..\etc\passwd`,
	} {
		conn, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", p, host)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		body, _ := io.ReadAll(resp.Body)
		conn.Close()
		if resp.StatusCode != 404 && resp.StatusCode != 400 || strings.Contains(string(body), "root:") || strings.Contains(string(body), "top secret") {
			t.Errorf("GET %s: status %d, %d bytes", p, resp.StatusCode, len(body))
		}
	}
}

func TestPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	err = Run(context.Background(), ln.Addr().String(), Options{Dir: playbook(t)}, nil)
	if err == nil || !strings.Contains(err.Error(), "already in use") || !strings.Contains(err.Error(), "--addr") {
		t.Errorf("Run on a busy port: %v", err)
	}
}

// Cancelling Run (Ctrl-C) stops it promptly, even with a page listening for events.
func TestShutdown(t *testing.T) {
	r := start(t, playbook(t), 0)
	r.connect(t)
	begin := time.Now()
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(begin); d > 2*time.Second {
		t.Errorf("shutdown took %v", d)
	}
	if !strings.Contains(r.log.String(), "stopped") {
		t.Errorf("log:\n%s", r.log)
	}
	if _, err := http.Get(r.url); err == nil {
		t.Error("still serving after shutdown")
	}
}

// A playbook that never built still gets a page, with its errors over it.
func TestStartsWithErrors(t *testing.T) {
	dir := playbook(t)
	p := filepath.Join(dir, "matrix.yaml")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, append([]byte("\t"), data...), 0o644)
	r := start(t, dir, 0)
	events := r.stream(t)
	if v := next(t, events, "reload"); v != "0" {
		t.Errorf("version %s before any build", v)
	}
	if p := next(t, events, "problems"); !strings.Contains(p, "matrix.yaml:1:1") {
		t.Errorf("problems: %s", p)
	}
	if code, body := r.get(t, "teams/sre-oncall.html"); code != 503 || !strings.Contains(body, "The playbook has errors") || !strings.Contains(body, "live.js") {
		t.Errorf("status %d", code)
	}
	os.WriteFile(p, data, 0o644)
	if v := next(t, events, "reload"); v != "1" {
		t.Errorf("version %s after the fix", v)
	}
	if code, _ := r.get(t, "teams/sre-oncall.html"); code != 200 {
		t.Errorf("after the fix: status %d", code)
	}
}

// Files other than pages are served with their types, without the live script.
func TestFiles(t *testing.T) {
	r := start(t, playbook(t), 0)
	for page, want := range map[string]string{
		"":                        "text/html; charset=utf-8",
		"assets/site.css":         "text/css; charset=utf-8",
		"assets/site.js":          "text/javascript; charset=utf-8",
		"api/playbook.json":       "application/json",
		"_escalator/live.js":      "text/javascript; charset=utf-8",
		"_escalator/status":       "application/json",
		"search/index.js":         "text/javascript; charset=utf-8",
		"search/p0.js":            "text/javascript; charset=utf-8",
		"teams/payments-eng.mmd":  "text/plain; charset=utf-8",
		"domains/payments.html":   "text/html; charset=utf-8",
		"schema/team.schema.json": "application/json",
	} {
		resp, err := http.Get(r.url + page)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != want {
			t.Errorf("%s: status %d, type %q, want %q", page, resp.StatusCode, resp.Header.Get("Content-Type"), want)
		}
		if strings.HasSuffix(page, ".json") && strings.Contains(string(body), "live.js") {
			t.Errorf("%s carries the live script", page)
		}
	}
	if resp, err := http.Post(r.url, "text/plain", nil); err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %v %v", resp.StatusCode, err)
	}
}

// A theme override that does not parse is reported like a playbook error, and keeps
// being reported until it is fixed, whatever else is edited meanwhile.
func TestBrokenTheme(t *testing.T) {
	r := start(t, playbook(t), 0)
	events, _ := r.connect(t)
	tmpl := filepath.Join(r.dir, "theme", "templates", "notfound.html")
	os.MkdirAll(filepath.Dir(tmpl), 0o755)
	next(t, events, "reload") // the new folder
	os.WriteFile(tmpl, []byte(`{{template "head" .}}<h1>Lost {{.Title</h1>{{template "foot" .}}`), 0o644)
	if p := next(t, events, "problems"); !strings.Contains(p, "the theme does not render") || !strings.Contains(p, "theme/templates/notfound.html:1\"") {
		t.Errorf("problems: %s", p)
	}
	r.replace(t, runbook, "## Background", "## Background while broken")
	if rep := r.rebuiltFor(t, runbook); !strings.Contains(rep.Diags.Error(), "the theme does not render") {
		t.Errorf("the rebuild for a runbook edit did not stop at the broken theme:\n%v", rep.Diags)
	}
	if code, body := r.get(t, "runbooks/card-payments-failing.html"); code != 200 || strings.Contains(body, "while broken") {
		t.Errorf("a runbook edit got past a broken theme (status %d)", code)
	}
	os.WriteFile(tmpl, []byte(`{{template "head" .}}<h1>Lost here</h1>{{template "foot" .}}`), 0o644)
	next(t, events, "reload")
	if _, body := r.get(t, "no-such-page.html"); !strings.Contains(body, "Lost here") {
		t.Error("the fixed override is not used")
	}
	if _, body := r.get(t, "runbooks/card-payments-failing.html"); !strings.Contains(body, "while broken") {
		t.Error("the edit made while the theme was broken does not show")
	}
}

// A git checkout that rewrites, adds and deletes files gives a site matching the
// checked-out tree, and debouncing keeps it to few rebuilds.
func TestGitCheckout(t *testing.T) {
	gitPath, err := exec.LookPath("git")
	if err != nil {
		t.Fatal("git is needed for this test")
	}
	dir := playbook(t)
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command(gitPath, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	git("init", "-q", "-b", "main")
	git("add", ".")
	git("commit", "-q", "-m", "sample")
	git("checkout", "-q", "-b", "other")
	names, _ := filepath.Glob(filepath.Join(dir, "runbooks", "*.md"))
	for i, n := range names {
		data, _ := os.ReadFile(n)
		os.WriteFile(n, []byte(strings.Replace(string(data), "\ntitle: ", fmt.Sprintf("\ntitle: Branch %d ", i), 1)), 0o644)
	}
	src, _ := os.ReadFile(filepath.Join(dir, runbook))
	os.WriteFile(filepath.Join(dir, "runbooks", "branch-only.md"), []byte(strings.Replace(string(src), "id: card-payments-failing", "id: branch-only", 1)), 0o644)
	git("add", ".")
	git("commit", "-q", "-m", "branch")
	git("checkout", "-q", "main")
	age(t, dir)

	r := start(t, dir, 0)
	events, v1 := r.connect(t)
	git("checkout", "-q", "other")
	waitPage := func(page, want string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for {
			if code, body := r.get(t, page); code == 200 && strings.Contains(body, want) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s never showed %q", page, want)
			}
			next(t, events, "reload")
		}
	}
	waitPage("runbooks/branch-only.html", "Branch")
	for i, n := range names {
		page := "runbooks/" + strings.TrimSuffix(filepath.Base(n), ".md") + ".html"
		if _, body := r.get(t, page); !strings.Contains(body, fmt.Sprintf("Branch %d ", i)) {
			t.Errorf("%s does not show the checked-out title", page)
		}
	}
	if n := r.version(t) - mustAtoi(t, v1); n > 3 {
		t.Errorf("%d rebuilds for one checkout", n)
	}
	git("checkout", "-q", "main")
	deadline := time.Now().Add(20 * time.Second)
	for {
		code, _ := r.get(t, "runbooks/branch-only.html")
		if code == 404 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the runbook deleted by the checkout is still served")
		}
		next(t, events, "reload")
	}
	// A rebuild may start while git is still writing files; the next one settles it.
	for {
		if _, body := r.get(t, "runbooks.html"); !strings.Contains(body, "Branch ") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the runbook list still shows the other branch's titles")
		}
		next(t, events, "reload")
	}
}

// version asks the server for its version.
func (r *running) version(t testing.TB) int {
	_, body := r.get(t, "_escalator/status")
	var v int
	if _, err := fmt.Sscanf(body, `{"version":%d`, &v); err != nil {
		t.Fatalf("status %q: %v", body, err)
	}
	return v
}

// Every folder the playbook loads is watched: a holiday calendar's edit rebuilds.
func TestHolidayEditReloads(t *testing.T) {
	r := start(t, playbook(t), 0)
	events, v1 := r.connect(t)
	r.edit(t, "holidays/england.yaml", "name: Bank holidays in England and Wales", "name: Bank holidays of England and Wales")
	if v2 := next(t, events, "reload"); v2 == v1 {
		t.Fatalf("reload event for the same version %s", v2)
	}
}
