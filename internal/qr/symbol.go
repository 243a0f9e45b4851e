package qr

import "sync"

// symbol is what every code of one version shares. Drawing the function
// patterns and walking the placement path module by module cost more than
// the rest of an encoding, so each version's symbol is made once.
type symbol struct {
	n       int
	base    *bitGrid    // the function patterns; the format area holds formatBits(0)
	modules []pos       // the data modules, in the order the codeword bits fill them
	spans   []span      // for each codeword, where its bits go
	flips   [8]*bitGrid // for each mask, the data modules it inverts
	format  [30]formatModule
	levels  [4]struct {
		once  sync.Once
		masks [8]*bitGrid
	}
}

// pos is a module's column and row.
type pos struct{ x, y uint8 }

// span is where a codeword's bits go as runs of bits that fill adjacent
// modules of one row word. The two-module-wide columns of the placement path
// make most codewords four or five such runs, and setting a run at once
// rather than bit by bit saves a twentieth of an encoding. A codeword of
// more runs, beside a function pattern, is not ok and is placed module by
// module.
type span struct {
	runs [5]run // unused runs have a zero mask
	ok   bool
}

// run is bits low to low+bits.Len(mask)-1 of a codeword, set at bit shift
// of row word word.
type run struct {
	word             uint16
	low, mask, shift uint8
}

// formatModule is a module of the format information and the bit it holds.
type formatModule struct{ x, y, bit uint8 }

var symbols [41]struct {
	once sync.Once
	s    *symbol
}

// symbolOf returns the symbol of version v.
func symbolOf(v int) *symbol {
	e := &symbols[v]
	e.once.Do(func() { e.s = newSymbol(v) })
	return e.s
}

func newSymbol(v int) *symbol {
	m := newMatrix(v)
	n := m.n
	s := &symbol{n: n, base: bitGridOf(m.base, n)}
	// Two-module-wide columns from the right edge leftwards, alternately
	// upwards and downwards, skipping the vertical timing pattern; the
	// remainder modules past the last whole codeword stay light.
	s.modules = make([]pos, 0, rawModules(v))
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
				if !m.fn[y*n+x] {
					s.modules = append(s.modules, pos{uint8(x), uint8(y)})
				}
			}
		}
	}
	s.modules = s.modules[:len(s.modules)/8*8]
	s.spans = make([]span, len(s.modules)/8)
	for i := range s.spans {
		sp, k := &s.spans[i], 0
		for j, p := range s.modules[i*8 : i*8+8] {
			word, shift := uint16(int(p.y)*s.base.w+int(p.x)/64), p.x%64
			if r := &sp.runs[max(k, 1)-1]; j > 0 && r.word == word && r.shift == shift+1 {
				r.low, r.mask, r.shift = r.low-1, r.mask<<1|1, shift
				continue
			}
			if k == len(sp.runs) {
				k++
				break
			}
			sp.runs[k] = run{word: word, low: uint8(7 - j), mask: 1, shift: shift}
			k++
		}
		sp.ok = k <= len(sp.runs)
	}
	for k, f := range maskFuncs {
		flip := make([]bool, n*n)
		for y := range n {
			for x := range n {
				flip[y*n+x] = !m.fn[y*n+x] && f(x, y)
			}
		}
		s.flips[k] = bitGridOf(flip, n)
	}
	j := 0
	formatModules(n, func(x, y, i int) {
		s.format[j] = formatModule{uint8(x), uint8(y), uint8(i)}
		j++
	})
	return s
}

// place makes g the symbol's function patterns with the codewords' bits,
// most significant first, in the data modules.
func (s *symbol) place(g *bitGrid, cw []byte) {
	g.reset(s.n)
	copy(g.rows, s.base.rows)
	for i, b := range cw {
		if sp := &s.spans[i]; sp.ok {
			v := uint64(b)
			for _, r := range &sp.runs {
				g.rows[r.word] |= v >> r.low & uint64(r.mask) << r.shift
			}
			continue
		}
		for j, p := range s.modules[i*8 : i*8+8] {
			x := int(p.x)
			g.rows[int(p.y)*g.w+x/64] |= uint64(b>>(7-j)&1) << (x % 64)
		}
	}
	g.fillCols()
}

// masks returns what each mask inverts at level l: its data modules, and
// the format modules whose bit differs from the base's. Setting the 30
// format modules for every mask tried cost a tenth of an encoding.
func (s *symbol) masks(l Level) *[8]*bitGrid {
	e := &s.levels[l]
	e.once.Do(func() {
		for k, flip := range s.flips {
			g := newBitGrid(s.n)
			copy(g.rows, flip.rows)
			copy(g.cols, flip.cols)
			diff := formatBits(l.formatBits()<<3|k) ^ formatBits(0)
			for _, f := range s.format {
				if diff>>f.bit&1 != 0 {
					g.set(int(f.x), int(f.y), true)
				}
			}
			e.masks[k] = g
		}
	})
	return &e.masks
}

// mask makes g the placed symbol data under mask k, with the format
// information of level l and mask k.
func (s *symbol) mask(g, data *bitGrid, k int, l Level) {
	g.reset(s.n)
	g.xor(data, s.masks(l)[k])
}

// code returns the Code of the placed symbol data under mask k.
func (s *symbol) code(data *bitGrid, v int, l Level, k int) *Code {
	// One allocation for the Code and its grid, which live as long.
	a := new(struct {
		c Code
		g bitGrid
	})
	a.c = Code{Size: s.n, Version: v, Level: l, mask: k, grid: &a.g}
	s.mask(&a.g, data, k, l)
	return &a.c
}
