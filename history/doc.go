// Package history learns from past incidents: it replays each incident record through
// today's routing rules and measures the SLA timers the records met.
//
// Replay routes every record's triage facts at its opening instant with
// Playbook.Route and compares the decision with the team that resolved the incident:
// the rules agree when that team is the rule's team or, out of hours, the team the case
// falls through to. For each misroute it proposes the smallest change to a rule's `when`
// that would have routed the record right (see Suggestion); nothing is ever applied.
//
// The SLA figures follow these rules, documented in docs/format.md:
//   - a timer is met when its milestone is at or before the deadline: met at exactly
//     the deadline counts as met;
//   - an incident is measured against the tier it was opened at;
//   - a milestone not reached yet is pending while its deadline is in the future (as of
//     Options.AsOf), and a miss once the deadline has passed; a closed incident without
//     the milestone recorded is left out of that timer;
//   - medians and 90th percentiles use the nearest-rank method over the recorded
//     durations: the p-th percentile of n sorted values is the value at rank
//     ceil(p/100 × n), so the median of an even count is the lower middle value;
//   - durations are between instants, so a night when the clocks change lasts its real
//     length; quarters are calendar quarters of the opening instant in the playbook's
//     time zone.
package history
