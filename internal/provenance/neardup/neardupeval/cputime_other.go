//go:build !unix

package neardupeval

import "time"

// cpuTime is not measured on this system; the report then shows wall time
// only.
func cpuTime() time.Duration { return 0 }
