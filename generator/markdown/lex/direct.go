package lex

import (
	"github.com/dlclark/regexp2/v2/syntax"
)

// direct matches a simple pattern without running regexp2: a sequence of
// characters, sets, literals, loops over one character class, anchors
// and word boundaries, with capture groups around parts of the sequence
// but no alternation, no loop over a group and no lookaround. Most of a
// lexer's matches are such (whitespace, words, punctuation, "name then
// parenthesis", empty default rules), and regexp2 spends far longer
// setting up a match than making it.
//
// It follows regexp2's runner: One, Notone and Set compare a rune, Multi
// compares runes, a greedy loop takes as many runes as it may and gives
// them back one by one, a lazy loop takes as few as it may and extends
// one by one, an atomic loop never gives back, and the latest choice is
// retried first. Nodes that ignore case or run right to left are left to
// regexp2, as is a match that backtracks more than budget steps.
type direct struct {
	items  []item
	groups int // capture groups besides group 0
}

// budget bounds the steps of one direct match; past it regexp2 decides
// (with its own timeout).
const budget = 1 << 12

type itemKind uint8

const (
	loop itemKind = iota // one, notone or set, min to max times
	literal
	bol
	eol
	boundary
	nonboundary
	beginning
	end
	groupOpen
	groupClose
)

type charKind uint8

const (
	one charKind = iota
	notone
	set
)

type loopMode uint8

const (
	greedy loopMode = iota
	lazy
	atomic
)

type item struct {
	kind     itemKind
	char     charKind
	mode     loopMode
	ch       rune
	set      *syntax.CharSet
	ascii    [2]uint64 // set's ASCII members
	min, max int
	str      []rune
	group    int
}

// newDirect returns a direct matcher for tree, or nil when the pattern is
// not of that shape. tree is the parse of `\G(?flags)(?:pattern)`.
func newDirect(tree *syntax.RegexTree) *direct {
	root := tree.Root
	if root == nil || root.T != syntax.NtCapture || root.M != 0 || len(root.Children) != 1 || len(tree.Capnames) != 0 || tree.Capnumlist != nil {
		return nil
	}
	d := &direct{groups: tree.Captop - 1}
	seen := make([]bool, tree.Captop)
	if !d.add(root.Children[0], true, seen) {
		return nil
	}
	for _, s := range seen[1:] {
		if !s {
			return nil
		}
	}
	return d
}

// add appends node's items, reporting false for a node it cannot match.
// first is true for the node that must start with \G.
func (d *direct) add(n *syntax.RegexNode, first bool, seen []bool) bool {
	if n.Options&(syntax.IgnoreCase|syntax.RightToLeft) != 0 {
		return false
	}
	if first {
		kids := []*syntax.RegexNode{n}
		if n.T == syntax.NtConcatenate {
			kids = n.Children
		}
		if len(kids) == 0 || kids[0].T != syntax.NtStart || kids[0].Options&syntax.RightToLeft != 0 {
			return false
		}
		for _, k := range kids[1:] {
			if !d.add(k, false, seen) {
				return false
			}
		}
		return true
	}
	it := item{min: 1, max: 1}
	switch n.T {
	case syntax.NtConcatenate:
		for _, k := range n.Children {
			if !d.add(k, false, seen) {
				return false
			}
		}
		return true
	case syntax.NtCapture:
		k := n.M
		if k <= 0 || k >= len(seen) || seen[k] || n.N != -1 || len(n.Children) != 1 {
			return false
		}
		seen[k] = true
		d.items = append(d.items, item{kind: groupOpen, group: k})
		if !d.add(n.Children[0], false, seen) {
			return false
		}
		d.items = append(d.items, item{kind: groupClose, group: k})
		return true
	case syntax.NtEmpty:
		return true
	case syntax.NtMulti:
		d.items = append(d.items, item{kind: literal, str: n.Str})
		return true
	case syntax.NtBol:
		it.kind = bol
	case syntax.NtEol:
		it.kind = eol
	case syntax.NtBoundary:
		it.kind = boundary
	case syntax.NtNonboundary:
		it.kind = nonboundary
	case syntax.NtBeginning:
		it.kind = beginning
	case syntax.NtEnd:
		it.kind = end
	case syntax.NtOne, syntax.NtNotone, syntax.NtSet:
	case syntax.NtOneloop, syntax.NtNotoneloop, syntax.NtSetloop:
		it.min, it.max = n.M, n.N
	case syntax.NtOnelazy, syntax.NtNotonelazy, syntax.NtSetlazy:
		it.min, it.max, it.mode = n.M, n.N, lazy
	case syntax.NtOneloopatomic, syntax.NtNotoneloopatomic, syntax.NtSetloopatomic:
		it.min, it.max, it.mode = n.M, n.N, atomic
	default:
		return false
	}
	if it.min < 0 || it.max < it.min {
		return false
	}
	switch n.T {
	case syntax.NtOne, syntax.NtOneloop, syntax.NtOnelazy, syntax.NtOneloopatomic:
		it.char, it.ch = one, n.Ch
	case syntax.NtNotone, syntax.NtNotoneloop, syntax.NtNotonelazy, syntax.NtNotoneloopatomic:
		it.char, it.ch = notone, n.Ch
	case syntax.NtSet, syntax.NtSetloop, syntax.NtSetlazy, syntax.NtSetloopatomic:
		if n.Set == nil {
			return false
		}
		it.char, it.set = set, n.Set
		for c := range rune(128) {
			if n.Set.CharIn(c) {
				it.ascii[c/64] |= 1 << (c % 64)
			}
		}
	}
	d.items = append(d.items, it)
	return true
}

// is reports whether the loop item accepts c.
func (it *item) is(c rune) bool {
	switch it.char {
	case one:
		return c == it.ch
	case notone:
		return c != it.ch
	}
	if c >= 0 && c < 128 {
		return it.ascii[c/64]&(1<<(c%64)) != 0
	}
	return it.set.CharIn(c)
}

// match matches at pos. It returns the end of the match and, in caps,
// the start and end of each group (caps needs 2*(groups+1) entries); ok
// is false when there is no match, and known is false when the budget ran
// out and regexp2 must decide.
func (d *direct) match(text []rune, pos int, caps []int) (ok, known bool) {
	m := matcher{d: d, text: text, caps: caps}
	caps[0] = pos
	ok = m.at(0, pos)
	return ok && !m.over, !m.over
}

type matcher struct {
	d    *direct
	text []rune
	caps []int
	work int
	over bool
}

// at matches items[i:] at pos, trying the choices in regexp2's order.
func (m *matcher) at(i, pos int) bool {
	if m.work++; m.work > budget {
		m.over = true
		return false
	}
	text := m.text
	for ; i < len(m.d.items); i++ {
		it := &m.d.items[i]
		switch it.kind {
		case literal:
			if len(text)-pos < len(it.str) {
				return false
			}
			for j, c := range it.str {
				if text[pos+j] != c {
					return false
				}
			}
			pos += len(it.str)
		case bol:
			if pos > 0 && text[pos-1] != '\n' {
				return false
			}
		case eol:
			if pos < len(text) && text[pos] != '\n' {
				return false
			}
		case boundary, nonboundary:
			b := (pos > 0 && syntax.IsWordChar(text[pos-1])) != (pos < len(text) && syntax.IsWordChar(text[pos]))
			if b != (it.kind == boundary) {
				return false
			}
		case beginning:
			if pos > 0 {
				return false
			}
		case end:
			if pos < len(text) {
				return false
			}
		case groupOpen:
			m.caps[2*it.group] = pos
		case groupClose:
			m.caps[2*it.group+1] = pos
		case loop:
			n := 0
			for n < it.max && pos+n < len(text) && it.is(text[pos+n]) {
				n++
			}
			if n < it.min {
				return false
			}
			if it.mode == atomic || n == it.min {
				pos += n
				continue
			}
			if it.mode == greedy {
				for c := n; c >= it.min; c-- {
					if m.at(i+1, pos+c) || m.over {
						return !m.over
					}
				}
				return false
			}
			for c := it.min; c <= n; c++ {
				if m.at(i+1, pos+c) || m.over {
					return !m.over
				}
			}
			return false
		}
	}
	m.caps[1] = pos
	return true
}
