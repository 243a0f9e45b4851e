package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxWord is the longest word indexed, in bytes: longer runs are hashes and keys.
const maxWord = 40

// Tokens returns the words of s, lower-cased, in order: runs of letters, marks and
// digits. An apostrophe between two letters joins them ("customer's" is one word).
// Words longer than 40 bytes are left out.
func Tokens(s string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 && b.Len() <= maxWord {
			out = append(out, b.String())
		}
		b.Reset()
	}
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			b.WriteByte(byte(r))
		case r < utf8.RuneSelf && r >= 'A' && r <= 'Z':
			b.WriteByte(byte(r) + 'a' - 'A')
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r)):
			b.WriteString(strings.ToLower(string(r)))
		case (r == '\'' || r == '’') && b.Len() > 0 && i+n < len(s) && isWordStart(s[i+n:]):
			// joined: "don't", "customer's"
		default:
			flush()
		}
		i += n
	}
	flush()
	return out
}

func isWordStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// stopwords are left out of the index and of queries: they say nothing about a page.
var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(stopwordList) {
		stopwords[w] = true
	}
}

// stopwordList is shared, word for word, with search.js.
const stopwordList = "a an and are as at be by can do does for from how i if in is it me my of on or our should that the this to was we what when where which who with"

// IsStopword reports whether the query and the index ignore w.
func IsStopword(w string) bool { return stopwords[w] }
