// Package blockyaml parses the block-style YAML that playbooks are mostly written in into
// the same yaml.Node trees go.yaml.in/yaml/v3 builds, several times faster: nested block
// mappings and sequences, one-line plain and quoted scalars, one-line flow sequences and
// mappings (a flow mapping's values may be flow sequences of scalars), literal and
// folded block scalars, and comment lines at the top of a document.
//
// Parse reports false for anything outside that subset (anchors, tags, deeper flow
// collections, comments after the first content line, multi-line plain or quoted scalars, tabs,
// CRLF line ends, ...) and for anything that might not be valid YAML; the caller then
// falls back to yaml.v3, whose errors it reports. So the subset only has to be exact,
// never complete: a differential fuzz test holds every tree Parse returns to yaml.v3's.
package blockyaml
