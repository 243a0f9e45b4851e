package qr

// matrix is a version's function patterns drawn module by module, from
// which newSymbol makes the symbol that Encode works on.
type matrix struct {
	n    int
	base []bool // function patterns
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
