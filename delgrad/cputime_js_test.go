package delgrad

import "time"

// cpuTime is not available under js/wasm; benchmarks then report wall time only.
func cpuTime() time.Duration { return 0 }
