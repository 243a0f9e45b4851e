package qr

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// quiet is the width of the light margin around the symbol, in modules.
const quiet = 4

// SVG returns the code as a standalone inline SVG element whose viewBox
// spans the symbol and a 4-module quiet zone, one unit per module. A rect of
// class "qr-bg" (fill #fff) paints the background; one path of class "qr-fg"
// (stroke currentColor, one unit wide) draws every dark module, as one line
// per horizontal run through the middle of its row: a third of the bytes of a
// rectangle per run, on a checklist that prints one code per page. The title,
// XML-escaped, names the image for assistive technology. The markup has no
// style attributes, so a strict Content-Security-Policy accepts it, and it
// depends only on the code and the title.
func (c *Code) SVG(title string) string {
	var sideDigits [3]byte
	side := strconv.AppendInt(sideDigits[:0], int64(c.Size+2*quiet), 10)
	// Runs take about 3.5 bytes per module.
	b := make([]byte, 0, 4*c.Size*c.Size+2*len(title)+400)
	b = append(b, `<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 `...)
	b = append(append(append(b, side...), ' '), side...)
	b = append(b, `" role="img" shape-rendering="crispEdges"><title>`...)
	b = append(b, escapeText(title)...)
	b = append(append(append(b, `</title><rect class="qr-bg" width="`...), side...), `" height="`...)
	b = append(append(b, side...), `" fill="#fff"/><path class="qr-fg" fill="none" stroke="currentColor" d="`...)
	for y := range c.Size {
		end := -1 // where the row's last run ended; -1 before its first
		for x := 0; x < c.Size; {
			if !c.grid.dark(x, y) {
				x++
				continue
			}
			start := x
			for x < c.Size && c.grid.dark(x, y) {
				x++
			}
			if end < 0 {
				// "M x y.5h w": the row's first run, from its left end.
				b = append(b, 'M')
				b = strconv.AppendInt(b, int64(start+quiet), 10)
				b = append(b, ' ')
				b = strconv.AppendInt(b, int64(y+quiet), 10)
				b = append(b, ".5h"...)
			} else {
				// "m gap 0h w": the next run, from the end of the one before.
				b = append(b, 'm')
				b = strconv.AppendInt(b, int64(start-end), 10)
				b = append(b, " 0h"...)
			}
			b = strconv.AppendInt(b, int64(x-start), 10)
			end = x
		}
	}
	b = append(b, `"/></svg>`...)
	return string(b)
}

// escapeText returns s escaped as xml.EscapeText escapes it. Printable
// ASCII with nothing to escape, as a page address is, is returned as it is.
func escapeText(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r > '~' || strings.ContainsRune(`&<>"'`, r) }) {
		return s
	}
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // a strings.Builder never fails
	return b.String()
}
