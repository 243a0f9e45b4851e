package qr

// Penalty weights of ISO/IEC 18004 section 7.8.3.1.
const (
	penaltyRun     = 3  // N1: a run of five same-coloured modules, plus one per further module
	penaltyBlock   = 3  // N2: a 2×2 block of one colour
	penaltyFinder  = 40 // N3: a 1:1:3:1:1 finder-like pattern beside a light run four units long
	penaltyBalance = 10 // N4: each 5% step of the dark share away from 50%
)

// penalty returns the penalty score of the n×n grid, which Encode minimises
// over the masks. Rule N3 reads the standard's "1:1:3:1:1 ratio" at any
// scale, as a scanner hunting for finders does: dark:light:dark:light:dark
// runs n, n, 3n, n, n long count once for each side that a light run 4n long
// borders (the other side being light for at least n), and modules beyond
// the edge count as light, as the quiet zone there is. Nayuki's QR Code
// generator scores masks the same way, and the tests compare against it.
func penalty(grid []bool, n int) int {
	p := 0
	line := make([]bool, n)
	runs := make([]int, 0, n+2)
	for y := range n {
		p += linePenalty(grid[y*n:y*n+n], runs)
	}
	for x := range n {
		for y := range n {
			line[y] = grid[y*n+x]
		}
		p += linePenalty(line, runs)
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

// linePenalty returns the penalties of rules N1 (runs) and N3 (finder-like
// patterns) for one row or column; runs is scratch space.
func linePenalty(line []bool, runs []int) int {
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
