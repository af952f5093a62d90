//go:build !unix

package text

import "time"

// cpuTime is unavailable here; the benchmark then reports wall-clock throughput only.
func cpuTime() time.Duration { return 0 }
