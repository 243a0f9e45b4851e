// Package generator builds the playbook's static site: every page rendered from the
// model and the theme, written beside the last good site and swapped in whole.
//
// The output works from any static host and opened from disk: links are relative and
// name their .html files, nothing is loaded from another host, and a strict
// Content-Security-Policy allows only the site's own scripts and styles. The same input
// always gives the same bytes.
package generator
