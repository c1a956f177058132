//go:build !js

package delgrad

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used. On a shared machine it
// is a steadier measure of work than wall time, which includes waiting
// for a core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
