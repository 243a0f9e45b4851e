// Package escalator holds the files the binary carries: the sample playbook that
// `escalator init` writes and tests load.
package escalator

import (
	"embed"
	"io/fs"
)

//go:embed content
var sample embed.FS

// Sample is the sample playbook, rooted at its folder (playbook.yaml at the top).
func Sample() fs.FS {
	sub, err := fs.Sub(sample, "content")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	return sub
}
