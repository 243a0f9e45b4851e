package schema

import (
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// unknownKeysDoc is a valid team followed by n keys the schema does not know.
func unknownKeysDoc(tb testing.TB, n int) *yaml.Node {
	tb.Helper()
	var b strings.Builder
	b.WriteString(validDocs[Team])
	for i := range n {
		fmt.Fprintf(&b, "zz-unknown-%06d: x\n", i)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(b.String()), &doc); err != nil {
		tb.Fatal(err)
	}
	return &doc
}

// BenchmarkUnknownKeys validates a team with 5,000 and 50,000 unknown keys: the time per
// key must not grow with the number of keys.
func BenchmarkUnknownKeys(b *testing.B) {
	for _, n := range []int{5000, 50000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			doc := unknownKeysDoc(b, n)
			b.ReportAllocs()
			for b.Loop() {
				Validate("team.yaml", Team, doc)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/key")
		})
	}
}
