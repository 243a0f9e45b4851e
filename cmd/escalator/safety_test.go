package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckManyUnknownKeys checks a 690 KB team of 50,000 unknown keys, as in issue 14:
// a hundred diagnostics for the file, then one that counts the rest, and every error in
// the totals. (Its speed is BenchmarkUnknownKeys' and BenchmarkLoadUnknownKeys' to show.)
func TestCheckManyUnknownKeys(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pb")
	var out bytes.Buffer
	if code := run([]string{"init", dir}, &out, &out); code != exitOK {
		t.Fatalf("init: exit %d\n%s", code, out.String())
	}
	team := filepath.Join(dir, "teams", "sre-oncall.yaml")
	data, err := os.ReadFile(team)
	if err != nil {
		t.Fatal(err)
	}
	first := bytes.Count(data, []byte("\n")) + 1 // the line of the first unknown key
	var b bytes.Buffer
	b.Write(data)
	for i := range 50000 {
		fmt.Fprintf(&b, "zzunknown%06d: x\n", i)
	}
	if err := os.WriteFile(team, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", dir}, &stdout, &stderr); code != exitInvalid {
		t.Fatalf("check: exit %d, want %d", code, exitInvalid)
	}
	name := filepath.ToSlash(team)
	var lines []string
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.HasPrefix(l, name+":") {
			lines = append(lines, l)
		}
	}
	if len(lines) != 101 {
		t.Fatalf("%d lines for %s, want 101", len(lines), name)
	}
	want := fmt.Sprintf("%s:%d:1: error[more-problems]: ... and 49,900 more problems in this file (fix the problems above and check again to see the rest)", name, first+100)
	if lines[100] != want {
		t.Errorf("last line:\n\t%s\nwant\n\t%s", lines[100], want)
	}
	if !strings.Contains(stderr.String(), "\n"+filepath.ToSlash(dir)+": 50000 errors, ") {
		t.Errorf("the summary does not count 50000 errors:\n%s", stderr.String()[max(0, stderr.Len()-300):])
	}
}
