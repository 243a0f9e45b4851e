package search

import "strings"

// Stem reduces an English word to a stem, so that "escalating", "escalated" and
// "escalation" meet. It is a light stemmer after Porter2's first steps: plurals, -ed
// and -ing, -ation, then a final e. Words of three letters or fewer, and words with
// anything but the letters a to z, are kept as they are. search.js has the same
// rules.
func Stem(w string) string {
	if len(w) <= 3 {
		return w
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return w
		}
	}
	// Plurals, and -ied.
	switch {
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ies") || strings.HasSuffix(w, "ied"):
		if len(w) > 4 {
			w = w[:len(w)-3] + "y"
		} else {
			w = w[:len(w)-1]
		}
	case w[len(w)-1] == 's' && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") &&
		!strings.HasSuffix(w, "is") && hasVowel(w[:len(w)-2]):
		w = w[:len(w)-1]
	}
	// -ed, -ing (but "need", "agreed" keep theirs).
	if !strings.HasSuffix(w, "eed") && !strings.HasSuffix(w, "eedly") {
		for _, suf := range [...]string{"ingly", "edly", "ing", "ed"} {
			if strings.HasSuffix(w, suf) {
				if r := w[:len(w)-len(suf)]; len(r) >= 2 && hasVowel(r) {
					w = restore(r)
				}
				break
			}
		}
	}
	if len(w) > 7 && strings.HasSuffix(w, "ation") {
		w = w[:len(w)-5] + "ate"
	}
	// A final e goes, so "route" meets "routing".
	if len(w) > 4 && w[len(w)-1] == 'e' && w[len(w)-2] != 'e' {
		w = w[:len(w)-1]
	}
	return w
}

// restore mends a word whose -ed or -ing was cut: "escalat" -> "escalate",
// "stopp" -> "stop", "pag" -> "page".
func restore(r string) string {
	n := len(r)
	switch {
	case strings.HasSuffix(r, "at") || strings.HasSuffix(r, "bl") || strings.HasSuffix(r, "iz"):
		return r + "e"
	case r[n-1] == r[n-2] && strings.IndexByte("bdfgmnprt", r[n-1]) >= 0:
		return r[:n-1]
	case n == 2 && isVowel(r[0]) && !isVowel(r[1]),
		n == 3 && !isVowel(r[0]) && isVowel(r[1]) && !isVowel(r[2]) && strings.IndexByte("wxy", r[2]) < 0:
		return r + "e"
	}
	return r
}

func isVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

func hasVowel(s string) bool {
	for i := 0; i < len(s); i++ {
		if isVowel(s[i]) {
			return true
		}
	}
	return false
}
