package qr

import "sync"

// matrix is a symbol under construction.
type matrix struct {
	n    int
	base []bool // function patterns and unmasked codeword bits
	fn   []bool // modules of function patterns and format/version information
}

// newMatrix returns a version-v matrix with its function patterns drawn and
// the format information area reserved.
func newMatrix(v int) *matrix {
	n := 17 + 4*v
	m := &matrix{n: n, base: make([]bool, n*n), fn: make([]bool, n*n)}
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
				d := max(abs(dx), abs(dy))
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
					m.set(cx+dx, cy+dy, max(abs(dx), abs(dy)) != 1)
				}
			}
		}
	}
	m.format(m.base, 0) // reserves the area; each mask redraws it
	m.set(8, n-8, true) // the dark module
	if v >= 7 {
		bits := versionBits(v)
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
func (m *matrix) set(x, y int, dark bool) {
	m.base[y*m.n+x] = dark
	m.fn[y*m.n+x] = true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// place draws the codewords' bits, most significant first, into the
// non-function modules: two-module-wide columns from the right edge
// leftwards, alternately upwards and downwards, skipping the vertical timing
// pattern. The remainder modules stay light.
func (m *matrix) place(cw []byte) {
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

// maskFuncs are the eight data mask conditions of ISO/IEC 18004 table 10,
// for row y and column x; a module is inverted where its condition holds.
var maskFuncs = [8]func(x, y int) bool{
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
func (m *matrix) mask(g, base *bitGrid, k int, l Level) {
	g.xor(base, m.flips()[k])
	bits := formatBits(l.formatBits()<<3 | k)
	formatModules(m.n, func(x, y, i int) { g.set(x, y, bits>>i&1 != 0) })
}

// flips returns, for each mask, the modules it inverts: the data modules where its
// condition holds. They depend only on the version, and evaluating the conditions
// module by module was most of the time an encoding took, so they are made once.
func (m *matrix) flips() *[8]*bitGrid {
	v := (m.n - 17) / 4
	flipsOnce[v].Do(func() {
		n := m.n
		for k, f := range maskFuncs {
			flip := make([]bool, n*n)
			for y := range n {
				for x := range n {
					flip[y*n+x] = !m.fn[y*n+x] && f(x, y)
				}
			}
			flipsByVersion[v][k] = bitGridOf(flip, n)
		}
	})
	return &flipsByVersion[v]
}

var (
	flipsOnce      [41]sync.Once
	flipsByVersion [41][8]*bitGrid
)

// format draws both copies of the format information for the five data bits
// (level and mask) into grid.
func (m *matrix) format(grid []bool, data int) {
	bits := formatBits(data)
	formatModules(m.n, func(x, y, i int) {
		grid[y*m.n+x] = bits>>i&1 != 0
		m.fn[y*m.n+x] = true
	})
}

// formatModules calls put with each module of the format information in an
// n×n symbol and the index of the bit it holds.
func formatModules(n int, put func(x, y, i int)) {
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

// formatBits returns the 15-bit format information for five data bits: a
// (15,5) BCH code with generator 0x537, XORed with 0x5412.
func formatBits(data int) int {
	rem := data
	for range 10 {
		rem = rem<<1 ^ (rem>>9)*0x537
	}
	return (data<<10 | rem&0x3ff) ^ 0x5412
}

// versionBits returns the 18-bit version information of version v: an
// (18,6) BCH code with generator 0x1f25.
func versionBits(v int) int {
	rem := v
	for range 12 {
		rem = rem<<1 ^ (rem>>11)*0x1f25
	}
	return v<<12 | rem&0xfff
}

// code returns the finished Code under mask k; base is m.base as bits.
func (m *matrix) code(base *bitGrid, v int, l Level, k int) *Code {
	g := newBitGrid(m.n)
	m.mask(g, base, k, l)
	return &Code{Size: m.n, Version: v, Level: l, mask: k, grid: g}
}
