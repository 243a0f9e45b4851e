// Package qr encodes short texts, such as page URLs, as QR codes drawn in SVG.
//
// It implements the byte mode of ISO/IEC 18004 for all versions 1 to 40 and
// all four error correction levels, with no dependency beyond the standard
// library. Encode picks the smallest version that holds the text and the mask
// with the lowest penalty score; SVG draws the result as deterministic markup
// that a strict Content-Security-Policy accepts (no style attributes).
package qr
