package flow

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
