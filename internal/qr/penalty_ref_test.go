package qr

import (
	"math/rand/v2"
	"testing"
)

// refPenalty is the penalty score of the n×n grid read module by module, as
// Encode scored masks before it read them as bits: the reference that
// bitGrid.penalty must equal.
func refPenalty(grid []bool, n int) int {
	p := 0
	line := make([]bool, n)
	runs := make([]int, 0, n+2)
	for y := range n {
		p += refLinePenalty(grid[y*n:y*n+n], runs)
	}
	for x := range n {
		for y := range n {
			line[y] = grid[y*n+x]
		}
		p += refLinePenalty(line, runs)
	}
	dark := 0
	for _, d := range grid {
		if d {
			dark++
		}
	}
	for y := 0; y+1 < n; y++ {
		row, next := grid[y*n:y*n+n], grid[(y+1)*n:(y+1)*n+n]
		for x := 0; x+1 < n; x++ {
			d := row[x]
			if d == row[x+1] && d == next[x] && d == next[x+1] {
				p += penaltyBlock
			}
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

// refLinePenalty returns the penalties of rules N1 (runs) and N3 (finder-like
// patterns) for one row or column; runs is scratch space.
func refLinePenalty(line []bool, runs []int) int {
	// runs holds run lengths, alternately light and dark, starting and
	// ending with a light run (perhaps of length 0).
	runs = runs[:0]
	if line[0] {
		runs = append(runs, 0)
	}
	cur, n := line[0], 0
	for _, d := range line {
		if d == cur {
			n++
			continue
		}
		runs = append(runs, n)
		cur, n = d, 1
	}
	runs = append(runs, n)
	if cur {
		runs = append(runs, 0)
	}
	p := 0
	for _, r := range runs {
		if r >= 5 {
			p += penaltyRun + r - 5
		}
	}
	// A finder-like pattern is dark and light runs n, n, 3n, n, n long
	// with, on one side, a light run at least 4n long and, on the other,
	// one at least n long. The first and last runs reach the quiet zone, so
	// they are long enough for any n.
	last := len(runs) - 1
	for i := 3; i+3 <= last; i += 2 { // dark runs sit at odd indices
		u := runs[i-2]
		if runs[i] != 3*u || runs[i-1] != u || runs[i+1] != u || runs[i+2] != u {
			continue
		}
		before, after := runs[i-3], runs[i+3]
		if i-3 == 0 {
			before = len(line)
		}
		if i+3 == last {
			after = len(line)
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

// lineWords returns a line of modules as bitGrid holds it.
func lineWords(line []bool) []uint64 {
	w := make([]uint64, (len(line)+63)/64)
	for x, d := range line {
		if d {
			w[x/64] |= 1 << (x % 64)
		}
	}
	return w
}

// randomGrid returns an n×n grid for testing the penalty rules: modules dark
// with probability dense, or runs drawn at random scales, which make
// finder-like patterns at scales above one likely.
func randomGrid(r *rand.Rand, n int, dense float64, runs bool) []bool {
	g := make([]bool, n*n)
	if !runs {
		for i := range g {
			g[i] = r.Float64() < dense
		}
		return g
	}
	for y := range n {
		u := 1 + r.IntN(4)
		dark := r.IntN(2) == 0
		for x := 0; x < n; {
			l := u * []int{1, 1, 1, 3, 4, 5}[r.IntN(6)]
			for ; l > 0 && x < n; l-- {
				g[y*n+x] = dark
				x++
			}
			dark = !dark
		}
	}
	// Transpose every other grid so that columns get the patterns too.
	if r.IntN(2) == 0 {
		t := make([]bool, n*n)
		for y := range n {
			for x := range n {
				t[x*n+y] = g[y*n+x]
			}
		}
		g = t
	}
	return g
}

// TestPenaltyMatchesReference checks the bitwise penalty against the plain
// reading of the rules on random grids of every width that matters (one
// word, word boundaries, the largest symbol) and on every mask of real
// symbols.
func TestPenaltyMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	sizes := []int{1, 4, 5, 6, 7, 8, 11, 21, 25, 33, 37, 62, 63, 64, 65, 66, 71, 127, 128, 129, 177}
	for _, n := range sizes {
		for try := range 60 {
			dense := []float64{0.5, 0.1, 0.9, 0.3}[try%4]
			g := randomGrid(r, n, dense, try%3 == 0)
			if got, want := bitGridOf(g, n).penalty(nil), refPenalty(g, n); got != want {
				t.Fatalf("n=%d try %d: penalty %d, reference %d", n, try, got, want)
			}
		}
	}
	for _, text := range []string{"", "a", url(60), url(200), url(700)} {
		for _, l := range levels {
			c := encodeMask(text, l, 0)
			m := newMatrix(c.Version)
			m.place(codewords(text, c.Version, l))
			base, g := bitGridOf(m.base, m.n), newBitGrid(m.n)
			for k := range 8 {
				m.mask(g, base, k, l)
				if got, want := g.penalty(nil), refPenalty(bools(g), m.n); got != want {
					t.Errorf("%d bytes at %v, mask %d: penalty %d, reference %d", len(text), l, k, got, want)
				}
			}
		}
	}
}

// bools returns the modules of g row by row.
func bools(g *bitGrid) []bool {
	out := make([]bool, g.n*g.n)
	for y := range g.n {
		for x := range g.n {
			out[y*g.n+x] = g.dark(x, y)
		}
	}
	return out
}
