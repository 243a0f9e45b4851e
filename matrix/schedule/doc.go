// Package schedule evaluates on-call schedules: who is on duty at an instant, until
// when, who takes over, and the shifts over a span of time.
//
// A Schedule is layers of rotations plus dated overrides, with the semantics of
// PagerDuty's layered schedules: an override beats every layer, and a later layer wins
// wherever it has someone on duty (outside its restriction windows it has nobody, and
// the layers below show through). Daily and weekly handoffs keep their local wall-clock
// time across daylight-saving changes; hourly shifts count real hours. A wall-clock
// time that does not exist (clocks go forward) means the instant the clocks jump; one
// that happens twice (clocks go back) means its first occurrence. docs/format.md states
// every rule with an example.
//
// Evaluation is arithmetic: the shift at an instant is found by division from the
// layer's start, never by walking shift by shift, so one answer costs the same in the
// first week and ten years on. The package knows nothing of playbooks: package matrix
// reads the YAML, resolves member ids and compiles each team's schedules with New.
package schedule
