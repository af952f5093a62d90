//go:build unix

package text

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time (user + system) the process has used so far. On a loaded machine
// it measures the work done better than wall-clock time does.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
