package sim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestKernelsEvalMatchesKernel: Kernels.Eval is Kernel, bit for bit, at
// every offset, for time constants and capacitances that are powers of
// two (Eval multiplies by their inverses) and ones that are not (it
// divides), and for the ratios Eval hands back to Kernel.
func TestKernelsEvalMatchesKernel(t *testing.T) {
	neurons := []Neuron{
		DefaultNeuron(),
		{TauSyn: 0.7, TauMem: 1.4, Threshold: 1, C: 3},
		{TauSyn: 1, TauMem: 2, Threshold: 1, C: 0.25},
		{TauSyn: 1.3, TauMem: 2.6, Threshold: 1, C: 1},
		{TauSyn: 1, TauMem: 1, Threshold: 1, C: 1},
		{TauSyn: 1, TauMem: 3, Threshold: 1, C: 2},
	}
	rng := rand.New(rand.NewPCG(5, 6))
	s := []float64{0, -1, math.Copysign(0, -1), 5e-324, 1e-300, 1e-9, 1, 2, 30, 700, 1e300, math.Inf(1), math.NaN()}
	for range 2000 {
		s = append(s, rng.ExpFloat64()*3, -rng.Float64())
	}
	k, dk := make([]float64, len(s)), make([]float64, len(s))
	for _, n := range neurons {
		kz := n.Kernels()
		kz.Eval(s, k, dk)
		for j, v := range s {
			wk, wdk := n.Kernel(v)
			if math.Float64bits(k[j]) != math.Float64bits(wk) || math.Float64bits(dk[j]) != math.Float64bits(wdk) {
				t.Fatalf("%+v at s = %v: Eval gives κ = %v, κ' = %v; Kernel %v, %v", n, v, k[j], dk[j], wk, wdk)
			}
		}
	}
}
