package qr

import (
	"encoding/binary"
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
// (stroke currentColor, one unit wide) draws every dark module, as one line
// per horizontal run through the middle of its row: a third of the bytes of a
// rectangle per run, on a checklist that prints one code per page. The title,
// XML-escaped, names the image for assistive technology. The markup has no
// style attributes, so a strict Content-Security-Policy accepts it, and it
// depends only on the code and the title.
func (c *Code) SVG(title string) string {
	side := strconv.Itoa(c.Size + 2*quiet)
	g := c.grid
	runs := 0
	for _, word := range g.rows {
		runs += bits.OnesCount64(word &^ (word << 1)) // a run's first module, or one at bit 0
	}
	var b strings.Builder
	// A row's first run takes at most 15 bytes, "M177 177.5h177", the others at
	// most 10, "m177 0h177".
	b.Grow(10*runs + 5*c.Size + 2*len(title) + 400)
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 `)
	b.WriteString(side)
	b.WriteByte(' ')
	b.WriteString(side)
	b.WriteString(`" role="img" shape-rendering="crispEdges"><title>`)
	b.WriteString(escapeText(title))
	b.WriteString(`</title><rect class="qr-bg" width="`)
	b.WriteString(side)
	b.WriteString(`" height="`)
	b.WriteString(side)
	b.WriteString(`" fill="#fff"/><path class="qr-fg" fill="none" stroke="currentColor" d="`)
	// A row's runs are found, then drawn into buf and written at once: a
	// Write per run cost more than the drawing. A row has at most
	// (177+1)/2 runs, and the numbers are written four bytes at a time,
	// which needs slack.
	var buf [89*10 + 16]byte
	var edges [178]uint8 // a row's run starts and ends, alternately
	for y := range c.Size {
		// A set bit of e is a module that differs from the one before it,
		// the first being light: alternately a run's start and the module
		// past its end.
		k := 0
		var carry uint64 // the previous word's last module
		for i, word := range g.rows[y*g.w : y*g.w+g.w] {
			for e := word ^ (word<<1 | carry); e != 0; e &= e - 1 {
				edges[k] = uint8(i*64 + bits.TrailingZeros64(e))
				k++
			}
			carry = word >> 63
		}
		if k%2 == 1 {
			edges[k] = uint8(c.Size)
			k++
		}
		n := 0
		for j := 0; j+1 < k; j += 2 {
			x, w := int(edges[j]), int(edges[j+1]-edges[j])
			if j == 0 {
				// "M x y.5h": the row's first run, from its left end.
				buf[n] = 'M'
				n = putDecimal(buf[:], n+1, x+quiet)
				buf[n] = ' '
				n = putDecimal(buf[:], n+1, y+quiet)
				binary.LittleEndian.PutUint32(buf[n:], '.'|'5'<<8|'h'<<16)
				n += 3
			} else {
				// "m gap 0h": the next run, from the end of the one before.
				buf[n] = 'm'
				n = putDecimal(buf[:], n+1, x-int(edges[j-1]))
				binary.LittleEndian.PutUint32(buf[n:], ' '|'0'<<8|'h'<<16)
				n += 3
			}
			n = putDecimal(buf[:], n, w)
		}
		b.Write(buf[:n])
	}
	b.WriteString(`"/></svg>`)
	return b.String()
}

// escapeText returns s escaped as xml.EscapeText escapes it. Printable
// ASCII with nothing to escape, as a page address is, is returned as it is.
func escapeText(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' {
			var b strings.Builder
			xml.EscapeText(&b, []byte(s)) // a strings.Builder never fails
			return b.String()
		}
	}
	return s
}

// decimals holds the digits of 0 to 255 a byte each from the low end, and
// decimalLen their number.
var (
	decimals   [256]uint32
	decimalLen [256]uint8
)

func init() {
	for v := range 256 {
		for i, d := range []byte(strconv.Itoa(v)) {
			decimals[v] |= uint32(d) << (8 * i)
		}
		decimalLen[v] = uint8(len(strconv.Itoa(v)))
	}
}

// putDecimal writes the digits of v, 0 ≤ v < 256, into b at i, and four
// bytes in all, returning the index past the digits.
func putDecimal(b []byte, i, v int) int {
	binary.LittleEndian.PutUint32(b[i:], decimals[v])
	return i + int(decimalLen[v])
}
