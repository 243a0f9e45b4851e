package qr

// The block tables of ISO/IEC 18004:2015, table 9, indexed [level][version]
// (index 0 unused). A symbol's codewords split into numBlocks blocks, each
// ending in eccPerBlock error correction codewords; when the total does not
// divide evenly the later blocks carry one more data codeword.
var eccPerBlock = [4][41]int8{
	//  1   2   3   4   5   6   7   8   9  10  11  12  13  14  15  16  17  18  19  20  21  22  23  24  25  26  27  28  29  30  31  32  33  34  35  36  37  38  39  40
	{-1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},  // L
	{-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28}, // M
	{-1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30}, // Q
	{-1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30}, // H
}

var numBlocks = [4][41]int8{
	//  1  2  3  4  5  6  7  8  9 10  11  12  13  14  15  16  17  18  19  20  21  22  23  24  25  26  27  28  29  30  31  32  33  34  35  36  37  38  39  40
	{-1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25},              // L
	{-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49},     // M
	{-1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68},  // Q
	{-1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81}, // H
}

// alignmentCenters lists, per version, the row and column coordinates of the
// alignment pattern centres (ISO/IEC 18004:2015, annex E, table E.1).
var alignmentCenters = [41][]int{
	2:  {6, 18},
	3:  {6, 22},
	4:  {6, 26},
	5:  {6, 30},
	6:  {6, 34},
	7:  {6, 22, 38},
	8:  {6, 24, 42},
	9:  {6, 26, 46},
	10: {6, 28, 50},
	11: {6, 30, 54},
	12: {6, 32, 58},
	13: {6, 34, 62},
	14: {6, 26, 46, 66},
	15: {6, 26, 48, 70},
	16: {6, 26, 50, 74},
	17: {6, 30, 54, 78},
	18: {6, 30, 56, 82},
	19: {6, 30, 58, 86},
	20: {6, 34, 62, 90},
	21: {6, 28, 50, 72, 94},
	22: {6, 26, 50, 74, 98},
	23: {6, 30, 54, 78, 102},
	24: {6, 28, 54, 80, 106},
	25: {6, 32, 58, 84, 110},
	26: {6, 30, 58, 86, 114},
	27: {6, 34, 62, 90, 118},
	28: {6, 26, 50, 74, 98, 122},
	29: {6, 30, 54, 78, 102, 126},
	30: {6, 26, 52, 78, 104, 130},
	31: {6, 30, 56, 82, 108, 134},
	32: {6, 34, 60, 86, 112, 138},
	33: {6, 30, 58, 86, 114, 142},
	34: {6, 34, 62, 90, 118, 146},
	35: {6, 30, 54, 78, 102, 126, 150},
	36: {6, 24, 50, 76, 102, 128, 154},
	37: {6, 28, 54, 80, 106, 132, 158},
	38: {6, 32, 58, 84, 110, 136, 162},
	39: {6, 26, 54, 82, 110, 138, 166},
	40: {6, 30, 58, 86, 114, 142, 170},
}

// rawModules returns how many modules of a version-v symbol are left for
// codewords once the function patterns and the format and version
// information are placed. It counts the symbol's n×n modules less three
// finders with their separators (8×8 each), the format information and the
// dark module (31), the two timing lines between the finders, the alignment
// patterns (25 modules each, but 5 fewer for each one lying on a timing
// line) and, from version 7, the two 6×3 version information blocks.
func rawModules(v int) int {
	n := 17 + 4*v
	m := n*n - 3*64 - 31 - 2*(n-16)
	if v >= 2 {
		k := len(alignmentCenters[v])
		m -= 25*(k*k-3) - 2*5*(k-2)
	}
	if v >= 7 {
		m -= 2 * 18
	}
	return m
}

// dataCodewords returns the number of data codewords (error correction
// excluded) of a version-v symbol at level l.
func dataCodewords(v int, l Level) int {
	return rawModules(v)/8 - int(numBlocks[l][v])*int(eccPerBlock[l][v])
}

// countBits returns the width of the byte mode character count indicator.
func countBits(v int) int {
	if v <= 9 {
		return 8
	}
	return 16
}

// Capacity returns how many bytes of text a version-v code at level l holds
// in byte mode, or 0 if v is not a version from 1 to 40 or l is not a level.
func Capacity(v int, l Level) int {
	if v < 1 || v > 40 || l < L || l > H {
		return 0
	}
	return (dataCodewords(v, l)*8 - 4 - countBits(v)) / 8
}
