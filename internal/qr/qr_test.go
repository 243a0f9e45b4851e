package qr

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

var levels = [4]Level{L, M, Q, H}

// encodeMask is Encode with the data mask fixed, for tests of the mask choice.
func encodeMask(text string, level Level, mask int) *Code {
	v := 1
	for Capacity(v, level) < len(text) {
		v++
	}
	m := newMatrix(v)
	m.place(codewords(text, v, level))
	return m.code(bitGridOf(m.base, m.n), v, level, mask)
}

// rows returns the code's modules as lines of dark and light characters.
func rows(c *Code, dark, light byte) []string {
	out := make([]string, c.Size)
	line := make([]byte, c.Size)
	for y := range c.Size {
		for x := range c.Size {
			line[x] = light
			if c.Black(x, y) {
				line[x] = dark
			}
		}
		out[y] = string(line)
	}
	return out
}

// checkRoundTrip encodes text at level l, decodes it with the test decoder
// and checks the payload, the level, the mask and that the version is the
// smallest that holds the text.
func checkRoundTrip(t testing.TB, text string, l Level) *Code {
	t.Helper()
	c, err := Encode(text, l)
	if err != nil {
		t.Fatalf("Encode(%d bytes, %v): %v", len(text), l, err)
	}
	d, err := decode(c)
	if err != nil {
		t.Fatalf("Encode(%q, %v) gave an unreadable code: %v", text, l, err)
	}
	if d.text != text || d.level != l || d.mask != c.mask || d.version != c.Version {
		t.Fatalf("Encode(%q, %v): decoded %q at %v, mask %d, version %d; want the text at %v, mask %d, version %d",
			text, l, d.text, d.level, d.mask, d.version, l, c.mask, c.Version)
	}
	if c.Size != 17+4*c.Version || c.Level != l {
		t.Fatalf("Encode(%q, %v): Size %d, Version %d, Level %v", text, l, c.Size, c.Version, c.Level)
	}
	if Capacity(c.Version, l) < len(text) || c.Version > 1 && Capacity(c.Version-1, l) >= len(text) {
		t.Fatalf("Encode(%d bytes, %v) chose version %d, not the smallest that holds them", len(text), l, c.Version)
	}
	return c
}

// url returns a page URL exactly n bytes long.
func url(n int) string {
	const base = "https://escalator.example/runbooks/payments/database-failover/step-"
	s := base
	for i := 0; len(s) < n; i++ {
		s += strconv.Itoa(i % 10)
	}
	return s[:n]
}

func TestRoundTrip(t *testing.T) {
	texts := []string{
		"",
		"a",
		"é",
		"https://escalator.example/",
		"https://escalator.example/roles/incident-commander/",
		"Eskalation: Datenbank fällt aus — 数据库故障 🚨",
		"<script>alert(1)</script>&amp;",
		"\x00\xff\x80 not UTF-8 \xc3",
		strings.Repeat("ü", 150),
	}
	for n := 1; n <= 300; n++ {
		texts = append(texts, url(n))
	}
	for _, l := range levels {
		for _, text := range texts {
			checkRoundTrip(t, text, l)
		}
	}
}

// TestLongest fills version 40 at each level and checks that one more byte
// is refused.
func TestLongest(t *testing.T) {
	for _, l := range levels {
		n := Capacity(40, l)
		text := strings.Repeat("https://escalator.example/", 120)[:n]
		if c := checkRoundTrip(t, text, l); c.Version != 40 {
			t.Errorf("%d bytes at %v: version %d, want 40", n, l, c.Version)
		}
		_, err := Encode(text+"x", l)
		if !errors.Is(err, ErrTooLong) {
			t.Errorf("%d bytes at %v: error %v, want ErrTooLong", n+1, l, err)
		}
	}
}

func TestEncodeErrors(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		level Level
		want  string
	}{
		{"negative level", "x", Level(-1), "qr: unknown error correction level -1"},
		{"level past H", "x", Level(4), "qr: unknown error correction level 4"},
		{"too long at L", strings.Repeat("x", 2954), L, "qr: text too long: 2954 bytes, level L holds at most 2953"},
		{"too long at H", strings.Repeat("x", 1274), H, "qr: text too long: 1274 bytes, level H holds at most 1273"},
	}
	for _, tt := range tests {
		c, err := Encode(tt.text, tt.level)
		if c != nil || err == nil || err.Error() != tt.want {
			t.Errorf("%s: Encode = %v, %v; want nil, %q", tt.name, c, err, tt.want)
		}
	}
}

// isoByteCapacity is ISO/IEC 18004:2015 table 7's byte-mode column:
// the data capacity in bytes for levels L, M, Q, H of versions 1 to 40.
var isoByteCapacity = [41][4]int{
	1: {17, 14, 11, 7}, {32, 26, 20, 14}, {53, 42, 32, 24}, {78, 62, 46, 34},
	{106, 84, 60, 44}, {134, 106, 74, 58}, {154, 122, 86, 64}, {192, 152, 108, 84},
	{230, 180, 130, 98}, {271, 213, 151, 119}, {321, 251, 177, 137}, {367, 287, 203, 155},
	{425, 331, 241, 177}, {458, 362, 258, 194}, {520, 412, 292, 220}, {586, 450, 322, 250},
	{644, 504, 364, 280}, {718, 560, 394, 310}, {792, 624, 442, 338}, {858, 666, 482, 382},
	{929, 711, 509, 403}, {1003, 779, 565, 439}, {1091, 857, 611, 461}, {1171, 911, 661, 511},
	{1273, 997, 715, 535}, {1367, 1059, 751, 593}, {1465, 1125, 805, 625}, {1528, 1190, 868, 658},
	{1628, 1264, 908, 698}, {1732, 1370, 982, 742}, {1840, 1452, 1030, 790}, {1952, 1538, 1112, 842},
	{2068, 1628, 1168, 898}, {2188, 1722, 1228, 958}, {2303, 1809, 1283, 983}, {2431, 1911, 1351, 1051},
	{2563, 1989, 1423, 1093}, {2699, 2099, 1499, 1139}, {2809, 2213, 1579, 1219}, {2953, 2331, 1663, 1273},
}

func TestCapacity(t *testing.T) {
	for v := 1; v <= 40; v++ {
		for _, l := range levels {
			if got, want := Capacity(v, l), isoByteCapacity[v][l]; got != want {
				t.Errorf("Capacity(%d, %v) = %d, want %d", v, l, got, want)
			}
		}
	}
	for _, bad := range [][2]int{{0, 0}, {41, 0}, {1, -1}, {1, 4}} {
		if got := Capacity(bad[0], Level(bad[1])); got != 0 {
			t.Errorf("Capacity(%d, %d) = %d, want 0", bad[0], bad[1], got)
		}
	}
}

// TestMinimalVersion encodes, at every level, the longest text each version
// holds and one byte more, which must move to the next version.
func TestMinimalVersion(t *testing.T) {
	for _, l := range levels {
		for v := 1; v < 40; v++ {
			n := Capacity(v, l)
			for _, tc := range []struct{ n, v int }{{n, v}, {n + 1, v + 1}} {
				c := checkRoundTrip(t, url(tc.n), l)
				if c.Version != tc.v {
					t.Errorf("%d bytes at %v: version %d, want %d", tc.n, l, c.Version, tc.v)
				}
			}
		}
	}
}

// TestRawModules checks the closed form for the data modules against a
// count of the modules the test decoder reads.
func TestRawModules(t *testing.T) {
	for v := 1; v <= 40; v++ {
		free := 0
		for _, r := range reservedMap(v) {
			if !r {
				free++
			}
		}
		if got := rawModules(v); got != free {
			t.Errorf("rawModules(%d) = %d, want %d", v, got, free)
		}
	}
}

// TestMaskChoice checks that Encode keeps the mask with the lowest penalty,
// the lowest-numbered among equals, and that every mask decodes.
func TestMaskChoice(t *testing.T) {
	for _, text := range []string{"", "a", url(60), url(200), strings.Repeat("\x00", 40)} {
		for _, l := range levels {
			c := checkRoundTrip(t, text, l)
			best := c.grid.penalty(nil)
			for k := range 8 {
				mc := encodeMask(text, l, k)
				if d, err := decode(mc); err != nil || d.mask != k || d.text != text {
					t.Fatalf("%q at %v under mask %d: decoded %+v, %v", text, l, k, d, err)
				}
				p := mc.grid.penalty(nil)
				if p < best || p == best && k < c.mask {
					t.Errorf("%q at %v: chose mask %d (penalty %d), but mask %d scores %d", text, l, c.mask, best, k, p)
				}
			}
		}
	}
}

func TestPenaltyRules(t *testing.T) {
	tests := []struct {
		name string
		line string
		want int
	}{
		{"alternating", "#.#.#.#.#.#.", 0},
		{"run of four", "####.#.#.#.#", 0},
		{"run of five", "#####.#.#.#.", 3},
		{"run of seven", ".......#.#.#", 5},
		{"two runs of five", "#####.....#.", 6},
		{"finder at the left edge", "#.###.#.#.#.#.", 40},
		{"finder with light on both sides", "....#.###.#....", 80},
		{"finder with light only before", "#.#....#.###.#.#.", 40},
		{"finder with three light before", "#.#...#.###.#.#.#", 0},
		{"finder at double scale", "........##..######..##..#", 40 + 6 + 4},
		{"double scale, too little light after", "........##..######..##.#", 6 + 4},
		{"finder ratio broken", "....#.####.#.#.", 0},
	}
	for _, tt := range tests {
		line := make([]bool, len(tt.line))
		for i := range tt.line {
			line[i] = tt.line[i] == '#'
		}
		if got := linePenalty(lineWords(line), len(line), nil); got != tt.want {
			t.Errorf("%s: linePenalty(%s) = %d, want %d", tt.name, tt.line, got, tt.want)
		}
		if got := refLinePenalty(line, nil); got != tt.want {
			t.Errorf("%s: refLinePenalty(%s) = %d, want %d", tt.name, tt.line, got, tt.want)
		}
	}
}

func TestPenaltyBlocksAndBalance(t *testing.T) {
	// A 5×5 all-light grid: five runs of five in each direction, sixteen
	// 2×2 blocks, and 0% dark, which is nine whole 5% steps past 45%.
	grid := make([]bool, 25)
	if got, want := bitGridOf(grid, 5).penalty(nil), 10*3+16*3+9*10; got != want {
		t.Errorf("penalty(all light 5×5) = %d, want %d", got, want)
	}
}

// TestNayukiVectors compares with the symbols Nayuki's QR Code generator
// makes for the same bytes: at every version and level, the least and the
// most the version holds (see the header of testdata/nayuki.txt).
func TestNayukiVectors(t *testing.T) {
	f, err := os.Open("testdata/nayuki.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	count := 0
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		var lv string
		var v, n, mask int
		var sum string
		if _, err := fmt.Sscan(line, &lv, &v, &n, &mask, &sum); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		l := Level(strings.Index("LMQH", lv))
		data := make([]byte, n)
		for i := range data {
			data[i] = byte(37*i + 11*v + 5*int(l))
		}
		c := checkRoundTrip(t, string(data), l)
		h := sha256.Sum256([]byte(strings.Join(rows(c, '1', '0'), "\n")))
		if c.Version != v || c.mask != mask || hex.EncodeToString(h[:]) != sum {
			t.Errorf("%d bytes at %v: version %d, mask %d, sha256 %x; Nayuki's: version %d, mask %d, sha256 %s",
				n, l, c.Version, c.mask, h, v, mask, sum)
		}
		count++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if count != 320 {
		t.Errorf("read %d vectors, want 320", count)
	}
}

// nayukiDBFailover is the symbol Nayuki's QR Code generator 1.8.0 makes for
// "https://escalator.example/runbooks/db-failover/" in byte mode at level M:
// version 4, mask 2.
var nayukiDBFailover = `
#######.....#...#.####.#..#######
#.....#........#..#.###.#.#.....#
#.###.#.#..##.#.#....##...#.###.#
#.###.#.#.#.#.....#...###.#.###.#
#.###.#.###...####..####..#.###.#
#.....#.#....#.....#.#..#.#.....#
#######.#.#.#.#.#.#.#.#.#.#######
........#..#....#..#####.........
#.#####..##.###..#.#..#.#.#####..
#..#...#.#.###..##.#####..##.####
...#.##...##.#####.......#..#.##.
##..#....#.#.#.####..#..#.#.#####
###..##..#.##.###..##....#.###..#
.##....####.#..#..#..#.#..#...###
....##########.##.#.###..##..#.#.
##......##.###.#..#..#.#.##.#.#..
#.#..##...#.#..###..#.####.##...#
##.#.#..##....#.#.###..#..##.##.#
#..#.#####.#..##..#.#.#....##.##.
....#...##.#........######.######
.#.#.##.#....###..#..#..##.###.##
#.##.#.#...#..####..#..#..##.#..#
#.##.##....#.......#..#.##.###.#.
#.##....##......#.#####..#.#.####
#..#.###.#.#....##.#..#######..##
........#.##..#.#####.#.#...#.#.#
#######...#.##.###....###.#.#.##.
#.....#.##.#.#..#####..##...#####
#.###.#.#.#.##..#..####.######.##
#.###.#.########..#..#.#.#..###.#
#.###.#.##.#.####...#...####..#..
#.....#..###.#.#.....#....#.###..
#######.##....##.##....###.#...#.
`

func TestNayukiPicture(t *testing.T) {
	c := checkRoundTrip(t, "https://escalator.example/runbooks/db-failover/", M)
	got := strings.Join(rows(c, '#', '.'), "\n")
	if want := strings.TrimSpace(nayukiDBFailover); got != want || c.Version != 4 || c.mask != 2 {
		t.Errorf("version %d, mask %d:\n%s\nwant version 4, mask 2:\n%s", c.Version, c.mask, got, want)
	}
}

func TestBlackOutside(t *testing.T) {
	c, err := Encode("x", M)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range [][2]int{{-1, 0}, {0, -1}, {c.Size, 0}, {0, c.Size}, {-4, -4}} {
		if c.Black(p[0], p[1]) {
			t.Errorf("Black(%d, %d) outside a %d-module code is dark", p[0], p[1], c.Size)
		}
	}
	if !c.Black(0, 0) {
		t.Error("Black(0, 0), a finder corner, is light")
	}
}

func TestLevelString(t *testing.T) {
	for l, want := range map[Level]string{L: "L", M: "M", Q: "Q", H: "H", Level(7): "Level(7)"} {
		if got := l.String(); got != want {
			t.Errorf("Level(%d).String() = %q, want %q", int(l), got, want)
		}
	}
}

// FuzzEncode round-trips arbitrary bytes through the test decoder.
func FuzzEncode(f *testing.F) {
	f.Add("", uint8(0))
	f.Add("https://escalator.example/runbooks/db-failover/", uint8(1))
	f.Add("Eskalation — 数据库故障 🚨", uint8(2))
	f.Add(strings.Repeat("\xec\x11", 40), uint8(3))
	f.Fuzz(func(t *testing.T, text string, lv uint8) {
		l := Level(lv % 4)
		if len(text) > Capacity(40, l) {
			if _, err := Encode(text, l); !errors.Is(err, ErrTooLong) {
				t.Fatalf("%d bytes at %v: error %v, want ErrTooLong", len(text), l, err)
			}
			return
		}
		checkRoundTrip(t, text, l)
	})
}

// benchURL is a printable page's live address in the synthetic playbook of
// 10,000 runbooks: 78 bytes, version 5 at level M.
const benchURL = "https://playbook.example.com/runbooks/payments-db-failover-0421.checklist.html"

func BenchmarkEncode(b *testing.B) {
	for b.Loop() {
		if _, err := Encode(benchURL, M); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeLong(b *testing.B) {
	text := url(300)
	for b.Loop() {
		if _, err := Encode(text, M); err != nil {
			b.Fatal(err)
		}
	}
}
