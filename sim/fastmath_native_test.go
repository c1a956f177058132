//go:build !wasm

package sim

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"golang.org/x/sys/cpu"
)

// TestNativeSliceMath: natively exps and logs, whichever path the start-up
// probes chose (the Go replicas or math's functions one by one), give
// math.Exp's and math.Log's bits, element by element, over a million
// random arguments of every kind and the edges, in slices of odd and even
// length, so that pairs mix the replicas' range with what they hand back
// to math. The committed results were made with math's functions; a
// replica that parted from them by one bit would change them. On amd64
// the logarithm's replica must be the one chosen (amd64's assembly is its
// algorithm), and so must the exponential's where the CPU has FMA (the
// assembly's condition for its fused path).
func TestNativeSliceMath(t *testing.T) {
	t.Logf("replicas in use: exps %v, logs %v", nativeExps, nativeLogs)
	if runtime.GOARCH == "amd64" && !nativeLogs {
		t.Errorf("on amd64 logsGo should give math.Log's bits, the probe found not")
	}
	if runtime.GOARCH == "amd64" && cpu.X86.HasAVX && cpu.X86.HasFMA && !nativeExps {
		t.Errorf("on amd64 with FMA expsFused should give math.Exp's bits, the probe found not")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	edges := []float64{0, math.Copysign(0, -1), -708, 709, -708.0001, 709.0001, 709.78, -745.2, 1e-300,
		5e-324, 2.2250738585072014e-308, math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN(), 1, -1}
	xs := make([]float64, 0, 1<<20+len(edges))
	xs = append(xs, edges...)
	for len(xs) < cap(xs)-1 {
		switch rng.IntN(4) {
		case 0:
			xs = append(xs, rng.Float64()*1500-750)
		case 1:
			xs = append(xs, 8*rng.NormFloat64())
		case 2:
			xs = append(xs, rng.Float64()*4)
		default:
			xs = append(xs, math.Float64frombits(rng.Uint64()))
		}
	}
	same := func(a, b float64) bool {
		return math.Float64bits(a) == math.Float64bits(b) || math.IsNaN(a) && math.IsNaN(b)
	}
	for _, n := range []int{len(xs), len(xs) - 1} {
		e := append([]float64(nil), xs[:n]...)
		exps(e)
		l := append([]float64(nil), xs[:n]...)
		logs(l)
		for i, x := range xs[:n] {
			if !same(e[i], math.Exp(x)) {
				t.Fatalf("exps gives %v (%#x) for %v, math.Exp %v (%#x)", e[i], math.Float64bits(e[i]), x, math.Exp(x), math.Float64bits(math.Exp(x)))
			}
			if !same(l[i], math.Log(x)) {
				t.Fatalf("logs gives %v (%#x) for %v, math.Log %v (%#x)", l[i], math.Float64bits(l[i]), x, math.Log(x), math.Float64bits(math.Log(x)))
			}
		}
	}
}
