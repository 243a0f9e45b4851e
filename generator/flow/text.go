package flow

import (
	"html"
	"strconv"
	"strings"
)

// Text writes the text equivalent of d as an ordered list: each node that leads
// somewhere is a step, with where each of its edges goes. root leads from the page back
// to the site's root.
func Text(d *Diagram, root string) string {
	out := make([][]int, len(d.Nodes))
	in := make([]int, len(d.Nodes))
	for i, e := range d.Edges {
		out[e.From] = append(out[e.From], i)
		in[e.To]++
	}
	step := make([]int, len(d.Nodes)) // 1-based step number, 0 for a node that is not one
	n := 0
	for i := range d.Nodes {
		if len(out[i]) > 0 || in[i] == 0 {
			n++
			step[i] = n
		}
	}
	var b strings.Builder
	b.Grow(64 + 300*len(d.Nodes))
	b.WriteString(`<ol class="flow-steps">`)
	for i, node := range d.Nodes {
		if step[i] == 0 {
			continue
		}
		b.WriteString(`<li id="`)
		b.WriteString(d.ID)
		b.WriteString("-step-")
		b.WriteString(strconv.Itoa(step[i]))
		b.WriteString(`">`)
		nodeText(&b, node, root)
		if len(out[i]) > 0 {
			b.WriteString("<ul>")
			for _, ei := range out[i] {
				e := d.Edges[ei]
				b.WriteString("<li>")
				if e.Label != "" {
					b.WriteString(html.EscapeString(e.Label))
					b.WriteString(": ")
				}
				if s := step[e.To]; s > 0 {
					n := strconv.Itoa(s)
					b.WriteString(`go to <a href="#`)
					b.WriteString(d.ID)
					b.WriteString("-step-")
					b.WriteString(n)
					b.WriteString(`">step `)
					b.WriteString(n)
					b.WriteString("</a>, ")
				}
				nodeText(&b, d.Nodes[e.To], root)
				b.WriteString("</li>")
			}
			b.WriteString("</ul>")
		}
		b.WriteString("</li>")
	}
	b.WriteString("</ol>")
	return b.String()
}

func nodeText(b *strings.Builder, n Node, root string) {
	if n.Href != "" {
		b.WriteString(`<a href="`)
		b.WriteString(html.EscapeString(root))
		b.WriteString(html.EscapeString(n.Href))
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(n.Label))
		b.WriteString("</a>")
	} else {
		b.WriteString(html.EscapeString(n.Label))
	}
	if n.Note != "" {
		b.WriteString(" (")
		b.WriteString(html.EscapeString(n.Note))
		b.WriteByte(')')
	}
}
