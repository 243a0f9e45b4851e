package search

import (
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Page is one page of the site as the index sees it.
type Page struct {
	URL   string // relative to the site's root: "teams/sre.html"
	Title string
	Kind  string // shown with each result: team, runbook, role, …
	// Names are the people, teams, channels and vendors the page is about; they
	// weigh more than body text.
	Names []string
	// Sections are the page's parts a result can link to; the first is the top of
	// the page (Anchor ""), the others start at a heading.
	Sections []Section
	// Boost scales every weight of the page: below 1 for pages, such as the matrix,
	// that mention everything.
	Boost float64
}

// Section is the text under one heading.
type Section struct {
	Anchor  string // the heading's id
	Heading string
	Text    string
}

// Options tune an index.
type Options struct {
	// Synonyms are groups of words or phrases that mean the same: [["db", "database"]].
	Synonyms [][]string
}

// Field weights: a word in the title beats one in a heading, which beats a name,
// which beats the body.
const (
	titleWeight   = 10
	headingWeight = 6
	nameWeight    = 5
	bodyWeight    = 1.5
)

// BM25's constants, for body text, whose length is measured in bytes.
const (
	k1 = 1.2
	b  = 0.75
)

// maxPostings bounds a term's postings: a word on thousands of pages ranks little,
// and only its best pages are kept.
const maxPostings = 400

// posting is the page where a term occurs, and the section where it weighs most.
type posting struct {
	page, section int32
	weight        uint16
}

type termData struct {
	df       int // pages that contain the term
	postings []posting
}

// analyzer turns text into index terms, numbered: stems, stopwords left out, and a
// term for each synonym group. It remembers every word it has seen, so that a word
// costs a map lookup and no allocation. It is not safe for concurrent use.
type analyzer struct {
	stemOf  map[string]int32 // word -> stem term
	ids     map[string]int32 // term -> number
	terms   []string         // number -> term
	group   []int32          // stem term -> the term of its one-word synonym group, or -1
	phrases [][]phrase       // first word's term -> the phrases it starts
	stop    []bool           // term -> stopword
	buf     []byte
	seq     []int32
	table   []wordSlot     // ASCII words, by hash
	used    int            // filled slots of table
	syn     map[string]int // stemmed phrase -> group, for the manifest
	max     int
}

// phrase is a synonym of several words, found at its first word.
type phrase struct {
	rest  []int32 // the terms of the words after the first
	group int32   // the group's term
}

func newAnalyzer(syn [][]string) *analyzer {
	a := &analyzer{stemOf: map[string]int32{}, ids: map[string]int32{}, syn: map[string]int{}}
	for g, group := range syn {
		gt := a.id(groupTerm(g))
		for _, p := range group {
			words := Tokens(p)
			if len(words) == 0 {
				continue
			}
			stems := make([]string, len(words))
			ids := make([]int32, len(words))
			for i, w := range words {
				stems[i] = Stem(w)
				ids[i] = a.id(stems[i])
			}
			key := strings.Join(stems, " ")
			if _, dup := a.syn[key]; dup {
				continue // the first group wins
			}
			a.syn[key] = g
			a.max = max(a.max, len(words))
			if len(ids) == 1 {
				a.group[ids[0]] = gt
			} else {
				a.phrases[ids[0]] = append(a.phrases[ids[0]], phrase{ids[1:], gt})
			}
		}
	}
	return a
}

// id numbers a term.
func (a *analyzer) id(t string) int32 {
	if n, ok := a.ids[t]; ok {
		return n
	}
	n := int32(len(a.terms))
	a.ids[t] = n
	a.terms = append(a.terms, t)
	a.group = append(a.group, -1)
	a.phrases = append(a.phrases, nil)
	a.stop = append(a.stop, stopwords[t])
	return n
}

// each calls f with each index term of text: the stems of its words, stopwords left
// out, and a synonym group's term where one of its words or phrases occurs.
func (a *analyzer) each(text string, f func(term int32)) {
	a.seq = a.seq[:0]
	if isASCII(text) {
		a.asciiWords(text)
	} else {
		a.buf = eachWord(text, a.buf, func(w []byte) {
			n, ok := a.stemOf[string(w)]
			if !ok {
				n = a.id(Stem(string(w)))
				a.stemOf[string(w)] = n
			}
			a.seq = append(a.seq, n)
		})
	}
	for i, n := range a.seq {
		if g := a.group[n]; g >= 0 {
			f(g)
		}
		for _, p := range a.phrases[n] {
			if len(p.rest) <= len(a.seq)-i-1 && slices.Equal(p.rest, a.seq[i+1:i+1+len(p.rest)]) {
				f(p.group)
			}
		}
		if !a.stop[n] {
			f(n)
		}
	}
}

// asciiWords is eachWord for ASCII text, the common case, made fast: it hashes each
// word as it reads it and finds its term in a table of its own, appending to a.seq.
func (a *analyzer) asciiWords(text string) {
	const offset, prime = 14695981039346656037, 1099511628211 // FNV-1a
	b := a.buf[:0]
	h := uint64(offset)
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c == '\'' && len(b) > 0 && i+1 < len(text) && isASCIIWordByte(text[i+1]):
			continue // joined: "don't"
		default:
			if len(b) > 0 && len(b) <= maxWord {
				a.seq = append(a.seq, a.lookup(b, h))
			}
			b, h = b[:0], offset
			continue
		}
		b = append(b, c)
		h = (h ^ uint64(c)) * prime
	}
	if len(b) > 0 && len(b) <= maxWord {
		a.seq = append(a.seq, a.lookup(b, h))
	}
	a.buf = b
}

// wordSlot is an entry of the analyzer's table of ASCII words.
type wordSlot struct {
	hash uint64
	word string // "" for an empty slot
	term int32
}

// lookup returns the stem term of the ASCII word w, whose hash is h.
func (a *analyzer) lookup(w []byte, h uint64) int32 {
	if len(a.table) == 0 {
		a.table = make([]wordSlot, 1<<12)
	}
	mask := uint64(len(a.table) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		e := &a.table[i]
		if e.word == "" {
			word := string(w)
			*e = wordSlot{h, word, a.id(Stem(word))}
			a.used++
			term := e.term
			if a.used*2 > len(a.table) {
				a.rehash()
			}
			return term
		}
		if e.hash == h && e.word == string(w) {
			return e.term
		}
	}
}

// rehash doubles the table.
func (a *analyzer) rehash() {
	old := a.table
	a.table = make([]wordSlot, 2*len(old))
	mask := uint64(len(a.table) - 1)
	for _, e := range old {
		if e.word == "" {
			continue
		}
		i := e.hash & mask
		for a.table[i].word != "" {
			i = (i + 1) & mask
		}
		a.table[i] = e
	}
}

func isASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 { // eight bytes a step: page text is long
		if s[i]|s[i+1]|s[i+2]|s[i+3]|s[i+4]|s[i+5]|s[i+6]|s[i+7] >= utf8.RuneSelf {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isASCIIWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func groupTerm(g int) string { return "~" + itoa(g) }

// Index is a built search index.
type Index struct {
	pages []Page
	terms map[string]*termData
	syn   map[string]int
	max   int
}

// counts is how often a term occurs in each field of a section.
type counts struct {
	term                        int32
	title, heading, names, body uint16
}

// Build indexes pages; their order is the order of ties in results. The pages are
// analysed in parallel, a contiguous run of them per processor, and the runs' postings
// joined in page order: the index does not depend on the number of processors.
func Build(pages []Page, opt Options) *Index {
	// Body length is measured in bytes, known before any word is read.
	var total, sections int
	for _, p := range pages {
		for _, s := range p.Sections {
			total += len(s.Text)
			sections++
		}
	}
	avg := 1.0
	if total > 0 {
		avg = float64(total) / float64(sections)
	}

	workers := max(1, min(runtime.GOMAXPROCS(0), len(pages)/64))
	runs := make([]*run, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(pages)/workers, (w+1)*len(pages)/workers
		wg.Go(func() { runs[w] = analyse(pages, lo, hi, avg, opt.Synonyms) })
	}
	wg.Wait()

	// Join the runs' postings, term by term.
	a := runs[0].a
	ix := &Index{pages: pages, terms: make(map[string]*termData, len(a.terms)), syn: a.syn, max: a.max}
	for _, r := range runs {
		for n, ps := range r.postings {
			if len(ps) == 0 {
				continue
			}
			t := r.a.terms[n]
			td := ix.terms[t]
			switch {
			case td == nil:
				ix.terms[t] = &termData{df: r.df[n], postings: ps}
				continue
			case cap(td.postings) == len(td.postings):
				// First join: one allocation for what the runs hold.
				all := 0
				for _, r := range runs {
					if m, ok := r.a.ids[t]; ok && int(m) < len(r.postings) {
						all += len(r.postings[m])
					}
				}
				td.postings = append(make([]posting, 0, all), td.postings...)
			}
			td.df += r.df[n]
			td.postings = append(td.postings, ps...)
		}
	}
	for _, td := range ix.terms {
		td.postings = best(td.postings, maxPostings)
	}
	return ix
}

// run is the analysis of a run of pages.
type run struct {
	a        *analyzer
	postings [][]posting // by the analyzer's term number; at most 2*maxPostings each
	df       []int       // by the analyzer's term number: pages that contain the term
}

// analyse weighs every term of pages[lo:hi]. A page has one posting per term: its
// weight in the section where it weighs most, and that section.
func analyse(pages []Page, lo, hi int, avg float64, syn [][]string) *run {
	a := newAnalyzer(syn)
	r := &run{a: a}
	var (
		cur   []counts  // the section's terms
		slot  []int32   // term -> its place in cur, or -1
		page  []posting // the page's best posting of each term, page holding the term
		pslot []int32   // term -> its place in page, or -1
	)
	grow := func() {
		for len(slot) < len(a.terms) {
			slot = append(slot, -1)
			pslot = append(pslot, -1)
			r.postings = append(r.postings, nil)
			r.df = append(r.df, 0)
		}
	}
	at := func(t int32) *counts {
		if int(t) >= len(slot) {
			grow()
		}
		if k := slot[t]; k >= 0 {
			return &cur[k]
		}
		slot[t] = int32(len(cur))
		cur = append(cur, counts{term: t})
		return &cur[len(cur)-1]
	}
	// The counts saturate: a word repeated 65,535 times must not count as absent.
	inc := func(n *uint16) {
		if *n < math.MaxUint16 {
			*n++
		}
	}
	title := func(t int32) { inc(&at(t).title) }
	names := func(t int32) { inc(&at(t).names) }
	heading := func(t int32) { inc(&at(t).heading) }
	body := func(t int32) { inc(&at(t).body) }
	for i := lo; i < hi; i++ {
		p := pages[i]
		boost := p.Boost
		if boost == 0 {
			boost = 1
		}
		page = page[:0]
		for j, s := range p.Sections {
			cur = cur[:0]
			if j == 0 {
				a.each(p.Title, title)
				for _, n := range p.Names {
					a.each(n, names)
				}
			}
			a.each(s.Heading, heading)
			a.each(s.Text, body)
			norm := k1 * (1 - b + b*float64(len(s.Text))/avg)
			for _, c := range cur {
				slot[c.term] = -1
				w := titleWeight*field(c.title) + headingWeight*field(c.heading) + nameWeight*field(c.names)
				if c.body > 0 {
					w += bodyWeight * float64(c.body) * (k1 + 1) / (float64(c.body) + norm)
				}
				q := max(uint16(min(math.Round(w*boost*10), 999)), 1)
				if k := pslot[c.term]; k >= 0 {
					if q > page[k].weight {
						page[k].section, page[k].weight = int32(j), q
					}
					continue
				}
				pslot[c.term] = int32(len(page))
				page = append(page, posting{c.term, int32(j), q}) // page holds the term here
			}
		}
		for _, bp := range page {
			pslot[bp.page] = -1
			ps := append(r.postings[bp.page], posting{int32(i), bp.section, bp.weight})
			if len(ps) >= 2*maxPostings {
				// What best drops now, it would drop from the whole list too: as many
				// postings outweigh it, or weigh the same and come first, here.
				ps = best(ps, maxPostings)
			}
			r.postings[bp.page] = ps
			r.df[bp.page]++
		}
	}
	return r
}

// best keeps the n postings of most weight, in their order; of equal weights, the
// first ones.
func best(ps []posting, n int) []posting {
	if len(ps) <= n {
		return ps
	}
	var hist [1000]int
	for _, p := range ps {
		hist[p.weight]++
	}
	// The least weight kept, and how many of it.
	keep, w := 0, 999
	for ; w > 0 && keep+hist[w] < n; w-- {
		keep += hist[w]
	}
	atLimit := n - keep
	out := ps[:0]
	for _, p := range ps {
		if p.weight > uint16(w) || p.weight == uint16(w) && atLimit > 0 {
			if p.weight == uint16(w) {
				atLimit--
			}
			out = append(out, p)
		}
	}
	return out
}

// field weighs a word that occurs n times in a short field: more than once counts a
// little.
func field(n uint16) float64 {
	if n == 0 {
		return 0
	}
	return 1 + 0.1*float64(min(n, 3)-1)
}
