package lex

import (
	"github.com/dlclark/regexp2/v2/syntax"
)

// direct matches a pattern that needs no backtracking without running
// regexp2: a sequence of characters, sets, literals and loops where every
// loop but a final one is atomic. Most of a lexer's matches are such
// (whitespace, words, punctuation, empty default rules), and regexp2
// spends far longer setting up a match than making it.
//
// It follows regexp2's runner: One, Notone and Set compare a rune, Multi
// compares runes, a loop takes as many runes as it may (up to its
// maximum) and fails below its minimum, and an atomic loop never gives
// any back. Nodes that ignore case or run right to left are left to
// regexp2.
type direct struct {
	steps []step
}

type stepKind uint8

const (
	one stepKind = iota
	notone
	set
	multi
)

type step struct {
	kind     stepKind
	ch       rune
	set      *syntax.CharSet
	ascii    [2]uint64 // set's ASCII members
	str      []rune
	min, max int // a loop's bounds; 1, 1 for a single rune
}

// newDirect returns a direct matcher for tree, or nil when the pattern is
// not of that shape. tree is the parse of `\G(?flags)(?:pattern)`.
func newDirect(tree *syntax.RegexTree) *direct {
	root := tree.Root
	if root == nil || root.T != syntax.NtCapture || root.M != 0 || len(root.Children) != 1 {
		return nil
	}
	items := []*syntax.RegexNode{root.Children[0]}
	if items[0].T == syntax.NtConcatenate {
		items = items[0].Children
	}
	if len(items) == 0 || items[0].T != syntax.NtStart {
		return nil
	}
	items = items[1:]
	d := &direct{}
	for i, n := range items {
		if n.Options&(syntax.IgnoreCase|syntax.RightToLeft) != 0 {
			return nil
		}
		last := i == len(items)-1
		s := step{min: 1, max: 1}
		switch n.T {
		case syntax.NtEmpty:
			continue
		case syntax.NtOne, syntax.NtNotone, syntax.NtSet:
		case syntax.NtMulti:
			s.kind, s.str = multi, n.Str
			d.steps = append(d.steps, s)
			continue
		case syntax.NtOneloopatomic, syntax.NtNotoneloopatomic, syntax.NtSetloopatomic:
			s.min, s.max = n.M, n.N
		case syntax.NtOneloop, syntax.NtNotoneloop, syntax.NtSetloop:
			// Greedy with nothing after it: its first try is the match.
			if !last {
				return nil
			}
			s.min, s.max = n.M, n.N
		default:
			return nil
		}
		if s.min < 0 || s.max < s.min {
			return nil
		}
		switch n.T {
		case syntax.NtOne, syntax.NtOneloop, syntax.NtOneloopatomic:
			s.kind, s.ch = one, n.Ch
		case syntax.NtNotone, syntax.NtNotoneloop, syntax.NtNotoneloopatomic:
			s.kind, s.ch = notone, n.Ch
		default:
			if n.Set == nil {
				return nil
			}
			s.kind, s.set = set, n.Set
			for c := range rune(128) {
				if n.Set.CharIn(c) {
					s.ascii[c/64] |= 1 << (c % 64)
				}
			}
		}
		d.steps = append(d.steps, s)
	}
	return d
}

// is reports whether the single-rune step s accepts c.
func (s *step) is(c rune) bool {
	switch s.kind {
	case one:
		return c == s.ch
	case notone:
		return c != s.ch
	}
	if c >= 0 && c < 128 {
		return s.ascii[c/64]&(1<<(c%64)) != 0
	}
	return s.set.CharIn(c)
}

// match returns the length of the match at pos, and false when there is
// none.
func (d *direct) match(text []rune, pos int) (int, bool) {
	i := pos
	for k := range d.steps {
		s := &d.steps[k]
		if s.kind == multi {
			if len(text)-i < len(s.str) {
				return 0, false
			}
			for j, c := range s.str {
				if text[i+j] != c {
					return 0, false
				}
			}
			i += len(s.str)
			continue
		}
		n := 0
		for n < s.max && i+n < len(text) && s.is(text[i+n]) {
			n++
		}
		if n < s.min {
			return 0, false
		}
		i += n
	}
	return i - pos, true
}
