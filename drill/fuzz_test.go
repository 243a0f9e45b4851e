package drill

import (
	"testing"

	"github.com/escalator-dev/escalator/matrix"
)

// FuzzGenerate: any options either make routable scenarios that read back as valid
// drills, or an error; never a panic or a scenario without an owner.
func FuzzGenerate(f *testing.F) {
	p := sample(f)
	f.Add(uint64(1), "payments", "sev1", true, true, 2026)
	f.Add(uint64(2), "", "", false, false, 0)
	f.Add(uint64(3), "reporting", "sev4", true, false, 1999)
	f.Add(uint64(4), "nope", "sev9", false, true, 2200)
	f.Fuzz(func(t *testing.T, seed uint64, domain, severity string, ooh, dst bool, year int) {
		if year < 1900 || year > 2200 {
			return // the zone rules are tabulated for these years only
		}
		ss, err := Generate(p, Options{Seed: seed, Domain: domain, Severity: severity, OutOfHours: ooh, DST: dst, Year: year})
		if err != nil {
			return
		}
		for _, s := range ss {
			if s.Decision == nil || s.Decision.Owner == nil {
				t.Fatalf("%s: no owner", s.ID)
			}
			if _, err := matrix.ParseLocalInstant(LocalStart(s.Start, p.Site.Location.Location), p.Site.Location.Location); err != nil {
				t.Fatalf("%s: start %v does not read back: %v", s.ID, s.Start, err)
			}
		}
	})
}
