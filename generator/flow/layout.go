package flow

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
)

// Sizes in SVG user units (CSS pixels when drawn at full size).
const (
	fontSize   = 14.0
	lineHeight = 18.0
	noteSize   = 12.0
	noteLine   = 15.0
	padX       = 10.0
	padY       = 7.0
	labelPadX  = 4.0
	labelPadY  = 2.0
	textWidth  = 200.0 // node text wraps at this width
	labelWidth = 120.0 // edge label text wraps at this width
	minNodeW   = 48.0
	nodeGap    = 22.0 // between two boxes of a layer
	lineGap    = 12.0 // between a box and an edge passing through its layer
	bandGap    = 34.0 // between layers
	columnGap  = 24.0 // between layers laid out left to right
	margin     = 4.0

	ascent  = 0.905 // Arial's, in ems: where a baseline sits below the top of its text
	descent = 0.212
)

// Point is a position in the diagram.
type Point struct{ X, Y float64 }

// Line is one line of text in a box: Y is its baseline, X its centre.
type Line struct {
	Text string
	X, Y float64
	Size float64
	Note bool
}

// Box is a drawn rectangle: a node, or an edge's label.
type Box struct {
	X, Y, W, H float64
	Lines      []Line
	Node       int // index in Diagram.Nodes, or -1
	Edge       int // for an edge label, index in Diagram.Edges; otherwise -1
}

// Layout is where everything of a diagram goes.
type Layout struct {
	W, H float64
	// Boxes holds the nodes' boxes, in node order, then the edge labels'.
	Boxes []Box
	// Paths holds each edge's route, in edge order: one or two polylines (two when the
	// edge is broken by its label), the last ending at the target.
	Paths [][][]Point
	// Cuts are where a tall top-to-bottom diagram may be cut into pages: the middle of
	// each gap between layers, where no box is.
	Cuts []float64
}

// vertex is a box, an edge label or a point an edge passes through, in one layer.
type vertex struct {
	w, h  float64
	box   int // index in Layout.Boxes, or -1 for an edge's bend
	rank  int
	order int
	x     float64 // centre
	in    []int   // segments arriving from the layer above
	out   []int   // segments leaving to the layer below
}

// segment joins vertices of adjacent layers; a straight edge's segments weigh more
// when vertices are pulled into line.
type segment struct {
	u, v   int
	weight float64
}

// ErrCycle says the diagram has a cycle: a layered layout draws DAGs only.
var ErrCycle = errors.New("flow: the diagram has a cycle")

// Lay computes where every node, label and edge of d goes. The same diagram always gets
// the same layout.
func Lay(d *Diagram) (*Layout, error) {
	l := &Layout{Boxes: make([]Box, 0, len(d.Nodes)+len(d.Edges))}
	vs := make([]vertex, 0, len(d.Nodes)+3*len(d.Edges))
	for i, n := range d.Nodes {
		l.Boxes = append(l.Boxes, nodeBox(n, i))
		vs = append(vs, vertex{box: i})
	}
	var arcs []arc
	chains := make([][]int, len(d.Edges)) // per edge: its vertices, label included
	// Straight edges first: vertices made first are placed first, on the left.
	edges := make([]int, 0, len(d.Edges))
	for i, e := range d.Edges {
		if e.Straight {
			edges = append(edges, i)
		}
	}
	for i, e := range d.Edges {
		if !e.Straight {
			edges = append(edges, i)
		}
	}
	for _, i := range edges {
		e := d.Edges[i]
		if e.From < 0 || e.From >= len(d.Nodes) || e.To < 0 || e.To >= len(d.Nodes) {
			return nil, fmt.Errorf("flow: edge %d joins unknown nodes %d and %d", i, e.From, e.To)
		}
		if e.From == e.To {
			return nil, ErrCycle
		}
		if e.Label == "" {
			arcs = append(arcs, arc{e.From, e.To})
			chains[i] = []int{e.From, e.To}
			continue
		}
		l.Boxes = append(l.Boxes, labelBox(e.Label, i))
		v := len(vs)
		vs = append(vs, vertex{box: len(l.Boxes) - 1})
		arcs = append(arcs, arc{e.From, v}, arc{v, e.To})
		chains[i] = []int{e.From, v, e.To}
	}
	// Left to right is top to bottom transposed: a vertex's width is then the height
	// of its box, and its layer's band a column.
	lr := d.LeftToRight
	for i := range vs {
		b := l.Boxes[vs[i].box]
		vs[i].w, vs[i].h = b.W, b.H
		if lr {
			vs[i].w, vs[i].h = b.H, b.W
		}
	}

	if err := rank(vs, arcs); err != nil {
		return nil, err
	}

	// Segments between adjacent layers, with a bend vertex in every layer a long edge
	// crosses. paths[i] lists edge i's segments in order.
	segs := make([]segment, 0, 2*len(d.Edges))
	paths := make([][]int, len(d.Edges))
	for _, i := range edges {
		ch := chains[i]
		weight := 1.0
		if d.Edges[i].Straight {
			weight = 64
		}
		for k := 1; k < len(ch); k++ {
			u, v := ch[k-1], ch[k]
			for r := vs[u].rank + 1; r < vs[v].rank; r++ {
				vs = append(vs, vertex{box: -1, w: 2, rank: r})
				b := len(vs) - 1
				segs = append(segs, segment{u, b, weight})
				paths[i] = append(paths[i], len(segs)-1)
				u = b
			}
			segs = append(segs, segment{u, v, weight})
			paths[i] = append(paths[i], len(segs)-1)
		}
	}
	// Each vertex's segments, in and out, share one array.
	nIn, nOut := make([]int, len(vs)), make([]int, len(vs))
	for _, s := range segs {
		nOut[s.u]++
		nIn[s.v]++
	}
	all := make([]int, 2*len(segs))
	for i := range vs {
		vs[i].in, all = all[:0:nIn[i]], all[nIn[i]:]
		vs[i].out, all = all[:0:nOut[i]], all[nOut[i]:]
	}
	for i, s := range segs {
		vs[s.u].out = append(vs[s.u].out, i)
		vs[s.v].in = append(vs[s.v].in, i)
	}
	nLayers := 0
	for _, v := range vs {
		nLayers = max(nLayers, v.rank+1)
	}
	layers := make([][]int, nLayers)
	for i := range vs {
		layers[vs[i].rank] = append(layers[vs[i].rank], i)
	}

	order(vs, segs, layers)
	position(vs, segs, layers)

	// Bands: every box of a layer hangs from the layer's top.
	top := make([]float64, nLayers)
	bottom := make([]float64, nLayers)
	y := margin
	gap := bandGap
	if lr {
		gap = columnGap
	}
	for r, layer := range layers {
		h := 0.0
		for _, v := range layer {
			h = max(h, vs[v].h)
		}
		top[r], bottom[r] = y, y+h
		y += h + gap
	}
	l.H = y - gap + margin
	if !lr {
		for r := 1; r < nLayers; r++ {
			l.Cuts = append(l.Cuts, (bottom[r-1]+top[r])/2)
		}
	}
	left := 0.0
	for i := range vs {
		left = min(left, vs[i].x-vs[i].w/2)
	}
	for i := range vs {
		vs[i].x += margin - left
		l.W = max(l.W, vs[i].x+vs[i].w/2+margin)
	}
	if lr {
		l.W, l.H = l.H, l.W
	}
	for i := range vs {
		v := &vs[i]
		if v.box < 0 {
			continue
		}
		b := &l.Boxes[v.box]
		dx, dy := v.x-v.w/2, top[v.rank]
		if lr {
			dx, dy = dy, dx
		}
		b.X, b.Y = dx, dy
		for k := range b.Lines {
			b.Lines[k].X += dx
			b.Lines[k].Y += dy
		}
	}

	// Ports: a box's segments leave its bottom and reach its top spread out in the
	// order of the vertices at their other ends.
	outX := make([]float64, len(segs))
	inX := make([]float64, len(segs))
	for i := range vs {
		v := &vs[i]
		spread(v, segs, v.out, outX, func(s int) float64 { return vs[segs[s].v].x })
		spread(v, segs, v.in, inX, func(s int) float64 { return vs[segs[s].u].x })
	}
	l.Paths = make([][][]Point, len(d.Edges))
	for i, ps := range paths {
		l.Paths[i] = route(vs, segs, ps, outX, inX, top, bottom)
	}
	if lr {
		for _, route := range l.Paths {
			for _, line := range route {
				for k, p := range line {
					line[k] = Point{p.Y, p.X}
				}
			}
		}
	}
	return l, nil
}

// arc is an edge, or half of a labelled edge, before layers are known.
type arc struct{ from, to int }

// rank puts each vertex in a layer: the longest path from a source, then sources moved
// down next to their nearest successor so that they do not hang at the top with long
// edges.
func rank(vs []vertex, arcs []arc) error {
	succ := make([][]int, len(vs))
	indeg := make([]int, len(vs))
	for _, a := range arcs {
		succ[a.from] = append(succ[a.from], a.to)
		indeg[a.to]++
	}
	hasPred := make([]bool, len(vs))
	topo := make([]int, 0, len(vs))
	for v := range vs {
		if indeg[v] == 0 {
			topo = append(topo, v)
		} else {
			hasPred[v] = true
		}
	}
	for i := 0; i < len(topo); i++ {
		u := topo[i]
		for _, v := range succ[u] {
			vs[v].rank = max(vs[v].rank, vs[u].rank+1)
			if indeg[v]--; indeg[v] == 0 {
				topo = append(topo, v)
			}
		}
	}
	if len(topo) < len(vs) {
		return ErrCycle
	}
	for i := len(topo) - 1; i >= 0; i-- {
		u := topo[i]
		if hasPred[u] || len(succ[u]) == 0 {
			continue
		}
		r := vs[succ[u][0]].rank
		for _, v := range succ[u][1:] {
			r = min(r, vs[v].rank)
		}
		vs[u].rank = max(vs[u].rank, r-1)
	}
	return nil
}

// route draws an edge through its segments ps: down from its source's port to the
// bottom of the source's band, across the gap to the next vertex's port, down through
// each bend's band, and into the target's top. Between bands no box stands in the way,
// and inside a band the line keeps to its own vertex's column. An edge label breaks
// the line in two.
func route(vs []vertex, segs []segment, ps []int, outX, inX, top, bottom []float64) [][]Point {
	var lines [][]Point
	cur := make([]Point, 0, 2*len(ps)+2)
	add := func(p Point) {
		if n := len(cur); n == 0 || cur[n-1] != p {
			cur = append(cur, p)
		}
	}
	leave := func(s int) {
		u := &vs[segs[s].u]
		add(Point{outX[s], top[u.rank] + u.h})
		add(Point{outX[s], bottom[u.rank]})
	}
	leave(ps[0])
	for k, s := range ps {
		v := &vs[segs[s].v]
		add(Point{inX[s], top[v.rank]})
		switch {
		case v.box < 0:
			add(Point{inX[s], bottom[v.rank]})
		case k < len(ps)-1: // an edge label: the line stops at it and starts again
			lines = append(lines, cur)
			cur = nil
			leave(ps[k+1])
		}
	}
	return append(lines, cur)
}

// spread sets the ports of v's segments along its width, ordered by where the other
// ends are. The first straight segment takes the middle, and the others the side of
// it their other ends lie on, so the main line of a chart runs straight. A bend has
// one port: its centre.
func spread(v *vertex, segs []segment, list []int, port []float64, other func(int) float64) {
	if v.box < 0 {
		for _, s := range list {
			port[s] = v.x
		}
		return
	}
	main := -1
	for _, s := range list {
		if segs[s].weight > 1 {
			main = s
			break
		}
	}
	var left, right []int
	for _, s := range list {
		switch {
		case s == main:
			port[s] = v.x
		case main >= 0 && other(s) < v.x:
			left = append(left, s)
		default:
			right = append(right, s)
		}
	}
	byOther := func(l []int) {
		slices.SortStableFunc(l, func(a, b int) int { return cmp.Compare(other(a), other(b)) })
	}
	byOther(left)
	byOther(right)
	if main < 0 { // spread over the whole width
		for k, s := range right {
			port[s] = v.x - v.w/2 + v.w*float64(k+1)/float64(len(right)+1)
		}
		return
	}
	for k, s := range left {
		port[s] = v.x - v.w/2 + v.w/2*float64(k+1)/float64(len(left)+1)
	}
	for k, s := range right {
		port[s] = v.x + v.w/2*float64(k+1)/float64(len(right)+1)
	}
}
