package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestReplayGolden replays the sample's incidents in each format, as of a fixed
// instant; -update rewrites testdata/replay/*.
func TestReplayGolden(t *testing.T) {
	for _, c := range []struct{ name, format string }{
		{"report.txt", "text"}, {"report.md", "markdown"}, {"report.json", "json"}, {"tests.yaml", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			args := []string{"replay", "../../content", "--as-of", "2026-11-23T12:00:00Z"}
			if c.format == "" {
				args = append(args, "--emit-tests")
			} else {
				args = append(args, "--format", c.format)
			}
			var stdout, stderr bytes.Buffer
			if code := run(args, &stdout, &stderr); code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			golden := filepath.Join("testdata", "replay", c.name)
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, stdout.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(stdout.Bytes(), want) {
				t.Errorf("%s differs from %s; rerun with -update and read the diff", c.name, golden)
			}
		})
	}
}
