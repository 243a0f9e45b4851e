//go:build !unix

package markdown

import "time"

// cpuTime reports that CPU time is not measured here.
func cpuTime() time.Duration { return -1 }
