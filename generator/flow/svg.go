package flow

import (
	"html"
	"math"
	"strconv"
	"strings"
)

// SVG draws a laid-out diagram as inline SVG with no script and no style attribute;
// classes say what each thing is and the theme's CSS colours it. It is two layers
// stacked by CSS: the picture, an SVG with role="img" named by its <title> and <desc>,
// and over it the links, one transparent <a href> on each node that has a page (root
// leads from the page back to the site's root). The links cannot sit inside the
// picture: the children of an image are presentational, so assistive technology would
// never reach them.
func SVG(d *Diagram, l *Layout, root string) string {
	var b strings.Builder
	b.Grow(256 + 400*len(l.Boxes) + 120*len(l.Paths))
	id := d.ID
	w, h := num(l.W), num(l.H)
	b.WriteString(`<div class="flow-layers">`)
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="flow-svg" viewBox="0 0 `)
	b.WriteString(w + " " + h + `" width="` + w + `" height="` + h)
	b.WriteString(`" role="img" aria-labelledby="` + id + `-title" aria-describedby="` + id + `-desc" font-family="`)
	b.WriteString(html.EscapeString(FontFamily))
	b.WriteString(`" font-size="` + num(fontSize) + `">`)
	b.WriteString(`<title id="` + id + `-title">` + html.EscapeString(d.Title) + `</title>`)
	b.WriteString(`<desc id="` + id + `-desc">` + html.EscapeString(d.Desc) + `</desc>`)
	b.WriteString(`<defs><marker id="` + id + `-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path class="arrow" d="M0 0L10 5L0 10z"/></marker></defs>`)
	b.WriteString("\n<g class=\"edges\">")
	for i, route := range l.Paths {
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
		b.WriteString(`" marker-end="url(#` + id + `-arrow)"/>`)
	}
	b.WriteString("</g>\n<g class=\"nodes\">")
	for _, box := range l.Boxes {
		if box.Node < 0 {
			b.WriteString(`<g class="edge-label">`)
			rect(&b, box, 3)
			text(&b, box)
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
		rect(&b, box, radius(n, box))
		text(&b, box)
		b.WriteString("</g>")
	}
	b.WriteString("</g>\n</svg>")
	links := 0
	for _, box := range l.Boxes {
		if box.Node < 0 || d.Nodes[box.Node].Href == "" {
			continue
		}
		if links == 0 {
			b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="flow-links" viewBox="0 0 ` + w + " " + h + `" width="` + w + `" height="` + h + `" role="group" aria-label="Links in the chart">`)
		}
		links++
		n := d.Nodes[box.Node]
		b.WriteString(`<a href="` + html.EscapeString(root+n.Href) + `" aria-label="` + html.EscapeString(n.Label) + `">`)
		b.WriteString(`<rect fill-opacity="0" x="` + num(box.X) + `" y="` + num(box.Y) + `" width="` + num(box.W) + `" height="` + num(box.H) + `" rx="` + num(radius(n, box)) + `"/></a>`)
	}
	if links > 0 {
		b.WriteString("</svg>")
	}
	b.WriteString("</div>")
	return b.String()
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
