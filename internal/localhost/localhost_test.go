package localhost

import (
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
		if got := For(c.addr).Allow(c.host); got != c.want {
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
		if got := SameOrigin(c.origin, c.host); got != c.want {
			t.Errorf("%s: Origin %q, Host %q: %v, want %v", c.name, c.origin, c.host, got, c.want)
		}
	}
}
