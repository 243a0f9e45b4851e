package flow

import (
	"strconv"
	"strings"
)

// Mermaid writes d as a Mermaid flowchart, for wikis and pull-request descriptions.
// Links are left out: they are relative to the site and would not resolve elsewhere.
func Mermaid(d *Diagram) string {
	var b strings.Builder
	b.Grow(64 + 100*len(d.Nodes) + 40*len(d.Edges))
	dir := "TD"
	if d.LeftToRight {
		dir = "LR"
	}
	b.WriteString("%% " + oneLine(d.Title) + "\nflowchart " + dir + "\n")
	classes := map[Class][]string{}
	var order []Class
	for i, n := range d.Nodes {
		id := "n" + strconv.Itoa(i)
		label := mermaidText(n.Label)
		if n.Note != "" {
			label += "<br>" + mermaidText(n.Note)
		}
		open, close := `["`, `"]`
		switch n.Class {
		case Question:
			open, close = `{"`, `"}`
		case Start, End:
			open, close = `(["`, `"])`
		}
		b.WriteString("  " + id + open + label + close + "\n")
		if n.Class != "" {
			if _, ok := classes[n.Class]; !ok {
				order = append(order, n.Class)
			}
			classes[n.Class] = append(classes[n.Class], id)
		}
	}
	for _, e := range d.Edges {
		b.WriteString("  n" + strconv.Itoa(e.From) + " -->")
		if e.Label != "" {
			b.WriteString(`|"` + mermaidText(e.Label) + `"|`)
		}
		b.WriteString(" n" + strconv.Itoa(e.To) + "\n")
	}
	for _, c := range order {
		if style, ok := mermaidStyle[c]; ok {
			name := mermaidClass(c)
			b.WriteString("  classDef " + name + " " + style + "\n")
			b.WriteString("  class " + strings.Join(classes[c], ",") + " " + name + "\n")
		}
	}
	return b.String()
}

// mermaidStyle marks in Mermaid what the site's CSS marks: borders, not colours, so the
// chart reads in any theme.
var mermaidStyle = map[Class]string{
	Immediate: "stroke-width:4px",
	Notify:    "stroke-dasharray:5 3",
	Default:   "stroke-dasharray:2 2",
	Fallback:  "stroke-dasharray:5 3",
	Runbook:   "stroke-width:1px",
}

// mermaidClass names a class in Mermaid, where "default" is taken: it styles every
// node that has no class of its own.
func mermaidClass(c Class) string {
	if c == Default {
		return "fallthrough"
	}
	return string(c)
}

var mermaidEscaper = strings.NewReplacer(`#`, "#35;", `"`, "#quot;", `<`, "#lt;", `>`, "#gt;", "\n", " ", "\r", " ", "`", "#96;")

func mermaidText(s string) string { return mermaidEscaper.Replace(s) }

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
