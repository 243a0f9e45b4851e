// Package schema holds the JSON Schemas of the playbook's document kinds and checks YAML
// documents against them, reporting every problem at its YAML position with a message
// written for playbook authors rather than for schema experts.
//
// The schemas are the contract of docs/format.md. Each file is self-contained so that an
// editor can use it alone through a yaml-language-server modeline; FS exposes them for
// publishing.
package schema
