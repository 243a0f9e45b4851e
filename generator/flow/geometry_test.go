package flow

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// checkGeometry reports what makes a layout illegible: boxes that overlap, edges that
// pass through a box, text outside its box, anything outside the view box.
func checkGeometry(t *testing.T, d *Diagram, l *Layout) {
	t.Helper()
	const eps = 0.01
	inView := func(x, y float64) bool { return x >= -eps && y >= -eps && x <= l.W+eps && y <= l.H+eps }
	nodes := 0
	for i, b := range l.Boxes {
		if b.Node >= 0 {
			nodes++
		}
		if !inView(b.X, b.Y) || !inView(b.X+b.W, b.Y+b.H) {
			t.Errorf("%s: box %d %q is outside the view box %gx%g", d.ID, i, boxText(b), l.W, l.H)
		}
		for _, ln := range b.Lines {
			w := Width(ln.Text, ln.Size)
			if ln.X-w/2 < b.X+labelPadX-eps || ln.X+w/2 > b.X+b.W-labelPadX+eps ||
				ln.Y-ascent*ln.Size < b.Y-eps || ln.Y+descent*ln.Size > b.Y+b.H+eps {
				t.Errorf("%s: text %q is outside its box %+v", d.ID, ln.Text, b)
			}
		}
	}
	if nodes != len(d.Nodes) {
		t.Errorf("%s: %d node boxes for %d nodes", d.ID, nodes, len(d.Nodes))
	}
	for i := range l.Boxes {
		for j := i + 1; j < len(l.Boxes); j++ {
			a, b := l.Boxes[i], l.Boxes[j]
			if a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H {
				t.Errorf("%s: boxes %q and %q overlap", d.ID, boxText(a), boxText(b))
			}
		}
	}
	for _, c := range l.Cuts {
		for _, b := range l.Boxes {
			if b.Y < c && c < b.Y+b.H {
				t.Errorf("%s: the page cut at %g goes through box %q", d.ID, c, boxText(b))
			}
		}
	}
	if s := pieces(l); s[0][0] != 0 || s[len(s)-1][1] != l.H {
		t.Errorf("%s: slices %v do not cover 0 to %g", d.ID, s, l.H)
	} else {
		for k := 1; k < len(s); k++ {
			if s[k][0] != s[k-1][1] {
				t.Errorf("%s: slices %v are not contiguous", d.ID, s)
			}
		}
	}
	if len(l.Paths) != len(d.Edges) {
		t.Fatalf("%s: %d paths for %d edges", d.ID, len(l.Paths), len(d.Edges))
	}
	for i, route := range l.Paths {
		e := d.Edges[i]
		if len(route) == 0 || len(route[0]) < 2 {
			t.Errorf("%s: edge %d has no route", d.ID, i)
			continue
		}
		src, dst := l.Boxes[e.From], l.Boxes[e.To]
		first, last := route[0][0], route[len(route)-1][len(route[len(route)-1])-1]
		if !onBorder(first, src) {
			t.Errorf("%s: edge %d starts at %v, not on its source %+v", d.ID, i, first, src)
		}
		if !onBorder(last, dst) {
			t.Errorf("%s: edge %d ends at %v, not on its target %+v", d.ID, i, last, dst)
		}
		for _, line := range route {
			for k, p := range line {
				if !inView(p.X, p.Y) {
					t.Errorf("%s: edge %d leaves the view box at %v", d.ID, i, p)
				}
				if k == 0 {
					continue
				}
				for _, b := range l.Boxes {
					if crosses(line[k-1], p, b, eps) {
						t.Errorf("%s: edge %d (%q to %q) crosses box %q", d.ID, i, boxText(src), boxText(dst), boxText(b))
					}
				}
			}
		}
	}
}

func boxText(b Box) string {
	var s []string
	for _, l := range b.Lines {
		s = append(s, l.Text)
	}
	return strings.Join(s, " ")
}

func onBorder(p Point, b Box) bool {
	const eps = 0.01
	inX := p.X >= b.X-eps && p.X <= b.X+b.W+eps
	inY := p.Y >= b.Y-eps && p.Y <= b.Y+b.H+eps
	return inX && inY && (abs(p.X-b.X) < eps || abs(p.X-b.X-b.W) < eps || abs(p.Y-b.Y) < eps || abs(p.Y-b.Y-b.H) < eps)
}

func abs(x float64) float64 { return max(x, -x) }

// crosses reports whether the segment pq enters the inside of b (its border excluded),
// by Liang-Barsky clipping.
func crosses(p, q Point, b Box, eps float64) bool {
	x0, y0, x1, y1 := b.X+eps, b.Y+eps, b.X+b.W-eps, b.Y+b.H-eps
	if x0 >= x1 || y0 >= y1 {
		return false
	}
	dx, dy := q.X-p.X, q.Y-p.Y
	lo, hi := 0.0, 1.0
	for _, c := range [][2]float64{{-dx, p.X - x0}, {dx, x1 - p.X}, {-dy, p.Y - y0}, {dy, y1 - p.Y}} {
		pp, qq := c[0], c[1]
		if pp == 0 {
			if qq <= 0 {
				return false
			}
			continue
		}
		r := qq / pp
		if pp < 0 {
			lo = max(lo, r)
		} else {
			hi = min(hi, r)
		}
	}
	return lo < hi
}

func lay(t *testing.T, d *Diagram) *Layout {
	t.Helper()
	l, err := Lay(d)
	if err != nil {
		t.Fatalf("%s: %v", d.ID, err)
	}
	return l
}

func TestCrosses(t *testing.T) {
	b := Box{X: 10, Y: 10, W: 10, H: 10}
	for _, c := range []struct {
		name string
		p, q Point
		want bool
	}{
		{"through the middle", Point{0, 15}, Point{30, 15}, true},
		{"along the top border", Point{0, 10}, Point{30, 10}, false},
		{"ending on the border", Point{15, 0}, Point{15, 10}, false},
		{"beside it", Point{25, 0}, Point{25, 30}, false},
		{"diagonal through a corner", Point{5, 12}, Point{13, 20}, true},
		{"diagonal missing it", Point{0, 0}, Point{9, 30}, false},
		{"inside", Point{12, 12}, Point{13, 13}, true},
	} {
		if got := crosses(c.p, c.q, b, 0.01); got != c.want {
			t.Errorf("%s: crosses = %v", c.name, got)
		}
	}
}

func TestLayoutErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		d    Diagram
		want string
	}{
		{"a cycle", Diagram{Nodes: []Node{{Label: "a"}, {Label: "b"}}, Edges: []Edge{{From: 0, To: 1}, {From: 1, To: 0}}}, "cycle"},
		{"a loop", Diagram{Nodes: []Node{{Label: "a"}}, Edges: []Edge{{From: 0, To: 0}}}, "cycle"},
		{"an unknown node", Diagram{Nodes: []Node{{Label: "a"}}, Edges: []Edge{{From: 0, To: 3}}}, "unknown"},
	} {
		if _, err := Lay(&c.d); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v", c.name, err)
		}
	}
}

func TestEmptyAndSingle(t *testing.T) {
	for _, d := range []*Diagram{
		{ID: "empty"},
		{ID: "one", Nodes: []Node{{Label: "alone"}}},
		{ID: "empty-label", Nodes: []Node{{Label: ""}, {Label: "b"}}, Edges: []Edge{{From: 0, To: 1, Label: "x"}}},
	} {
		checkGeometry(t, d, lay(t, d))
	}
}

// randomDiagram is a DAG with edges from lower to higher indices, labels of random
// length, some edges labelled, some parallel.
func randomDiagram(seed uint64) *Diagram {
	r := rand.New(rand.NewPCG(seed, 7))
	words := []string{"payments", "SRE", "on-call", "if", "unacknowledged", "Head of Platform Engineering", "x", "a-very-long-unbreakable-identifier-of-a-team-that-goes-on", "é", "→", "Ünïcødé", "23m"}
	phrase := func(n int) string {
		var s []string
		for range n {
			s = append(s, words[r.IntN(len(words))])
		}
		return strings.Join(s, " ")
	}
	d := &Diagram{ID: fmt.Sprintf("random-%d", seed), LeftToRight: seed%3 == 0}
	n := 1 + r.IntN(30)
	for range n {
		node := Node{Label: phrase(1 + r.IntN(6)), Class: Team}
		if r.IntN(3) == 0 {
			node.Note = phrase(1 + r.IntN(4))
		}
		d.Nodes = append(d.Nodes, node)
	}
	for range r.IntN(3 * n) {
		a, b := r.IntN(n), r.IntN(n)
		if a == b {
			continue
		}
		e := Edge{From: min(a, b), To: max(a, b)}
		if r.IntN(2) == 0 {
			e.Label = phrase(1 + r.IntN(3))
		}
		d.Edges = append(d.Edges, e)
	}
	return d
}

// Property: any DAG gets a legible layout.
func TestRandomDiagrams(t *testing.T) {
	for seed := range uint64(300) {
		d := randomDiagram(seed)
		checkGeometry(t, d, lay(t, d))
		if t.Failed() {
			t.Fatalf("seed %d", seed)
		}
	}
}

func TestWrap(t *testing.T) {
	for _, c := range []struct {
		name string
		in   string
		max  float64
		want []string
	}{
		{"fits", "SRE On-call", 200, []string{"SRE On-call"}},
		{"breaks at spaces", "Critical or High card payments incident", 100, []string{"Critical or High", "card payments", "incident"}},
		{"collapses spaces", "  a   b  ", 200, []string{"a b"}},
		{"cuts a word too long", "abcdefghij", 30, []string{"abc", "defg", "hij"}},
		{"empty", "", 100, nil},
	} {
		got := Wrap(c.in, 14, c.max)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s: Wrap = %q, want %q", c.name, got, c.want)
		}
		for _, l := range got {
			if Width(l, 14) > c.max && len([]rune(l)) > 1 {
				t.Errorf("%s: line %q is %g wide", c.name, l, Width(l, 14))
			}
		}
	}
}

// Property: the quick path of Wrap gives the lines the general one gives.
func TestWrapPaths(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"a", "SRE", "on-call", "Payments", "Engineering", "T+5m", "unacknowledged", "x", "ii", "WWWW"}
	for range 2000 {
		var w []string
		for range 1 + r.IntN(12) {
			w = append(w, words[r.IntN(len(words))])
		}
		s := strings.Join(w, " ")
		max := 20 + 200*r.Float64()
		quick, ok := wrapTidy(s, 14, max)
		if !ok {
			continue
		}
		if slow := wrapWords(s, 14, max); strings.Join(quick, "|") != strings.Join(slow, "|") {
			t.Fatalf("Wrap(%q, %g): quick %q, general %q", s, max, quick, slow)
		}
	}
}

func TestWidth(t *testing.T) {
	// Arial's advances: "Hi" is 722 + 222 thousandths of an em.
	if got := Width("Hi", 10); abs(got-9.44) > 1e-9 {
		t.Errorf(`Width("Hi", 10) = %g`, got)
	}
	if Width("日本", 10) != 20 {
		t.Errorf("wide characters should take an em each")
	}
}

func TestPlace(t *testing.T) {
	for _, c := range []struct {
		name              string
		want, weight, sep []float64
		out               []float64
	}{
		{"room for all", []float64{0, 100}, []float64{1, 1}, []float64{50}, []float64{0, 100}},
		{"too close: spread around the mean", []float64{50, 50}, []float64{1, 1}, []float64{20}, []float64{40, 60}},
		{"out of order", []float64{100, 0}, []float64{1, 1}, []float64{10}, []float64{45, 55}},
		{"three, middle pushed", []float64{0, 5, 100}, []float64{1, 1, 1}, []float64{10, 10}, []float64{-2.5, 7.5, 100}},
		{"the heavier stays put", []float64{50, 50}, []float64{3, 1}, []float64{20}, []float64{45, 65}},
	} {
		var pv placer
		got := pv.place(c.want, c.weight, c.sep)
		for i := range got {
			if abs(got[i]-c.out[i]) > 1e-9 {
				t.Errorf("%s: place = %v, want %v", c.name, got, c.out)
				break
			}
		}
	}
}

func FuzzLayout(f *testing.F) {
	f.Add(uint64(1))
	f.Add(uint64(42))
	f.Fuzz(func(t *testing.T, seed uint64) {
		d := randomDiagram(seed)
		checkGeometry(t, d, lay(t, d))
	})
}

func TestNum(t *testing.T) {
	for _, c := range []struct {
		x    float64
		want string
	}{{0, "0"}, {12, "12"}, {12.5, "12.5"}, {12.34, "12.3"}, {12.36, "12.4"}, {-3.14, "-3.1"}, {0.04, "0"}, {1e6 + 0.25, "1000000.3"}, {99.96, "100"}} {
		if got := num(c.x); got != c.want {
			t.Errorf("num(%g) = %q, want %q", c.x, got, c.want)
		}
	}
}
