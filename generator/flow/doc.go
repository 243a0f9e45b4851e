// Package flow draws the playbook's routing flowcharts at build time: a diagram model,
// a small deterministic layered layout, and three renderings of each diagram: inline
// SVG (no script, no inline style, colours from the theme's CSS), Mermaid source, and
// a text equivalent for screen readers and search.
//
// The layout is a plain Sugiyama pipeline: layers by longest path, edge labels and long
// edges as nodes of their own, barycentre ordering, and positions by isotonic
// regression. Nodes of a layer share a band; edges run straight down through a band
// only inside their own node's column and cross between bands diagonally, so no edge
// passes through a box. Text is measured with Arial's advance widths (Liberation Sans
// and Helvetica share them), and the SVG asks for those fonts.
package flow
