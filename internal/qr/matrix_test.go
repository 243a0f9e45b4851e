package qr

// The tests written against the encoder as it once was, a matrix placed and
// masked module by module, reach the symbol and encoder through these.

// place draws the codewords' bits into m's data modules as symbol.place does.
func (m *matrix) place(cw []byte) {
	s := symbolOf((m.n - 17) / 4)
	for i, p := range s.modules[:len(cw)*8] {
		m.base[int(p.y)*m.n+int(p.x)] = cw[i/8]>>(7-i%8)&1 != 0
	}
}

// mask is symbol.mask for m's version.
func (m *matrix) mask(g, base *bitGrid, k int, l Level) {
	symbolOf((m.n-17)/4).mask(g, base, k, l)
}

// code is symbol.code for m's version.
func (m *matrix) code(base *bitGrid, v int, l Level, k int) *Code {
	return symbolOf(v).code(base, v, l, k)
}

// codewords returns a fresh copy of encoder.codewords.
func codewords(text string, v int, l Level) []byte {
	return new(encoder).codewords(text, v, l)
}

// rsRemainder returns the d error correction codewords of data.
func rsRemainder(data []byte, d int) []byte {
	rem := make([]byte, d)
	rsEncode(rem, data)
	return rem
}
