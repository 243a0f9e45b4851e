package synth

import (
	"os"
	"path/filepath"
	"testing/fstest"
)

// Config sizes a synthetic playbook. Zero fields take the defaults documented on each;
// WithDefaults shows the resolved values.
type Config struct {
	Seed int64

	Teams      int // default 10; at least 6 (desk, SRE, security, leadership, comms, customer success)
	Runbooks   int // default 5 per team; at least one per domain
	Routes     int // default Domains*Severities + Domains + 4; between Domains + 4 and 9*Domains*Severities + 4
	Domains    int // default max(6, Teams/10)
	Severities int // default 4
	Vendors    int // default 5
	Roles      int // default 5
	Briefs     int // default 5
	Pages      int // default 2
	Words      int // approximate words per runbook body; default 900, at least 250

	// NoSchedules leaves out the teams' on-call schedules, so that a benchmark can
	// weigh what they add to a build.
	NoSchedules bool
}

// Small is a playbook the size of a real company's: quick to check in tests.
func Small() Config { return Config{Seed: 1, Teams: 10, Runbooks: 50} }

// Medium is a large organisation's playbook.
func Medium() Config { return Config{Seed: 1, Teams: 100, Runbooks: 1000, Routes: 300} }

// Large is far past any real playbook: the benchmark's stress case.
func Large() Config { return Config{Seed: 1, Teams: 500, Runbooks: 10000, Routes: 1000} }

// fixedRules is the number of routes that do not depend on domains: security (continue),
// many customers (continue), confirmed breach, and the default.
const fixedRules = 4

// maxVariants is how many special-case rules can precede one domain x severity cell
// without any of them being shadowed (see variantTemplates).
const maxVariants = 8

// WithDefaults returns c with zero or negative fields set to their defaults and every
// count raised or lowered into the range a valid playbook needs. Files(c) and
// Files(c.WithDefaults()) are identical.
func (c Config) WithDefaults() Config {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&c.Teams, 10)
	c.Teams = max(c.Teams, 6)
	def(&c.Severities, 4)
	def(&c.Domains, max(6, c.Teams/10))
	def(&c.Runbooks, 5*c.Teams)
	c.Runbooks = max(c.Runbooks, c.Domains)
	def(&c.Vendors, 5)
	def(&c.Roles, 5)
	def(&c.Briefs, 5)
	def(&c.Pages, 2)
	def(&c.Words, 900)
	c.Words = max(c.Words, 250)
	cells := c.Domains * c.Severities
	def(&c.Routes, cells+c.Domains+fixedRules)
	c.Routes = min(max(c.Routes, c.Domains+fixedRules), cells*(1+maxVariants)+fixedRules)
	return c
}

// File is one generated file: a relative slash path and its contents.
type File struct {
	Path string
	Data []byte
}

// List returns the playbook for c as files in a fixed order: playbook.yaml, matrix.yaml,
// then teams, roles, runbooks, briefs, vendors and pages, each sorted by path.
func List(c Config) []File { return generate(c.WithDefaults()) }

// Files returns the playbook for c as relative slash paths mapped to contents.
func Files(c Config) map[string][]byte {
	fs := List(c)
	m := make(map[string][]byte, len(fs))
	for _, f := range fs {
		m[f.Path] = f.Data
	}
	return m
}

// FS returns the playbook for c as an in-memory file system.
func FS(c Config) fstest.MapFS {
	fs := List(c)
	m := make(fstest.MapFS, len(fs))
	for _, f := range fs {
		m[f.Path] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return m
}

// Write writes the playbook for c under dir, creating folders as needed. Files already in
// dir that the playbook does not name are left alone.
func Write(dir string, c Config) error {
	made := map[string]bool{}
	for _, f := range List(c) {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if d := filepath.Dir(p); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
