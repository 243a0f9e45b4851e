package synth_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/escalator-dev/escalator/internal/synth"
	"github.com/escalator-dev/escalator/matrix"
)

// TestMatrixLoad runs the real loader, schema, checks, routing tests and audit over
// generated playbooks: they must come out without a single diagnostic. Now is fixed so
// the review dates stay recent whenever the test runs.
func TestMatrixLoad(t *testing.T) {
	now := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	for _, c := range []synth.Config{
		synth.Small(),
		{Seed: 3},
		{Seed: 7, Teams: 3, Severities: 6, Runbooks: 13, Routes: 100, Vendors: 12, Roles: 9, Briefs: 9, Pages: 9, Words: 300},
		{Seed: 9, Teams: 40, Severities: 1, Domains: 3, Routes: 30, Vendors: 1, Roles: 1, Briefs: 1, Pages: 1},
		{Seed: 11, Routes: 15},
		{Seed: 12, Routes: 1, Severities: 3},
	} {
		t.Run(fmt.Sprint(c), func(t *testing.T) {
			p, diags := matrix.Load(synth.FS(c), "synth", matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: now})
			for _, d := range diags {
				t.Error(d)
			}
			want := c.WithDefaults()
			if p == nil || len(p.Teams) != want.Teams || len(p.Runbooks) != want.Runbooks || len(p.Routes) != want.Routes {
				t.Fatalf("loaded playbook does not have the configured counts")
			}
			for _, r := range p.RunTests() {
				if len(r.Failures) > 0 {
					t.Errorf("routing test %q: %v", r.Test.Name, r.Failures)
				}
			}
		})
	}
}
