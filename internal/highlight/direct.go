package highlight

import (
	"github.com/dlclark/regexp2/v2/syntax"
)

// direct matches a simple pattern without running regexp2: characters,
// sets, literals, loops over one character class, anchors, word
// boundaries, alternations, atomic groups and capture groups (none inside
// an alternation), but no loop over a group, no lookaround and no
// backreference. Most of a lexer's matches are such (whitespace, words,
// punctuation, keywords, "name then parenthesis", empty default rules),
// and regexp2 spends far longer setting up a match than making it.
//
// It follows regexp2's runner: One, Notone and Set compare a rune, Multi
// compares runes, a greedy loop takes as many runes as it may and gives
// them back one by one, a lazy loop takes as few as it may and extends
// one by one, an atomic loop or group never gives back, alternatives are
// tried in order, and the latest choice is retried first. Nodes that
// ignore case or run right to left are left to regexp2, as is a match
// that takes more than budget steps.
type direct struct {
	items  []item // a graph: each item names the next, -1 being the end
	start  int
	groups int  // capture groups besides group 0
	reps   bool // whether it has loops over groups, which need counters
	// loose is true when the pattern has groups the matcher cannot place
	// (in an alternation, a loop or a lookahead): it still decides
	// whether and where the pattern matches, but regexp2 must give the
	// groups of a match.
	loose bool
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
	alt         // try branches in order
	atomicGroup // match body once, then go on from where it ended
	accept      // end of an atomic or lookahead body
	rep         // loop over body, min to max times
	repEnd      // end of a rep's body; body names the rep
	look        // lookahead: body must (or, neg, must not) match here
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
	branches []int // alt's
	body     int   // atomicGroup's, rep's, look's; repEnd's rep
	neg      bool
	next     int
}

// newDirect returns a direct matcher for tree, or nil when the pattern is
// not of that shape. tree is the parse of `\G(?flags)(?:pattern)`.
func newDirect(tree *syntax.RegexTree) *direct {
	root := tree.Root
	if root == nil || root.T != syntax.NtCapture || root.M != 0 || len(root.Children) != 1 || len(tree.Capnames) != 0 || tree.Capnumlist != nil {
		return nil
	}
	// The pattern is \G then the rest: one Concatenate starting with Start.
	n := root.Children[0]
	kids := []*syntax.RegexNode{n}
	if n.T == syntax.NtConcatenate {
		kids = n.Children
	}
	if len(kids) == 0 || kids[0].T != syntax.NtStart || kids[0].Options&syntax.RightToLeft != 0 || n.Options&(syntax.IgnoreCase|syntax.RightToLeft) != 0 {
		return nil
	}
	d := &direct{groups: tree.Captop - 1}
	b := builder{d: d, seen: make([]bool, tree.Captop)}
	start, ok := b.seq(kids[1:], -1, false)
	if !ok {
		return nil
	}
	for _, s := range b.seen[1:] {
		if !s {
			d.loose = true
		}
	}
	d.start = start
	return d
}

type builder struct {
	d    *direct
	seen []bool // capture groups met
}

func (b *builder) push(it item) int {
	b.d.items = append(b.d.items, it)
	return len(b.d.items) - 1
}

// seq builds nodes in sequence, followed by next, returning the first
// item's index.
func (b *builder) seq(nodes []*syntax.RegexNode, next int, noGroups bool) (int, bool) {
	for i := len(nodes) - 1; i >= 0; i-- {
		var ok bool
		if next, ok = b.node(nodes[i], next, noGroups); !ok {
			return 0, false
		}
	}
	return next, true
}

// node builds n followed by next, returning its first item's index; false
// when n is not of the shapes direct handles.
func (b *builder) node(n *syntax.RegexNode, next int, noGroups bool) (int, bool) {
	if n.Options&(syntax.IgnoreCase|syntax.RightToLeft) != 0 {
		return 0, false
	}
	it := item{min: 1, max: 1, next: next}
	switch n.T {
	case syntax.NtConcatenate:
		return b.seq(n.Children, next, noGroups)
	case syntax.NtCapture:
		// A group inside an alternation, a loop or a lookahead could keep
		// bounds regexp2 would have undone or reported unmatched.
		k := n.M
		if k <= 0 || k >= len(b.seen) || b.seen[k] || n.N != -1 || len(n.Children) != 1 {
			return 0, false
		}
		if noGroups {
			// Groups never decide whether a pattern matches (there are
			// no backreferences here), so it can still tell regexp2
			// when not to bother.
			b.d.loose = true
			return b.node(n.Children[0], next, noGroups)
		}
		b.seen[k] = true
		body, ok := b.node(n.Children[0], b.push(item{kind: groupClose, group: k, next: next}), noGroups)
		if !ok {
			return 0, false
		}
		return b.push(item{kind: groupOpen, group: k, next: body}), true
	case syntax.NtAlternate:
		var branches []int
		for _, c := range n.Children {
			start, ok := b.node(c, next, true)
			if !ok {
				return 0, false
			}
			branches = append(branches, start)
		}
		return b.push(item{kind: alt, branches: branches, next: next}), true
	case syntax.NtLoop, syntax.NtLazyloop:
		// Only bodies that cannot match empty: regexp2 ends a loop early
		// after an empty iteration, which is not followed here.
		if len(n.Children) != 1 || n.M < 0 || n.N < n.M || minLength(n.Children[0]) < 1 {
			return 0, false
		}
		it := item{kind: rep, min: n.M, max: n.N, next: next}
		if n.T == syntax.NtLazyloop {
			it.mode = lazy
		}
		r := b.push(it)
		body, ok := b.node(n.Children[0], b.push(item{kind: repEnd, body: r}), true)
		if !ok {
			return 0, false
		}
		b.d.items[r].body = body
		b.d.reps = true
		return r, true
	case syntax.NtPosLook, syntax.NtNegLook:
		if len(n.Children) != 1 {
			return 0, false
		}
		body, ok := b.node(n.Children[0], b.push(item{kind: accept}), true)
		if !ok {
			return 0, false
		}
		return b.push(item{kind: look, body: body, neg: n.T == syntax.NtNegLook, next: next}), true
	case syntax.NtAtomic:
		if len(n.Children) != 1 {
			return 0, false
		}
		body, ok := b.node(n.Children[0], b.push(item{kind: accept}), noGroups)
		if !ok {
			return 0, false
		}
		return b.push(item{kind: atomicGroup, body: body, next: next}), true
	case syntax.NtEmpty:
		return next, true
	case syntax.NtMulti:
		return b.push(item{kind: literal, str: n.Str, next: next}), true
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
		return 0, false
	}
	if it.min < 0 || it.max < it.min {
		return 0, false
	}
	switch n.T {
	case syntax.NtOne, syntax.NtOneloop, syntax.NtOnelazy, syntax.NtOneloopatomic:
		it.char, it.ch = one, n.Ch
	case syntax.NtNotone, syntax.NtNotoneloop, syntax.NtNotonelazy, syntax.NtNotoneloopatomic:
		it.char, it.ch = notone, n.Ch
	case syntax.NtSet, syntax.NtSetloop, syntax.NtSetlazy, syntax.NtSetloopatomic:
		if n.Set == nil {
			return 0, false
		}
		it.char, it.set = set, n.Set
		for c := range rune(128) {
			if n.Set.CharIn(c) {
				it.ascii[c/64] |= 1 << (c % 64)
			}
		}
	}
	return b.push(it), true
}

// minLength returns the fewest runes n can match, for the node types
// direct handles (others count 0).
func minLength(n *syntax.RegexNode) int {
	switch n.T {
	case syntax.NtOne, syntax.NtNotone, syntax.NtSet:
		return 1
	case syntax.NtMulti:
		return len(n.Str)
	case syntax.NtOneloop, syntax.NtNotoneloop, syntax.NtSetloop, syntax.NtOnelazy, syntax.NtNotonelazy, syntax.NtSetlazy,
		syntax.NtOneloopatomic, syntax.NtNotoneloopatomic, syntax.NtSetloopatomic:
		return max(n.M, 0)
	case syntax.NtConcatenate:
		sum := 0
		for _, c := range n.Children {
			sum += minLength(c)
		}
		return sum
	case syntax.NtAlternate:
		least := -1
		for _, c := range n.Children {
			if l := minLength(c); least < 0 || l < least {
				least = l
			}
		}
		return max(least, 0)
	case syntax.NtCapture, syntax.NtAtomic:
		if len(n.Children) == 1 {
			return minLength(n.Children[0])
		}
	case syntax.NtLoop, syntax.NtLazyloop:
		if len(n.Children) == 1 {
			return max(n.M, 0) * minLength(n.Children[0])
		}
	}
	return 0
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
// the start and end of each group (caps needs 2*(groups+1) entries;
// counts, when the pattern has loops over groups, one per item); ok
// is false when there is no match, and known is false when the budget ran
// out and regexp2 must decide.
func (d *direct) match(text []rune, pos int, caps []int, counts []int) (ok, known bool) {
	m := matcher{d: d, text: text, caps: caps, counts: counts}
	caps[0] = pos
	ok = m.at(d.start, pos)
	return ok && !m.over, !m.over
}

type matcher struct {
	d        *direct
	text     []rune
	caps     []int
	work     int
	over     bool
	accepted int   // where the last atomic body ended
	counts   []int // iterations of each active rep
}

// at matches from item i at pos to the end, trying the choices in
// regexp2's order.
func (m *matcher) at(i, pos int) bool {
	if m.work++; m.work > budget {
		m.over = true
		return false
	}
	text := m.text
	for ; i >= 0; i = m.d.items[i].next {
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
		case alt:
			for _, b := range it.branches {
				if m.at(b, pos) || m.over {
					return !m.over
				}
			}
			return false
		case atomicGroup:
			if !m.at(it.body, pos) {
				return false
			}
			pos = m.accepted
		case accept:
			m.accepted = pos
			return true
		case look:
			if m.at(it.body, pos) == it.neg || m.over {
				return false
			}
		case rep:
			old := m.counts[i]
			m.counts[i] = 0
			ok := m.iterate(i, pos)
			m.counts[i] = old
			return ok
		case repEnd:
			return m.iterate(it.body, pos)
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
					if m.at(it.next, pos+c) || m.over {
						return !m.over
					}
				}
				return false
			}
			for c := it.min; c <= n; c++ {
				if m.at(it.next, pos+c) || m.over {
					return !m.over
				}
			}
			return false
		}
	}
	m.caps[1] = pos
	return true
}

// iterate goes on with rep r, whose count iterations have matched, at pos:
// another iteration first if greedy, leaving the loop first if lazy.
func (m *matcher) iterate(r, pos int) bool {
	it := &m.d.items[r]
	c := m.counts[r]
	more := func() bool {
		if c >= it.max {
			return false
		}
		m.counts[r] = c + 1
		ok := m.at(it.body, pos)
		m.counts[r] = c
		return ok
	}
	leave := func() bool { return c >= it.min && m.at(it.next, pos) }
	if it.mode == lazy {
		return leave() || !m.over && more()
	}
	return more() || !m.over && leave()
}
