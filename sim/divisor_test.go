package sim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestDivisorExact: divisor.of gives x/d bit for bit, for powers of two
// (taken as multiplications) and other divisors, over random and special
// dividends.
func TestDivisorExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	xs := []float64{0, math.Copysign(0, -1), 1, -3, math.Inf(1), math.Inf(-1), math.NaN(),
		math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64, 0x1p-1022, 0x1.8p-1022, 3e-310}
	for range 100000 {
		xs = append(xs, rng.NormFloat64()*math.Pow(10, float64(rng.IntN(40)-20)), math.Float64frombits(rng.Uint64()))
	}
	for _, d := range []float64{1, 2, 0.5, 4, 1024, 0x1p-1000, 0x1p1000, 0x1p-1022, 0x1p1023, 3, 1.7, -2, -0.25} {
		v := newDivisor(d)
		for _, x := range xs {
			got, want := v.of(x), x/d
			if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Fatalf("%v/%v: got %v (%#x), want %v (%#x)", x, d, got, math.Float64bits(got), want, math.Float64bits(want))
			}
		}
	}
}
