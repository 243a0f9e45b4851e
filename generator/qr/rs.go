package qr

// Arithmetic in GF(256) with the QR code's primitive polynomial
// x^8 + x^4 + x^3 + x^2 + 1 (0x11d), in which α = 2 generates every nonzero
// element.

var (
	gfExp [512]byte // gfExp[i] = α^i, doubled so that a sum of two logs needs no reduction
	gfLog [256]int  // gfLog[α^i] = i; gfLog[0] is unused
)

func init() {
	x := 1
	for i := range 255 {
		gfExp[i] = byte(x)
		gfLog[x] = i
		x <<= 1
		if x&0x100 != 0 {
			x ^= 0x11d
		}
	}
	for i := 255; i < len(gfExp); i++ {
		gfExp[i] = gfExp[i-255]
	}
}

// gfMul returns the product of a and b in GF(256).
func gfMul(a, b byte) byte {
	if a == 0 || b == 0 {
		return 0
	}
	return gfExp[gfLog[a]+gfLog[b]]
}

// rsGenerators caches the generator polynomials by degree; the QR tables use
// degrees 7 to 30.
var rsGenerators [31][]byte

func init() {
	for d := 1; d < len(rsGenerators); d++ {
		rsGenerators[d] = rsGenerator(d)
	}
}

// rsGenerator returns the monic polynomial (x-α^0)(x-α^1)…(x-α^(d-1)) of
// degree d, highest coefficient first, with the leading 1 left out.
func rsGenerator(d int) []byte {
	g := make([]byte, d+1) // g[0] is the x^d coefficient
	g[0] = 1
	for i := range d {
		// Multiply by (x - α^i), which is (x + α^i) in characteristic 2.
		r := gfExp[i]
		for j := i + 1; j >= 1; j-- {
			g[j] ^= gfMul(g[j-1], r)
		}
	}
	return g[1:]
}

// rsEncode writes the len(rem) error correction codewords of data into rem:
// the remainder of data(x)·x^len(rem) divided by the generator polynomial of
// that degree.
func rsEncode(rem, data []byte) {
	d := len(rem)
	gen := rsGenerators[d]
	clear(rem)
	for _, b := range data {
		f := b ^ rem[0]
		copy(rem, rem[1:])
		rem[d-1] = 0
		if f == 0 {
			continue
		}
		lf := gfLog[f]
		for j, g := range gen {
			if g != 0 {
				rem[j] ^= gfExp[lf+gfLog[g]]
			}
		}
	}
}
