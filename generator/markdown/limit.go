package markdown

import (
	"bytes"
	"fmt"
)

// ComplexError reports a document that goldmark would take superlinear time
// to render: Render refuses it before parsing. Line is 1-based, counted in
// the Markdown given to Render, and is where the costliest part begins.
type ComplexError struct {
	Line      int
	Construct string // what there is too much of
	Hint      string // how to fix it
}

func (e *ComplexError) Error() string {
	return fmt.Sprintf("line %d: too complex to render: %s (%s)", e.Line, e.Construct, e.Hint)
}

// cost is one kind of work that goldmark v1.8's parser does superlinearly.
// A pre-scan estimates an upper bound of it, in steps of goldmark's loops,
// from the bytes alone; "paragraph" below means a run of non-blank lines,
// which holds at least the whole of any paragraph goldmark sees.
type cost int

const (
	costLinkDest cost = iota // each "](" scans for the destination's end, up to the end of its line
	costNesting              // each container marker opening a line rescans the rest of it
	costCodeSpan             // each backtick run scans for a run of its length, up to the paragraph's end
	costEmphasis             // each delimiter run walks back over the paragraph's earlier ones
	costBracket              // each "]" copies its label and walks the paragraph's lines
	costLinkDef              // each link reference definition copies the paragraph's other lines
	costFootnote             // each footnote reference is looked up among all definitions
	numCosts
)

// limits bound each cost. A step costs goldmark 0.3 to 10 ns (measured on 2
// cores by BenchmarkPathological), so each kind stays well under 100 ms on
// this budget. Real runbooks use well under 1% of any of them: a 4 MiB
// Markdown body of ordinary prose and links costs a few million steps.
var limits = [numCosts]struct {
	limit     int64
	construct string
	hint      string
}{
	costLinkDest: {1 << 25, "too many unclosed link destinations \"](\" on long lines",
		"close each link's parenthesis, or escape the bracket as \\]"},
	costNesting: {1 << 25, "block quotes or lists nested too deeply on one line",
		"nest fewer '>', '-', '*', '+' or '1.' markers at the start of a line"},
	costCodeSpan: {1 << 25, "too many unmatched backtick runs in one paragraph",
		"close each code span with as many backticks as opened it, or use a fenced code block"},
	costEmphasis: {1 << 27, "too many emphasis delimiters '*', '_' or '~' in one paragraph",
		"split the paragraph with blank lines, or put such text in a code span"},
	costBracket: {1 << 25, "too many brackets in one paragraph",
		"split the paragraph with blank lines, or escape literal brackets as \\[ and \\]"},
	costLinkDef: {1 << 25, "too many link reference definitions in one paragraph",
		"separate the definitions with blank lines, or use inline links"},
	costFootnote: {1 << 22, "too many footnotes",
		"use fewer footnotes (their references times their definitions must stay under 4,194,304)"},
}

// checkComplexity returns a *ComplexError when src is too costly for
// goldmark to render, and nil otherwise. It runs in time linear in src.
func checkComplexity(src []byte) error {
	if len(src) > maxSource {
		return &ComplexError{Line: 1,
			Construct: fmt.Sprintf("%d bytes of Markdown, over the %d a document may have", len(src), maxSource),
			Hint:      "split it into several documents"}
	}
	var s scan
	s.run(src)
	for c := range numCosts {
		if s.total[c] > limits[c].limit {
			l := limits[c]
			return &ComplexError{Line: s.worstLine[c], Construct: l.construct, Hint: l.hint}
		}
	}
	return nil
}

// Admonitions (package callout) add no cost of their own: a GitHub alert is a
// block quote, counted as such, and an MkDocs block is a container whose
// lines are indented four columns a level, which goldmark reads in time linear
// in the bytes, as it does nested list items (TestLargeInputs).

// maxSource bounds a document's Markdown: even linear constructs (deeply
// indented lists, thousands of headings) cost goldmark up to 2 µs a byte,
// and half a megabyte is some 80,000 words, far beyond any runbook.
const maxSource = 512 << 10

// scan is the state of the pre-scan.
type scan struct {
	total     [numCosts]int64
	worst     [numCosts]int64 // the largest single contribution
	worstLine [numCosts]int   // and the line it is charged to

	// the paragraph being read
	paraLine  int   // its first line
	paraLines int64 // its lines
	paraEnd   int   // offset just past its last line
	ticks     []tick
	delims    int64
	closers   int64 // "]"
	spans     int64 // bytes between each "]" and its "["
	opens     []int // offsets of unmatched "["
	defs      int64 // lines that may start a link reference definition

	fnRefs, fnDefs int64
	fnLine         int
}

// tick is a maximal run of backticks.
type tick struct {
	pos, n  int
	escaped bool // preceded by a backslash, so it may open with n-1
}

func (s *scan) add(c cost, n int64, line int) {
	s.total[c] += n
	if n > s.worst[c] {
		s.worst[c], s.worstLine[c] = n, line
	}
}

func (s *scan) run(src []byte) {
	line := 0
	for off := 0; off < len(src); {
		end := off + bytes.IndexByte(src[off:], '\n')
		if end < off {
			end = len(src)
		}
		line++
		s.line(src, off, end, line)
		off = end + 1
	}
	s.endParagraph()
	if s.fnRefs > 0 && s.fnDefs > 0 {
		s.add(costFootnote, s.fnRefs*s.fnDefs, s.fnLine)
	}
}

func (s *scan) line(src []byte, off, end, lineNo int) {
	l := src[off:end]
	if len(bytes.Trim(l, " \t\r")) == 0 {
		s.endParagraph()
		return
	}
	if s.paraLines > 0 && startsItem(l) {
		s.endParagraph() // a bullet or "1." item always ends a paragraph
	}
	if s.paraLines == 0 {
		s.paraLine = lineNo
	}
	s.paraLines++
	s.paraEnd = end

	markers, rest := containerMarkers(l)
	if markers > 0 {
		s.add(costNesting, int64(markers)*int64(len(l)), lineNo)
	}
	if len(rest) > 0 && rest[0] == '[' {
		if len(rest) > 1 && rest[1] == '^' && bytes.Contains(rest, []byte("]:")) {
			s.fnDefs++
		} else {
			s.defs++
		}
	}

	// Right to left, remembering where the next space, '>', '(' and ')'
	// are, so each "](" costs the distance its destination scan may run:
	// to a space, or to a ')' with no '(' before it ("]( x" is charged to
	// the end of the line).
	nextSpace, nextGT, nextOpen, nextClose := len(l), len(l), len(l), len(l)
	var dest int64
	for i := len(l) - 1; i >= 0; i-- {
		switch c := l[i]; {
		case c == '(' && i > 0 && l[i-1] == ']':
			switch {
			case i+1 < len(l) && (l[i+1] == ' ' || l[i+1] == '\t'):
				dest += int64(len(l) - i)
			case i+1 < len(l) && l[i+1] == '<':
				dest += int64(nextGT - i)
			case nextClose < nextOpen:
				dest += int64(min(nextSpace, nextClose) - i)
			default:
				dest += int64(nextSpace - i)
			}
			nextOpen = i
		case c == '(':
			nextOpen = i
		case c == ')':
			nextClose = i
		case c == ' ' || c == '\t':
			nextSpace = i
		case c == '>':
			nextGT = i
		}
	}
	if dest > 0 {
		s.add(costLinkDest, dest, lineNo)
	}

	for i := 0; i < len(l); i++ {
		switch c := l[i]; c {
		case '`':
			j := i
			for j < len(l) && l[j] == '`' {
				j++
			}
			s.ticks = append(s.ticks, tick{pos: off + i, n: j - i, escaped: i > 0 && l[i-1] == '\\'})
			i = j - 1
		case '*', '_', '~':
			s.delims++
			for i+1 < len(l) && l[i+1] == c {
				i++
			}
		case '[':
			s.opens = append(s.opens, off+i)
			if i+1 < len(l) && l[i+1] == '^' {
				s.fnRefs++
				if s.fnLine == 0 {
					s.fnLine = lineNo
				}
			}
		case ']':
			s.closers++
			if n := len(s.opens); n > 0 {
				s.spans += int64(off + i - s.opens[n-1])
				s.opens = s.opens[:n-1]
			}
		}
	}
}

// endParagraph charges the paragraph's costs and starts a new one.
func (s *scan) endParagraph() {
	if s.paraLines == 0 {
		return
	}
	at := s.paraLine
	if s.delims > 1 {
		s.add(costEmphasis, s.delims*(s.delims-1)/2, at)
	}
	if s.closers > 0 {
		s.add(costBracket, s.spans+s.closers*s.paraLines, at)
	}
	if s.defs > 0 {
		s.add(costLinkDef, s.defs*s.paraLines, at)
	}
	if len(s.ticks) > 0 {
		s.add(costCodeSpan, codeSpanScan(s.ticks, s.paraEnd), at)
	}
	s.paraLines, s.delims, s.closers, s.spans, s.defs = 0, 0, 0, 0, 0
	s.ticks, s.opens = s.ticks[:0], s.opens[:0]
}

// codeSpanScan is how far goldmark's code-span parser may scan from each
// backtick run: to the next run of the length it opens with, or to end.
func codeSpanScan(ticks []tick, end int) int64 {
	next := map[int]int{} // run length -> position of the next run of it
	var sum int64
	for i := len(ticks) - 1; i >= 0; i-- {
		t := ticks[i]
		dist := func(n int) int64 {
			if p, ok := next[n]; ok {
				return int64(p - t.pos)
			}
			return int64(end - t.pos)
		}
		d := dist(t.n)
		if t.escaped && t.n > 1 {
			d = max(d, dist(t.n-1))
		} else if t.escaped {
			d = 0
		}
		sum += d
		next[t.n] = t.pos
	}
	return sum
}

// containerMarkers counts the block-quote and list markers that open line
// and returns the rest of it.
func containerMarkers(l []byte) (int, []byte) {
	n := 0
	for {
		i := 0
		for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
			i++
		}
		l = l[i:]
		switch {
		case len(l) > 0 && l[0] == '>':
			l = l[1:]
		case len(l) > 1 && (l[0] == '-' || l[0] == '+' || l[0] == '*') && (l[1] == ' ' || l[1] == '\t'):
			l = l[2:]
		default:
			d := 0
			for d < len(l) && d < 9 && '0' <= l[d] && l[d] <= '9' {
				d++
			}
			if d == 0 || d+1 >= len(l) || (l[d] != '.' && l[d] != ')') || (l[d+1] != ' ' && l[d+1] != '\t') {
				return n, l
			}
			l = l[d+2:]
		}
		n++
	}
}

// startsItem reports whether l opens a list item that interrupts any
// paragraph: a bullet or "1." / "1)" indented at most 3 spaces, with text.
func startsItem(l []byte) bool {
	i := 0
	for i < len(l) && i < 4 && l[i] == ' ' {
		i++
	}
	switch {
	case i > 3 || i >= len(l):
		return false
	case l[i] == '-' || l[i] == '+' || l[i] == '*':
		i++
	case l[i] == '1' && i+1 < len(l) && (l[i+1] == '.' || l[i+1] == ')'):
		i += 2
	default:
		return false
	}
	return i+1 < len(l) && (l[i] == ' ' || l[i] == '\t') && len(bytes.TrimSpace(l[i:])) > 0
}

// Check returns the *ComplexError Render would for src, without rendering it: for
// `escalator check`, which reports what a build would refuse.
func Check(src []byte) error { return checkComplexity(src) }
