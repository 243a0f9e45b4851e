package matrix

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/escalator-dev/escalator/diag"
)

func TestDurationLimits(t *testing.T) {
	tests := []struct {
		in      string
		want    time.Duration
		tooLong bool
	}{
		{"3650d", MaxDuration, false},
		{"3649d24h", MaxDuration, false},
		{"521w3d", MaxDuration, false},
		{"0000000000015m", 15 * time.Minute, false}, // leading zeros are still 15 minutes
		{"3650d1s", 0, true},
		{"3651d", 0, true},
		{"521w4d", 0, true},
		{"100000w", 0, true},
		{"315360001s", 0, true},
		{"99999999999999999999999999s", 0, true},
		{"999999999w999999999w", 0, true},
		{"3650d3650d", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseDuration(tt.in)
		if tt.tooLong {
			if err != errDurationTooLong {
				t.Errorf("ParseDuration(%q) = %v, %v; want the too-long error", tt.in, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	if _, err := ParseDuration("100000x"); err != errDuration {
		t.Errorf("a bad unit after a long number: %v, want the invalid-duration error", err)
	}
}

func TestDurationArithmeticSaturates(t *testing.T) {
	const huge = time.Duration(1<<63 - 1)
	tests := []struct {
		name string
		got  time.Duration
		want time.Duration
	}{
		{"sum past the top", addDurations(huge, 1), huge},
		{"sum of two large", addDurations(huge/2+1, huge/2+1), huge},
		{"sum past the bottom", addDurations(-huge, -2), -huge},
		{"ordinary sum", addDurations(time.Hour, -time.Minute), 59 * time.Minute},
		{"product past the top", mulDuration(MaxDuration, 1<<40), huge},
		{"product of a negative", mulDuration(-MaxDuration, 1<<40), -huge},
		{"ordinary product", mulDuration(15*time.Minute, 4), time.Hour},
		{"times zero", mulDuration(huge, 0), 0},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

// A duration the schema's pattern accepts but that is too long is an error at its
// position, not an unset timer that reads as T+0.
func TestTooLongDurationIsAnError(t *testing.T) {
	src := strings.Replace(routing, "after: 5m,", "after: 100000w,", 1)
	src = strings.Replace(src, "root_cause: 5d}", "root_cause: 99999999999d}", 1)
	src = strings.Replace(src, "review_interval: 180d", "review_interval: 522w", 1)
	var got []string
	for _, d := range loadDiags(t, src) {
		if d.Severity == diag.Error {
			got = append(got, d.String())
		}
	}
	want := []string{
		`pb/matrix.yaml:2:137: error[duration-too-long]: duration "99999999999d" is too long (use at most 3650d, about 10 years)`,
		`pb/playbook.yaml:4:18: error[duration-too-long]: duration "522w" is too long (use at most 3650d, about 10 years)`,
		`pb/teams/payments.yaml:13:27: error[duration-too-long]: duration "100000w" is too long (use at most 3650d, about 10 years)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// The repeat loop holds to MaxRepeat and offsets saturate, even for a model the schema
// never saw.
func TestHandoffsAreBounded(t *testing.T) {
	p := loadOK(t, routing)
	team := *p.Team("payments")
	team.Escalation.Repeat = 1000
	team.Escalation.Levels = slices.Clone(team.Escalation.Levels)
	team.Escalation.Levels[1].After.Duration = time.Duration(1<<63 - 2)
	hs := p.Handoffs(&team, time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))
	// Two levels wait for an acknowledgement and repeat; the third fires once.
	if want := 2*(MaxRepeat+1) + 1; len(hs) != want {
		t.Errorf("%d handoffs, want %d", len(hs), want)
	}
	for i, h := range hs {
		if h.After < 0 || (i > 0 && h.After < hs[i-1].After) {
			t.Errorf("handoff %d at T+%v after T+%v: offsets wrapped", i, h.After, hs[max(i-1, 0)].After)
		}
	}
}

// Every Duration field of the model is one checkDurations reports: a new one must be
// added there, or a too-long value in it would read as T+0.
func TestEveryDurationIsChecked(t *testing.T) {
	var found []string
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type, string)
	walk = func(ty reflect.Type, path string) {
		for ty.Kind() == reflect.Pointer || ty.Kind() == reflect.Slice {
			ty = ty.Elem()
		}
		if ty.Kind() != reflect.Struct || seen[ty] {
			return
		}
		if ty == reflect.TypeFor[Duration]() {
			found = append(found, path)
			return
		}
		seen[ty] = true
		defer delete(seen, ty)
		for f := range ty.Fields() {
			if f.IsExported() {
				walk(f.Type, path+"."+f.Name)
			}
		}
	}
	walk(reflect.TypeFor[Playbook](), "Playbook")
	slices.Sort(found)
	want := []string{
		"Playbook.Drills.Injects.At",
		"Playbook.Severities.SLA.Acknowledge", "Playbook.Severities.SLA.Contain",
		"Playbook.Severities.SLA.Resolve", "Playbook.Severities.SLA.RootCause",
		"Playbook.Severities.SLA.Triage", "Playbook.Severities.Updates.Customer",
		"Playbook.Severities.Updates.Internal", "Playbook.Site.ReviewInterval",
		"Playbook.Teams.Escalation.Levels.After", "Playbook.Vendors.SLA.Response",
	}
	if !slices.Equal(found, want) {
		t.Errorf("Duration fields of the model:\n\t%s\nchecked by checkDurations:\n\t%s",
			strings.Join(found, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// unknownKeys is the routing playbook with n unknown keys in teams/sre.yaml.
func unknownKeys(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "zz-%05d: x\n", i)
	}
	return strings.Replace(routing, "-- teams/sre.yaml --\n", "-- teams/sre.yaml --\n"+b.String(), 1)
}

// BenchmarkLoadUnknownKeys loads a playbook with 5,000 and 50,000 unknown keys in one
// team: the time per key must not grow with the number of keys.
func BenchmarkLoadUnknownKeys(b *testing.B) {
	for _, n := range []int{5000, 50000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			fsys := txtarFS(unknownKeys(n))
			b.ReportAllocs()
			for b.Loop() {
				Load(fsys, "pb", Options{Run: RoutingTests | Audit, Now: now})
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/key")
		})
	}
}

// A file with 50,000 unknown keys gets MaxDiagnosticsPerFile diagnostics and one that
// counts the rest, at the first of them; the totals still count every problem.
func TestDiagnosticsPerFileAreLimited(t *testing.T) {
	diags := loadDiags(t, unknownKeys(50000))
	var sre diag.List
	for _, d := range diags {
		if d.File == "pb/teams/sre.yaml" {
			sre = append(sre, d)
		}
	}
	if len(sre) != MaxDiagnosticsPerFile+1 {
		t.Fatalf("%d diagnostics for the file, want %d", len(sre), MaxDiagnosticsPerFile+1)
	}
	if got, want := sre[99].String(), `pb/teams/sre.yaml:100:1: error[unknown-key]: unknown key "zz-00099" in team`; !strings.HasPrefix(got, want) {
		t.Errorf("last shown: %s, want %s...", got, want)
	}
	want := "pb/teams/sre.yaml:101:1: error[more-problems]: ... and 49,900 more problems in this file (fix the problems above and check again to see the rest)"
	if got := sre[100].String(); got != want {
		t.Errorf("summary:\n\t%s\nwant\n\t%s", got, want)
	}
	if n := diags.Errors(); n != 50000 {
		t.Errorf("%d errors counted, want 50000", n)
	}
}
