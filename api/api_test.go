package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	escalator "github.com/escalator-dev/escalator"
	"github.com/escalator-dev/escalator/internal/synth"
	"github.com/escalator-dev/escalator/matrix"
)

func sample(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, escalator.Sample()); err != nil {
		t.Fatal(err)
	}
	return dir
}

// start runs a server on a free loopback port and returns its base URL.
func start(t testing.TB, dir string) (*Server, string) {
	t.Helper()
	s, err := New(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, "127.0.0.1:0", func(a net.Addr) { addrc <- a }) }()
	t.Cleanup(func() { cancel(); <-done })
	select {
	case a := <-addrc:
		return s, "http://" + a.String()
	case err := <-done:
		t.Fatal(err)
	}
	return nil, ""
}

func post(t testing.TB, url, body string, header ...string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", url, strings.NewReader(body))
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1]
		} else {
			req.Header.Set(header[i], header[i+1])
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// The API answers what `route --json` answers, and says what is wrong with a request.
func TestRoute(t *testing.T) {
	dir := sample(t)
	_, base := start(t, dir)
	p, diags := matrix.LoadDir(dir, matrix.Options{Run: matrix.RoutingTests | matrix.Audit, SkipBodies: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	f, _ := p.ParseFacts([]string{"domain=payments", "severity=sev1"})
	at := time.Date(2026, 3, 3, 3, 0, 0, 0, time.UTC)
	d, err := p.Route(f, at)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetIndent("", "  ")
	enc.Encode(p.DecisionJSON(d, f))

	tests := []struct {
		name   string
		method string
		path   string
		body   string
		header []string
		status int
		has    string // a part of the answer; the whole decision for "="
	}{
		{"post", "POST", "/route", `{"facts": {"domain": "payments", "severity": "sev1"}, "at": "2026-03-03T03:00:00Z"}`, nil, 200, "="},
		{"get", "GET", "/route?domain=payments&severity=sev1&at=2026-03-03T03:00:00Z", "", nil, 200, "="},
		{"numbers and booleans", "POST", "/route", `{"facts": {"domain": "api", "severity": "sev2", "customers": 4, "security": false}}`, nil, 200, `"routed_to"`},
		{"explain", "POST", "/route", `{"facts": {"domain": "payments", "severity": "sev1"}, "explain": true}`, nil, 200, `"explain": [`},
		{"unknown fact", "POST", "/route", `{"facts": {"domian": "payments", "severity": "sev1"}}`, nil, 400, `"hint": "did you mean \"domain\"?`},
		{"bad value", "POST", "/route", `{"facts": {"domain": "paymnts", "severity": "sev1"}}`, nil, 400, `did you mean \"payments\"?`},
		{"missing fact", "POST", "/route", `{"facts": {"severity": "sev1"}}`, nil, 400, `missing required fact \"domain\"`},
		{"a fact twice", "GET", "/route?domain=payments&domain=api&severity=sev1", "", nil, 400, `given 2 times`},
		{"bad instant", "POST", "/route", `{"facts": {"domain": "payments", "severity": "sev1"}, "at": "10000-01-01T00:00:00Z"}`, nil, 400, `in the years 1 to 9998`},
		{"a local time the clocks skip", "POST", "/route", `{"facts": {"domain": "payments", "severity": "sev1"}, "at": "2026-03-29T01:30"}`, nil, 400, `does not exist in Europe/London`},
		{"not JSON", "POST", "/route", `domain=payments`, nil, 400, `cannot read the request`},
		{"unknown field", "POST", "/route", `{"fact": {}}`, nil, 400, `unknown field`},
		{"a list as a value", "POST", "/route", `{"facts": {"domain": ["payments"]}}`, nil, 400, `must be a string, a number or a boolean`},
		{"wrong method", "DELETE", "/route", "", nil, 405, `use POST`},
		{"status", "GET", "/status", "", nil, 200, `"errors": 0`},
		{"no such page", "GET", "/playbook.json", "", nil, 404, `no such endpoint`},
		{"a rebound name", "POST", "/route", `{"facts": {"domain": "payments", "severity": "sev1"}}`, []string{"Host", "evil.example"}, 403, "this machine's own names"},
		{"another site's page", "POST", "/route", `{"facts": {"domain": "payments", "severity": "sev1"}}`, []string{"Origin", "http://evil.example"}, 403, "other sites"},
		{"localhost", "POST", "/route", `{"facts": {"domain": "payments", "severity": "sev1"}}`, []string{"Host", "localhost"}, 200, `"routed_to"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, base+tt.path, strings.NewReader(tt.body))
			for i := 0; i+1 < len(tt.header); i += 2 {
				if tt.header[i] == "Host" {
					req.Host = tt.header[i+1]
				} else {
					req.Header.Set(tt.header[i], tt.header[i+1])
				}
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d:\n%s", resp.StatusCode, tt.status, b)
			}
			if tt.has == "=" {
				if string(b) != want.String() {
					t.Errorf("answer differs from route --json:\n%s\nwant\n%s", b, want.String())
				}
			} else if !strings.Contains(string(b), tt.has) {
				t.Errorf("answer lacks %q:\n%s", tt.has, b)
			}
		})
	}
}

// An edit is answered from the new playbook; a broken edit leaves the last good one
// answering, and says so on /status.
func TestReload(t *testing.T) {
	dir := sample(t)
	_, base := start(t, dir)
	const q = `{"facts": {"domain": "payments", "severity": "sev1"}, "at": "2026-03-03T10:00:00Z"}`
	_, before := post(t, base+"/route", q)
	if !strings.Contains(before, `"routed_to": "payments-eng"`) {
		t.Fatalf("unexpected first answer:\n%s", before)
	}
	m := filepath.Join(dir, "matrix.yaml")
	data, err := os.ReadFile(m)
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(data), "to: payments-eng", "to: paymnts-eng", 1)
	if err := os.WriteFile(m, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, base+"/status", `"stale": true`)
	if _, after := post(t, base+"/route", q); after != before {
		t.Errorf("a broken edit changed the answer:\n%s", after)
	}
	if err := os.WriteFile(m, data, 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, base+"/status", `"stale": false`)
}

func waitFor(t *testing.T, url, text string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if strings.Contains(string(b), text) {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s never said %s", url, text)
}

func TestBrokenPlaybookDoesNotStart(t *testing.T) {
	dir := sample(t)
	m := filepath.Join(dir, "matrix.yaml")
	data, _ := os.ReadFile(m)
	os.WriteFile(m, []byte(strings.Replace(string(data), "to: payments-eng", "to: paymnts-eng", 1)), 0o644)
	if _, err := New(Options{Dir: dir}); err == nil || !strings.Contains(err.Error(), `unknown team "paymnts-eng"`) {
		t.Fatalf("New = %v, want the playbook's errors", err)
	}
}

// BenchmarkAPIRoute measures one decision on the 1,000-rule policy through a real HTTP
// client on loopback, with the connection kept alive as an integration would.
func BenchmarkAPIRoute(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Large()); err != nil {
		b.Fatal(err)
	}
	s, base := start(b, dir)
	p := s.cur.Load().p
	var bodies []string
	for _, d := range p.Domains {
		for _, sev := range p.Severities {
			bodies = append(bodies, fmt.Sprintf(`{"facts": {"domain": %q, "severity": %q}, "at": "2026-03-03T03:00:00Z"}`, d.ID, sev.ID))
		}
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		resp, err := client.Post(base+"/route", "application/json", strings.NewReader(bodies[i%len(bodies)]))
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Fatalf("status %d", resp.StatusCode)
		}
		i++
	}
}
