package qr

// Arithmetic in GF(256) with the QR code's primitive polynomial
// x^8 + x^4 + x^3 + x^2 + 1 (0x11d), in which α = 2 generates every nonzero
// element.

import "sync"

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

// rsTables holds, for each degree d, the products of every byte f with the
// degree-d generator polynomial, its d coefficients packed a byte each into
// four words, lowest first. Dividing then costs a shift and four XORs a data
// byte rather than d multiplications.
var rsTables [len(rsGenerators)]struct {
	once sync.Once
	t    *[256][4]uint64
}

func rsTable(d int) *[256][4]uint64 {
	e := &rsTables[d]
	e.once.Do(func() {
		e.t = new([256][4]uint64)
		for f := range 256 {
			for j, g := range rsGenerators[d] {
				e.t[f][j/8] |= uint64(gfMul(byte(f), g)) << (j % 8 * 8)
			}
		}
	})
	return e.t
}

// rsEncode writes the len(rem) error correction codewords of data into rem:
// the remainder of data(x)·x^len(rem) divided by the generator polynomial of
// that degree, at most 30.
func rsEncode(rem, data []byte) {
	t := rsTable(len(rem))
	// r holds the remainder's coefficients, highest first, a byte each from
	// the low end of r[0].
	var r [4]uint64
	for _, b := range data {
		p := &t[b^byte(r[0])]
		r[0] = (r[0]>>8 | r[1]<<56) ^ p[0]
		r[1] = (r[1]>>8 | r[2]<<56) ^ p[1]
		r[2] = (r[2]>>8 | r[3]<<56) ^ p[2]
		r[3] = r[3]>>8 ^ p[3]
	}
	for i := range rem {
		rem[i] = byte(r[i/8] >> (i % 8 * 8))
	}
}
