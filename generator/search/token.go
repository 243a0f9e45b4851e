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
	eachWord(s, nil, func(w []byte) { out = append(out, string(w)) })
	return out
}

// eachWord calls f with each word of s, as Tokens returns them, in a buffer that is
// reused: f must copy what it keeps. buf, when not nil, is the buffer to use.
func eachWord(s string, buf []byte, f func(w []byte)) []byte {
	b := buf[:0]
	flush := func() {
		if len(b) > 0 && len(b) <= maxWord {
			f(b)
		}
		b = b[:0]
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				b = append(b, c)
			case c >= 'A' && c <= 'Z':
				b = append(b, c+'a'-'A')
			case c == '\'' && len(b) > 0 && i+1 < len(s) && isWordStart(s[i+1:]):
				// joined: "don't", "customer's"
			default:
				flush()
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r):
			b = utf8.AppendRune(b, unicode.ToLower(r))
		case r == '’' && len(b) > 0 && i+n < len(s) && isWordStart(s[i+n:]):
		default:
			flush()
		}
		i += n
	}
	flush()
	return b
}

func isWordStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// stopwords are left out of the index and of queries: they say nothing about a page.
// Their stems are in too, as the index compares stems: "does" is "doe" by then.
var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(stopwordList) {
		stopwords[w] = true
		stopwords[Stem(w)] = true
	}
}

// stopwordList is shared, word for word, with search.js.
const stopwordList = "a an and are as at be by can do does for from how i if in is it me my of on or our should that the this to was we what when where which who with"

// IsStopword reports whether the query and the index ignore w.
func IsStopword(w string) bool { return stopwords[w] }
