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
// (fill currentColor) holds every dark module, as one rectangle per
// horizontal run. The title, XML-escaped, names the image for assistive
// technology. The markup has no style attributes, so a strict
// Content-Security-Policy accepts it, and it depends only on the code and
// the title.
func (c *Code) SVG(title string) string {
	side := strconv.Itoa(c.Size + 2*quiet)
	// Each run takes at most 20 bytes: "M177 177h177v1h-177z".
	runs := 0
	for i, d := range c.modules {
		if d && (i%c.Size == 0 || !c.modules[i-1]) {
			runs++
		}
	}
	var b strings.Builder
	b.Grow(20*runs + 2*len(title) + 400)
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 `)
	b.WriteString(side + " " + side)
	b.WriteString(`" role="img" shape-rendering="crispEdges"><title>`)
	xml.EscapeText(&b, []byte(title)) // a strings.Builder never fails
	b.WriteString(`</title><rect class="qr-bg" width="`)
	b.WriteString(side + `" height="` + side)
	b.WriteString(`" fill="#fff"/><path class="qr-fg" fill="currentColor" d="`)
	buf := make([]byte, 0, 32)
	for y := range c.Size {
		row := c.modules[y*c.Size : (y+1)*c.Size]
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < len(row) && row[x] {
				x++
			}
			w := strconv.Itoa(x - start)
			buf = append(buf[:0], 'M')
			buf = strconv.AppendInt(buf, int64(start+quiet), 10)
			buf = append(buf, ' ')
			buf = strconv.AppendInt(buf, int64(y+quiet), 10)
			buf = append(buf, 'h')
			buf = append(buf, w...)
			buf = append(buf, "v1h-"...)
			buf = append(buf, w...)
			buf = append(buf, 'z')
			b.Write(buf)
		}
	}
	b.WriteString(`"/></svg>`)
	return b.String()
}
