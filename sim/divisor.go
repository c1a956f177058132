package sim

import "math"

// divisor divides by d. Where d is a power of two (as the time constants
// and the capacitance of the reference neurons are: 1 and 2), 1/d is
// exact and x·(1/d) is x/d correctly rounded, the very number the
// division gives, for every x; a multiplication costs a fraction of a
// division's time (a division is 13 cycles of latency and one per 4–5
// cycles at best on the machines DelayLab is measured on), and the hot
// loops divide by the same constant for every input.
type divisor struct {
	d, inv float64
	pow2   bool
}

func newDivisor(d float64) divisor {
	// d = 2^(e−1023), positive, with 1/d normal too: 2^-1021 … 2^1021.
	b := math.Float64bits(d)
	e := int(b>>52) & 0x7ff
	pow2 := b>>63 == 0 && b&(1<<52-1) == 0 && e >= 2 && e <= 2044
	return divisor{d: d, inv: 1 / d, pow2: pow2}
}

// of is x/d.
func (v divisor) of(x float64) float64 {
	if v.pow2 {
		return x * v.inv
	}
	return x / v.d
}
