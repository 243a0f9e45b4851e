package matrix

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/internal/synth"
	"github.com/escalator-dev/escalator/schema"
)

// routingFields are what a routing load keeps of a runbook.
func routingFields(rb *Runbook) string {
	refs := func(rs []Ref) string {
		var b strings.Builder
		for _, r := range rs {
			fmt.Fprintf(&b, "%s@%d:%d ", r.ID, r.Pos.Line, r.Pos.Col)
		}
		return b.String()
	}
	return fmt.Sprintf("%q %v %q %q %s domains(%v %v %s) severities(%s)", rb.ID, rb.IDPos, rb.Title, rb.Kind,
		refs([]Ref{rb.Domain}), rb.Domains.Pos, rb.Domains.All, refs(rb.Domains.Refs), refs(rb.Severities))
}

// fullRunbook reads a runbook as a full load does.
func fullRunbook(t *testing.T, data []byte) (*Runbook, bool) {
	t.Helper()
	l := &loader{opt: Options{SkipBodies: true}}
	d := &doc{name: "runbooks/x.md"}
	l.parse(d, data, schema.Runbook, true)
	d = decoded(d, schema.Runbook)
	rb, _ := d.value.(*Runbook)
	return rb, rb != nil && !d.diags.HasErrors()
}

func TestRoutingRunbook(t *testing.T) {
	const rest = "owner: team-a\nsummary: s\ntriage: [{id: a, question: q}]\ncontainment: c\nchecklist: {triage: [x]}\n"
	tests := []struct {
		name string
		fm   string // front matter lines, without the --- lines
		fast bool   // read by the routing path, not left to the full read
	}{
		{"plain", "id: a-b\ntitle: \"T: x (2)\"\ndomain: api\nseverities: [sev1, sev2]\n", true},
		{"spaces in a list", "id: a\ntitle: T\ndomain:   api\nseverities: [ sev1 ,sev2 ]\n", true},
		{"block sequence", "id: a\ntitle: T\ndomain: api\nseverities:\n  - sev1\n  - sev2\n", true},
		{"unindented sequence", "id: a\ntitle: T\ndomain: api\nseverities:\n- sev1\n- sev2\n", true},
		{"quoted id", "id: \"a\"\ntitle: 'T'\ndomain: api\nseverities: [sev1]\n", true},
		{"trailing comment", "id: a # the id\ntitle: T\ndomain: api\nseverities: [sev1]\n", false},
		{"domains all", "id: a\ntitle: T\ndomains: all\nseverities: [sev1]\n", true},
		{"domains list", "id: a\ntitle: T\ndomains: [api, web]\nseverities: [sev1]\n", true},
		{"multi-line title", "id: a\ntitle: >\n  long\n  title\ndomain: api\nseverities: [sev1]\n", true},
		{"process", "id: a\ntitle: T\nkind: process\n", true},
		{"comment lines between", "# head\nid: a\n# note\ntitle: T\ndomain: api\nseverities: [sev1]\n", true},
		{"numeric id", "id: 0x1f\ntitle: T\ndomain: api\nseverities: [sev1]\n", false},
		{"bool domain", "id: a\ntitle: T\ndomain: true\nseverities: [sev1]\n", false},
		{"repeated id", "id: a\nid: b\ntitle: T\ndomain: api\nseverities: [sev1]\n", false},
		{"missing title", "id: a\ndomain: api\nseverities: [sev1]\n", false},
		{"missing severities", "id: a\ntitle: T\ndomain: api\n", false},
		{"bad kind", "id: a\ntitle: T\nkind: other\ndomain: api\nseverities: [sev1]\n", false},
		{"domains scalar", "id: a\ntitle: T\ndomains: api\nseverities: [sev1]\n", false},
		{"alias", "x: &d api\nid: a\ntitle: T\ndomain: *d\nseverities: [sev1]\n", false},
		{"severities scalar", "id: a\ntitle: T\ndomain: api\nseverities: sev1\n", false},
		{"a quoted value over lines that look like keys", "id: a\ntitle: T\nsummary: \"starts here\ndomain: web\nand ends here\"\nseverities: [sev1]\n", false},
		{"a quoted value closed on its line", "id: a\ntitle: T\nsummary: \"x \\\" y\" \ndomain: api\nseverities: [sev1]\n", true},
		{"single quotes with a quote inside", "id: a\ntitle: T\nsummary: 'it''s'\ndomain: api\nseverities: [sev1]\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm := tt.fm + rest
			if strings.Contains(tt.fm, "summary:") {
				fm = tt.fm + strings.Replace(rest, "summary: s\n", "", 1)
			}
			if strings.Contains(fm, "kind: process") {
				fm = tt.fm + "owner: team-a\nsummary: s\nchecklist: {triage: [x]}\n"
			}
			data := []byte("---\n" + fm + "---\n# Body\n\nid: not-this\n")
			got := routingRunbook(data)
			if (got != nil) != tt.fast {
				t.Fatalf("routing path took it: %v, want %v", got != nil, tt.fast)
			}
			if got == nil {
				return
			}
			want, ok := fullRunbook(t, data)
			if !ok {
				t.Fatalf("the full read finds errors in a runbook the routing path accepted")
			}
			if g, w := routingFields(got), routingFields(want); g != w {
				t.Errorf("routing fields differ:\n got %s\nwant %s", g, w)
			}
		})
	}
	for _, data := range []string{
		"---\r\nid: a\r\ntitle: T\r\ndomain: api\r\nseverities: [sev1]\r\n---\r\n", // CRLF: the full read
		"---\nid: a\ntitle: T\ndomain: api\nseverities: [sev1]\n",                  // no end
		"\ufeff---\nid: a\ntitle: T\ndomain: api\nseverities: [sev1]\n---\n",
		"id: a\n",
	} {
		if rb := routingRunbook([]byte(data)); rb != nil {
			t.Errorf("%q: read by the routing path, want the full read", data)
		}
	}
}

// factSets are the cases routed to compare two loads: every domain and severity, with
// and without the other facts the playbook knows.
func factSets(p *Playbook) [][]string {
	var out [][]string
	for _, d := range append([]*Domain{nil}, p.Domains...) {
		for _, s := range p.Severities {
			base := []string{"severity=" + s.ID}
			if d != nil {
				base = append(base, "domain="+d.ID)
			}
			out = append(out, base)
			for _, f := range p.Facts {
				switch {
				case f.Type == Bool:
					out = append(out, append(base[:len(base):len(base)], f.ID+"=true"))
				case f.Type == Number:
					out = append(out, append(base[:len(base):len(base)], f.ID+"=5000"))
				case f.Type == Choice && f.From == "" && len(f.Choices) > 0:
					out = append(out, append(base[:len(base):len(base)], f.ID+"="+f.Choices[len(f.Choices)-1]))
				}
			}
		}
	}
	return out
}

// sameRouting checks that a routing load of fsys decides every case as a full load.
func sameRouting(t *testing.T, dir string) {
	t.Helper()
	now := time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)
	full, diags := LoadDir(dir, Options{Run: Audit, Now: now, SkipBodies: true})
	if diags.HasErrors() {
		t.Fatalf("full load: %v", diags)
	}
	lite, diags := LoadDir(dir, Options{Now: now, ForRouting: true})
	if diags.HasErrors() {
		t.Fatalf("routing load: %v", diags)
	}
	if len(full.Runbooks) != len(lite.Runbooks) {
		t.Fatalf("%d runbooks, want %d", len(lite.Runbooks), len(full.Runbooks))
	}
	for i, rb := range full.Runbooks {
		if g, w := routingFields(lite.Runbooks[i]), routingFields(rb); g != w {
			t.Errorf("%s: routing fields differ:\n got %s\nwant %s", rb.File, g, w)
		}
	}
	instants := []time.Time{
		time.Date(2026, 3, 4, 10, 30, 0, 0, time.UTC), // a weekday morning
		time.Date(2026, 3, 7, 3, 0, 0, 0, time.UTC),   // a Saturday night
	}
	n := 0
	for _, args := range factSets(full) {
		for _, at := range instants {
			want := decisionText(t, full, args, at)
			if got := decisionText(t, lite, args, at); got != want {
				t.Fatalf("%v at %s: the routing load decides\n%s\nthe full load\n%s", args, at, got, want)
			}
			n++
		}
	}
	if n < 20 {
		t.Fatalf("only %d cases compared", n)
	}
}

func decisionText(t *testing.T, p *Playbook, args []string, at time.Time) string {
	t.Helper()
	f, errs := p.ParseFacts(args)
	if len(errs) > 0 {
		t.Fatalf("%v: %v", args, errs)
	}
	d, err := p.Route(f, at)
	if err != nil {
		return "error: " + err.Error()
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(struct {
		DecisionJSON
		Explain []TraceJSON `json:"explain"`
	}{p.DecisionJSON(d, f), p.TraceJSON(p.Explain(f))}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestForRoutingSample(t *testing.T) { sameRouting(t, "../content") }

func TestForRoutingSynthetic(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Medium()); err != nil {
		t.Fatal(err)
	}
	sameRouting(t, dir)
}

// A runbook whose routing fields break the schema makes route refuse the playbook
// with the error `check` reports.
func TestForRoutingReportsRoutingErrors(t *testing.T) {
	fsys := synth.FS(synth.Small())
	var name string
	for n, f := range fsys {
		if strings.HasPrefix(n, "runbooks/") && bytes.Contains(f.Data, []byte("\nseverities: [")) {
			name = n
			break
		}
	}
	if name == "" {
		t.Fatal("no runbook with a severities list")
	}
	bad := fstest.MapFS{}
	for n, f := range fsys {
		bad[n] = f
	}
	data := bytes.Replace(fsys[name].Data, []byte("\nseverities: ["), []byte("\nseverities: {x: ["), 1)
	data = bytes.Replace(data, []byte("]\n"), []byte("]}\n"), 1)
	bad[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	now := time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)
	_, full := Load(bad, "pb", Options{Run: Audit, Now: now, SkipBodies: true})
	_, lite := Load(bad, "pb", Options{Now: now, ForRouting: true})
	if !lite.HasErrors() {
		t.Fatal("the routing load accepts a runbook whose severities are not a list")
	}
	if g, w := errorsOf(lite), errorsOf(full); !reflect.DeepEqual(g, w) {
		t.Errorf("errors differ:\n got %v\nwant %v", g, w)
	}
}

func errorsOf(l diag.List) diag.List {
	var out diag.List
	for _, d := range l {
		if d.Severity == diag.Error {
			out = append(out, d)
		}
	}
	return out
}

// FuzzRoutingRunbook: the routing path never panics, and what it reads of a runbook the
// full read accepts is what the full read reads.
func FuzzRoutingRunbook(f *testing.F) {
	const rest = "owner: team-a\nsummary: s\ntriage: [{id: a, question: q}]\ncontainment: c\nchecklist: {triage: [x]}\n"
	for _, fm := range []string{
		"id: a-b\ntitle: \"T: x (2)\"\ndomain: api\nseverities: [sev1, sev2]\n",
		"id: a\ntitle: T\ndomains: [api, web]\nseverities:\n- sev1\n",
		"id: a\ntitle: >\n  long\ndomains: all\nseverities: [ sev1 ]\n# c\n",
		"id: a\ntitle: T\nkind: process\n",
	} {
		f.Add([]byte("---\n" + fm + rest + "---\nbody\n"))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got := routingRunbook(data)
		if got == nil {
			return
		}
		if want, ok := fullRunbook(t, data); ok {
			if g, w := routingFields(got), routingFields(want); g != w {
				t.Errorf("routing fields differ:\n got %s\nwant %s", g, w)
			}
		}
	})
}
