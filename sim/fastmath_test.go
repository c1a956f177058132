package sim

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

// TestFastMathBits: expGo and logGo (and expsGo and logsGo, element by
// element) return math.Exp's and math.Log's bits
// where math runs its portable code (js/wasm, which `make test` runs
// under Node), over random arguments and the edges of both (overflow,
// subnormal results and arguments, signed zeros, infinities, NaN).
// Elsewhere math may use assembly with its own last bit, so they only
// have to agree to within a few ulps (and amd64's assembly logarithm is off
// for subnormal arguments, which are left out there).
func TestFastMathBits(t *testing.T) {
	exact := runtime.GOARCH == "wasm"
	rng := rand.New(rand.NewPCG(3, 4))
	var xs []float64
	for _, x := range []float64{
		0, math.Copysign(0, -1), 1, -1, 0.5, 1e-300, 5e-324, math.SmallestNonzeroFloat64,
		2.2250738585072014e-308, 709.782712893383973096, 709.78, 709.8, -708.39, -708.4,
		-745.13321910194110842, -745.2, -744.44, 1.0 / (1 << 28), -1.0 / (1 << 28), 3.7252902984e-09,
		math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN(), math.Ln2, 0.5 * math.Ln2, 1e-20,
	} {
		xs = append(xs, x, math.Nextafter(x, math.Inf(1)), math.Nextafter(x, math.Inf(-1)))
	}
	for range 200000 {
		xs = append(xs, 60*rng.NormFloat64(), rng.Float64()*1500-750, math.Float64frombits(rng.Uint64()))
	}
	check := func(name string, x, got, want float64) {
		t.Helper()
		if math.IsNaN(got) && math.IsNaN(want) {
			return
		}
		if math.Float64bits(got) == math.Float64bits(want) {
			return
		}
		if !exact && math.Abs(got-want) <= 4*math.Abs(want-math.Nextafter(want, 0)) {
			return
		}
		t.Fatalf("%s(%v) = %v (%#x), math gives %v (%#x)", name, x, got, math.Float64bits(got), want, math.Float64bits(want))
	}
	batch := append([]float64(nil), xs...)
	expsGo(batch)
	lbatch := append([]float64(nil), xs...)
	logsGo(lbatch)
	for i, x := range xs {
		check("expGo", x, expGo(x), math.Exp(x))
		if math.Float64bits(batch[i]) != math.Float64bits(expGo(x)) && !math.IsNaN(x) {
			t.Fatalf("expsGo(%v) = %v, expGo gives %v", x, batch[i], expGo(x))
		}
		if !exact && math.Abs(x) < 0x1p-1022 {
			continue
		}
		if math.Float64bits(lbatch[i]) != math.Float64bits(logGo(x)) && !math.IsNaN(logGo(x)) {
			t.Fatalf("logsGo(%v) = %v, logGo gives %v", x, lbatch[i], logGo(x))
		}
		check("logGo", x, logGo(x), math.Log(x))
		check("logGo", -x, logGo(-x), math.Log(-x))
	}
}
