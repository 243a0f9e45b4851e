// Package playbookdiff says what a change to a playbook does: which matrix cells change
// owner, which routing tests change outcome, whose escalation timelines and on-call
// shifts move, which contacts, audit warnings and documents come and go. It compares
// two loaded playbooks by what they compute, not by their text, and renders the
// result for a terminal, a pull-request comment, CI annotations or a machine.
package playbookdiff
