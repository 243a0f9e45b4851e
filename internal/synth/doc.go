// Package synth generates large, valid, deterministic playbooks for tests and benchmarks.
//
// Files returns a whole playbook (playbook.yaml, matrix.yaml, teams, roles, runbooks,
// briefs, vendors and pages) as relative slash paths mapped to contents; Write puts it on
// disk and FS serves it from memory. The same Config always gives byte-identical output,
// and every document follows docs/format.md: ids are unique slugs, every reference
// resolves, business-hours teams fall back to 24x7 teams, no route is shadowed, and the
// routing tests in matrix.yaml hold under the documented semantics.
package synth
