package sim

import "math"

// Every forward pass checks its synaptic layers' caches against their
// delays (synapseFactors.update): sameBits reports whether two slices hold
// the same float64 bits. Equal bits are stricter than equal values
// (−0 ≠ +0, a NaN equals itself), which only ever refreshes a cache.
// Natively the runtime's vectorised byte comparison is several times
// faster than a loop (samebits_other.go); under WebAssembly that
// comparison goes byte by byte, and sameWords, eight bytes a step, takes
// its place (samebits_wasm.go).

// sameWords is sameBits one float64 at a time.
func sameWords(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	b = b[:len(a)]
	for i, x := range a {
		if math.Float64bits(x) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}
