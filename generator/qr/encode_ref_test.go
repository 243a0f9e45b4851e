package qr

import (
	"encoding/xml"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"sync"
)

// This file keeps the encoder as it was before Encode built codes from
// per-version templates and scored masks a line per word (commit 1c9eb5e),
// renamed with a ref prefix: the reference that differential_test.go holds
// Encode and SVG to, module for module and byte for byte. It shares only the
// standard's tables and the Reed-Solomon generators with the package.

// refCode is an encoded QR code: a square of Size×Size modules, each dark or
// light, not counting the quiet zone around it. Its fields describe the
// symbol refEncode made and are for reading only.
type refCode struct {
	Size    int   // modules per side: 17 + 4×Version
	Version int   // symbol version, 1 to 40
	Level   Level // error correction level

	mask int      // data mask pattern, 0 to 7
	grid *refGrid // the modules; a set bit is dark
}

// Black reports whether the module in column x and row y is dark; (0, 0) is
// the top-left module. Modules outside the symbol, such as the quiet zone,
// are light.
func (c *refCode) Black(x, y int) bool {
	if x < 0 || y < 0 || x >= c.Size || y >= c.Size {
		return false
	}
	return c.grid.dark(x, y)
}

// refEncode returns the QR code of text's bytes (UTF-8, as Go strings hold
// them; no ECI header is added) in byte mode at the given level, using the
// smallest version that holds them and the data mask with the lowest penalty
// score (the lowest-numbered mask among equals). It fails for an unknown
// level and, wrapping ErrTooLong, for a text longer than Capacity(40, level)
// bytes.
func refEncode(text string, level Level) (*refCode, error) {
	if level < L || level > H {
		return nil, fmt.Errorf("qr: unknown error correction level %d", int(level))
	}
	v := 1
	for v <= 40 && Capacity(v, level) < len(text) {
		v++
	}
	if v > 40 {
		return nil, fmt.Errorf("%w: %d bytes, level %v holds at most %d", ErrTooLong, len(text), level, Capacity(40, level))
	}
	m := newRefMatrix(v)
	m.place(refCodewords(text, v, level))
	base, g := refGridOf(m.base, m.n), newRefGrid(m.n)
	runs := make([]int, 0, m.n+2)
	best, bestScore := 0, -1
	for k := range 8 {
		m.mask(g, base, k, level)
		if s := g.penalty(runs); bestScore < 0 || s < bestScore {
			best, bestScore = k, s
		}
	}
	return m.code(base, v, level, best), nil
}

// refCodewords returns the final codeword sequence of a version-v symbol at
// level l holding text in byte mode: the data refCodewords split into blocks,
// each block's error correction appended, and the blocks interleaved.
func refCodewords(text string, v int, l Level) []byte {
	nd := dataCodewords(v, l)
	data := make([]byte, 0, nd)
	// The bit stream is the mode indicator 0100 (byte mode), the character
	// count (8 or 16 bits), the bytes and the terminator 0000: whole bytes
	// shifted right by a nibble, which nib carries over. Capacity leaves room
	// for the terminator.
	nib := byte(0b0100)
	put := func(b byte) {
		data = append(data, nib<<4|b>>4)
		nib = b & 0xf
	}
	if countBits(v) == 16 {
		put(byte(len(text) >> 8))
	}
	put(byte(len(text)))
	for i := 0; i < len(text); i++ {
		put(text[i])
	}
	data = append(data, nib<<4)
	for pad := byte(0xec); len(data) < nd; pad ^= 0xec ^ 0x11 {
		data = append(data, pad)
	}

	nb := int(numBlocks[l][v])
	ecc := int(eccPerBlock[l][v])
	raw := rawModules(v) / 8
	short := nb - raw%nb     // blocks with one data codeword fewer
	shortLen := raw/nb - ecc // data refCodewords of a short block
	out := make([]byte, 0, raw)
	blocks := make([][]byte, nb)
	eccs := make([][]byte, nb)
	off := 0
	for i := range nb {
		n := shortLen
		if i >= short {
			n++
		}
		blocks[i] = data[off : off+n]
		eccs[i] = refRSRemainder(blocks[i], ecc)
		off += n
	}
	for i := 0; i <= shortLen; i++ {
		for _, b := range blocks {
			if i < len(b) {
				out = append(out, b[i])
			}
		}
	}
	for i := range ecc {
		for _, e := range eccs {
			out = append(out, e[i])
		}
	}
	return out
}

// refMatrix is a symbol under construction.
type refMatrix struct {
	n    int
	base []bool // function patterns and unmasked codeword bits
	fn   []bool // modules of function patterns and format/version information
}

// newRefMatrix returns a version-v refMatrix with its function patterns drawn and
// the format information area reserved.
func newRefMatrix(v int) *refMatrix {
	n := 17 + 4*v
	m := &refMatrix{n: n, base: make([]bool, n*n), fn: make([]bool, n*n)}
	// Timing patterns first: the finders and alignment patterns overwrite
	// their ends.
	for i := range n {
		m.set(6, i, i%2 == 0)
		m.set(i, 6, i%2 == 0)
	}
	// Finder patterns with their light separators.
	for _, c := range [3][2]int{{3, 3}, {n - 4, 3}, {3, n - 4}} {
		for dy := -4; dy <= 4; dy++ {
			for dx := -4; dx <= 4; dx++ {
				x, y := c[0]+dx, c[1]+dy
				if x < 0 || y < 0 || x >= n || y >= n {
					continue
				}
				d := max(refAbs(dx), refAbs(dy))
				m.set(x, y, d != 2 && d != 4)
			}
		}
	}
	// Alignment patterns, except where they would overlap a finder.
	ac := alignmentCenters[v]
	last := len(ac) - 1
	for i, cx := range ac {
		for j, cy := range ac {
			if i == 0 && j == 0 || i == 0 && j == last || i == last && j == 0 {
				continue
			}
			for dy := -2; dy <= 2; dy++ {
				for dx := -2; dx <= 2; dx++ {
					m.set(cx+dx, cy+dy, max(refAbs(dx), refAbs(dy)) != 1)
				}
			}
		}
	}
	m.format(m.base, 0) // reserves the area; each mask redraws it
	m.set(8, n-8, true) // the dark module
	if v >= 7 {
		bits := refVersionBits(v)
		for i := range 18 {
			dark := bits>>i&1 != 0
			a, b := n-11+i%3, i/3
			m.set(b, a, dark)
			m.set(a, b, dark)
		}
	}
	return m
}

// set draws a function module.
func (m *refMatrix) set(x, y int, dark bool) {
	m.base[y*m.n+x] = dark
	m.fn[y*m.n+x] = true
}

func refAbs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// place draws the refCodewords' bits, most significant first, into the
// non-function modules: two-module-wide columns from the right edge
// leftwards, alternately upwards and downwards, skipping the vertical timing
// pattern. The remainder modules stay light.
func (m *refMatrix) place(cw []byte) {
	n, i := m.n, 0
	total := len(cw) * 8
	for right := n - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5
		}
		upward := (right+1)&2 == 0
		for vert := range n {
			y := vert
			if upward {
				y = n - 1 - vert
			}
			for x := right; x >= right-1; x-- {
				k := y*n + x
				if m.fn[k] || i >= total {
					continue
				}
				m.base[k] = cw[i>>3]>>(7-i&7)&1 != 0
				i++
			}
		}
	}
}

// refMaskFuncs are the eight data mask conditions of ISO/IEC 18004 table 10,
// for row y and column x; a module is inverted where its condition holds.
var refMaskFuncs = [8]func(x, y int) bool{
	func(x, y int) bool { return (y+x)%2 == 0 },
	func(x, y int) bool { return y%2 == 0 },
	func(x, y int) bool { return x%3 == 0 },
	func(x, y int) bool { return (y+x)%3 == 0 },
	func(x, y int) bool { return (y/2+x/3)%2 == 0 },
	func(x, y int) bool { return y*x%2+y*x%3 == 0 },
	func(x, y int) bool { return (y*x%2+y*x%3)%2 == 0 },
	func(x, y int) bool { return ((y+x)%2+y*x%3)%2 == 0 },
}

// mask makes g, the size of m, the symbol base (m.base as bits) under mask k
// at level l, with its format information.
func (m *refMatrix) mask(g, base *refGrid, k int, l Level) {
	g.xor(base, m.flips()[k])
	bits := refFormatBits(l.formatBits()<<3 | k)
	refFormatModules(m.n, func(x, y, i int) { g.set(x, y, bits>>i&1 != 0) })
}

// flips returns, for each mask, the modules it inverts: the data modules where its
// condition holds. They depend only on the version, and evaluating the conditions
// module by module was most of the time an encoding took, so they are made once.
func (m *refMatrix) flips() *[8]*refGrid {
	v := (m.n - 17) / 4
	refFlipsOnce[v].Do(func() {
		n := m.n
		for k, f := range refMaskFuncs {
			flip := make([]bool, n*n)
			for y := range n {
				for x := range n {
					flip[y*n+x] = !m.fn[y*n+x] && f(x, y)
				}
			}
			refFlipsByVersion[v][k] = refGridOf(flip, n)
		}
	})
	return &refFlipsByVersion[v]
}

var (
	refFlipsOnce      [41]sync.Once
	refFlipsByVersion [41][8]*refGrid
)

// format draws both copies of the format information for the five data bits
// (level and mask) into grid.
func (m *refMatrix) format(grid []bool, data int) {
	bits := refFormatBits(data)
	refFormatModules(m.n, func(x, y, i int) {
		grid[y*m.n+x] = bits>>i&1 != 0
		m.fn[y*m.n+x] = true
	})
}

// refFormatModules calls put with each module of the format information in an
// n×n symbol and the index of the bit it holds.
func refFormatModules(n int, put func(x, y, i int)) {
	// First copy, around the top-left finder: bits 0-5 down column 8, 6-8
	// around the timing patterns' corner, 9-14 leftwards along row 8.
	for i := range 6 {
		put(8, i, i)
	}
	put(8, 7, 6)
	put(8, 8, 7)
	put(7, 8, 8)
	for i := 9; i < 15; i++ {
		put(14-i, 8, i)
	}
	// Second copy: bits 0-7 along row 8 from the right edge, 8-14 down
	// column 8 to the bottom edge.
	for i := range 8 {
		put(n-1-i, 8, i)
	}
	for i := 8; i < 15; i++ {
		put(8, n-15+i, i)
	}
}

// refFormatBits returns the 15-bit format information for five data bits: a
// (15,5) BCH code with generator 0x537, XORed with 0x5412.
func refFormatBits(data int) int {
	rem := data
	for range 10 {
		rem = rem<<1 ^ (rem>>9)*0x537
	}
	return (data<<10 | rem&0x3ff) ^ 0x5412
}

// refVersionBits returns the 18-bit version information of version v: an
// (18,6) BCH code with generator 0x1f25.
func refVersionBits(v int) int {
	rem := v
	for range 12 {
		rem = rem<<1 ^ (rem>>11)*0x1f25
	}
	return v<<12 | rem&0xfff
}

// code returns the finished refCode under mask k; base is m.base as bits.
func (m *refMatrix) code(base *refGrid, v int, l Level, k int) *refCode {
	g := newRefGrid(m.n)
	m.mask(g, base, k, l)
	return &refCode{Size: m.n, Version: v, Level: l, mask: k, grid: g}
}

// refGrid is an n×n square of modules held as bits twice, row by row and
// column by column, so that the penalty rules read lines in either direction
// a refWord at a time. Module x of a line is bit x%64 of its refWord x/64; bits past
// the line's end are zero.
type refGrid struct {
	n, w       int      // modules per side, words per line
	rows, cols []uint64 // line i is [i*w : i*w+w]
}

func newRefGrid(n int) *refGrid {
	w := (n + 63) / 64
	return &refGrid{n: n, w: w, rows: make([]uint64, n*w), cols: make([]uint64, n*w)}
}

// refGridOf returns the grid of n×n modules given row by row.
func refGridOf(mods []bool, n int) *refGrid {
	g := newRefGrid(n)
	for y := range n {
		for x := range n {
			if mods[y*n+x] {
				g.set(x, y, true)
			}
		}
	}
	return g
}

func (g *refGrid) set(x, y int, dark bool) {
	r, c := &g.rows[y*g.w+x/64], &g.cols[x*g.w+y/64]
	rb, cb := uint64(1)<<(x%64), uint64(1)<<(y%64)
	if dark {
		*r, *c = *r|rb, *c|cb
	} else {
		*r, *c = *r&^rb, *c&^cb
	}
}

func (g *refGrid) dark(x, y int) bool { return g.rows[y*g.w+x/64]>>(x%64)&1 != 0 }

// xor makes g the modules of a with those of b inverted.
func (g *refGrid) xor(a, b *refGrid) {
	for i := range g.rows {
		g.rows[i] = a.rows[i] ^ b.rows[i]
	}
	for i := range g.cols {
		g.cols[i] = a.cols[i] ^ b.cols[i]
	}
}

// penalty returns the penalty score of the grid, which refEncode minimises over
// the masks; runs is scratch space. Rule N3 reads the standard's "1:1:3:1:1
// ratio" at any scale, as a scanner hunting for finders does: dark:light:
// dark:light:dark runs u, u, 3u, u, u long count once for each side that a
// light run 4u long borders (the other side being light for at least u), and
// modules beyond the edge count as light, as the quiet zone there is.
// Nayuki's QR refCode generator scores masks the same way, and the tests compare
// against it and against a plain module-by-module reading of the rules.
func (g *refGrid) penalty(runs []int) int {
	n, w := g.n, g.w
	p, dark := 0, 0
	for i := range n {
		row := g.rows[i*w : i*w+w]
		p += refGridLinePenalty(row, n, runs) + refGridLinePenalty(g.cols[i*w:i*w+w], n, runs)
		for _, x := range row {
			dark += bits.OnesCount64(x)
		}
	}
	// N2: a block's top-left module x has a[x] = a[x+1] = b[x] = b[x+1].
	for y := 0; y+1 < n; y++ {
		a, b := g.rows[y*w:y*w+w], g.rows[(y+1)*w:(y+1)*w+w]
		for i := range w {
			a1 := a[i]>>1 | refWord(a, i+1)<<63
			b1 := b[i]>>1 | refWord(b, i+1)<<63
			same := ^(a[i] ^ b[i]) & ^(a1 ^ b1) & ^(a[i] ^ a1)
			p += penaltyBlock * bits.OnesCount64(same&refBelow(i, n-1))
		}
	}
	// k is the number of whole 5% steps by which the dark share differs
	// from 50%: 10 points for 40-45% or 55-60%, 0 within 45-55%.
	total := n * n
	k := (refAbs(dark*20-total*10)+total-1)/total - 1
	if k > 0 {
		p += k * penaltyBalance
	}
	return p
}

// refWord returns line[i], or 0 past either end: modules beyond the edge are light.
func refWord(line []uint64, i int) uint64 {
	if i < 0 || i >= len(line) {
		return 0
	}
	return line[i]
}

// refBelow returns the bits of refWord i that stand for modules before module m.
func refBelow(i, m int) uint64 {
	switch lo := i * 64; {
	case m <= lo:
		return 0
	case m >= lo+64:
		return ^uint64(0)
	default:
		return 1<<(m-lo) - 1
	}
}

// refGridLinePenalty returns the penalties of rules N1 (runs) and N3 (finder-like
// patterns) for one row or column of n modules; runs is scratch space.
// Both are read off shifted copies of the line's words: bit x of r(k) is
// module x+k, of l(k) module x-k.
func refGridLinePenalty(line []uint64, n int, runs []int) int {
	p, finders := 0, 0
	var carry uint64 // the last bit of the previous refWord's runs of five
	long := false    // a dark run of six or more, which a pattern at a scale above one needs
	for i, cur := range line {
		prev, refNext := refWord(line, i-1), refWord(line, i+1)
		r := func(k int) uint64 { return cur>>k | refNext<<(64-k) }
		l := func(k int) uint64 { return cur<<k | prev>>(64-k) }
		r1, r2, r3, r4, r5 := r(1), r(2), r(3), r(4), r(5)

		// N1: five of a colour from module x. A run of m ≥ 5 holds m-4 such
		// x in a row and scores m-2: one point each and two for its start.
		five := (cur&r1&r2&r3&r4 | ^(cur | r1 | r2 | r3 | r4)) & refBelow(i, n-4)
		p += bits.OnesCount64(five) + 2*bits.OnesCount64(five&^(five<<1|carry))
		carry = five >> 63

		long = long || cur&r1&r2&r3&r4&r5 != 0
		// N3 at scale one: light, the pattern 1011101, light, from module
		// x-1 to x+7; then four light modules before it, or after it.
		r6, r7 := r(6), r(7)
		pat := ^l(1) & cur & ^r1 & r2 & r3 & r4 & ^r5 & r6 & ^r7
		if pat != 0 {
			before := ^(l(1) | l(2) | l(3) | l(4))
			after := ^(r7 | r(8) | r(9) | r(10))
			finders += bits.OnesCount64(pat&before) + bits.OnesCount64(pat&after)
		}
	}
	if long {
		return p + refFinderRuns(line, n, runs)
	}
	return p + finders*penaltyFinder
}

// refFinderRuns returns the N3 penalty of a line at every scale, read from its
// runs; runs is scratch space.
func refFinderRuns(line []uint64, n int, runs []int) int {
	// runs holds run lengths, alternately light and dark, starting and
	// ending with a light run (perhaps of length 0).
	runs = runs[:0]
	if line[0]&1 != 0 {
		runs = append(runs, 0)
	}
	start := 0
	for i, cur := range line {
		edges := (cur ^ (cur>>1 | refWord(line, i+1)<<63)) & refBelow(i, n-1) // module x differs from x+1
		for edges != 0 {
			x := i*64 + bits.TrailingZeros64(edges)
			edges &= edges - 1
			runs = append(runs, x+1-start)
			start = x + 1
		}
	}
	runs = append(runs, n-start)
	if line[(n-1)/64]>>((n-1)%64)&1 != 0 {
		runs = append(runs, 0)
	}
	// A finder-like pattern is dark and light runs u, u, 3u, u, u long
	// with, on one side, a light run at least 4u long and, on the other,
	// one at least u long. The first and last runs reach the quiet zone, so
	// they are long enough for any u.
	p := 0
	last := len(runs) - 1
	for i := 3; i+3 <= last; i += 2 { // dark runs sit at odd indices
		u := runs[i-2]
		if runs[i] != 3*u || runs[i-1] != u || runs[i+1] != u || runs[i+2] != u {
			continue
		}
		before, after := runs[i-3], runs[i+3]
		if i-3 == 0 {
			before = n
		}
		if i+3 == last {
			after = n
		}
		if before >= 4*u && after >= u {
			p += penaltyFinder
		}
		if after >= 4*u && before >= u {
			p += penaltyFinder
		}
	}
	return p
}

// SVG draws the code as SVG does, module by module: a reference for its
// bytes.
func (c *refCode) SVG(title string) string {
	side := strconv.Itoa(c.Size + 2*quiet)
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 `)
	b.WriteString(side + " " + side)
	b.WriteString(`" role="img" shape-rendering="crispEdges"><title>`)
	xml.EscapeText(&b, []byte(title)) // a strings.Builder never fails
	b.WriteString(`</title><rect class="qr-bg" width="`)
	b.WriteString(side + `" height="` + side)
	b.WriteString(`" fill="#fff"/><path class="qr-fg" fill="none" stroke="currentColor" d="`)
	for y := range c.Size {
		end := -1 // the end of the row's last run so far
		for x := 0; x < c.Size; x++ {
			if !c.Black(x, y) || x > 0 && c.Black(x-1, y) {
				continue
			}
			w := 1
			for x+w < c.Size && c.Black(x+w, y) {
				w++
			}
			if end < 0 {
				fmt.Fprintf(&b, "M%d %d.5h%d", x+quiet, y+quiet, w)
			} else {
				fmt.Fprintf(&b, "m%d 0h%d", x-end, w)
			}
			end = x + w
		}
	}
	b.WriteString(`"/></svg>`)
	return b.String()
}

// refRSRemainder returns the d error correction refCodewords of data: the remainder
// of data(x)·x^d divided by the degree-d generator polynomial.
func refRSRemainder(data []byte, d int) []byte {
	gen := rsGenerators[d]
	rem := make([]byte, d)
	for _, b := range data {
		f := b ^ rem[0]
		copy(rem, rem[1:])
		rem[d-1] = 0
		if f == 0 {
			continue
		}
		lf := gfLog[f]
		for j, g := range gen {
			if g != 0 {
				rem[j] ^= gfExp[lf+gfLog[g]]
			}
		}
	}
	return rem
}
