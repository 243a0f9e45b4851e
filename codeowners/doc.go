// Package codeowners writes a CODEOWNERS file from a playbook: each document is owned
// on the code host by the handle of the team its `owner` names, so that a pull request
// that changes a runbook asks that team for review.
package codeowners
