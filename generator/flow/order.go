package flow

import (
	"cmp"
	"slices"
)

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
