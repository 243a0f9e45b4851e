package flow

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// FontFamily is the font the SVG asks for: Arial and the fonts metric-compatible with
// it, so the widths below hold wherever one of them is installed.
const FontFamily = `Arial, "Liberation Sans", Helvetica, "Helvetica Neue", sans-serif`

// arial holds the advance widths of printable ASCII in Arial, in thousandths of an em.
var arial = [95]uint16{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0-9
	278, 278, 584, 584, 584, 556, 1015, // : to @
	667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A-M
	722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N-Z
	278, 278, 278, 469, 556, 333, // [ to `
	556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a-m
	556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n-z
	334, 260, 334, 584, // { to ~
}

// runeWidth is a rune's advance in thousandths of an em. Other scripts get a generous
// guess: a box a little too wide is better than text spilling out of it.
func runeWidth(r rune) int {
	switch {
	case r >= ' ' && r <= '~':
		return int(arial[r-' '])
	case r == '—' || r == '→' || r == '…':
		return 1000
	case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
		return 1000
	case unicode.IsMark(r):
		return 0
	}
	return 667
}

// Width is the advance of s set in the diagram font at size px.
func Width(s string, size float64) float64 {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return float64(n) * size / 1000
}

// tidy reports whether s has no space but single ones between words, so that as one
// line it is itself.
func tidy(s string) bool {
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ' && s[i+1] == ' ', c == '\t', c == '\n', c == '\r', c == '\v', c == '\f', c >= utf8.RuneSelf:
			return false // not plain: let the general path decide
		}
	}
	return true
}

// wrapTidy wraps a tidy string into lines that are substrings of it, allocating only
// the list. It fails when a word alone is too wide, which Wrap cuts.
func wrapTidy(s string, size, max float64) ([]string, bool) {
	if Width(s, size) <= max {
		return []string{s}, true
	}
	var lines []string
	space := Width(" ", size)
	start, lineW := 0, 0.0
	for i := 0; i <= len(s); {
		end := strings.IndexByte(s[i:], ' ')
		if end < 0 {
			end = len(s)
		} else {
			end += i
		}
		w := Width(s[i:end], size)
		if w > max {
			return nil, false
		}
		switch {
		case i == start:
			lineW = w
		case lineW+space+w <= max:
			lineW += space + w
		default:
			lines = append(lines, s[start:i-1])
			start, lineW = i, w
		}
		i = end + 1
	}
	return append(lines, s[start:]), true
}

// Wrap breaks s into lines no wider than max at size px, at spaces where it can and
// inside a word only when the word alone is too wide.
func Wrap(s string, size, max float64) []string {
	if s != "" && tidy(s) {
		if lines, ok := wrapTidy(s, size, max); ok {
			return lines
		}
	}
	return wrapWords(s, size, max)
}

// wrapWords is Wrap for any string: words are split at any white space and joined
// with one space.
func wrapWords(s string, size, max float64) []string {
	var lines []string
	var line strings.Builder
	lineW := 0.0
	space := Width(" ", size)
	flush := func() {
		if line.Len() > 0 {
			lines = append(lines, line.String())
			line.Reset()
			lineW = 0
		}
	}
	for _, word := range strings.Fields(s) {
		w := Width(word, size)
		if line.Len() > 0 && lineW+space+w <= max {
			line.WriteByte(' ')
			line.WriteString(word)
			lineW += space + w
			continue
		}
		flush()
		for w > max { // a word wider than a line: cut it
			cut, cw := 0, 0.0
			for i, r := range word {
				rw := Width(string(r), size)
				if cw+rw > max && i > 0 {
					break
				}
				cw += rw
				cut = i + utf8.RuneLen(r)
			}
			lines = append(lines, word[:cut])
			word = word[cut:]
			w = Width(word, size)
		}
		line.WriteString(word)
		lineW = w
	}
	flush()
	return lines
}
