package flow

import "html/template"

// Rendered is a diagram in every form a page shows.
type Rendered struct {
	SVG     template.HTML // inline SVG
	Text    template.HTML // its text equivalent, an ordered list
	Mermaid string        // Mermaid source
}

// Render lays d out and renders it; root leads from the page back to the site's root.
func Render(d *Diagram, root string) (Rendered, error) {
	l, err := Lay(d)
	if err != nil {
		return Rendered{}, err
	}
	return Rendered{
		SVG:     template.HTML(SVG(d, l, root)),
		Text:    template.HTML(Text(d, root)),
		Mermaid: Mermaid(d),
	}, nil
}
