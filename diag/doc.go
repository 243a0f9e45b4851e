// Package diag holds the diagnostics every stage reports to playbook authors: a position,
// a severity, a message and an optional suggestion, printed like a compiler's.
package diag
