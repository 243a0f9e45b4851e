package flow

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/escalator-dev/escalator"
	"github.com/escalator-dev/escalator/internal/synth"
	"github.com/escalator-dev/escalator/matrix"
)

var update = flag.Bool("update", false, "rewrite golden files")

var today = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// load loads the sample playbook, or the synthetic one of c when it is given.
func load(t testing.TB, c *synth.Config) *matrix.Playbook {
	t.Helper()
	p, diags := matrix.Load(escalator.Sample(), "content", matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: today})
	if c != nil {
		p, diags = matrix.Load(synth.FS(*c), "synth", matrix.Options{Run: matrix.Audit, Now: today, SkipBodies: true})
	}
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	return p
}

// named is a diagram with the name of its golden file.
type named struct {
	name string
	d    *Diagram
}

// all returns every diagram the site draws for p.
func all(p *matrix.Playbook) []named {
	out := []named{{"policy", Policy(p)}}
	for _, dom := range p.Domains {
		out = append(out, named{"domain-" + dom.ID, Domain(p, dom)})
	}
	for _, t := range p.Teams {
		out = append(out, named{"team-" + t.ID, Ladder(p, t)})
	}
	for _, s := range p.Severities {
		out = append(out, named{"severity-" + s.ID, Lifecycle(s)})
	}
	return out
}

// The sample's diagrams, drawn, compared with testdata. Run with -update to rewrite
// them, and look at the diff (and the pictures) before committing it.
func TestGoldenSample(t *testing.T) {
	for _, n := range all(load(t, nil)) {
		t.Run(n.name, func(t *testing.T) {
			r, err := Render(n.d, "")
			if err != nil {
				t.Fatal(err)
			}
			for ext, got := range map[string][]byte{".svg": []byte(r.SVG + "\n"), ".mmd": []byte(r.Mermaid)} {
				golden := filepath.Join("testdata", n.name+ext)
				if *update {
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./generator/flow -update)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs; run go test ./generator/flow -update and read the diff", golden)
				}
			}
		})
	}
}

func TestSampleGeometry(t *testing.T) {
	for _, n := range all(load(t, nil)) {
		checkGeometry(t, n.d, lay(t, n.d))
	}
}

// Synthetic playbooks far past the sample: 50 rules, 30 domains, and a 10-level chain.
func TestSyntheticGeometry(t *testing.T) {
	p := load(t, &synth.Config{Seed: 3, Teams: 30, Domains: 30, Severities: 4, Runbooks: 30, Routes: 50})
	if len(p.Routes) != 50 || len(p.Domains) != 30 {
		t.Fatalf("%d rules, %d domains", len(p.Routes), len(p.Domains))
	}
	for _, n := range all(p) {
		checkGeometry(t, n.d, lay(t, n.d))
	}
	team := *p.Teams[0]
	team.Escalation = matrix.Chain{Repeat: 1}
	for i := range 10 {
		team.Escalation.Levels = append(team.Escalation.Levels, matrix.Level{
			Name:  "Level " + string(rune('A'+i)) + " of a very long escalation chain",
			After: matrix.Duration{Duration: time.Duration(i*7) * time.Minute, Set: true},
			Teams: []matrix.Ref{{ID: p.Teams[i+1].ID}},
		})
	}
	d := Ladder(p, &team)
	if got := strings.Count(Mermaid(d), " -->"); got < 20 {
		t.Errorf("a 10-level chain repeated once has %d edges", got)
	}
	checkGeometry(t, d, lay(t, d))
}

func TestDeterministic(t *testing.T) {
	p := load(t, nil)
	a, _ := Render(Policy(p), "../")
	b, _ := Render(Policy(load(t, nil)), "../")
	if a != b {
		t.Error("two renderings of the same policy differ")
	}
}

// What each diagram says, checked against the routing engine's decisions.
func TestSampleDiagrams(t *testing.T) {
	p := load(t, nil)
	mm := func(d *Diagram) string { return Mermaid(d) }
	for _, c := range []struct {
		name string
		d    *Diagram
		want []string
	}{
		{"the policy asks the security question first, immediately", Policy(p), []string{
			`n0(["A new incident<br>rules are tried in order"])`,
			`n1{"Is there any sign of a security or privacy problem?<br>rule 1"}`,
			`n2["Security<br>immediately; also notify SRE On-call; at least sev1"]`,
			"n1 -->|\"yes\"| n2", "classDef immediate stroke-width:4px",
		}},
		{"the policy ends in the default rule", Policy(p), []string{`every other case`, "classDef fallthrough"}},
		{"payments asks about severity without asking the domain", Domain(p, p.Domain("payments")), []string{
			`{"severity in [sev1, sev2]?<br>rule 7"}`, `["Payments Engineering<br>also notify SRE On-call"]`,
			`["Card payments failing at the processor<br>runbook"]`,
		}},
		{"a team's ladder has its handoff times", Ladder(p, p.Team("sre-oncall")), []string{
			`|"T+0m"|`, `|"T+5m if unacknowledged"|`, `|"T+1h if unresolved"|`, "repeat 2: ",
		}},
		{"a team with hours falls back out of hours", Ladder(p, p.Team("payments-eng")), []string{`|"out of hours"|`, `SRE On-call<br>24x7`}},
		{"sev1's lifecycle has its clocks", Lifecycle(p.Severity("sev1")), []string{
			"flowchart LR", `n1 -->|"T+5m"| n2`, `n2 -->|"T+15m"| n3`, `n3 -->|"T+1h"| n4`, `n5 -->|"T+4h"| n6`, `n6 -->|"T+5d"| n7`,
		}},
	} {
		got := mm(c.d)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: Mermaid lacks %q:\n%s", c.name, w, got)
			}
		}
	}
	// The payments path must not ask about rules for other domains.
	if got := mm(Domain(p, p.Domain("payments"))); strings.Contains(got, "domain = identity") || strings.Contains(got, "Identity Engineering") {
		t.Errorf("the payments path shows another domain's rule:\n%s", got)
	}
}

func TestSVGIsAccessibleAndStyleFree(t *testing.T) {
	p := load(t, nil)
	r, err := Render(Ladder(p, p.Team("payments-eng")), "../")
	if err != nil {
		t.Fatal(err)
	}
	s := string(r.SVG)
	for _, want := range []string{`role="img"`, `aria-labelledby="flow-team-title"`, `<title id="flow-team-title">Escalation ladder of Payments Engineering</title>`,
		`<desc id="flow-team-desc">`, `<g class="node node-fallback linked">`,
		`<a href="../teams/sre-oncall.html" aria-label="SRE On-call"><rect fill-opacity="0"`} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %s", want)
		}
	}
	for _, bad := range []string{"style=", "<script", " fill=", "stroke=", "color="} {
		if strings.Contains(s, bad) {
			t.Errorf("SVG contains %s", bad)
		}
	}
	// The picture holds no link: an image's children are presentational.
	picture, _, _ := strings.Cut(s, "</svg>")
	if strings.Contains(picture, "<a ") {
		t.Error("a link sits inside the role=img picture")
	}
	if !strings.Contains(string(r.Text), `<a href="../teams/sre-oncall.html">SRE On-call</a>`) {
		t.Errorf("the text equivalent lacks the fallback's link:\n%s", r.Text)
	}
}
