package drill

import (
	"bytes"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	escalator "github.com/escalator-dev/escalator"
	"github.com/escalator-dev/escalator/matrix"
	"go.yaml.in/yaml/v3"
)

var today = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func sample(t testing.TB) *matrix.Playbook {
	t.Helper()
	p, diags := matrix.Load(escalator.Sample(), "content", matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: today})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	return p
}

// pinned is what a written scenario says, read back from its YAML as check reads it.
type pinned struct {
	Start string            `yaml:"start"`
	Facts map[string]string `yaml:"facts"`
	Key   struct {
		Team      string   `yaml:"team"`
		Severity  string   `yaml:"severity"`
		Notified  []string `yaml:"notified"`
		Immediate bool     `yaml:"immediate"`
		OnCall    string   `yaml:"oncall"`
	} `yaml:"key"`
}

// Over 1,000 seeds, every scenario's written key is what matrix.Route decides for its
// written facts at its written start, in and out of hours and across DST changes.
func TestKeyIsTheRoute(t *testing.T) {
	p := sample(t)
	loc := p.Site.Location.Location
	n := 0
	for seed := range uint64(1000) {
		opt := Options{Seed: seed, OutOfHours: seed%3 == 1, DST: seed%5 == 2}
		ss, err := Generate(p, opt)
		if err != nil {
			t.Fatalf("seed %d %+v: %v", seed, opt, err)
		}
		for _, s := range ss {
			var got pinned
			if err := yaml.Unmarshal(s.YAML(loc), &got); err != nil {
				t.Fatalf("seed %d: %v\n%s", seed, err, s.YAML(loc))
			}
			f := p.NewFacts()
			for id, v := range got.Facts {
				if err := f.Set(id, v); err != nil {
					t.Fatalf("seed %d: fact %s: %v", seed, id, err)
				}
			}
			at, err := matrix.ParseLocalInstant(got.Start, loc)
			if err != nil {
				t.Fatalf("seed %d: start: %v", seed, err)
			}
			d, err := p.Route(f, at)
			if err != nil || d.Owner == nil {
				t.Fatalf("seed %d: an unroutable scenario: %v", seed, err)
			}
			notified := []string{}
			for _, x := range d.Notified {
				notified = append(notified, x.ID)
			}
			oncall := ""
			if d.OnCall != nil && d.OnCall.Person != nil {
				oncall = d.OnCall.Person.Member.ID
			}
			k := got.Key
			if k.Team != d.Owner.ID || k.Severity != d.Severity.ID || !slices.Equal(append([]string{}, k.Notified...), notified) || k.Immediate != d.Immediate || k.OnCall != oncall {
				t.Errorf("seed %d (%s): key %+v, route says %s %s %v %t %q", seed, s.ID, k, d.Owner.ID, d.Severity.ID, notified, d.Immediate, oncall)
			}
			if opt.OutOfHours != (len(d.OffHours) > 0) {
				t.Errorf("seed %d (%s): out of hours asked %t, route passed over %d teams", seed, s.ID, opt.OutOfHours, len(d.OffHours))
			}
			if opt.DST && !crossesChange(at, loc) {
				t.Errorf("seed %d (%s): start %s is not within a day before a clock change", seed, s.ID, got.Start)
			}
			n++
		}
	}
	if n != 1000 {
		t.Errorf("%d scenarios checked", n)
	}
}

func crossesChange(at time.Time, loc *time.Location) bool {
	_, a := at.In(loc).Zone()
	_, b := at.Add(24 * time.Hour).In(loc).Zone()
	return a != b
}

// The same options make the same files; another seed makes others.
func TestGenerateIsDeterministic(t *testing.T) {
	p := sample(t)
	loc := p.Site.Location.Location
	text := func(opt Options) []byte {
		ss, err := Generate(p, opt)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		for _, s := range ss {
			b.Write(s.YAML(loc))
		}
		return b.Bytes()
	}
	a := text(Options{Seed: 42, Count: 8})
	if b := text(Options{Seed: 42, Count: 8}); !bytes.Equal(a, b) {
		t.Error("seed 42 gave different files twice")
	}
	if b := text(Options{Seed: 43, Count: 8}); bytes.Equal(a, b) {
		t.Error("seeds 42 and 43 gave the same files")
	}
}

// Generated files load into the playbook without a diagnostic: schema, facts, start
// and pinned keys all pass check.
func TestGeneratedFilesPassCheck(t *testing.T) {
	p := sample(t)
	fsys := fstest.MapFS{}
	err := fs.WalkDir(escalator.Sample(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(escalator.Sample(), name)
		fsys[name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	ss, err := Generate(p, Options{Seed: 1, Count: 12})
	if err != nil {
		t.Fatal(err)
	}
	more, err := Generate(p, Options{Seed: 2, Count: 6, OutOfHours: true, DST: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range append(ss, more...) {
		fsys["drills/"+s.ID+".yaml"] = &fstest.MapFile{Data: s.YAML(p.Site.Location.Location)}
	}
	q, diags := matrix.Load(fsys, "content", matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: today})
	for _, d := range diags {
		if strings.HasPrefix(d.File, "content/drills/") {
			t.Errorf("%s", d)
		}
	}
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if len(q.Drills) < len(ss)+len(more) {
		t.Errorf("%d drills loaded", len(q.Drills))
	}
}

func TestGenerateRefuses(t *testing.T) {
	p := sample(t)
	tests := []struct {
		name string
		opt  Options
		want string
	}{
		{"unknown domain", Options{Domain: "paymnts"}, `unknown domain "paymnts" (did you mean "payments"?`},
		{"unknown severity", Options{Severity: "sev9"}, `unknown severity "sev9" (did you mean "sev1"?`},
		{"no DST change in the zone", Options{DST: true, Year: 1900}, ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Generate(p, tt.opt)
			if tt.want == "" {
				return // only that it does not loop or panic
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}

// tiny routes only domain a, to a team that never closes.
var tiny = fstest.MapFS{
	"playbook.yaml": {Data: []byte("title: T\norganisation: O\ntime_zone: Europe/London\nreview_interval: 180d\n")},
	"matrix.yaml": {Data: []byte(`severities:
  - {id: sev1, name: C, description: d, criteria: [c], sla: {acknowledge: 5m}, updates: {internal: 30m}}
domains: [{id: a, name: A, owner: t}, {id: b, name: B, owner: t}]
facts:
  - {id: domain, question: "Where?", type: choice, from: domains}
  - {id: severity, question: "How bad?", type: choice, from: severities}
routes:
  - {name: a, when: {domain: a}, to: t}
`)},
	"teams/t.yaml": {Data: []byte("id: t\nname: T\nkind: sre\nhours: 24x7\nchannels: [{id: p, kind: pager, name: P, address: p@example.com}]\nescalation: {levels: [{name: L, after: 0m, channels: [p]}]}\n")},
}

// A scenario the rules cannot route is never made: Generate says why instead.
func TestNoUnroutableScenario(t *testing.T) {
	p, diags := matrix.Load(tiny, "pb", matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: today})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if _, err := Generate(p, Options{Domain: "b"}); err == nil || !strings.Contains(err.Error(), "the rules cannot route it") {
		t.Errorf("domain b: got %v", err)
	}
	if _, err := Generate(p, Options{Domain: "a", OutOfHours: true}); err == nil || !strings.Contains(err.Error(), "works around the clock") {
		t.Errorf("out of hours: got %v", err)
	}
	ss, err := Generate(p, Options{Count: 20})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range ss {
		if s.Facts[0].Value != "a" {
			t.Errorf("%s: domain %s cannot be routed", s.ID, s.Facts[0].Value)
		}
	}
}
