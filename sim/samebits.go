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

// sameWords is sameBits four float64 at a time: their differences are
// or-ed together and tested once, a branch per four rather than per one.
func sameWords(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for len(a) >= 4 && len(b) >= 4 {
		d := math.Float64bits(a[0]) ^ math.Float64bits(b[0]) |
			math.Float64bits(a[1]) ^ math.Float64bits(b[1]) |
			math.Float64bits(a[2]) ^ math.Float64bits(b[2]) |
			math.Float64bits(a[3]) ^ math.Float64bits(b[3])
		if d != 0 {
			return false
		}
		a, b = a[4:], b[4:]
	}
	for i := range min(len(a), len(b)) {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}
