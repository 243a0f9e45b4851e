package search

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzTokens: the tokeniser, stemmer and analyzer never panic, and give words of
// letters and digits, lower-case, 40 bytes at most, and stems no longer than their word.
func FuzzTokens(f *testing.F) {
	for _, s := range []string{"who is on call for login", "sev1 update cadence", "paymnets", "incid", "don't", "İstanbul ß", "a''b", "x’"} {
		f.Add(s)
	}
	seeds, _ := filepath.Glob("../../content/runbooks/*.md")
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	a := newAnalyzer([][]string{{"db", "database"}, {"sev1", "major incident"}})
	f.Fuzz(func(t *testing.T, s string) {
		for _, w := range Tokens(s) {
			if w == "" || len(w) > maxWord || !utf8.ValidString(w) && utf8.ValidString(s) {
				t.Fatalf("bad word %q", w)
			}
			if utf8.ValidString(w) && strings.ToLower(w) != w && w == strings.ToUpper(w) {
				t.Fatalf("word %q is not lower-case", w)
			}
			if st := Stem(w); len(st) > len(w)+1 || st == "" {
				t.Fatalf("Stem(%q) = %q", w, st)
			}
		}
		a.each(s, func(int32) {})
		if isASCII(s) { // the fast path finds the words Tokens finds
			a.seq = a.seq[:0]
			a.asciiWords(s)
			var got []string
			for _, n := range a.seq {
				got = append(got, a.terms[n])
			}
			var want []string
			for _, w := range Tokens(s) {
				want = append(want, Stem(w))
			}
			if !slices.Equal(got, want) {
				t.Fatalf("asciiWords(%q) = %q, want %q", s, got, want)
			}
		}
		var back string
		if err := json.Unmarshal(appendString(nil, s), &back); err != nil || utf8.ValidString(s) && back != s {
			t.Fatalf("appendString(%q) = %s: %v", s, appendString(nil, s), err)
		}
	})
}
