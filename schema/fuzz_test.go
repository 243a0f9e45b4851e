package schema

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/escalator-dev/escalator/diag"
)

// FuzzValidate checks that Validate never panics and always returns sorted, positioned,
// lowercase diagnostics, the same ones every time.
func FuzzValidate(f *testing.F) {
	kinds := Kinds()
	for i, k := range kinds {
		f.Add(uint8(i), []byte(validDocs[k]))
	}
	for _, d := range sampleDocs(f) {
		f.Add(uint8(slices.Index(kinds, d.kind)), d.yaml)
	}
	for _, tc := range messageTests {
		f.Add(uint8(slices.Index(kinds, tc.kind)), []byte(tc.src))
	}
	addHugeNumbers(f)
	f.Add(uint8(0), []byte("a: &a [*a]\n"))
	f.Add(uint8(2), []byte("<<: [*x]\n"))
	f.Add(uint8(2), []byte("x: &x {a: 1}\n<<: [*x, *x]\n<<: *x\n"))
	f.Fuzz(func(t *testing.T, k uint8, src []byte) {
		kind := kinds[int(k)%len(kinds)]
		var doc yaml.Node
		if err := yaml.Unmarshal(src, &doc); err != nil {
			return
		}
		l := Validate("f.yaml", kind, &doc)
		lines := countLines(string(src))
		for _, d := range l {
			if d.File != "f.yaml" || d.Severity != diag.Error {
				t.Errorf("bad file or severity: %#v", d)
			}
			if d.Line < 0 || d.Col < 0 || d.Line > lines {
				t.Errorf("position %d:%d outside the %d-line source: %s", d.Line, d.Col, lines, d)
			}
			if r, _ := utf8.DecodeRuneInString(d.Message); d.Message == "" || unicode.IsUpper(r) {
				t.Errorf("message not lowercase: %q", d.Message)
			}
		}
		if !slices.IsSortedFunc(l, func(a, b diag.Diagnostic) int {
			return (a.Line-b.Line)*1000000 + (a.Col - b.Col)
		}) {
			t.Errorf("not sorted: %v", l)
		}
		if again := Validate("f.yaml", kind, &doc); !reflect.DeepEqual(l, again) {
			t.Errorf("not deterministic:\n%v\n---\n%v", l, again)
		}
	})
}

// hugeNumbers are numbers beyond what a float64 holds exactly, or at all.
var hugeNumbers = []string{
	"9007199254740993", "-9007199254740993", "9223372036854775807", "-9223372036854775808",
	"9223372036854775808", "18446744073709551615", "18446744073709551616", "1e400", "-1e400",
	"1e-400", "4.9e-324", "5.0000000000000001", "0x7fffffffffffffff",
}

// addHugeNumbers seeds a fuzz target with huge numbers where the schemas bound or type a
// number: a chain's repeat and a page's order.
func addHugeNumbers(f *testing.F) {
	kinds := Kinds()
	for _, n := range hugeNumbers {
		f.Add(uint8(slices.Index(kinds, Team)), []byte(team+"escalation: {repeat: "+n+", levels: [{name: L, after: 0m, teams: [x]}]}\n"))
		f.Add(uint8(slices.Index(kinds, Page)), []byte(page+"order: "+n+"\n"))
	}
}

// countLines counts lines as YAML parsers do: \n, \r, \r\n, NEL, LS and PS end them.
func countLines(s string) int {
	n := 1
	for _, r := range strings.ReplaceAll(s, "\r\n", "\n") {
		switch r {
		case '\n', '\r', '\u0085', '\u2028', '\u2029':
			n++
		}
	}
	return n
}

func BenchmarkValidateTeam(b *testing.B) {
	for _, bc := range []struct{ name, src string }{
		{"valid", validDocs[Team]},
		{"invalid", strings.NewReplacer("engineering", "enginering", "1h30m", "90 min", "mon-fri", "monday").Replace(validDocs[Team]) + "tems: []\n"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte(bc.src), &doc); err != nil {
				b.Fatal(err)
			}
			Validate("team.yaml", Team, &doc) // compile the schemas outside the timing
			b.ReportAllocs()
			for b.Loop() {
				Validate("team.yaml", Team, &doc)
			}
		})
	}
}
