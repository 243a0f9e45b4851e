package flow

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
