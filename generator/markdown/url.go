package markdown

import (
	"bytes"
	"html"
	"strings"
)

// allowedSchemes are the only URL schemes a link or image may carry;
// anything else (javascript:, vbscript:, data:, file:, ...) is dropped.
var allowedSchemes = map[string]bool{
	"http":   true,
	"https":  true,
	"mailto": true,
	"tel":    true,
}

// SafeURL reports whether dest may appear in an href or src attribute: it is
// relative, or its scheme is http, https, mailto or tel. It is the site's one
// URL policy: markdown links, images and raw HTML attributes use it, and so
// does the generator's safeLink (which further requires a scheme).
//
// The check is deliberately stricter than a browser: HTML entities and
// percent-escapes are decoded (repeatedly), every control character and
// space is removed wherever it stands and case is folded before the scheme
// is read, so no spelling a browser would still run as a script can pass.
func SafeURL(dest string) bool {
	s := normalizeURL(dest)
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ':':
			return allowedSchemes[s[:i]]
		case '/', '\\', '?', '#':
			// A path, query or fragment begins before any colon: relative.
			return true
		}
	}
	return true
}

// external reports whether a safe URL leaves the site (http, https or
// scheme-relative), so that its link should carry rel="noopener noreferrer".
func external(dest []byte) bool {
	s := normalizeURL(dest)
	return len(s) > 2 && (s[0] == '/' || s[0] == '\\') && (s[1] == '/' || s[1] == '\\') ||
		strings.HasPrefix(s, "http:") || strings.HasPrefix(s, "https:")
}

// normalizeURL returns dest lowercased, with entities and percent-escapes
// decoded until stable (at most a few rounds) and all ASCII control
// characters, spaces and non-ASCII whitespace removed.
func normalizeURL[T string | []byte](dest T) string {
	s := string(dest)
	for range 4 {
		d := percentDecode(html.UnescapeString(s))
		if d == s {
			break
		}
		s = d
	}
	var b bytes.Buffer
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r <= 0x20 || r == 0x7f:
			continue
		case r >= 0x80 && r <= 0x9f, r == 0xa0, r == 0x1680, r >= 0x2000 && r <= 0x200f,
			r == 0x2028, r == 0x2029, r == 0x202f, r == 0x205f, r == 0x3000, r == 0xfeff:
			// C1 controls, non-ASCII spaces, zero-width and direction marks.
			continue
		case 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// percentDecode decodes %XX escapes, leaving malformed ones as written.
func percentDecode(s string) string {
	i := 0
	for i < len(s) && s[i] != '%' {
		i++
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	b = append(b, s[:i]...)
	for ; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}
