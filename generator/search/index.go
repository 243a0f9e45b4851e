package search

import (
	"math"
	"slices"
	"strings"
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

// BM25's constants, for body text.
const (
	k1 = 1.2
	b  = 0.75
)

// maxPostings bounds a term's postings: a word on thousands of pages ranks little,
// and only its best pages are kept.
const maxPostings = 400

// posting is one section where a term occurs.
type posting struct {
	page, section int32
	weight        uint16
}

type termData struct {
	df       int // pages that contain the term
	lastPage int32
	postings []posting
}

// analyzer turns text into index terms: stems, with synonym groups added.
type analyzer struct {
	phrases   map[string]int // stemmed phrase -> synonym group
	maxPhrase int
}

func newAnalyzer(syn [][]string) *analyzer {
	a := &analyzer{phrases: map[string]int{}}
	for g, group := range syn {
		for _, phrase := range group {
			words := Tokens(phrase)
			if len(words) == 0 {
				continue
			}
			for i, w := range words {
				words[i] = Stem(w)
			}
			key := strings.Join(words, " ")
			if _, dup := a.phrases[key]; !dup {
				a.phrases[key] = g
			}
			a.maxPhrase = max(a.maxPhrase, len(words))
		}
	}
	return a
}

// terms calls f for each index term of text: the stems of its words, stopwords left
// out, and "~g" for each phrase of synonym group g.
func (a *analyzer) terms(text string, f func(term string)) {
	words := Tokens(text)
	for i, w := range words {
		words[i] = Stem(w)
	}
	for i, w := range words {
		for n := 1; n <= a.maxPhrase && i+n <= len(words); n++ {
			key := w
			if n > 1 {
				key = strings.Join(words[i:i+n], " ")
			}
			if g, ok := a.phrases[key]; ok {
				f(groupTerm(g))
			}
		}
		if !stopwords[w] {
			f(w)
		}
	}
}

func groupTerm(g int) string { return "~" + itoa(g) }

// Index is a built search index.
type Index struct {
	pages []Page
	terms map[string]*termData
	syn   map[string]int
	max   int
}

// Build indexes pages; their order is the order of ties in results.
func Build(pages []Page, opt Options) *Index {
	a := newAnalyzer(opt.Synonyms)
	ix := &Index{pages: pages, terms: map[string]*termData{}, syn: a.phrases, max: a.maxPhrase}

	// Average body length, for BM25's length normalisation.
	var total, count int
	bodyLen := make([][]int, len(pages))
	for i, p := range pages {
		bodyLen[i] = make([]int, len(p.Sections))
		for j, s := range p.Sections {
			n := 0
			a.terms(s.Text, func(string) { n++ })
			bodyLen[i][j] = n
			total += n
			count++
		}
	}
	avg := 1.0
	if count > 0 && total > 0 {
		avg = float64(total) / float64(count)
	}

	type tf struct{ title, heading, names, body int }
	freq := map[string]*tf{}
	var order []string
	count1 := func(field func(*tf)) func(string) {
		return func(t string) {
			c := freq[t]
			if c == nil {
				c = &tf{}
				freq[t] = c
				order = append(order, t)
			}
			field(c)
		}
	}
	titleF := count1(func(c *tf) { c.title++ })
	headF := count1(func(c *tf) { c.heading++ })
	nameF := count1(func(c *tf) { c.names++ })
	bodyF := count1(func(c *tf) { c.body++ })

	for i, p := range pages {
		boost := p.Boost
		if boost == 0 {
			boost = 1
		}
		for j, s := range p.Sections {
			clear(freq)
			order = order[:0]
			if j == 0 {
				a.terms(p.Title, titleF)
				for _, n := range p.Names {
					a.terms(n, nameF)
				}
			}
			a.terms(s.Heading, headF)
			a.terms(s.Text, bodyF)
			norm := k1 * (1 - b + b*float64(bodyLen[i][j])/avg)
			for _, t := range order {
				c := freq[t]
				w := titleWeight*field(c.title) + headingWeight*field(c.heading) + nameWeight*field(c.names)
				if c.body > 0 {
					w += bodyWeight * float64(c.body) * (k1 + 1) / (float64(c.body) + norm)
				}
				q := uint16(min(math.Round(w*boost*10), 999))
				q = max(q, 1)
				td := ix.terms[t]
				if td == nil {
					td = &termData{lastPage: -1}
					ix.terms[t] = td
				}
				if td.lastPage != int32(i) {
					td.df++
					td.lastPage = int32(i)
				}
				td.postings = append(td.postings, posting{int32(i), int32(j), q})
			}
		}
	}
	for _, td := range ix.terms {
		if len(td.postings) > maxPostings {
			slices.SortStableFunc(td.postings, func(x, y posting) int { return int(y.weight) - int(x.weight) })
			td.postings = td.postings[:maxPostings]
			slices.SortFunc(td.postings, func(x, y posting) int {
				if x.page != y.page {
					return int(x.page - y.page)
				}
				return int(x.section - y.section)
			})
		}
	}
	return ix
}

// field weighs a word that occurs n times in a short field: more than once counts a
// little.
func field(n int) float64 {
	if n == 0 {
		return 0
	}
	return 1 + 0.1*float64(min(n, 3)-1)
}
