package qr

import (
	"errors"
	"fmt"
)

// This file is a minimal QR decoder for the tests, written from ISO/IEC
// 18004 apart from the encoder: it shares only the standard's data tables
// (block structure and alignment positions, which the reference vectors in
// testdata/nayuki.txt check). It reads a perfect symbol, as Code holds one,
// and checks everything it reads: function patterns, both copies of the
// format and version information with their BCH codes, zero Reed-Solomon
// syndromes in every block, and a byte-mode payload followed by the exact
// terminator and padding.

// decoded is what decode reads back from a symbol.
type decoded struct {
	version int
	level   Level
	mask    int
	text    string
}

// gf2Mod returns the remainder of the GF(2) polynomial w divided by g.
func gf2Mod(w, g int) int {
	dg := bitLen(g) - 1
	for bitLen(w)-1 >= dg {
		w ^= g << (bitLen(w) - 1 - dg)
	}
	return w
}

func bitLen(w int) int {
	n := 0
	for ; w > 0; w >>= 1 {
		n++
	}
	return n
}

// slowMul multiplies in GF(256) modulo 0x11d without tables.
func slowMul(a, b byte) byte {
	var p byte
	for b != 0 {
		if b&1 != 0 {
			p ^= a
		}
		hi := a&0x80 != 0
		a <<= 1
		if hi {
			a ^= 0x1d
		}
		b >>= 1
	}
	return p
}

// syndromes returns S_j = c(α^j) for j < n, with block as the coefficients
// of c, highest power first. A valid codeword has them all zero.
func syndromes(block []byte, n int) []byte {
	s := make([]byte, n)
	var aj byte = 1 // α^j
	for j := range n {
		var acc byte
		for _, c := range block { // Horner's rule
			acc = slowMul(acc, aj) ^ c
		}
		s[j] = acc
		aj = slowMul(aj, 2)
	}
	return s
}

// maskCondition is ISO/IEC 18004 table 10, with i the row and j the column.
func maskCondition(mask, i, j int) bool {
	switch mask {
	case 0:
		return (i+j)%2 == 0
	case 1:
		return i%2 == 0
	case 2:
		return j%3 == 0
	case 3:
		return (i+j)%3 == 0
	case 4:
		return (i/2+j/3)%2 == 0
	case 5:
		return (i*j)%2+(i*j)%3 == 0
	case 6:
		return ((i*j)%2+(i*j)%3)%2 == 0
	case 7:
		return ((i*j)%3+(i+j)%2)%2 == 0
	}
	panic("bad mask")
}

// reservedMap returns which modules of a version-v symbol are not data:
// the three 9×9 corners (finder, separator, format information and the
// dark module), the timing row and column, alignment patterns that miss the
// corners, and the version information blocks.
func reservedMap(v int) []bool {
	n := 17 + 4*v
	r := make([]bool, n*n)
	corner := func(x, y int) bool {
		return x < 9 && y < 9 || x >= n-8 && y < 9 || x < 9 && y >= n-8
	}
	for y := range n {
		for x := range n {
			r[y*n+x] = corner(x, y) || x == 6 || y == 6
			if v >= 7 && (x < 6 && y >= n-11 && y < n-8 || y < 6 && x >= n-11 && x < n-8) {
				r[y*n+x] = true
			}
		}
	}
	for _, cy := range alignmentCenters[v] {
		for _, cx := range alignmentCenters[v] {
			if corner(cx-2, cy-2) || corner(cx+2, cy-2) || corner(cx-2, cy+2) {
				continue
			}
			for y := cy - 2; y <= cy+2; y++ {
				for x := cx - 2; x <= cx+2; x++ {
					r[y*n+x] = true
				}
			}
		}
	}
	return r
}

var finderPicture = [7]string{
	"#######",
	"#.....#",
	"#.###.#",
	"#.###.#",
	"#.###.#",
	"#.....#",
	"#######",
}

// decode reads c back, failing on anything a perfect symbol would not have.
func decode(c *Code) (decoded, error) {
	var d decoded
	n := c.Size
	if n < 21 || n > 177 || (n-17)%4 != 0 {
		return d, fmt.Errorf("size %d is no version's", n)
	}
	v := (n - 17) / 4
	d.version = v
	black := c.Black

	// Finder patterns and separators.
	for _, o := range [3][2]int{{0, 0}, {n - 7, 0}, {0, n - 7}} {
		for dy := -1; dy <= 7; dy++ {
			for dx := -1; dx <= 7; dx++ {
				want := dx >= 0 && dy >= 0 && dx < 7 && dy < 7 && finderPicture[dy][dx] == '#'
				x, y := o[0]+dx, o[1]+dy
				if x < 0 || y < 0 || x >= n || y >= n {
					continue
				}
				if black(x, y) != want {
					return d, fmt.Errorf("finder at (%d,%d): module (%d,%d) wrong", o[0], o[1], x, y)
				}
			}
		}
	}
	// Timing patterns and the dark module.
	for i := 8; i < n-8; i++ {
		if black(i, 6) != (i%2 == 0) || black(6, i) != (i%2 == 0) {
			return d, fmt.Errorf("timing pattern wrong at %d", i)
		}
	}
	if !black(8, n-8) {
		return d, errors.New("dark module is light")
	}

	// Format information, most significant bit first, in both copies.
	type pt struct{ x, y int }
	copy1 := []pt{{0, 8}, {1, 8}, {2, 8}, {3, 8}, {4, 8}, {5, 8}, {7, 8}, {8, 8}, {8, 7}, {8, 5}, {8, 4}, {8, 3}, {8, 2}, {8, 1}, {8, 0}}
	var copy2 []pt
	for y := n - 1; y >= n-7; y-- {
		copy2 = append(copy2, pt{8, y})
	}
	for x := n - 8; x < n; x++ {
		copy2 = append(copy2, pt{x, 8})
	}
	read := func(ps []pt) int {
		w := 0
		for _, p := range ps {
			w <<= 1
			if black(p.x, p.y) {
				w |= 1
			}
		}
		return w
	}
	f1, f2 := read(copy1), read(copy2)
	if f1 != f2 {
		return d, fmt.Errorf("format copies differ: %015b, %015b", f1, f2)
	}
	f := f1 ^ 0x5412
	if gf2Mod(f, 0x537) != 0 {
		return d, fmt.Errorf("format information %015b fails its BCH check", f1)
	}
	d.level = [4]Level{M, L, H, Q}[f>>13]
	d.mask = f >> 10 & 7

	// Version information: bit i at column i/3, row n-11+i%3 in the lower
	// left block, and transposed in the upper right one.
	if v >= 7 {
		var b1, b2 int
		for i := 17; i >= 0; i-- {
			b1 <<= 1
			b2 <<= 1
			if black(i/3, n-11+i%3) {
				b1 |= 1
			}
			if black(n-11+i%3, i/3) {
				b2 |= 1
			}
		}
		if b1 != b2 || gf2Mod(b1, 0x1f25) != 0 || b1>>12 != v {
			return d, fmt.Errorf("version information %018b / %018b is not version %d's", b1, b2, v)
		}
	}

	// Unmask and read the data modules in placement order.
	reserved := reservedMap(v)
	var bits []bool
	up := true
	for x := n - 1; x > 0; x -= 2 {
		if x == 6 {
			x--
		}
		for k := range n {
			y := k
			if up {
				y = n - 1 - k
			}
			for _, xx := range [2]int{x, x - 1} {
				if !reserved[y*n+xx] {
					bits = append(bits, black(xx, y) != maskCondition(d.mask, y, xx))
				}
			}
		}
		up = !up
	}
	total := len(bits) / 8
	for _, b := range bits[total*8:] {
		if b {
			return d, errors.New("remainder bit is not 0")
		}
	}
	cw := make([]byte, total)
	for i := range total * 8 {
		if bits[i] {
			cw[i/8] |= 0x80 >> (i % 8)
		}
	}

	// De-interleave: the data codewords first, round-robin over the blocks,
	// the long blocks (the last ones) giving one more; then the error
	// correction codewords likewise.
	nb, ecc := int(numBlocks[d.level][v]), int(eccPerBlock[d.level][v])
	ndata := total - nb*ecc
	short, long := ndata/nb, ndata%nb
	blocks := make([][]byte, nb)
	pos := 0
	for i := 0; i <= short; i++ {
		for b := range nb {
			if i < short || b >= nb-long {
				blocks[b] = append(blocks[b], cw[pos])
				pos++
			}
		}
	}
	var data []byte
	for _, b := range blocks {
		data = append(data, b...)
	}
	for range ecc {
		for b := range nb {
			blocks[b] = append(blocks[b], cw[pos])
			pos++
		}
	}
	for b, blk := range blocks {
		for j, s := range syndromes(blk, ecc) {
			if s != 0 {
				return d, fmt.Errorf("block %d: syndrome %d is %d", b, j, s)
			}
		}
	}

	// The bit stream: mode, count, bytes, terminator, padding.
	p := 0
	take := func(k int) int {
		x := 0
		for range k {
			x <<= 1
			if data[p/8]>>(7-p%8)&1 != 0 {
				x |= 1
			}
			p++
		}
		return x
	}
	if len(data)*8 < 12 {
		return d, errors.New("too few data codewords")
	}
	if m := take(4); m != 0b0100 {
		return d, fmt.Errorf("mode %04b is not byte mode", m)
	}
	cbits := 8
	if v >= 10 {
		cbits = 16
	}
	count := take(cbits)
	if p+8*count > len(data)*8 {
		return d, fmt.Errorf("count %d overruns the %d data codewords", count, len(data))
	}
	text := make([]byte, count)
	for i := range text {
		text[i] = byte(take(8))
	}
	d.text = string(text)
	if t := min(4, len(data)*8-p); take(t) != 0 {
		return d, errors.New("terminator is not zero")
	}
	if p%8 != 0 && take(8-p%8) != 0 {
		return d, errors.New("bits after the terminator are not zero")
	}
	for i, pad := p/8, byte(0xec); i < len(data); i, pad = i+1, pad^0xec^0x11 {
		if data[i] != pad {
			return d, fmt.Errorf("pad codeword %d is %#x, want %#x", i, data[i], pad)
		}
	}
	return d, nil
}
