// Package gitfs reads a folder as a git revision holds it, without checking anything
// out: the tree is listed and its files read through the git command itself, into an
// fs.FS that the playbook loader reads like a folder.
//
// It runs git rather than linking a git library: every machine that has a revision to
// compare has git, which knows the repository's own settings (alternates, partial
// clones, worktrees, safe.directory), and go-git would add a large dependency tree for
// two plumbing commands.
package gitfs
