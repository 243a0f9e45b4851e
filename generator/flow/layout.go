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

// segment joins vertices of adjacent layers; a straight edge's weigh more when
// vertices are pulled into line.
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
	type arc struct{ from, to int }
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

	// Layers: the longest path from a source, then sources moved down next to their
	// first successor so that they do not hang at the top with long edges.
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
		return nil, ErrCycle
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
		var route [][]Point
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
				route = append(route, cur)
				cur = nil
				leave(ps[k+1])
			}
		}
		l.Paths[i] = append(route, cur)
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

// order arranges each layer to reduce crossings: a few sweeps of the barycentre
// heuristic, keeping the best order seen.
func order(vs []vertex, segs []segment, layers [][]int) {
	for _, layer := range layers {
		for k, v := range layer {
			vs[v].order = k
		}
	}
	// First order: each vertex under the first of its parents.
	key := make([]float64, len(vs))
	sweep(vs, segs, layers, key, true, func(a, b float64) float64 { return min(a, b) })
	best := crossings(vs, segs, layers)
	bestOrder := snapshot(nil, vs)
	for i := 0; i < 8 && best > 0; i++ {
		sweep(vs, segs, layers, key, i%2 == 1, nil)
		if c := crossings(vs, segs, layers); c < best {
			best, bestOrder = c, snapshot(bestOrder, vs)
		}
	}
	for i := range vs {
		vs[i].order = bestOrder[i]
	}
	for _, layer := range layers {
		byOrder(vs, layer)
	}
}

// snapshot copies every vertex's order into buf, which it returns.
func snapshot(buf []int, vs []vertex) []int {
	buf = buf[:0]
	for i := range vs {
		buf = append(buf, vs[i].order)
	}
	return buf
}

// sweep re-sorts every layer by the mean order of each vertex's neighbours in the layer
// above (down) or below; reduce, when set, combines them instead of the mean.
func sweep(vs []vertex, segs []segment, layers [][]int, key []float64, down bool, reduce func(a, b float64) float64) {
	visit := func(layer []int) {
		for _, v := range layer {
			list, end := vs[v].in, func(s int) int { return segs[s].u }
			if !down {
				list, end = vs[v].out, func(s int) int { return segs[s].v }
			}
			if len(list) == 0 {
				key[v] = float64(vs[v].order)
				continue
			}
			k := float64(vs[end(list[0])].order)
			for _, s := range list[1:] {
				o := float64(vs[end(s)].order)
				if reduce != nil {
					k = reduce(k, o)
				} else {
					k += o
				}
			}
			if reduce == nil {
				k /= float64(len(list))
			}
			key[v] = k
		}
		slices.SortStableFunc(layer, func(a, b int) int { return cmp.Compare(key[a], key[b]) })
		for k, v := range layer {
			vs[v].order = k
		}
	}
	if down {
		for r := 1; r < len(layers); r++ {
			byOrder(vs, layers[r])
			visit(layers[r])
		}
		return
	}
	for r := len(layers) - 2; r >= 0; r-- {
		byOrder(vs, layers[r])
		visit(layers[r])
	}
}

func byOrder(vs []vertex, layer []int) {
	slices.SortFunc(layer, func(a, b int) int { return cmp.Compare(vs[a].order, vs[b].order) })
}

// crossings counts pairs of segments that cross between adjacent layers.
func crossings(vs []vertex, segs []segment, layers [][]int) int {
	n := 0
	var ends [][2]int
	for _, layer := range layers {
		ends = ends[:0]
		for _, u := range layer {
			for _, s := range vs[u].out {
				ends = append(ends, [2]int{vs[u].order, vs[segs[s].v].order})
			}
		}
		for i := range ends {
			for j := i + 1; j < len(ends); j++ {
				a, b := ends[i], ends[j]
				if (a[0]-b[0])*(a[1]-b[1]) < 0 {
					n++
				}
			}
		}
	}
	return n
}

// position sets every vertex's x: packed left to right, then pulled towards its
// neighbours above and below in alternate sweeps, keeping order and spacing.
func position(vs []vertex, segs []segment, layers [][]int) {
	gap := func(a, b int) float64 {
		g := nodeGap
		if vs[a].box < 0 || vs[b].box < 0 {
			g = lineGap
		}
		return (vs[a].w+vs[b].w)/2 + g
	}
	for _, layer := range layers {
		x := 0.0
		for k, v := range layer {
			if k > 0 {
				x += gap(layer[k-1], v)
			}
			vs[v].x = x
		}
	}
	var want, weight, sep []float64
	var pv placer
	pull := func(layer []int, list func(v int) []int, end func(s int) int) {
		want, weight, sep = want[:0], weight[:0], sep[:0]
		for k, v := range layer {
			w, sum := vs[v].x, 1.0
			if l := list(v); len(l) > 0 {
				w, sum = 0, 0
				for _, s := range l {
					w += segs[s].weight * vs[end(s)].x
					sum += segs[s].weight
				}
				w /= sum
			}
			want = append(want, w)
			weight = append(weight, sum)
			if k > 0 {
				sep = append(sep, gap(layer[k-1], v))
			}
		}
		for k, x := range pv.place(want, weight, sep) {
			vs[layer[k]].x = x
		}
	}
	in := func(v int) []int { return vs[v].in }
	out := func(v int) []int { return vs[v].out }
	up := func(s int) int { return segs[s].u }
	down := func(s int) int { return segs[s].v }
	for range 4 {
		for r := 1; r < len(layers); r++ {
			pull(layers[r], in, up)
		}
		for r := len(layers) - 2; r >= 0; r-- {
			pull(layers[r], out, down)
		}
	}
	for r := 1; r < len(layers); r++ {
		pull(layers[r], in, up)
	}
}

// placer keeps place's buffers from one layer to the next.
type placer struct {
	off, out []float64
	blocks   []block
}

type block struct {
	sum, w float64 // weighted sum of targets, and of weights
	first  int
	n      int
}

// place returns positions as close as can be to want, in least squares weighted by
// weight, keeping their order and each sep[k] apart from the next:
// pool-adjacent-violators on the positions less their cumulative spacing. The result
// is valid until the next call.
func (pv *placer) place(want, weight, sep []float64) []float64 {
	off := append(pv.off[:0], make([]float64, len(want))...)
	blocks := pv.blocks[:0]
	for i, x := range want {
		if i > 0 {
			off[i] = off[i-1] + sep[i-1]
		}
		blocks = append(blocks, block{weight[i] * (x - off[i]), weight[i], i, 1})
		for len(blocks) > 1 {
			a, b := blocks[len(blocks)-2], blocks[len(blocks)-1]
			if a.sum/a.w <= b.sum/b.w {
				break
			}
			blocks = blocks[:len(blocks)-1]
			blocks[len(blocks)-1] = block{a.sum + b.sum, a.w + b.w, a.first, a.n + b.n}
		}
	}
	out := append(pv.out[:0], make([]float64, len(want))...)
	for _, b := range blocks {
		m := b.sum / b.w
		for i := b.first; i < b.first+b.n; i++ {
			out[i] = m + off[i]
		}
	}
	pv.off, pv.out, pv.blocks = off, out, blocks
	return out
}

// nodeBox sizes a node's box around its wrapped text; lines are placed relative to the
// box's top left corner.
func nodeBox(n Node, i int) Box {
	b := Box{Node: i, Edge: -1}
	label := Wrap(n.Label, fontSize, textWidth)
	var note []string
	if n.Note != "" {
		note = Wrap(n.Note, noteSize, textWidth)
	}
	textW := 0.0
	for _, s := range label {
		textW = max(textW, Width(s, fontSize))
	}
	for _, s := range note {
		textW = max(textW, Width(s, noteSize))
	}
	b.W = max(minNodeW, textW+2*padX)
	y := padY
	for _, s := range label {
		b.Lines = append(b.Lines, Line{Text: s, X: b.W / 2, Y: y + baseline(fontSize, lineHeight), Size: fontSize})
		y += lineHeight
	}
	for _, s := range note {
		b.Lines = append(b.Lines, Line{Text: s, X: b.W / 2, Y: y + baseline(noteSize, noteLine), Size: noteSize, Note: true})
		y += noteLine
	}
	b.H = max(y, padY+lineHeight) + padY
	return b
}

func labelBox(s string, edge int) Box {
	b := Box{Node: -1, Edge: edge}
	lines := Wrap(s, noteSize, labelWidth)
	textW := 0.0
	for _, s := range lines {
		textW = max(textW, Width(s, noteSize))
	}
	b.W = textW + 2*labelPadX
	y := labelPadY
	for _, s := range lines {
		b.Lines = append(b.Lines, Line{Text: s, X: b.W / 2, Y: y + baseline(noteSize, noteLine), Size: noteSize, Note: true})
		y += noteLine
	}
	b.H = y + labelPadY
	return b
}

// baseline is where text of size s sits in a line of height h: its glyphs centred.
func baseline(s, h float64) float64 {
	return (h-(ascent+descent)*s)/2 + ascent*s
}
