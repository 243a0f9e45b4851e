package qr

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// TestRSGenerator checks generator polynomials against ISO/IEC 18004
// annex A, which lists them as exponents of α, highest power first.
func TestRSGenerator(t *testing.T) {
	tests := []struct {
		degree int
		alpha  []int
	}{
		{7, []int{87, 229, 146, 149, 238, 102, 21}},
		{10, []int{251, 67, 46, 61, 118, 70, 64, 94, 32, 45}},
	}
	for _, tt := range tests {
		var want []byte
		for _, e := range tt.alpha {
			want = append(want, gfExp[e])
		}
		if got := rsGenerators[tt.degree]; !bytes.Equal(got, want) {
			t.Errorf("generator of degree %d = %v, want %v", tt.degree, got, want)
		}
	}
}

// TestRSRemainder checks the error correction of version 1-M "HELLO WORLD"
// (alphanumeric, but the codewords are what matter), from the worked example
// of Thonky's QR code tutorial, and confirmed by Nayuki's generator.
func TestRSRemainder(t *testing.T) {
	data := []byte{32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17}
	want := []byte{196, 35, 39, 119, 235, 215, 231, 226, 93, 23}
	if got := rsRemainder(data, 10); !bytes.Equal(got, want) {
		t.Errorf("rsRemainder = %v, want %v", got, want)
	}
}

func TestGFMul(t *testing.T) {
	for a := range 256 {
		for b := range 256 {
			if got, want := gfMul(byte(a), byte(b)), slowMul(byte(a), byte(b)); got != want {
				t.Fatalf("gfMul(%d, %d) = %d, want %d", a, b, got, want)
			}
		}
	}
}

// TestRSSyndromes checks that every block the encoder makes is a codeword
// (zero syndromes) and that flipping a few of its bytes is detected.
func TestRSSyndromes(t *testing.T) {
	data := []byte(strings.Repeat("https://escalator.example/", 4))
	for _, degree := range []int{7, 10, 13, 17, 18, 22, 26, 28, 30} {
		block := append(bytes.Clone(data), rsRemainder(data, degree)...)
		if s := syndromes(block, degree); !bytes.Equal(s, make([]byte, degree)) {
			t.Fatalf("degree %d: syndromes of an intact block = %v", degree, s)
		}
		for _, flips := range [][]int{{0}, {len(block) - 1}, {3, 50}, {1, 2, 3, 4, 5}, {len(data), len(data) + 1}} {
			damaged := bytes.Clone(block)
			for i, at := range flips {
				damaged[at] ^= byte(0x5a + i)
			}
			if bytes.Equal(syndromes(damaged, degree), make([]byte, degree)) {
				t.Errorf("degree %d: flipping bytes %v left every syndrome zero", degree, flips)
			}
		}
	}
}

// TestDecodeDetectsDamage flips single data modules of a code and checks
// that the test decoder refuses it, so that a passing round trip means
// something.
func TestDecodeDetectsDamage(t *testing.T) {
	c, err := Encode(url(60), M)
	if err != nil {
		t.Fatal(err)
	}
	reserved := reservedMap(c.Version)
	tried := 0
	for i := 0; i < c.Size*c.Size; i += 37 {
		if reserved[i] {
			continue
		}
		damaged := *c
		damaged.grid = &bitGrid{n: c.grid.n, w: c.grid.w, rows: slices.Clone(c.grid.rows), cols: slices.Clone(c.grid.cols)}
		x, y := i%c.Size, i/c.Size
		damaged.grid.set(x, y, !c.Black(x, y))
		if _, err := decode(&damaged); err == nil {
			t.Errorf("module %d flipped: decoded without complaint", i)
		}
		tried++
	}
	if tried < 10 {
		t.Errorf("only %d modules tried", tried)
	}
}
