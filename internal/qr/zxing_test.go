package qr

import (
	"bytes"
	"image"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/common/reedsolomon"
	"github.com/makiuchi-d/gozxing/qrcode"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
)

// This file holds Encode to an independent decoder, gozxing (a port of
// ZXing): a code drawn as a picture must be found, read and give back the
// text, and its codewords must need no error correction.

// pxPerModule is the pixels per module of the pictures gozxing reads.
const pxPerModule = 2

// pureBarcode tells gozxing that a picture is a code printed upright with
// its quiet zone: it reads the modules off the picture without looking for
// finder patterns, which on dense codes of random bytes it finds among the
// data.
var pureBarcode = map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_PURE_BARCODE: true}

// picture draws c as a grey image with the quiet zone, as printed.
func picture(c *Code) *image.Gray {
	side := (c.Size + 2*quiet) * pxPerModule
	img := image.NewGray(image.Rect(0, 0, side, side))
	for y := range side {
		for x := range side {
			if !c.Black(x/pxPerModule-quiet, y/pxPerModule-quiet) {
				img.Pix[y*img.Stride+x] = 0xff
			}
		}
	}
	return img
}

// checkZXing encodes text at level l and checks that gozxing finds and reads
// the picture of the code, giving back the bytes of text at level l, and
// reads the modules as checkZXingBlocks does.
func checkZXing(t testing.TB, text string, l Level) {
	t.Helper()
	c, err := Encode(text, l)
	if err != nil {
		t.Fatalf("Encode(%d bytes, %v): %v", len(text), l, err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(picture(c))
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, pureBarcode)
	if err != nil {
		t.Fatalf("%q at %v (version %d): gozxing cannot read the picture: %v", text, l, c.Version, err)
	}
	segs, _ := res.GetResultMetadata()[gozxing.ResultMetadataType_BYTE_SEGMENTS].([][]byte)
	if got := bytes.Join(segs, nil); string(got) != text {
		t.Fatalf("%q at %v (version %d): gozxing read %q", text, l, c.Version, got)
	}
	if got := res.GetResultMetadata()[gozxing.ResultMetadataType_ERROR_CORRECTION_LEVEL]; got != l.String() {
		t.Fatalf("%q at %v: gozxing read level %v", text, l, got)
	}
	checkZXingBlocks(t, c)
}

// checkZXingBlocks has gozxing read c's version, format and codewords off its
// modules and checks that the version and mask are c's and that every block
// is a Reed-Solomon codeword: one its decoder finds no error in. (Reading the
// text corrects errors, so it alone would pass wrong error correction.)
func checkZXingBlocks(t testing.TB, c *Code) {
	t.Helper()
	bm, err := gozxing.NewSquareBitMatrix(c.Size)
	if err != nil {
		t.Fatal(err)
	}
	for y := range c.Size {
		for x := range c.Size {
			if c.Black(x, y) {
				bm.Set(x, y)
			}
		}
	}
	p, err := decoder.NewBitMatrixParser(bm)
	if err != nil {
		t.Fatal(err)
	}
	ver, err := p.ReadVersion()
	if err != nil {
		t.Fatalf("version %d: gozxing cannot read the version: %v", c.Version, err)
	}
	format, err := p.ReadFormatInformation()
	if err != nil {
		t.Fatalf("version %d: gozxing cannot read the format: %v", c.Version, err)
	}
	if ver.GetVersionNumber() != c.Version || int(format.GetDataMask()) != c.mask {
		t.Fatalf("version %d, mask %d: gozxing read version %d, mask %d", c.Version, c.mask, ver.GetVersionNumber(), format.GetDataMask())
	}
	cw, err := p.ReadCodewords()
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := decoder.DataBlock_GetDataBlocks(cw, ver, format.GetErrorCorrectionLevel())
	if err != nil {
		t.Fatal(err)
	}
	rs := reedsolomon.NewReedSolomonDecoder(reedsolomon.GenericGF_QR_CODE_FIELD_256)
	for i, b := range blocks {
		block := b.GetCodewords()
		got := make([]int, len(block))
		for j, w := range block {
			got[j] = int(w)
		}
		if err := rs.Decode(got, len(block)-b.GetNumDataCodewords()); err != nil {
			t.Fatalf("version %d at %v, block %d: gozxing cannot correct it: %v", c.Version, c.Level, i, err)
		}
		for j, w := range block {
			if got[j] != int(w) {
				t.Fatalf("version %d at %v, block %d: gozxing corrected codeword %d", c.Version, c.Level, i, j)
			}
		}
	}
}

// TestZXingRoundTrip has gozxing read codes of every version at every level:
// for each, a text of URL characters or arbitrary bytes, alternately of
// random length within what the version holds beyond the one before and
// the longest it holds; then the playbook's page addresses and texts made
// of the padding bytes.
func TestZXingRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, l := range levels {
		for v := 1; v <= 40; v++ {
			least := 0
			if v > 1 {
				least = Capacity(v-1, l) + 1
			}
			n := Capacity(v, l)
			if (v+int(l))%2 == 0 {
				n = least + r.IntN(n-least+1)
			}
			text := randomBytes(r, n)
			if v%4 < 2 {
				text = randomURL(r, n)
			}
			checkZXing(t, text, l)
		}
	}
	texts := []string{"", "\x00", strings.Repeat("\xec\x11", 50), "Eskalation — 数据库故障 🚨"}
	for range 20 {
		texts = append(texts, runbookURL(r))
	}
	for _, text := range texts {
		for _, l := range levels {
			checkZXing(t, text, l)
		}
	}
}

// FuzzZXing has gozxing read the codes of arbitrary bytes.
func FuzzZXing(f *testing.F) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 8 {
		f.Add(runbookURL(r), uint8(i))
	}
	f.Add("", uint8(1))
	f.Add(url(300), uint8(1))
	f.Add(strings.Repeat("\xec\x11", 40), uint8(3))
	f.Fuzz(func(t *testing.T, text string, lv uint8) {
		l := Level(lv % 4)
		if len(text) <= Capacity(40, l) {
			checkZXing(t, text, l)
		}
	})
}
