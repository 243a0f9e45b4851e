// Package search builds the site's search index: words of every page, stemmed and
// weighted by where they appear, written as script files that the browser loads part
// by part. [Sections] reads a rendered page's HTML as the index sees it: the text of
// each section, tags dropped.
//
// The browser side (theme/static/search.js) tokenises and stems a query exactly as
// [Tokens] and [Stem] do here; the two must change together.
//
// The index is a set of files under search/, each a script that registers itself by
// calling the global function escSearch, so the site also works opened from disk, where
// fetch() of local files is blocked:
//
//	search/index.js   escSearch("i", 0, {v, n, per, sper, keys, syn, max}): the manifest
//	search/tN.js      escSearch("t", N, {term: [df, page, section, weight, ...]})
//	search/pN.js      escSearch("p", N, [[url, title, kind], ...])
//	search/sN.js      escSearch("s", N, [[[anchor, heading, snippet], ...], ...])
//
// Terms are split into parts by prefix: keys[N] is the prefix of part tN, and a term
// lives in the part whose key is its longest prefix among keys. A term has one posting
// per page, a triple: the page number as the difference from the previous one, the
// section where the term weighs most, and that weight; df counts the pages, and only
// the 400 postings of most weight are kept. Page N's title is in part pM with M = N / per,
// its sections in part sK with K = N / sper: a query ranks its best pages again by
// their titles, and needs the sections only of those it shows. A synonym group g is indexed as the term "~g" wherever one of
// its phrases occurs; syn maps each stemmed phrase to its group.
package search
