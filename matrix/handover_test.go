package matrix_test

import (
	"testing"
	"time"

	escalator "github.com/escalator-dev/escalator"
	"github.com/escalator-dev/escalator/matrix"
)

// A chain that runs past the owner's closing time goes on with the after-hours team's
// chain from the instant it closes, counted from there; in summer the London day ends
// at 17:00 UTC.
func TestHandoverAtClosing(t *testing.T) {
	p, diags := matrix.Load(escalator.Sample(), "content", matrix.Options{Run: matrix.RoutingTests | matrix.Audit, SkipBodies: true})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	f, errs := p.ParseFacts([]string{"domain=payments", "severity=sev2"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	tests := []struct {
		name     string
		at       string
		owner    string
		handover string // the instant, or "" for none
		first    string // the first step after it: team, level, after
	}{
		{"ten minutes before closing", "2026-03-03T17:50:00Z", "payments-eng", "2026-03-03T18:00:00Z", "sre-oncall 1 10m"},
		{"closing in summer time", "2026-07-07T16:58:00Z", "payments-eng", "2026-07-07T17:00:00Z", "sre-oncall 1 2m"},
		{"a chain that ends before closing", "2026-03-03T10:00:00Z", "payments-eng", "", ""},
		{"out of hours from the start", "2026-03-03T19:00:00Z", "sre-oncall", "", ""},
		{"a Saturday: closed all day", "2026-03-07T10:00:00Z", "sre-oncall", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at, _ := time.Parse(time.RFC3339, tt.at)
			d, err := p.Route(f, at)
			if err != nil {
				t.Fatal(err)
			}
			if d.Owner.ID != tt.owner {
				t.Fatalf("owner %s, want %s", d.Owner.ID, tt.owner)
			}
			if tt.handover == "" {
				if d.Handover != nil {
					t.Fatalf("handover at %s, want none", d.Handover.At)
				}
				for _, h := range d.Handoffs {
					if h.Team != d.Owner {
						t.Errorf("step %s is %s's, not the owner's", h.Name, h.Team.ID)
					}
				}
				return
			}
			ho := d.Handover
			if ho == nil || ho.At.UTC().Format(time.RFC3339) != tt.handover || ho.From.ID != tt.owner || ho.To.ID != "sre-oncall" {
				t.Fatalf("handover %+v, want at %s from %s to sre-oncall", ho, tt.handover, tt.owner)
			}
			var first *matrix.Handoff
			for i, h := range d.Handoffs {
				if h.Team == ho.To {
					first = &d.Handoffs[i]
					break
				}
				if !h.At.Before(ho.At) {
					t.Errorf("the owner's step %s at %s is not before the handover", h.Name, h.At)
				}
			}
			if first == nil {
				t.Fatal("no step of the team that took over")
			}
			if got := first.Team.ID + " " + itoa(first.Level) + " " + matrix.FormatDuration(first.After); got != tt.first {
				t.Errorf("first step after the handover: %s, want %s", got, tt.first)
			}
			if !first.At.Equal(ho.At) {
				t.Errorf("first step at %s, want at the handover %s", first.At, ho.At)
			}
		})
	}
}

func itoa(n int) string { return string(rune('0' + n)) }
