package drill

import (
	"strings"
	"testing"
	"time"

	"github.com/escalator-dev/escalator/matrix"
)

func sampleDrill(t *testing.T, p *matrix.Playbook, id string) *matrix.Drill {
	t.Helper()
	for _, d := range p.Drills {
		if d.ID == id {
			return d
		}
	}
	t.Fatalf("no drill %s in the sample", id)
	return nil
}

// The key says why the severity is what it is.
func TestKeySeverityWhy(t *testing.T) {
	p := sample(t)
	tests := []struct{ drill, want string }{
		{"api-key-leak", `Raised from sev3 by the rule "Security or privacy concern goes to the security team at once".`},
		{"webhook-failures-pattern", `Raised from sev4 by the rule "Three or more customers report the same issue, treat as at least Medium".`},
		{"paystream-saturday-night", "sev1 as triaged: no rule raises it."},
	}
	for _, tt := range tests {
		a, err := Key(p, sampleDrill(t, p, tt.drill))
		if err != nil {
			t.Fatal(err)
		}
		if a.Why != tt.want {
			t.Errorf("%s: why = %q, want %q", tt.drill, a.Why, tt.want)
		}
	}
}

// Every escalation step due within 30 minutes is in exactly one checkpoint, the first
// one at or after it; the checkpoints' instants cross the DST change as clocks do.
func TestKeyCheckpoints(t *testing.T) {
	p := sample(t)
	for _, d := range p.Drills {
		a, err := Key(p, d)
		if err != nil {
			t.Fatal(err)
		}
		seen := 0
		prev := time.Duration(-1)
		for i, c := range a.Checkpoints {
			if c.After != CheckpointTimes[i] || !c.At.Equal(d.At.Add(c.After)) {
				t.Errorf("%s: checkpoint %d is %s at %v", d.ID, i, c.Label, c.At)
			}
			for _, h := range c.Steps {
				if h.After <= prev || h.After > c.After {
					t.Errorf("%s: step at T+%v in %s", d.ID, h.After, c.Label)
				}
			}
			seen += len(c.Steps)
			prev = c.After
		}
		want := 0
		for _, h := range a.Decision.Handoffs {
			if h.After <= 30*time.Minute {
				want++
			}
		}
		if seen != want {
			t.Errorf("%s: %d steps in checkpoints, %d due by T+30", d.ID, seen, want)
		}
	}
	a, _ := Key(p, sampleDrill(t, p, "payments-dst-night"))
	if got := a.Checkpoints[2].At.In(a.Loc).Format("15:04 MST"); got != "02:00 BST" {
		t.Errorf("T+30 of a 00:30 GMT start on the night summer time begins is %s, want 02:00 BST", got)
	}
}

// A drill the loader could not read gives an error, not a wrong key or a panic.
func TestKeyOfUncheckedDrill(t *testing.T) {
	p := sample(t)
	tests := []struct {
		name  string
		drill *matrix.Drill
		want  string
	}{
		{"no facts read", &matrix.Drill{Meta: matrix.Meta{File: "d.yaml"}, Start: matrix.Timestamp{Raw: "2026-03-01T10:00"}, Facts: matrix.FactValues{{Fact: "domain", Value: "paymnts", ValuePos: matrix.Pos{Line: 3, Col: 5}}}}, `d.yaml:3:5: "paymnts" is not a valid domain`},
		{"start in the gap", &matrix.Drill{Meta: matrix.Meta{File: "d.yaml"}, Start: matrix.Timestamp{Raw: "2026-03-29T01:30", Pos: matrix.Pos{Line: 2, Col: 8}}}, `d.yaml:2:8: start: 2026-03-29T01:30 does not exist`},
	}
	for _, tt := range tests {
		if _, err := Key(p, tt.drill); err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want %q", tt.name, err, tt.want)
		}
	}
}
