// Package localhost decides which requests a server for the local user answers: the
// Host header must name the machine itself (or the address the server was given), so
// that DNS rebinding cannot turn a web page into a reader of the server, and the
// Origin of a browser's request must be the server's own.
package localhost

import (
	"net"
	"net/netip"
	"net/url"
	"strings"
)

// Hosts says which Host headers a server answers. DNS rebinding points a name the
// attacker owns at 127.0.0.1, so that a web page can read the preview as its own
// origin: only names no one else can point anywhere are safe.
type Hosts struct {
	name  string     // the host given to --addr, when it is a name
	addr  netip.Addr // the host given to --addr, when it is an address
	anyIP bool       // the server listens on every interface
}

// For returns the hosts a server listening on addr (host:port) answers.
func For(addr string) Hosts {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return Hosts{}
	}
	if host == "" {
		return Hosts{anyIP: true} // ":8080"
	}
	if a, err := netip.ParseAddr(host); err == nil {
		a = a.Unmap().WithZone("")
		return Hosts{addr: a, anyIP: a.IsUnspecified()}
	}
	return Hosts{name: canonName(host)}
}

// Allow reports whether a request's Host header (host or host:port, any port) names
// this server safely: localhost and names under .localhost, which browsers resolve to
// loopback themselves and no registry hands out (RFC 6761); a loopback address; the
// host given to --addr; and, when the server listens on every interface, any address,
// since rebinding needs a name. IP addresses must be written plainly: browsers send
// 0x7f.1 or 127.1 as 127.0.0.1, so only other clients write those.
func (h Hosts) Allow(hostport string) bool {
	host := hostport
	if hh, _, err := net.SplitHostPort(hostport); err == nil {
		host = hh
	} else if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		host = host[1 : len(host)-1]
	} else if strings.Contains(host, ":") {
		return false
	}
	if host == "" {
		return false
	}
	if a, err := netip.ParseAddr(host); err == nil {
		a = a.Unmap().WithZone("")
		return a.IsLoopback() || h.anyIP || a == h.addr
	}
	name := canonName(host)
	return name == "localhost" || strings.HasSuffix(name, ".localhost") || (h.name != "" && name == h.name)
}

// canonName lowercases a host name and drops the dot that may end it.
func canonName(host string) string {
	return strings.TrimSuffix(strings.ToLower(host), ".")
}

// SameOrigin reports whether a request came from the server's own pages: with no
// Origin header (same-origin GETs and non-browser tools send none) or with one naming
// the very host the request was sent to.
func SameOrigin(origin, host string) bool {
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || u.Scheme != "http" || u.Host == "" || u.User != nil || (u.Path != "" && u.Path != "/") {
		return false // "null" from a file or sandboxed page, https://…, junk
	}
	return strings.EqualFold(strings.TrimSuffix(u.Host, ":80"), strings.TrimSuffix(host, ":80"))
}
