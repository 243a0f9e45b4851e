package qr

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// diffTitle has every character SVG escapes.
const diffTitle = `QR code linking to <page> & "its" copy`

// checkSameAsRef checks that Encode and SVG give exactly what the reference
// encoder gives for text at level l: the same error, or the same version,
// mask and modules (rows and columns) and the same SVG bytes, titled with
// escapes and with the text itself.
func checkSameAsRef(t testing.TB, text string, l Level) {
	t.Helper()
	c, err := Encode(text, l)
	rc, rerr := refEncode(text, l)
	if err != nil || rerr != nil {
		if fmt.Sprint(err) != fmt.Sprint(rerr) {
			t.Fatalf("%q at %v: error %v, reference %v", text, l, err, rerr)
		}
		return
	}
	if c.Size != rc.Size || c.Version != rc.Version || c.Level != rc.Level || c.mask != rc.mask {
		t.Fatalf("%q at %v: size %d, version %d, level %v, mask %d; reference %d, %d, %v, %d",
			text, l, c.Size, c.Version, c.Level, c.mask, rc.Size, rc.Version, rc.Level, rc.mask)
	}
	if !slices.Equal(c.grid.rows, rc.grid.rows) || !slices.Equal(c.grid.cols, rc.grid.cols) || c.grid.n != rc.grid.n || c.grid.w != rc.grid.w {
		t.Fatalf("%q at %v: modules differ from the reference's", text, l)
	}
	for _, title := range []string{diffTitle, "QR code linking to " + text} {
		if got, want := c.SVG(title), rc.SVG(title); got != want {
			t.Fatalf("%q at %v: SVG titled %q differs from the reference's:\n%s\nwant:\n%s", text, l, title, got, want)
		}
	}
}

// runbookURL returns a live page address of the synthetic playbook's shape,
// such as https://playbook.example.com/runbooks/payments-db-failover-0421.checklist.html.
func runbookURL(r *rand.Rand) string {
	words := []string{"payments", "db", "failover", "auth", "cache", "eu", "west", "queue", "backlog", "cdn", "purge", "dns", "cert", "expiry", "k8s", "node", "pressure"}
	pages := []string{"", ".checklist", ".contacts", ".timeline", ".print"}
	var b strings.Builder
	b.WriteString([]string{"https://playbook.example.com", "https://escalator.example", "http://ops.internal.example.org:8080"}[r.IntN(3)])
	b.WriteString([]string{"/runbooks/", "/roles/", "/services/"}[r.IntN(3)])
	for i := range 1 + r.IntN(4) {
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteString(words[r.IntN(len(words))])
	}
	fmt.Fprintf(&b, "-%04d%s.html", r.IntN(10000), pages[r.IntN(len(pages))])
	return b.String()
}

// randomURL returns n bytes drawn from the characters URLs are made of.
func randomURL(r *rand.Rand, n int) string {
	const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;=%"
	b := make([]byte, n)
	for i := range b {
		b[i] = chars[r.IntN(len(chars))]
	}
	return string(b)
}

// randomBytes returns n arbitrary bytes.
func randomBytes(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return string(b)
}

// TestEncodeMatchesReference holds Encode and SVG to the reference encoder
// on thousands of texts at all four levels: random URLs and bytes of 0 to
// 300 bytes, the playbook's page addresses, and the longest text of every
// version and one byte more.
func TestEncodeMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	n := 1000
	if testing.Short() {
		n = 100
	}
	var texts []string
	for range n {
		texts = append(texts, randomURL(r, 1+r.IntN(300)), randomBytes(r, r.IntN(301)), runbookURL(r))
	}
	for _, l := range levels {
		for v := 1; v <= 40; v++ {
			c := Capacity(v, l)
			texts = append(texts, randomURL(r, c), randomBytes(r, c+1))
		}
	}
	texts = append(texts, "", strings.Repeat("\x00", 100), strings.Repeat("\xff", 100), strings.Repeat("\xec\x11", 50))
	for _, text := range texts {
		for _, l := range levels {
			checkSameAsRef(t, text, l)
		}
	}
}

// FuzzEncodeMatchesReference holds Encode and SVG to the reference encoder
// on arbitrary bytes.
func FuzzEncodeMatchesReference(f *testing.F) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 8 {
		f.Add(runbookURL(r), uint8(i))
	}
	f.Add("", uint8(1))
	f.Add("https://escalator.example/runbooks/db-failover/", uint8(1))
	f.Add(url(300), uint8(1))
	f.Add(strings.Repeat("\xec\x11", 40), uint8(3))
	f.Add(strings.Repeat("\x00", Capacity(40, H)+1), uint8(3))
	f.Fuzz(func(t *testing.T, text string, lv uint8) {
		checkSameAsRef(t, text, Level(lv%5))
	})
}

// TestLinePenaltyMatchesReference checks the one-word line penalty against
// the plain reading of the rules on lines of every width up to 64: random
// modules with a finder-like pattern at a scale that fits, its ratio
// sometimes broken, between light runs a little shorter or longer than the
// rule asks for.
func TestLinePenaltyMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for n := 1; n <= 64; n++ {
		for range 400 {
			line := make([]bool, n)
			for i := range line {
				line[i] = r.IntN(2) == 0
			}
			if u := 1 + r.IntN(max(n/7, 1)); 7*u <= n {
				x := r.IntN(n - 7*u + 1)
				light := func(from, k int) {
					for i := max(from, 0); i < min(from+k, n); i++ {
						line[i] = false
					}
				}
				before := 4*u + r.IntN(3) - 1
				light(x-before, before)
				for i, k := range []int{1, 1, 3, 1, 1} {
					k *= u
					if r.IntN(8) == 0 {
						k += r.IntN(3) - 1 // a broken ratio
					}
					for ; k > 0 && x < n; k-- {
						line[x] = i%2 == 0
						x++
					}
				}
				light(x, u+r.IntN(3*u+3)-1)
			}
			if got, want := linePenalty1(lineWords(line)[0], n), refLinePenalty(line, nil); got != want {
				t.Fatalf("linePenalty1(%v) = %d, reference %d", line, got, want)
			}
		}
	}
}

// TestEncodeConcurrent encodes from several goroutines at once, as a site
// build does, sharing the symbols, mask patterns and pooled buffers; run
// with -race.
func TestEncodeConcurrent(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	var texts []string
	for range 200 {
		texts = append(texts, runbookURL(r), randomURL(r, 1+r.IntN(400)))
	}
	want := make([]string, len(texts))
	for i, text := range texts {
		c, err := refEncode(text, M)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = c.SVG(text)
	}
	errs := make(chan error, 4)
	for g := range 4 {
		go func() {
			for i := range texts {
				i = (i + g*len(texts)/4) % len(texts)
				c, err := Encode(texts[i], M)
				if err == nil && c.SVG(texts[i]) != want[i] {
					err = fmt.Errorf("%q: SVG differs from the reference's", texts[i])
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
