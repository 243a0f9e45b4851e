package qr

import "math/bits"

// Penalty weights of ISO/IEC 18004 section 7.8.3.1.
const (
	penaltyRun     = 3  // N1: a run of five same-coloured modules, plus one per further module
	penaltyBlock   = 3  // N2: a 2×2 block of one colour
	penaltyFinder  = 40 // N3: a 1:1:3:1:1 finder-like pattern beside a light run four units long
	penaltyBalance = 10 // N4: each 5% step of the dark share away from 50%
)

// bitGrid is an n×n square of modules held as bits twice, row by row and
// column by column, so that the penalty rules read lines in either direction
// a word at a time. Module x of a line is bit x%64 of its word x/64; bits past
// the line's end are zero.
type bitGrid struct {
	n, w       int      // modules per side, words per line
	rows, cols []uint64 // line i is [i*w : i*w+w]
}

func newBitGrid(n int) *bitGrid {
	g := new(bitGrid)
	g.reset(n)
	clear(g.rows)
	clear(g.cols)
	return g
}

// reset makes g n×n, reusing its words if they suffice; what they hold is
// left for the caller to overwrite.
func (g *bitGrid) reset(n int) {
	w := (n + 63) / 64
	g.n, g.w = n, w
	if cap(g.rows) < n*w || cap(g.cols) < n*w {
		words := make([]uint64, 2*n*w)
		g.rows, g.cols = words[:n*w:n*w], words[n*w:]
	}
	g.rows, g.cols = g.rows[:n*w], g.cols[:n*w]
}

// bitGridOf returns the grid of n×n modules given row by row.
func bitGridOf(mods []bool, n int) *bitGrid {
	g := newBitGrid(n)
	for y := range n {
		for x := range n {
			if mods[y*n+x] {
				g.set(x, y, true)
			}
		}
	}
	return g
}

func (g *bitGrid) set(x, y int, dark bool) {
	r, c := &g.rows[y*g.w+x/64], &g.cols[x*g.w+y/64]
	rb, cb := uint64(1)<<(x%64), uint64(1)<<(y%64)
	if dark {
		*r, *c = *r|rb, *c|cb
	} else {
		*r, *c = *r&^rb, *c&^cb
	}
}

func (g *bitGrid) dark(x, y int) bool { return g.rows[y*g.w+x/64]>>(x%64)&1 != 0 }

// fillCols sets g's columns from its rows, 64×64 modules at a time.
func (g *bitGrid) fillCols() {
	n, w := g.n, g.w
	var b [64]uint64
	for bi := range w { // rows bi*64 on, which are bits of the columns' word bi
		for bj := range w { // columns bj*64 on
			clear(b[:])
			for k := 0; k < 64 && bi*64+k < n; k++ {
				b[k] = g.rows[(bi*64+k)*w+bj]
			}
			transpose64(&b)
			for k := 0; k < 64 && bj*64+k < n; k++ {
				g.cols[(bj*64+k)*w+bi] = b[k]
			}
		}
	}
}

// transpose64 transposes a 64×64 bit matrix: bit j of a[i] trades places
// with bit i of a[j]. Each round swaps the off-diagonal quarters of every
// 2j×2j block.
func transpose64(a *[64]uint64) {
	m := uint64(0x00000000ffffffff) // the low half of every 2j bits
	for j := 32; j != 0; j >>= 1 {
		for k := 0; k < 64; k = (k + j + 1) &^ j {
			t := (a[k]>>j ^ a[k+j]) & m
			a[k+j] ^= t
			a[k] ^= t << j
		}
		m ^= m << (j / 2)
	}
}

// xor makes g the modules of a with those of b inverted.
func (g *bitGrid) xor(a, b *bitGrid) {
	for i := range g.rows {
		g.rows[i] = a.rows[i] ^ b.rows[i]
	}
	for i := range g.cols {
		g.cols[i] = a.cols[i] ^ b.cols[i]
	}
}

// penalty returns the penalty score of the grid, which Encode minimises over
// the masks; runs is scratch space. Rule N3 reads the standard's "1:1:3:1:1
// ratio" at any scale, as a scanner hunting for finders does: dark:light:
// dark:light:dark runs u, u, 3u, u, u long count once for each side that a
// light run 4u long borders (the other side being light for at least u), and
// modules beyond the edge count as light, as the quiet zone there is.
// Nayuki's QR Code generator scores masks the same way, and the tests compare
// against it and against a plain module-by-module reading of the rules.
func (g *bitGrid) penalty(runs []int) int {
	if g.w == 1 {
		return penalty1(g.rows, g.cols, noMask[:], noMask[:], g.n)
	}
	n, w := g.n, g.w
	p, dark := 0, 0
	for i := range n {
		row := g.rows[i*w : i*w+w]
		p += linePenalty(row, n, runs) + linePenalty(g.cols[i*w:i*w+w], n, runs)
		for _, x := range row {
			dark += bits.OnesCount64(x)
		}
	}
	// N2: a block's top-left module x has a[x] = a[x+1] = b[x] = b[x+1].
	for y := 0; y+1 < n; y++ {
		a, b := g.rows[y*w:y*w+w], g.rows[(y+1)*w:(y+1)*w+w]
		for i := range w {
			a1 := a[i]>>1 | word(a, i+1)<<63
			b1 := b[i]>>1 | word(b, i+1)<<63
			same := ^(a[i] ^ b[i]) & ^(a1 ^ b1) & ^(a[i] ^ a1)
			p += penaltyBlock * bits.OnesCount64(same&below(i, n-1))
		}
	}
	// k is the number of whole 5% steps by which the dark share differs
	// from 50%: 10 points for 40-45% or 55-60%, 0 within 45-55%.
	total := n * n
	k := (abs(dark*20-total*10)+total-1)/total - 1
	if k > 0 {
		p += k * penaltyBalance
	}
	return p
}

// penalty1 returns the penalty score of an n×n grid, n ≤ 64, as the codes
// of page addresses are: line i is the word rows[i] or cols[i], with the
// modules of maskRows[i] or maskCols[i] inverted. Encode scores each mask
// of the data so, without writing the masked grid.
func penalty1(rows, cols, maskRows, maskCols []uint64, n int) int {
	rows, cols, maskRows, maskCols = rows[:n], cols[:n], maskRows[:n], maskCols[:n]
	p := linesPenalty1(rows, maskRows, n) + linesPenalty1(cols, maskCols, n)
	inner := lowBits(n - 1)
	above := rows[0] ^ maskRows[0]
	dark := bits.OnesCount64(above)
	for i := 1; i < n; i++ {
		row := rows[i] ^ maskRows[i]
		dark += bits.OnesCount64(row)
		// N2: a block's top-left module x has a[x] = a[x+1] = b[x] = b[x+1].
		same := ^(above ^ row)
		p += penaltyBlock * bits.OnesCount64(same&(same>>1)&^(above^above>>1)&inner)
		above = row
	}
	total := n * n
	k := (abs(dark*20-total*10)+total-1)/total - 1
	if k > 0 {
		p += k * penaltyBalance
	}
	return p
}

// noMask is the mask of penalty1 that inverts nothing.
var noMask [64]uint64

// lowBits returns a word whose lowest k bits are set, none for k ≤ 0.
func lowBits(k int) uint64 {
	if k <= 0 {
		return 0
	}
	return 1<<min(k, 64) - 1
}

// linePenalty1 is linePenalty for a line of n ≤ 64 modules, bit x of line
// being module x.
func linePenalty1(line uint64, n int) int {
	return linesPenalty1([]uint64{line}, noMask[:1], n)
}

// linesPenalty1 returns the penalties of rules N1 and N3 for lines of n ≤ 64
// modules, line i being lines[i] with the modules of masks[i] inverted. It
// takes them all in one loop, as a call per line cost about a tenth of the
// scoring. Bit x of line>>k is module x+k, of line<<k module x-k, and bits
// shifted in from either side are light, as modules past the edge are.
func linesPenalty1(lines, masks []uint64, n int) int {
	masks = masks[:len(lines)]
	short := ^uint64(0) >> (68 - n) // modules x < n-4
	p := 0
	for i, line := range lines {
		line ^= masks[i]
		// Bit x of dk is set if modules x to x+k-1 are all dark, of ak if
		// any of them is; each widens a narrower one.
		r1 := line >> 1
		d2, a2 := line&r1, line|r1
		d3, a3 := d2&(d2>>1), a2|(a2>>1)
		d5, a5 := d3&(d3>>2), a3|(a3>>2)
		// N1: five of a colour from module x. A run of m ≥ 5 holds m-4
		// such x in a row and scores m-2, the modules x, x+1 and x+2 of
		// them, all inside the run.
		five := d5 | ^a5&short
		p += bits.OnesCount64(five | five<<1 | five<<2)

		// N3 at scale one: light, the pattern 1011101, light, from module
		// x-1 to x+7; then four light modules before it, or after it.
		l1, r5, r6, r7 := line<<1, line>>5, line>>6, line>>7
		if pat := line & (d3 >> 2) & r6 &^ (l1 | r1 | r5 | r7); pat != 0 {
			before := ^(l1 | line<<2 | line<<3 | line<<4)
			after := ^(r7 | line>>8 | line>>9 | line>>10)
			p += penaltyFinder * (bits.OnesCount64(pat&before) + bits.OnesCount64(pat&after))
		}
		// Larger scales need a middle run of exactly six, with the runs of
		// two around it (checked at their ends, from the pattern's first
		// module x-4), or of nine or more: rare in data. Lines through a
		// finder have a run of seven.
		if d6 := d5 & r5; d6 != 0 {
			mid := d6 &^ r6 &^ l1
			two := (mid >> 4) & line & r1 &^ (line >> 2) &^ (line >> 3) &^ (line >> 10) &^ (line >> 11) & (line >> 12) & (line >> 13)
			if two|d6&r6&r7&(line>>8) != 0 {
				p += finderScales(line, n, d6)
			}
		}
	}
	return p
}

// finderScales returns the N3 penalty of a line of n ≤ 64 modules at scales
// two and up, with a bit x for a pattern starting at module x; d6 has bit x
// set where modules x to x+5 are dark.
func finderScales(line uint64, n int, d6 uint64) int {
	p := 0
	d3u := d6
	for u := 2; 7*u <= n && d3u != 0; u++ {
		if u > 2 {
			d3u &= (line >> (3*u - 3)) & (line >> (3*u - 2)) & (line >> (3*u - 1))
		}
		// The middle dark run must be exactly 3u long, and the modules at
		// the other runs' ends the right colours: few lines get past this.
		mid := d3u &^ (line >> (3 * u)) &^ (line << 1)
		if mid == 0 {
			continue
		}
		ends := (mid >> (2 * u)) & line & (line >> (u - 1)) &^ (line >> u) &^ (line >> (2*u - 1)) &^
			(line >> (5 * u)) &^ (line >> (6*u - 1)) & (line >> (6 * u)) & (line >> (7*u - 1)) &^ (line >> (7 * u))
		if ends == 0 {
			continue
		}
		du, au, a4u, bu, b4u := allDark(line, u), anyDark(line, u), anyDark(line, 4*u), anyDarkBefore(line, u), anyDarkBefore(line, 4*u)
		// Dark u, light u, dark 3u, light u, dark u, light u, each run
		// exact, after at least u light modules.
		pat := ends & du &^ (au >> u) & (d3u >> (2 * u)) &^ (au >> (5 * u)) & (du >> (6 * u)) &^ (au >> (7 * u)) &^ bu
		if pat != 0 {
			p += penaltyFinder * (bits.OnesCount64(pat&^b4u) + bits.OnesCount64(pat&^(a4u>>(7*u))))
		}
	}
	return p
}

// allDark returns the bits x of line where bits x to x+k-1 are all set.
func allDark(line uint64, k int) uint64 {
	d := line
	for m := 1; m < k; {
		step := min(m, k-m)
		d &= d >> step
		m += step
	}
	return d
}

// anyDark returns the bits x of line where one of bits x to x+k-1 is set.
func anyDark(line uint64, k int) uint64 {
	a := line
	for m := 1; m < k; {
		step := min(m, k-m)
		a |= a >> step
		m += step
	}
	return a
}

// anyDarkBefore returns the bits x of line where one of bits x-k to x-1 is set.
func anyDarkBefore(line uint64, k int) uint64 {
	b := line << 1
	for m := 1; m < k; {
		step := min(m, k-m)
		b |= b << step
		m += step
	}
	return b
}

// word returns line[i], or 0 past either end: modules beyond the edge are light.
func word(line []uint64, i int) uint64 {
	if i < 0 || i >= len(line) {
		return 0
	}
	return line[i]
}

// below returns the bits of word i that stand for modules before module m.
func below(i, m int) uint64 {
	switch lo := i * 64; {
	case m <= lo:
		return 0
	case m >= lo+64:
		return ^uint64(0)
	default:
		return 1<<(m-lo) - 1
	}
}

// linePenalty returns the penalties of rules N1 (runs) and N3 (finder-like
// patterns) for one row or column of n modules; runs is scratch space.
// Both are read off shifted copies of the line's words: bit x of r(k) is
// module x+k, of l(k) module x-k.
func linePenalty(line []uint64, n int, runs []int) int {
	if len(line) == 1 {
		return linePenalty1(line[0], n)
	}
	p, finders := 0, 0
	var carry uint64 // the last bit of the previous word's runs of five
	long := false    // a dark run of six or more, which a pattern at a scale above one needs
	for i, cur := range line {
		prev, next := word(line, i-1), word(line, i+1)
		r := func(k int) uint64 { return cur>>k | next<<(64-k) }
		l := func(k int) uint64 { return cur<<k | prev>>(64-k) }
		r1, r2, r3, r4, r5 := r(1), r(2), r(3), r(4), r(5)

		// N1: five of a colour from module x. A run of m ≥ 5 holds m-4 such
		// x in a row and scores m-2: one point each and two for its start.
		five := (cur&r1&r2&r3&r4 | ^(cur | r1 | r2 | r3 | r4)) & below(i, n-4)
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
		return p + finderRuns(line, n, runs)
	}
	return p + finders*penaltyFinder
}

// finderRuns returns the N3 penalty of a line at every scale, read from its
// runs; runs is scratch space.
func finderRuns(line []uint64, n int, runs []int) int {
	// runs holds run lengths, alternately light and dark, starting and
	// ending with a light run (perhaps of length 0).
	runs = runs[:0]
	if line[0]&1 != 0 {
		runs = append(runs, 0)
	}
	start := 0
	for i, cur := range line {
		edges := (cur ^ (cur>>1 | word(line, i+1)<<63)) & below(i, n-1) // module x differs from x+1
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
