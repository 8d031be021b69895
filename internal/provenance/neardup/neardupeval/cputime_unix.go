//go:build unix

package neardupeval

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used, user and system:
// unlike wall time, it does not count the time other programs on a busy
// machine take the cores.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
