//go:build wasm

package sim

// sameBits compares a and b a float64 at a time (see samebits.go).
func sameBits(a, b []float64) bool { return sameWords(a, b) }
