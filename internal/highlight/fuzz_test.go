package highlight

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/alecthomas/chroma/v2/lexers"
)

// fuzzLexers are the lexers FuzzEngine compares, picked by the fuzzer's
// first byte: the playbooks' languages and some with Using, UsingSelf and
// Combined states.
var fuzzLexers = []string{"bash", "console", "yaml", "go", "sql", "json", "python", "javascript", "php", "scss", "cpp", "hcl", "powershell", "dockerfile"}

// FuzzEngine checks that the engine gives chroma's tokens for any text.
func FuzzEngine(f *testing.F) {
	for i, name := range fuzzLexers {
		f.Add(byte(i), sample)
		for _, path := range []string{name + ".actual", "python/test_complex_file1.actual"} {
			if data, err := os.ReadFile(filepath.Join("testdata", "corpus", path)); err == nil && len(data) < 4096 {
				f.Add(byte(i), string(data))
			}
		}
	}
	f.Add(byte(0), "# Look at Payments first\nkubectl -n payments get pods -o wide\npsql \"$PAYMENTS_DB_URL\" -c 'select 1'\n")
	f.Fuzz(func(t *testing.T, which byte, text string) {
		if len(text) > 4096 {
			return
		}
		l := lexers.Get(fuzzLexers[int(which)%len(fuzzLexers)])
		if !same(t, l, "fuzz", text) {
			t.Fatalf("%s is not handled", l.Config().Name)
		}
	})
}
