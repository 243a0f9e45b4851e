package qr

import (
	"errors"
	"fmt"
	"slices"
	"sync"
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
	s := symbolOf(v)
	e := encoders.Get().(*encoder)
	defer encoders.Put(e)
	s.place(&e.data, e.codewords(text, v, level))
	best, bestScore := 0, -1
	for k, m := range s.masks(level) {
		var p int
		if d := &e.data; d.w == 1 {
			p = penalty1(d.rows, d.cols, m.rows, m.cols, d.n)
		} else {
			e.masked.reset(d.n)
			e.masked.xor(d, m)
			p = e.masked.penalty(e.runs)
		}
		if bestScore < 0 || p < bestScore {
			best, bestScore = k, p
		}
	}
	return s.code(&e.data, v, level, best), nil
}

// encoder is an encoding's scratch space, kept in a pool so that codes of a
// size met before need no new buffers.
type encoder struct {
	buf          []byte // data codewords, then error correction
	cw           []byte // the final codeword sequence
	data, masked bitGrid
	runs         []int
}

var encoders = sync.Pool{New: func() any { return &encoder{runs: make([]int, 0, 17+4*40+2)} }}

// codewords returns the final codeword sequence of a version-v symbol at
// level l holding text in byte mode: the data codewords split into blocks,
// each block's error correction appended, and the blocks interleaved. The
// sequence is in e's buffers, which its next call overwrites.
func (e *encoder) codewords(text string, v int, l Level) []byte {
	nd := dataCodewords(v, l)
	nb := int(numBlocks[l][v])
	ecc := int(eccPerBlock[l][v])
	raw := rawModules(v) / 8
	data := slices.Grow(e.buf[:0], nd+nb*ecc)[:0]
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
	// Block i's error correction is eccs[i*ecc:][:ecc].
	eccs := data[nd : nd+nb*ecc]
	e.buf = data[:nd+nb*ecc]

	short := nb - raw%nb                                             // blocks with one data codeword fewer
	shortLen := raw/nb - ecc                                         // data codewords of a short block
	start := func(i int) int { return i*shortLen + max(i-short, 0) } // block i's first data codeword
	for i := range nb {
		rsEncode(eccs[i*ecc:][:ecc], data[start(i):start(i+1)])
	}
	out := slices.Grow(e.cw[:0], raw)
	for j := 0; j < shortLen; j++ {
		for i := range nb {
			out = append(out, data[start(i)+j])
		}
	}
	for i := short; i < nb; i++ {
		out = append(out, data[start(i)+shortLen])
	}
	for j := range ecc {
		for i := range nb {
			out = append(out, eccs[i*ecc+j])
		}
	}
	e.cw = out
	return out
}
