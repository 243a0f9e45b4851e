package flow

import (
	"html"
	"math"
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
	b.Grow(512 + 400*len(l.Boxes) + 120*len(l.Paths))
	w := num(l.W)
	for k, s := range slices(l) {
		y, h := num(s[0]), num(s[1]-s[0])
		b.WriteString(`<div class="flow-layers">`)
		b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="flow-svg" viewBox="0 ` + y + " " + w + " " + h + `" width="` + w + `" height="` + h + `"`)
		drawing(&b, d, l, k, s)
		links(&b, d, l, root, s, y, h)
		b.WriteString(`</div>`)
	}
	return b.String()
}

// slices cuts the diagram into pieces no taller than a printed page where it can.
func slices(l *Layout) [][2]float64 {
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

// drawing writes the rest of slice k's picture, s being its extent: what it is, then
// the edges and boxes that show in it.
func drawing(b *strings.Builder, d *Diagram, l *Layout, k int, s [2]float64) {
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
	for i, route := range l.Paths {
		lo, hi := route[0][0].Y, route[0][0].Y
		for _, line := range route {
			for _, p := range line {
				lo, hi = min(lo, p.Y), max(hi, p.Y)
			}
		}
		if hi < s[0] || lo > s[1] {
			continue
		}
		b.WriteString(`<path class="edge`)
		if c := d.Edges[i].Class; c != "" {
			b.WriteString(" edge-" + string(c))
		}
		b.WriteString(`" d="`)
		for _, line := range route {
			for k, p := range line {
				if k == 0 {
					b.WriteByte('M')
				} else {
					b.WriteByte('L')
				}
				b.WriteString(num(p.X) + " " + num(p.Y))
			}
		}
		b.WriteString(`" marker-end="url(#` + arrow + `)"/>`)
	}
	b.WriteString("</g>\n<g class=\"nodes\">")
	for _, box := range l.Boxes {
		if box.Y < s[0] || box.Y >= s[1] {
			continue
		}
		if box.Node < 0 {
			b.WriteString(`<g class="edge-label">`)
			rect(b, box, 3)
			text(b, box)
			b.WriteString("</g>")
			continue
		}
		n := d.Nodes[box.Node]
		class := "node"
		if n.Class != "" {
			class += " node-" + string(n.Class)
		}
		if n.Href != "" {
			class += " linked"
		}
		b.WriteString(`<g class="` + class + `">`)
		rect(b, box, radius(n, box))
		text(b, box)
		b.WriteString("</g>")
	}
	b.WriteString("</g>\n</svg>")
}

// links writes the layer of links over the slice s of the picture.
func links(b *strings.Builder, d *Diagram, l *Layout, root string, s [2]float64, y, h string) {
	n := 0
	for _, box := range l.Boxes {
		if box.Node < 0 || d.Nodes[box.Node].Href == "" || box.Y < s[0] || box.Y >= s[1] {
			continue
		}
		if n == 0 {
			b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="flow-links" viewBox="0 ` + y + " " + num(l.W) + " " + h + `" width="` + num(l.W) + `" height="` + h + `" role="group" aria-label="Links in the chart">`)
		}
		n++
		node := d.Nodes[box.Node]
		b.WriteString(`<a href="` + html.EscapeString(root+node.Href) + `" aria-label="` + html.EscapeString(node.Label) + `">`)
		b.WriteString(`<rect fill-opacity="0" x="` + num(box.X) + `" y="` + num(box.Y) + `" width="` + num(box.W) + `" height="` + num(box.H) + `" rx="` + num(radius(node, box)) + `"/></a>`)
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
	b.WriteString(`<rect x="` + num(box.X) + `" y="` + num(box.Y) + `" width="` + num(box.W) + `" height="` + num(box.H))
	if r > 0 {
		b.WriteString(`" rx="` + num(r))
	}
	b.WriteString(`"/>`)
}

func text(b *strings.Builder, box Box) {
	b.WriteString(`<text text-anchor="middle">`)
	for _, l := range box.Lines {
		b.WriteString(`<tspan x="` + num(l.X) + `" y="` + num(l.Y) + `"`)
		if l.Note {
			b.WriteString(` class="note" font-size="` + num(l.Size) + `"`)
		}
		b.WriteString(">" + html.EscapeString(l.Text) + "</tspan>")
	}
	b.WriteString("</text>")
}

// num writes a coordinate to a tenth of a unit, the same on every machine.
func num(x float64) string {
	return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64)
}
