package serve

import (
	"net"
	"net/http"
	"strings"
	"testing"
)

// Only names that no web page can rebind to another address are answered.
func TestHostAllow(t *testing.T) {
	for _, c := range []struct {
		name, addr, host string
		want             bool
	}{
		{"a foreign name", "127.0.0.1:8080", "evil.example", false},
		{"a foreign name with the port", "127.0.0.1:8080", "evil.example:8080", false},
		{"a name ending in localhost", "127.0.0.1:8080", "evillocalhost:8080", false},
		{"a name starting with localhost", "127.0.0.1:8080", "localhost.evil.example", false},
		{"no host", "127.0.0.1:8080", "", false},
		{"the loopback address and port", "127.0.0.1:8080", "127.0.0.1:8080", true},
		{"the loopback address on another port", "127.0.0.1:8080", "127.0.0.1:9999", true},
		{"the loopback address without a port", "127.0.0.1:8080", "127.0.0.1", true},
		{"another address of 127/8", "127.0.0.1:8080", "127.1.2.3:8080", true},
		{"localhost", "127.0.0.1:8080", "localhost", true},
		{"localhost with the port", "127.0.0.1:8080", "localhost:8080", true},
		{"localhost in capitals, fully qualified", "127.0.0.1:8080", "LOCALHOST.:8080", true},
		{"a name under .localhost", "127.0.0.1:8080", "preview.localhost:8080", true},
		{"IPv6 loopback with the port", "127.0.0.1:8080", "[::1]:8080", true},
		{"IPv6 loopback without a port", "127.0.0.1:8080", "[::1]", true},
		{"IPv6 loopback unbracketed", "127.0.0.1:8080", "::1", false},
		{"IPv4-mapped loopback", "127.0.0.1:8080", "[::ffff:127.0.0.1]:8080", true},
		{"hex alias of loopback", "127.0.0.1:8080", "0x7f.1:8080", false},
		{"short alias of loopback", "127.0.0.1:8080", "127.1", false},
		{"decimal alias of loopback", "127.0.0.1:8080", "2130706433", false},
		{"octal alias of loopback", "127.0.0.1:8080", "0177.0.0.1", false},
		{"a LAN address when bound to loopback", "127.0.0.1:8080", "192.168.1.5:8080", false},
		{"the unspecified address when bound to loopback", "127.0.0.1:8080", "0.0.0.0:8080", false},
		{"the --addr name", "preview.lan:8080", "preview.lan:8080", true},
		{"the --addr name in capitals", "preview.lan:8080", "PREVIEW.LAN", true},
		{"another name than --addr's", "preview.lan:8080", "other.lan:8080", false},
		{"localhost beside an --addr name", "preview.lan:8080", "localhost:8080", true},
		{"the --addr address", "192.168.1.5:8080", "192.168.1.5:8080", true},
		{"another address than --addr's", "192.168.1.5:8080", "192.168.1.6:8080", false},
		{"the --addr IPv6 address, written otherwise", "[fd00::0:5]:8080", "[fd00::5]:8080", true},
		{"any address when bound to every interface", ":8080", "192.168.1.5:8080", true},
		{"any IPv6 address when bound to every interface", "[::]:8080", "[fe80::1]:8080", true},
		{"any address when bound to 0.0.0.0", "0.0.0.0:8080", "10.0.0.1", true},
		{"a foreign name when bound to every interface", "0.0.0.0:8080", "evil.example:8080", false},
	} {
		if got := hostsFor(c.addr).allow(c.host); got != c.want {
			t.Errorf("%s: --addr %s, Host %q: allowed %v, want %v", c.name, c.addr, c.host, got, c.want)
		}
	}
}

// The server's own endpoints answer only its own pages.
func TestSameOrigin(t *testing.T) {
	for _, c := range []struct {
		name, origin, host string
		want               bool
	}{
		{"no Origin", "", "127.0.0.1:8080", true},
		{"the same origin", "http://127.0.0.1:8080", "127.0.0.1:8080", true},
		{"the same origin in capitals", "http://LOCALHOST:8080", "localhost:8080", true},
		{"the default port written or not", "http://localhost", "localhost:80", true},
		{"a foreign site", "http://evil.example", "127.0.0.1:8080", false},
		{"a foreign site on the same port", "http://evil.example:8080", "127.0.0.1:8080", false},
		{"another loopback origin", "http://localhost:8080", "127.0.0.1:8080", false},
		{"another port", "http://127.0.0.1:8081", "127.0.0.1:8080", false},
		{"https", "https://127.0.0.1:8080", "127.0.0.1:8080", false},
		{"a file or sandboxed page", "null", "127.0.0.1:8080", false},
		{"junk", "http://[::1", "127.0.0.1:8080", false},
	} {
		if got := sameOrigin(c.origin, c.host); got != c.want {
			t.Errorf("%s: Origin %q, Host %q: %v, want %v", c.name, c.origin, c.host, got, c.want)
		}
	}
}

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
