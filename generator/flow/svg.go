package flow

import (
	"html"
	"math"
	"sort"
	"strconv"
	"strings"
)

// pageHeight is how much of a diagram, at full size, goes on one printed page: an A4
// or Letter page, less margins, the page header and the caption.
const pageHeight = 860.0

// printWidth is the width of a printed page's text, in CSS pixels: wider diagrams are
// shrunk to it, so more of them fits on a page.
const printWidth = 700.0

// SVG draws a laid-out diagram as inline SVG with no script and no style attribute;
// classes say what each thing is and the theme's CSS colours it.
//
// Each slice of the diagram is two layers stacked by CSS: the picture, and over it the
// links, one transparent <a href> on each node that has a page (root leads from the
// page back to the site's root). The links cannot sit inside the picture: the first
// picture is an image (role="img", named by its <title> and <desc>), and the children
// of an image are presentational, so assistive technology would never reach them.
//
// A diagram taller than a printed page is cut, between layers, into slices that sit
// flush on screen and each print whole. Each slice draws what shows in it; the later
// ones are hidden from assistive technology, which has the whole diagram in the first.
func SVG(d *Diagram, l *Layout, root string) string {
	var b strings.Builder
	b.Grow(1024 + 500*len(l.Boxes) + 150*len(l.Paths))
	w := num(l.W)
	cut := pieces(l)
	// What shows in each slice, in drawing order: a box in the slice it starts in, an
	// edge in every slice it passes through.
	boxes := make([][]int, len(cut))
	paths := make([][]int, len(cut))
	slice := func(y float64) int { // the slice whose range holds y, the last for y = H
		return min(len(cut)-1, sort.Search(len(cut), func(k int) bool { return cut[k][1] > y }))
	}
	for i, box := range l.Boxes {
		k := slice(box.Y)
		boxes[k] = append(boxes[k], i)
	}
	for i, route := range l.Paths {
		lo, hi := route[0][0].Y, route[0][0].Y
		for _, line := range route {
			for _, p := range line {
				lo, hi = min(lo, p.Y), max(hi, p.Y)
			}
		}
		for k := slice(lo); k < len(cut) && cut[k][0] <= hi; k++ {
			paths[k] = append(paths[k], i)
		}
	}
	for k, s := range cut {
		y, h := num(s[0]), num(s[1]-s[0])
		b.WriteString(`<div class="flow-layers">`)
		b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="flow-svg" viewBox="0 ` + y + " " + w + " " + h + `" width="` + w + `" height="` + h + `"`)
		drawing(&b, d, l, k, boxes[k], paths[k])
		links(&b, d, l, root, boxes[k], y, h)
		b.WriteString(`</div>`)
	}
	return b.String()
}

// pieces cuts the diagram into pieces no taller than a printed page where it can.
func pieces(l *Layout) [][2]float64 {
	page := pageHeight * max(1, l.W/printWidth)
	var out [][2]float64
	start, last := 0.0, 0.0 // the current slice's top, and the last cut that fits it
	for _, c := range l.Cuts {
		if c-start > page && last > start {
			out = append(out, [2]float64{start, last})
			start = last
		}
		last = c
	}
	if l.H-start > page && last > start {
		out = append(out, [2]float64{start, last})
		start = last
	}
	return append(out, [2]float64{start, l.H})
}

// drawing writes the rest of slice k's picture: what it is, then the edges and boxes
// (indices in l.Paths and l.Boxes) that show in it.
func drawing(b *strings.Builder, d *Diagram, l *Layout, k int, boxes, paths []int) {
	id := d.ID
	arrow := id + "-arrow"
	if k == 0 {
		b.WriteString(` role="img" aria-labelledby="` + id + `-title" aria-describedby="` + id + `-desc"`)
	} else {
		b.WriteString(` aria-hidden="true"`)
		arrow += strconv.Itoa(k)
	}
	b.WriteString(` font-family="` + html.EscapeString(FontFamily) + `" font-size="` + num(fontSize) + `">`)
	if k == 0 {
		b.WriteString(`<title id="` + id + `-title">` + html.EscapeString(d.Title) + `</title>`)
		b.WriteString(`<desc id="` + id + `-desc">` + html.EscapeString(d.Desc) + `</desc>`)
	}
	b.WriteString(`<defs><marker id="` + arrow + `" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path class="arrow" d="M0 0L10 5L0 10z"/></marker></defs>`)
	b.WriteString("\n<g class=\"edges\">")
	for _, i := range paths {
		route := l.Paths[i]
		b.WriteString(`<path class="edge`)
		if c := d.Edges[i].Class; c != "" {
			b.WriteString(" edge-")
			b.WriteString(string(c))
		}
		b.WriteString(`" d="`)
		for _, line := range route {
			for k, p := range line {
				if k == 0 {
					b.WriteByte('M')
				} else {
					b.WriteByte('L')
				}
				writeNum(b, p.X)
				b.WriteByte(' ')
				writeNum(b, p.Y)
			}
		}
		b.WriteString(`" marker-end="url(#`)
		b.WriteString(arrow)
		b.WriteString(`)"/>`)
	}
	b.WriteString("</g>\n<g class=\"nodes\">")
	for _, i := range boxes {
		box := l.Boxes[i]
		if box.Node < 0 {
			b.WriteString(`<g class="edge-label">`)
			rect(b, box, 3)
			text(b, box)
			b.WriteString("</g>")
			continue
		}
		n := d.Nodes[box.Node]
		b.WriteString(`<g class="node`)
		if n.Class != "" {
			b.WriteString(" node-")
			b.WriteString(string(n.Class))
		}
		if n.Href != "" {
			b.WriteString(" linked")
		}
		b.WriteString(`">`)
		rect(b, box, radius(n, box))
		text(b, box)
		b.WriteString("</g>")
	}
	b.WriteString("</g>\n</svg>")
}

// links writes the layer of links over a slice of the picture: one for each of its
// boxes that is a node with a page.
func links(b *strings.Builder, d *Diagram, l *Layout, root string, boxes []int, y, h string) {
	n := 0
	for _, i := range boxes {
		box := l.Boxes[i]
		if box.Node < 0 || d.Nodes[box.Node].Href == "" {
			continue
		}
		if n == 0 {
			b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="flow-links" viewBox="0 ` + y + " " + num(l.W) + " " + h + `" width="` + num(l.W) + `" height="` + h + `" role="group" aria-label="Links in the chart">`)
		}
		n++
		node := d.Nodes[box.Node]
		b.WriteString(`<a href="`)
		b.WriteString(html.EscapeString(root))
		b.WriteString(html.EscapeString(node.Href))
		b.WriteString(`" aria-label="`)
		b.WriteString(html.EscapeString(node.Label))
		b.WriteString(`"><rect fill-opacity="0"`)
		rectAttrs(b, box, radius(node, box))
		b.WriteString(`/></a>`)
	}
	if n > 0 {
		b.WriteString("</svg>")
	}
}

// radius rounds a node's corners by what it is: questions square, ends round.
func radius(n Node, box Box) float64 {
	switch n.Class {
	case Question:
		return 0
	case Start, End:
		return min(box.H/2, 16)
	}
	return 6
}

func rect(b *strings.Builder, box Box, r float64) {
	b.WriteString(`<rect`)
	rectAttrs(b, box, r)
	b.WriteString(`/>`)
}

func rectAttrs(b *strings.Builder, box Box, r float64) {
	b.WriteString(` x="`)
	writeNum(b, box.X)
	b.WriteString(`" y="`)
	writeNum(b, box.Y)
	b.WriteString(`" width="`)
	writeNum(b, box.W)
	b.WriteString(`" height="`)
	writeNum(b, box.H)
	if r > 0 {
		b.WriteString(`" rx="`)
		writeNum(b, r)
	}
	b.WriteByte('"')
}

func text(b *strings.Builder, box Box) {
	b.WriteString(`<text text-anchor="middle">`)
	for _, l := range box.Lines {
		b.WriteString(`<tspan x="`)
		writeNum(b, l.X)
		b.WriteString(`" y="`)
		writeNum(b, l.Y)
		b.WriteByte('"')
		if l.Note {
			b.WriteString(` class="note" font-size="`)
			writeNum(b, l.Size)
			b.WriteByte('"')
		}
		b.WriteByte('>')
		b.WriteString(html.EscapeString(l.Text))
		b.WriteString("</tspan>")
	}
	b.WriteString("</text>")
}

// num writes a coordinate to a tenth of a unit, the same on every machine.
func num(x float64) string {
	var buf [24]byte
	return string(appendNum(buf[:0], x))
}

func writeNum(b *strings.Builder, x float64) {
	var buf [24]byte
	b.Write(appendNum(buf[:0], x))
}

// appendNum appends x rounded to tenths, without a trailing ".0": "12", "12.5", "-3.1".
func appendNum(dst []byte, x float64) []byte {
	n := int64(math.Round(x * 10))
	if n < 0 {
		dst = append(dst, '-')
		n = -n
	}
	dst = strconv.AppendInt(dst, n/10, 10)
	if d := n % 10; d != 0 {
		dst = append(dst, '.', byte('0'+d))
	}
	return dst
}
