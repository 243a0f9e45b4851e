package markdown

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// BenchmarkRender renders testdata/runbook.md (about 1,000 words with a
// table, a task list, a footnote and bash, SQL and YAML code blocks).
// "cold" highlights every code block on every render, as a first build
// does; "warm" is New's Renderer, which remembers highlighted blocks, as
// for a block repeated across pages or a rebuild in watch mode. Besides
// wall time it reports cpu-ns/op, the process's CPU time per render (GC
// included), which stays meaningful on a busy machine.
func BenchmarkRender(b *testing.B) {
	src, err := os.ReadFile("testdata/runbook.md")
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		r    *Renderer
	}{
		{"cold", newRenderer(Options{}, 0)},
		{"warm", New(Options{})},
	} {
		b.Run(bc.name, func(b *testing.B) {
			if _, err := bc.r.Render(src); err != nil { // compile chroma's lexers outside the timing
				b.Fatal(err)
			}
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cpuTime()
			for b.Loop() {
				if _, err := bc.r.Render(src); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, cpu)
		})
	}
}

// BenchmarkInline renders a checklist step.
func BenchmarkInline(b *testing.B) {
	r := New(Options{})
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		_ = r.Inline("Fail over to the synchronous replica with `pgctl failover`, see [the guide](../guide/).")
	}
	reportCPU(b, cpu)
}

func reportCPU(b *testing.B, start time.Duration) {
	if start < 0 {
		return
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// blocks are typical runbook code blocks.
var blocks = []struct{ lang, code string }{
	{"bash", "# Look at Payments first\nkubectl -n payments get pods -o wide\nkubectl -n payments rollout status deploy/payments-api --timeout=120s\npsql \"$PAYMENTS_DB_URL\" -c 'select count(*) from pg_stat_activity'\ncurl -fsS https://payments.internal.example.com/healthz\n"},
	{"yaml", "service: payments-api\nowner: payments\nescalation:\n  - after: 15m\n    notify: [payments-oncall, sre]\n  - after: 1h\n    page: incident-commander # wake someone up\nrunbook: https://wiki.example.com/payments\n"},
	{"go", "func healthz(w http.ResponseWriter, r *http.Request) {\n\tctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)\n\tdefer cancel()\n\tif err := db.PingContext(ctx); err != nil {\n\t\thttp.Error(w, \"db: \"+err.Error(), http.StatusServiceUnavailable)\n\t\treturn\n\t}\n\tfmt.Fprintln(w, `ok`)\n}\n"},
}

// BenchmarkHighlight highlights one block of each kind through chroma's
// own lexer ("chroma") and through internal/highlight ("highlight"), which gives the
// same HTML. cpu-ns/op is the process's CPU time per block.
func BenchmarkHighlight(b *testing.B) {
	for _, bl := range blocks {
		l := lexers.Get(bl.lang)
		for _, run := range []struct {
			name  string
			lexer chroma.Lexer
		}{
			{"chroma", l},
			{"highlight", fast.Lexer(l)},
		} {
			b.Run(bl.lang+"/"+run.name, func(b *testing.B) {
				b.ReportAllocs()
				cpu := cpuTime()
				for b.Loop() {
					if _, ok := format(run.lexer, bl.code); !ok {
						b.Fatal("not highlighted")
					}
				}
				reportCPU(b, cpu)
			})
		}
	}
}

// BenchmarkPathological runs Render over each superlinear input of
// TestPathologicalRefused at two sizes, the larger twice the smaller, both
// under maxSource: the pre-scan refuses them, and MB/s staying level shows
// its cost is linear. (goldmark itself takes 4 times as long at twice the
// size on these; the figures are in issue 14's note.)
func BenchmarkPathological(b *testing.B) {
	r := New(Options{})
	for _, tt := range pathological {
		if tt.name == "too large" {
			continue
		}
		n := tt.n
		for len(tt.gen(2*n)) > maxSource {
			n /= 2
		}
		for _, n := range []int{n, 2 * n} {
			src := []byte(tt.gen(n))
			b.Run(fmt.Sprintf("%s/%dKB", tt.name, len(src)>>10), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					if _, err := r.Render(src); err == nil {
						b.Fatal("rendered")
					}
				}
			})
		}
	}
}
