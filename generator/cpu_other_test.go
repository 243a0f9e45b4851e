//go:build !unix

package generator

import "time"

// cpuTime reports that CPU time is not measured here.
func cpuTime() time.Duration { return -1 }
