package qr

import (
	"encoding/xml"
	"math/bits"
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
	g := c.grid
	runs := 0
	for _, word := range g.rows {
		runs += bits.OnesCount64(word &^ (word << 1)) // a run's first module, or one at bit 0
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
		row := g.rows[y*g.w : y*g.w+g.w]
		for x := next(row, 0, false, c.Size); x < c.Size; {
			end := next(row, x, true, c.Size)
			w := strconv.Itoa(end - x)
			buf = append(buf[:0], 'M')
			buf = strconv.AppendInt(buf, int64(x+quiet), 10)
			buf = append(buf, ' ')
			buf = strconv.AppendInt(buf, int64(y+quiet), 10)
			buf = append(buf, 'h')
			buf = append(buf, w...)
			buf = append(buf, "v1h-"...)
			buf = append(buf, w...)
			buf = append(buf, 'z')
			b.Write(buf)
			x = next(row, end, false, c.Size)
		}
	}
	b.WriteString(`"/></svg>`)
	return b.String()
}

// next returns the first module of row at or after x that is light (with light) or
// dark, or n if there is none before the row's end, n.
func next(row []uint64, x int, light bool, n int) int {
	for i := x / 64; i < len(row); i++ {
		word := row[i]
		if light {
			word = ^word
		}
		if i == x/64 {
			word &= ^uint64(0) << (x % 64)
		}
		if word != 0 {
			return min(i*64+bits.TrailingZeros64(word), n)
		}
	}
	return n
}
