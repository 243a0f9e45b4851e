package serve

import (
	"net"
	"net/http"
	"strings"
	"testing"
)

// A running server refuses a rebound name and a foreign page's use of its endpoints.
func TestHostAndOriginRefused(t *testing.T) {
	r := start(t, playbook(t), 0)
	hostport := strings.TrimSuffix(strings.TrimPrefix(r.url, "http://"), "/")
	_, port, _ := net.SplitHostPort(hostport)
	for _, c := range []struct {
		name, path, host, origin string
		want                     int
	}{
		{"a page by address", "teams/payments-eng.html", hostport, "", 200},
		{"a page by localhost", "teams/payments-eng.html", "localhost:" + port, "", 200},
		{"a page by a rebound name", "teams/payments-eng.html", "evil.example:" + port, "", 403},
		{"the export by a rebound name", "api/playbook.json", "evil.example", "", 403},
		{"status by a rebound name", "_escalator/status", "evil.example:" + port, "", 403},
		{"a page linked from another site", "teams/payments-eng.html", hostport, "http://evil.example", 200},
		{"status from the site's own page", "_escalator/status", hostport, "http://" + hostport, 200},
		{"status from another site", "_escalator/status", hostport, "http://evil.example", 403},
		{"events from another site", "_escalator/events", hostport, "http://evil.example", 403},
		{"status from a file", "_escalator/status", hostport, "null", 403},
	} {
		req, _ := http.NewRequest("GET", r.url+c.path, nil)
		req.Host = c.host
		if c.origin != "" {
			req.Header.Set("Origin", c.origin)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("%s: status %d, want %d", c.name, resp.StatusCode, c.want)
		}
		if c.want == 403 && !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
			t.Errorf("%s: refusal served as %q", c.name, resp.Header.Get("Content-Type"))
		}
	}
}

func TestExposedWarning(t *testing.T) {
	for _, c := range []struct {
		addr string
		ip   net.IP
		want string
	}{
		{"127.0.0.1:8080", net.IPv4(127, 0, 0, 1), ""},
		{"[::1]:8080", net.IPv6loopback, ""},
		{":8080", net.IPv6unspecified, "listens on every network interface"},
		{"0.0.0.0:8080", net.IPv4zero, "listens on every network interface"},
		{"[::]:8080", net.IPv6unspecified, "listens on every network interface"},
		{"192.168.1.5:8080", net.IPv4(192, 168, 1, 5), "listens on 192.168.1.5"},
	} {
		got := exposed(c.addr, &net.TCPAddr{IP: c.ip, Port: 8080})
		if c.want == "" && got != "" || !strings.Contains(got, c.want) || c.want != "" && !strings.Contains(got, "reachable from the network") {
			t.Errorf("--addr %s: warning %q, want one saying %q", c.addr, got, c.want)
		}
	}
}
