// Package callout is a goldmark extension for admonitions: GitHub alerts
// ("> [!NOTE]" and the four other kinds) and MkDocs blocks ("!!! tip
// \"Title\"", and "???" or "???+" for a collapsible one, shut or open), with
// their content indented four spaces. Both become one Callout node, written as
// <div class="callout callout-KIND" role="note"> with a title paragraph, or
// as <details class="callout callout-KIND"> with a summary when collapsible.
//
// It is written as goldmark's own extensions are: a node (Callout), a block
// parser for the MkDocs syntax, an AST transformer that turns alert block
// quotes into callouts, and a renderer, behind one Extender (Extension).
// The output carries no style attribute and no script: the site's stylesheet
// styles the five classes callout-note, callout-tip, callout-important,
// callout-warning and callout-caution.
package callout
