package qr

import (
	"errors"
	"fmt"
)

// Level is an error correction level: the share of a code that may be
// damaged or hidden and still be read. Higher levels need larger codes.
type Level int

// The four error correction levels of ISO/IEC 18004.
const (
	L Level = iota // recovers about 7% of codewords
	M              // recovers about 15% of codewords
	Q              // recovers about 25% of codewords
	H              // recovers about 30% of codewords
)

// String returns the level's letter, or "Level(n)" for a value that is not a
// level.
func (l Level) String() string {
	if l < L || l > H {
		return fmt.Sprintf("Level(%d)", int(l))
	}
	return "LMQH"[l : l+1]
}

// formatBits returns the level's two-bit code in the format information,
// which does not follow the levels' order.
func (l Level) formatBits() int {
	return [4]int{L: 1, M: 0, Q: 3, H: 2}[l]
}

// ErrTooLong is wrapped by the error Encode returns for a text longer than
// the largest code (version 40) holds at the requested level.
var ErrTooLong = errors.New("qr: text too long")

// Code is an encoded QR code: a square of Size×Size modules, each dark or
// light, not counting the quiet zone around it. Its fields describe the
// symbol Encode made and are for reading only.
type Code struct {
	Size    int   // modules per side: 17 + 4×Version
	Version int   // symbol version, 1 to 40
	Level   Level // error correction level

	mask int      // data mask pattern, 0 to 7
	grid *bitGrid // the modules; a set bit is dark
}

// Black reports whether the module in column x and row y is dark; (0, 0) is
// the top-left module. Modules outside the symbol, such as the quiet zone,
// are light.
func (c *Code) Black(x, y int) bool {
	if x < 0 || y < 0 || x >= c.Size || y >= c.Size {
		return false
	}
	return c.grid.dark(x, y)
}

// Encode returns the QR code of text's bytes (UTF-8, as Go strings hold
// them; no ECI header is added) in byte mode at the given level, using the
// smallest version that holds them and the data mask with the lowest penalty
// score (the lowest-numbered mask among equals). It fails for an unknown
// level and, wrapping ErrTooLong, for a text longer than Capacity(40, level)
// bytes.
func Encode(text string, level Level) (*Code, error) {
	if level < L || level > H {
		return nil, fmt.Errorf("qr: unknown error correction level %d", int(level))
	}
	v := 1
	for v <= 40 && Capacity(v, level) < len(text) {
		v++
	}
	if v > 40 {
		return nil, fmt.Errorf("%w: %d bytes, level %v holds at most %d", ErrTooLong, len(text), level, Capacity(40, level))
	}
	m := newMatrix(v)
	m.place(codewords(text, v, level))
	base, g := bitGridOf(m.base, m.n), newBitGrid(m.n)
	runs := make([]int, 0, m.n+2)
	best, bestScore := 0, -1
	for k := range 8 {
		m.mask(g, base, k, level)
		if s := g.penalty(runs); bestScore < 0 || s < bestScore {
			best, bestScore = k, s
		}
	}
	return m.code(base, v, level, best), nil
}

// codewords returns the final codeword sequence of a version-v symbol at
// level l holding text in byte mode: the data codewords split into blocks,
// each block's error correction appended, and the blocks interleaved.
func codewords(text string, v int, l Level) []byte {
	nd := dataCodewords(v, l)
	data := make([]byte, 0, nd)
	// The bit stream is the mode indicator 0100 (byte mode), the character
	// count (8 or 16 bits), the bytes and the terminator 0000: whole bytes
	// shifted right by a nibble, which nib carries over. Capacity leaves room
	// for the terminator.
	nib := byte(0b0100)
	put := func(b byte) {
		data = append(data, nib<<4|b>>4)
		nib = b & 0xf
	}
	if countBits(v) == 16 {
		put(byte(len(text) >> 8))
	}
	put(byte(len(text)))
	for i := 0; i < len(text); i++ {
		put(text[i])
	}
	data = append(data, nib<<4)
	for pad := byte(0xec); len(data) < nd; pad ^= 0xec ^ 0x11 {
		data = append(data, pad)
	}

	nb := int(numBlocks[l][v])
	ecc := int(eccPerBlock[l][v])
	raw := rawModules(v) / 8
	short := nb - raw%nb     // blocks with one data codeword fewer
	shortLen := raw/nb - ecc // data codewords of a short block
	out := make([]byte, 0, raw)
	blocks := make([][]byte, nb)
	eccs := make([][]byte, nb)
	off := 0
	for i := range nb {
		n := shortLen
		if i >= short {
			n++
		}
		blocks[i] = data[off : off+n]
		eccs[i] = rsRemainder(blocks[i], ecc)
		off += n
	}
	for i := 0; i <= shortLen; i++ {
		for _, b := range blocks {
			if i < len(b) {
				out = append(out, b[i])
			}
		}
	}
	for i := range ecc {
		for _, e := range eccs {
			out = append(out, e[i])
		}
	}
	return out
}
