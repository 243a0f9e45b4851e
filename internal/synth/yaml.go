package synth

import (
	"strconv"
	"strings"
)

// buf is an append-only text buffer with helpers that write YAML lines. It writes only
// what the generator needs: block mappings and lists of scalars, and flow collections
// of slugs and quoted strings.
type buf struct{ b []byte }

func (w *buf) s(s string) *buf { w.b = append(w.b, s...); return w }
func (w *buf) c(c byte) *buf   { w.b = append(w.b, c); return w }
func (w *buf) i(n int) *buf    { w.b = strconv.AppendInt(w.b, int64(n), 10); return w }
func (w *buf) q(s string) *buf { w.b = appendScalar(w.b, s); return w }
func (w *buf) nl() *buf        { w.b = append(w.b, '\n'); return w }
func (w *buf) ind(n int) *buf  { w.b = append(w.b, spaces[:n]...); return w }
func (w *buf) pad(n int, d int) *buf {
	s := strconv.Itoa(d)
	for k := len(s); k < n; k++ {
		w.b = append(w.b, '0')
	}
	w.b = append(w.b, s...)
	return w
}

const spaces = "                                "

// kv writes `key: value` at indent, quoting value when YAML needs it.
func (w *buf) kv(indent int, key, value string) {
	w.ind(indent).s(key).s(": ").q(value).nl()
}

// kvInt writes `key: n` at indent.
func (w *buf) kvInt(indent int, key string, n int) { w.ind(indent).s(key).s(": ").i(n).nl() }

// list writes `key:` followed by one `- item` line per item; nothing when items is empty.
func (w *buf) list(indent int, key string, items []string) {
	if len(items) == 0 {
		return
	}
	w.ind(indent).s(key).s(":\n")
	for _, it := range items {
		w.ind(indent + 2).s("- ").q(it).nl()
	}
}

// flow writes `key: [a, b]` for items that are slugs.
func (w *buf) flow(indent int, key string, items []string) {
	if len(items) == 0 {
		return
	}
	w.ind(indent).s(key).s(": [")
	for k, it := range items {
		if k > 0 {
			w.s(", ")
		}
		w.q(it)
	}
	w.s("]\n")
}

// appendScalar appends s as a YAML scalar: plain when it is unambiguously a string that
// is safe in block context, double-quoted otherwise.
func appendScalar(dst []byte, s string) []byte {
	if plainSafe(s) {
		return append(dst, s...)
	}
	dst = append(dst, '"')
	for k := 0; k < len(s); k++ {
		switch ch := s[k]; ch {
		case '"', '\\':
			dst = append(dst, '\\', ch)
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			dst = append(dst, ch)
		}
	}
	return append(dst, '"')
}

// plainSafe reports whether s reads back as the same string when written unquoted, in
// block context or as an element of a flow list of slugs.
func plainSafe(s string) bool {
	if s == "" || s[len(s)-1] == ' ' || s[len(s)-1] == ':' {
		return false
	}
	c := s[0]
	if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
		return isDuration(s)
	}
	for k := 0; k < len(s); k++ {
		c := s[k]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case c == ' ' || c == '-' || c == '.' || c == '_' || c == '/' || c == '(' || c == ')' || c == '\'' || c == '@' || c == '%' || c == '+' || c == '=' || c == '?':
		case c == ':':
			if k+1 < len(s) && s[k+1] == ' ' {
				return false
			}
		case c == ',':
			// Commas are fine in block scalars but end an item in a flow list; every
			// flow list here holds slugs, which have none.
		default:
			return false
		}
	}
	if len(s) <= 5 {
		for _, w := range [...]string{"true", "false", "yes", "no", "on", "off", "y", "n", "null"} {
			if strings.EqualFold(s, w) {
				return false
			}
		}
	}
	return true
}

// isDuration reports whether s matches ^([0-9]+[smhdw])+$, which YAML reads as a string.
func isDuration(s string) bool {
	digits := 0
	for k := 0; k < len(s); k++ {
		switch c := s[k]; {
		case c >= '0' && c <= '9':
			digits++
		case digits > 0 && strings.IndexByte("smhdw", c) >= 0:
			digits = 0
		default:
			return false
		}
	}
	return digits == 0
}
