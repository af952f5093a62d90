//go:build !unix

package actor_test

import "time"

// cpuTime is unavailable here: benchmarks report wall-clock throughput only.
func cpuTime() time.Duration { return 0 }
