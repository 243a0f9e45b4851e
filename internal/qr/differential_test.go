package qr

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

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
// build does, sharing the symbols, mask patterns and pooled buffers, and
// checks that each gives the SVG that encoding alone gave. Each text's
// length differs from the last, so a pooled buffer left over from another
// text would show.
func TestEncodeConcurrent(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	var texts []string
	for range 200 {
		texts = append(texts, runbookURL(r), randomURL(r, 1+r.IntN(400)))
	}
	want := make([]string, len(texts))
	for i, text := range texts {
		want[i] = checkRoundTrip(t, text, M).SVG(text)
	}
	errs := make(chan error, 4)
	for g := range 4 {
		go func() {
			for i := range texts {
				i = (i + g*len(texts)/4) % len(texts)
				c, err := Encode(texts[i], M)
				if err == nil && c.SVG(texts[i]) != want[i] {
					err = fmt.Errorf("%q: SVG differs from the one encoded alone", texts[i])
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
