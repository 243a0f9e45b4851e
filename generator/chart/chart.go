package chart

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"

	"github.com/escalator-dev/escalator/generator/flow"
)

// Bar is one labelled value of a chart.
type Bar struct {
	Label string
	Value float64 // between 0 and the chart's Max
	Text  string  // the value as shown at the bar's end: "92%", "3 of 40"
	// Bad marks a bar that misses its target, drawn with the class chart-bar-bad.
	Bad bool
}

// Chart is a horizontal bar chart.
type Chart struct {
	Title string // the accessible name
	Max   float64
	Bars  []Bar
	// Target, when above zero, draws a dashed line at that value (an SLA goal).
	Target float64
}

const (
	minLabelW = 150.0 // the labels' column; wider when a label needs it
	barW      = 300.0
	textW     = 110.0
	rowH      = 26.0
	// fontSize is the labels' size in px, as site.css sets it.
	fontSize = 13.0
	top      = 6.0
)

// SVG returns the chart as an inline SVG element. The bytes depend only on the chart.
func SVG(c Chart) template.HTML {
	h := top*2 + rowH*float64(len(c.Bars))
	// Labels are measured in the diagrams' font (site.css sets it on .chart-svg), so a
	// long domain name is not cut at the picture's left edge.
	labelW := minLabelW
	for _, bar := range c.Bars {
		labelW = max(labelW, math.Ceil(flow.Width(bar.Label, fontSize))+16)
	}
	w := labelW + barW + textW
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart-svg" viewBox="0 0 %s %s" width="%s" height="%s" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`,
		num(w), num(h), num(w), num(h), html.EscapeString(c.Title))
	limit := c.Max
	if limit <= 0 {
		limit = 1
	}
	for i, bar := range c.Bars {
		y := top + rowH*float64(i)
		v := min(limit, bar.Value)
		if v < 0 {
			v = 0
		}
		bw := barW * v / limit
		class := "chart-bar"
		if bar.Bad {
			class += " chart-bar-bad"
		}
		fmt.Fprintf(&b, `<text class="chart-label" x="%s" y="%s" text-anchor="end">%s</text>`, num(labelW-8), num(y+rowH/2+4), html.EscapeString(bar.Label))
		fmt.Fprintf(&b, `<rect class="chart-track" x="%s" y="%s" width="%s" height="%s"/>`, num(labelW), num(y+4), num(barW), num(rowH-8))
		if bw > 0 {
			fmt.Fprintf(&b, `<rect class="%s" x="%s" y="%s" width="%s" height="%s"/>`, class, num(labelW), num(y+4), num(bw), num(rowH-8))
		}
		fmt.Fprintf(&b, `<text class="chart-value" x="%s" y="%s">%s</text>`, num(labelW+barW+6), num(y+rowH/2+4), html.EscapeString(bar.Text))
	}
	if c.Target > 0 && c.Target <= limit {
		x := labelW + barW*c.Target/limit
		fmt.Fprintf(&b, `<line class="chart-target" x1="%s" y1="%s" x2="%s" y2="%s"/>`, num(x), num(top/2), num(x), num(h-top/2))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// num writes a coordinate with at most one decimal, for stable, short output.
func num(x float64) string {
	s := fmt.Sprintf("%.1f", x)
	return strings.TrimSuffix(s, ".0")
}
