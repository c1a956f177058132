//go:build race

package delgrad

// raceBuild: the race detector is on (it allocates on synchronisation).
const raceBuild = true
