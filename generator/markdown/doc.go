// Package markdown renders playbook Markdown to safe HTML for the site.
//
// Rendering follows GitHub-flavoured Markdown (tables, strikethrough, task
// lists, bare-URL autolinks) plus footnotes and admonitions (GitHub alerts
// and MkDocs "!!!" blocks, package callout), and guarantees two things the
// site's strict Content-Security-Policy relies on: the output never carries a
// style attribute, an event-handler attribute or (unless the playbook opts in
// to raw HTML) a script element, and no link or image URL with a scheme other
// than http, https, mailto or tel reaches the page. Code blocks are
// highlighted by chroma with CSS classes (its lexers run by internal/highlight,
// which gives chroma's tokens faster); CSS returns the matching stylesheet.
//
// Output is deterministic: the same input gives the same bytes.
package markdown
