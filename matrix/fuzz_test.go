package matrix

import (
	"io/fs"
	"path"
	"testing"
	"testing/fstest"
	"time"

	"github.com/escalator-dev/escalator"
)

// FuzzLoad feeds arbitrary bytes to the loader as each kind of file, seeded from the
// sample playbook, into the small routing fixture (so each run is quick): loading,
// routing the grid and running the tests must never panic, whatever the input.
func FuzzLoad(f *testing.F) {
	sample := escalator.Sample()
	base := txtarFS(routing)
	err := fs.WalkDir(sample, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(sample, p)
		if err == nil && (path.Dir(p) == "." || path.Base(p) < "c") {
			f.Add(p, data) // top-level files and a few of each folder
		}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Add("runbooks/x.md", []byte("---\nid: x\n---\n"))
	f.Add("runbooks/x.md", []byte("---\n"))
	f.Add("drills/x.yaml", []byte("id: x\ntitle: T\nstart: 2026-03-29T01:30\nstory: s\nfacts: {domain: payments, severity: sev1}\ninjects: [{at: 10m, text: t}, {at: 5m, text: u}]\nkey: {team: sre, oncall: ann}\n"))
	f.Add("teams/x.yaml", []byte("id: &a [*a]\n"))
	f.Add("matrix.yaml", []byte("routes:\n  - {name: a, when: {customers: '>= x'}, to: b}\n"))
	f.Add("teams/x.yaml", []byte("hours: {time_zone: Mars/Olympus, windows: [{days: sun-sat, start: '24:00', end: '00:00'}]}\n"))
	// Numbers and durations too large for their types: the loader must neither loop over
	// them nor wrap them.
	for _, n := range []string{"9007199254740993", "-9223372036854775808", "18446744073709551616", "1e400", "1e-400", "5.0000000000000001"} {
		f.Add("teams/payments.yaml", []byte("id: payments\nname: P\nkind: engineering\nhours: 24x7\nchannels: [{id: c, kind: chat, name: C, address: x}]\n"+
			"escalation: {repeat: "+n+", levels: [{name: L, after: 0m, channels: [c]}, {name: M, after: 5m, channels: [c]}]}\n"))
		f.Add("pages/x.md", []byte("---\nid: x\ntitle: X\norder: "+n+"\n---\n"))
	}
	for _, d := range []string{"100000w", "3650d1s", "99999999999999999999999s", "0000000000000000000001m"} {
		f.Add("teams/payments.yaml", []byte("id: payments\nname: P\nkind: engineering\nhours: 24x7\nchannels: [{id: c, kind: chat, name: C, address: x}]\n"+
			"escalation: {repeat: 5, levels: [{name: L, after: "+d+", channels: [c]}, {name: M, after: "+d+d+", channels: [c]}]}\n"))
		f.Add("playbook.yaml", []byte("title: T\norganisation: O\ntime_zone: UTC\nreview_interval: "+d+"\n"))
	}
	f.Add("teams/sre.yaml", []byte(sreOnCall))
	f.Add("teams/x.yaml", []byte("id: x\nschedules: [{id: s, layers: [{members: [a], shift: hourly, length: 1, start: '1900-01-01T00:00', restrict: [{days: mon, start: '23:59', end: '00:00'}]}], overrides: [{from: '2200-12-31T23:59', until: '2200-12-31T23:59:59Z', member: b/c}]}]\n"))
	f.Add("holidays/x.yaml", []byte("id: x\nname: X\ndates: [{date: 02-29, name: leap}, {date: 2026-02-30, name: no}]\n"))
	names := []string{"playbook.yaml", "matrix.yaml", "teams/x.yaml", "roles/x.md", "runbooks/x.md", "briefs/x.md", "vendors/x.yaml", "pages/x.md", "holidays/x.yaml"}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		if !fs.ValidPath(name) {
			name = names[len(data)%len(names)]
		}
		fsys[name] = &fstest.MapFile{Data: data}
		p, _ := Load(fsys, "pb", Options{Run: RoutingTests | Audit, Now: now})
		if p != nil {
			p.Grid()
			p.RunTests()
			p.Roster(now, now.Add(7*24*time.Hour), nil)
		}
	})
}

// FuzzParseFacts checks that any fact=value arguments parse or fail cleanly, and that
// routing and explaining whatever parses never panics.
func FuzzParseFacts(f *testing.F) {
	p, diags := Load(escalator.Sample(), "content", Options{Run: RoutingTests | Audit, Now: now})
	if diags.HasErrors() {
		f.Fatal(diags.Error())
	}
	for _, seed := range []string{"domain=payments", "severity=sev1", "customers=>=3", "security=yes", "customers=1e308", "customers=NaN", "x", "=", "category=bug"} {
		f.Add(seed, "domain=api")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		facts, _ := p.ParseFacts([]string{a, b})
		p.Explain(facts)
		if d, err := p.Route(facts, now); err == nil && d.Owner == nil {
			t.Fatalf("decision without an owner for %q %q", a, b)
		}
	})
}
