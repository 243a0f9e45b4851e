package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/generator"
	"github.com/escalator-dev/escalator/matrix"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestCheckCorpus runs `escalator check` over realistic broken playbooks. Each case in
// testdata/check is a txtar of changes to _base.txtar: a file replaces the base's, a
// file NAME.patch holds `old`, a line `=>`, and `new`, replacing old in NAME, and a file
// whose text is "(delete)" removes it. The case's comment may carry a line `args: ...`.
// The exit code and output must equal NAME.golden.
func TestCheckCorpus(t *testing.T) {
	base := readArchive(t, "testdata/check/_base.txtar")
	cases, _ := filepath.Glob("testdata/check/*.txtar")
	n := 0
	for _, c := range cases {
		name := strings.TrimSuffix(filepath.Base(c), ".txtar")
		if strings.HasPrefix(name, "_") {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(c)
			if err != nil {
				t.Fatal(err)
			}
			files := applyCase(t, base, ar)
			dir := filepath.Join(t.TempDir(), "pb")
			for name, data := range files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			// A fixed date keeps review ages in the golden files from drifting.
			args := []string{"check", "--as-of", "2026-11-23"}
			for _, line := range strings.Split(string(ar.Comment), "\n") {
				if a, ok := strings.CutPrefix(line, "args: "); ok {
					args = append(args, strings.Fields(a)...)
				}
			}
			args = append(args, dir)
			var stdout, stderr bytes.Buffer
			code := run(args, &stdout, &stderr)
			clean := func(s string) string { return strings.ReplaceAll(s, dir, "pb") }
			got := fmt.Sprintf("exit %d\n-- stdout --\n%s-- stderr --\n%s", code, clean(stdout.String()), clean(stderr.String()))
			golden := strings.TrimSuffix(c, ".txtar") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("check output differs from %s:\ngot:\n%s\nwant:\n%s", golden, got, want)
			}
			// Every diagnostic has a code, made with the code's default severity (the
			// corpus sets no playbook diagnostics).
			asOf, _ := matrix.ParseInstant("2026-11-23", time.UTC)
			bodies := &generator.Bodies{}
			p, diags := matrix.LoadDir(dir, matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: asOf, SkipBodies: true, CheckBody: bodies.Check})
			for _, d := range generator.WithLinks(diags, p, bodies) {
				if !d.Code.Known() || (d.Severity != d.Code.Severity() && d.Code != diag.MoreProblems) {
					t.Errorf("%s has code %q of severity %s", d, d.Code, d.Code.Severity())
				}
			}
		})
	}
	if n < 25 {
		t.Errorf("the corpus has %d broken playbooks; keep at least 25", n)
	}
}

func readArchive(t *testing.T, path string) map[string][]byte {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range ar.Files {
		files[f.Name] = f.Data
	}
	return files
}

// applyCase returns base with the case's changes. «é» and «NUL» stand for raw bytes
// that a text fixture cannot hold: 0xE9 (Latin-1 é) and 0x00.
func applyCase(t *testing.T, base map[string][]byte, ar *txtar.Archive) map[string][]byte {
	t.Helper()
	files := make(map[string][]byte, len(base))
	for k, v := range base {
		files[k] = v
	}
	raw := strings.NewReplacer("«é»", "\xe9", "«NUL»", "\x00")
	for _, f := range ar.Files {
		data := []byte(raw.Replace(string(f.Data)))
		if target, ok := strings.CutSuffix(f.Name, ".patch"); ok {
			old, repl, found := strings.Cut(string(data), "=>\n")
			if !found {
				t.Fatalf("%s: a patch needs a line =>", f.Name)
			}
			old, repl = strings.TrimSuffix(old, "\n"), strings.TrimSuffix(repl, "\n")
			src, ok := files[target]
			if !ok || !bytes.Contains(src, []byte(old)) {
				t.Fatalf("%s: %q not found in %s", f.Name, old, target)
			}
			files[target] = bytes.Replace(src, []byte(old), []byte(repl), 1)
			continue
		}
		if strings.TrimSpace(string(data)) == "(delete)" {
			delete(files, f.Name)
			continue
		}
		files[f.Name] = data
	}
	return files
}
