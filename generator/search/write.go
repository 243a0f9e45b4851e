package search

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Part sizes, in bytes: small enough that a query loads little, large enough that
// a query loads few files.
const (
	termPartBytes = 12 << 10
	// A query reads the titles of its 20 best pages to rank them again, and the
	// sections of the few it shows: titles come in parts of many pages, sections in
	// parts of about one.
	titlePartBytes   = 1 << 10
	sectionPartBytes = 2 << 10
	snippetBytes     = 200 // of each section's text, for the result's snippet
)

// Files returns the index as files of the site, by slash path: search/index.js, the
// term parts search/tN.js, the page parts search/pN.js and the section parts
// search/sN.js. The same index always
// gives the same bytes.
func (ix *Index) Files() map[string][]byte {
	out := map[string][]byte{}

	// Terms, encoded one by one, then grouped by prefix.
	terms := make([]string, 0, len(ix.terms))
	for t := range ix.terms {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	enc := make([][]byte, len(terms))
	for i, t := range terms {
		enc[i] = encodeTerm(t, ix.terms[t])
	}
	var keys []string
	split(terms, enc, 0, len(terms), "", func(key string, lo, hi int) {
		var b []byte
		b = append(b, `escSearch("t",`...)
		b = strconv.AppendInt(b, int64(len(keys)), 10)
		b = append(b, ",{"...)
		for i := lo; i < hi; i++ {
			if i > lo {
				b = append(b, ',')
			}
			b = append(b, enc[i]...)
		}
		b = append(b, "});\n"...)
		out["search/t"+strconv.Itoa(len(keys))+".js"] = b
		keys = append(keys, key)
	})

	// Pages, a fixed number per part: titles in pN, sections in sN.
	titles := make([][]byte, len(ix.pages))
	sections := make([][]byte, len(ix.pages))
	for i, p := range ix.pages {
		titles[i], sections[i] = encodePage(p)
	}
	per := writeParts(out, "p", titles, titlePartBytes)
	sper := writeParts(out, "s", sections, sectionPartBytes)

	manifest := struct {
		V    int            `json:"v"`
		N    int            `json:"n"`
		Per  int            `json:"per"`
		SPer int            `json:"sper"`
		Keys []string       `json:"keys"`
		Syn  map[string]int `json:"syn"`
		Max  int            `json:"max"`
	}{2, len(ix.pages), per, sper, keys, ix.syn, ix.max}
	if manifest.Keys == nil {
		manifest.Keys = []string{}
	}
	m, _ := json.Marshal(manifest) // sorted keys: deterministic
	out["search/index.js"] = append(append([]byte(`escSearch("i",0,`), m...), ");\n"...)
	return out
}

// split cuts the sorted terms[lo:hi], all starting with key, into parts of about
// termPartBytes, deepening the key by one character where a part would be too big.
func split(terms []string, enc [][]byte, lo, hi int, key string, emit func(key string, lo, hi int)) {
	size := 0
	for i := lo; i < hi; i++ {
		size += len(enc[i]) + 1
	}
	if size <= termPartBytes || hi-lo == 1 {
		emit(key, lo, hi)
		return
	}
	// The term equal to key, if any, comes first and stays in a part of its own.
	if terms[lo] == key {
		emit(key, lo, lo+1)
		lo++
	}
	for lo < hi {
		_, n := utf8.DecodeRuneInString(terms[lo][len(key):])
		sub := terms[lo][:len(key)+n]
		end := lo
		for end < hi && strings.HasPrefix(terms[end], sub) {
			end++
		}
		split(terms, enc, lo, end, sub, emit)
		lo = end
	}
}

// encodeTerm writes "term":[df,dpage,section,weight,…] with page numbers as
// differences.
func encodeTerm(t string, td *termData) []byte {
	b := appendString(nil, t)
	b = append(b, ':', '[')
	b = strconv.AppendInt(b, int64(td.df), 10)
	prev := int32(0)
	for _, p := range td.postings {
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(p.page-prev), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(p.section), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(p.weight), 10)
		prev = p.page
	}
	return append(b, ']')
}

// writeParts writes enc, one entry a page, as parts search/<kind>N.js of a fixed
// number of pages each, about target bytes, and returns that number.
func writeParts(out map[string][]byte, kind string, enc [][]byte, target int) int {
	total := 0
	for _, e := range enc {
		total += len(e)
	}
	per := 1
	if total > 0 {
		per = max(1, target*len(enc)/total)
	}
	for lo := 0; lo < len(enc); lo += per {
		hi := min(lo+per, len(enc))
		var b []byte
		b = append(b, `escSearch("`+kind+`",`...)
		b = strconv.AppendInt(b, int64(lo/per), 10)
		b = append(b, ",["...)
		for i := lo; i < hi; i++ {
			if i > lo {
				b = append(b, ',')
			}
			b = append(b, enc[i]...)
		}
		b = append(b, "]);\n"...)
		out["search/"+kind+strconv.Itoa(lo/per)+".js"] = b
	}
	return per
}

// encodePage writes [url,title,kind] and [[anchor,heading,snippet],…].
func encodePage(p Page) (title, sections []byte) {
	title = make([]byte, 0, len(p.URL)+len(p.Title)+len(p.Kind)+16)
	title = append(title, '[')
	title = appendString(title, p.URL)
	title = append(title, ',')
	title = appendString(title, p.Title)
	title = append(title, ',')
	title = appendString(title, p.Kind)
	title = append(title, ']')
	// Enough for the text and its quotes and commas: escapes are rare.
	size := 2
	for _, s := range p.Sections {
		size += len(s.Anchor) + len(s.Heading) + min(len(s.Text), snippetBytes+4) + 12
	}
	b := make([]byte, 0, size)
	b = append(b, '[')
	for i, s := range p.Sections {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendString(b, s.Anchor)
		b = append(b, ',')
		b = appendString(b, s.Heading)
		b = append(b, ',')
		b = appendString(b, snippet(s.Text))
		b = append(b, ']')
	}
	return title, append(b, ']')
}

// appendString appends s as a JSON string that is also a JavaScript one: control
// characters, quotes, backslashes, <, and the line separators U+2028 and U+2029
// escaped. Invalid UTF-8 becomes U+FFFD.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c < 0x20 || c == '<':
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, `\u202`...)
			b = append(b, hex[r&15])
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return append(b, '"')
}

// snippet cuts text to about snippetBytes at a word boundary.
func snippet(text string) string {
	if len(text) <= snippetBytes {
		return text
	}
	cut := strings.LastIndexByte(text[:snippetBytes], ' ')
	if cut < snippetBytes/2 {
		cut = snippetBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
	}
	return text[:cut] + "…"
}

func itoa(i int) string { return strconv.Itoa(i) }
