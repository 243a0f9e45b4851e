package playbookdiff

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/escalator-dev/escalator/internal/synth"
	"github.com/escalator-dev/escalator/matrix"
)

// BenchmarkDiffLarge is `escalator diff OLD NEW` on two synthetic playbooks of 10,000
// runbooks and 1,000 rules, from disk, that differ in one rule's team: both loads
// (sharing a content cache, as the command does) and the comparison.
func BenchmarkDiffLarge(b *testing.B) {
	oldDir, newDir := filepath.Join(b.TempDir(), "old"), filepath.Join(b.TempDir(), "new")
	for _, d := range []string{oldDir, newDir} {
		if err := synth.Write(d, synth.Large()); err != nil {
			b.Fatal(err)
		}
	}
	mf := filepath.Join(newDir, "matrix.yaml")
	data, err := os.ReadFile(mf)
	if err != nil {
		b.Fatal(err)
	}
	const from = "  - name: Payments sev1 goes to Payments Engineering\n    when: {domain: payments, severity: sev1}\n    to: team-0007\n"
	if !strings.Contains(string(data), from) {
		b.Fatal("the synthetic playbook has no rule to edit")
	}
	edited := strings.Replace(string(data), from, strings.Replace(from, "team-0007", "team-0002", 1), 1)
	if err := os.WriteFile(mf, []byte(edited), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		opt := matrix.Options{Run: matrix.Audit, Now: now, SkipBodies: true, Cache: matrix.NewContentCache()}
		po, do := matrix.LoadDirAs(oldDir, "large", opt)
		pn, dn := matrix.LoadDirAs(newDir, "large", opt)
		if do.HasErrors() || dn.HasErrors() {
			b.Fatalf("errors:\n%s\n%s", do.Error(), dn.Error())
		}
		r := Compare(po, pn, do, dn, Options{Now: now})
		if len(r.Cells) == 0 || len(r.Documents) != 1 {
			b.Fatalf("%d cells, %d documents changed", len(r.Cells), len(r.Documents))
		}
	}
}
