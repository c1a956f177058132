package sim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFirstSpikeCrossesThreshold checks, over thousands of random mixed-sign
// neurons per solver, that u(T) = ϑ to 1e-12, that u stays below ϑ on a
// dense grid before T, and that silent neurons never reach ϑ.
func TestFirstSpikeCrossesThreshold(t *testing.T) {
	for _, tc := range testNeurons {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, 2))
			fired, silent := 0, 0
			trials := 1500
			if testing.Short() {
				trials = 300 // the wasm run under Node checks the same code, fewer cases
			}
			for trial := range trials {
				n := 1 + rng.IntN(12)
				times := randomInputs(rng, n, 0, 3)
				w := make([]float64, n)
				for i := range w {
					w[i] = 1.2*rng.NormFloat64() + 0.4
				}
				if tc.name == "chip-like" {
					for i := range w {
						w[i] *= 2.6
					}
				}
				T, slope, causal := FirstSpike(tc.nu, times, w)
				if math.IsNaN(T) || math.IsNaN(slope) {
					t.Fatalf("trial %d: NaN result T=%v slope=%v", trial, T, slope)
				}
				end := 25.0
				if !math.IsInf(T, 1) {
					fired++
					u := membrane(tc.nu, times, w, T)
					if d := math.Abs(u - tc.nu.Threshold); d > 1e-12*scale(tc.nu, times, w, T) {
						t.Fatalf("trial %d: |u(T)-ϑ| = %g at T=%v", trial, d, T)
					}
					if slope < 0 {
						t.Fatalf("trial %d: falling crossing, slope %v", trial, slope)
					}
					nc := 0
					for _, ti := range times {
						if ti <= T {
							nc++
						}
					}
					if nc != causal {
						t.Fatalf("trial %d: causal set %d, want %d", trial, causal, nc)
					}
					end = T
				} else {
					silent++
				}
				for x := 0.0; x < end-5e-3; x += 4e-3 {
					if u := membrane(tc.nu, times, w, x); u >= tc.nu.Threshold {
						t.Fatalf("trial %d: u(%v) = %v ≥ ϑ before the spike at %v", trial, x, u, T)
					}
				}
			}
			if fired < trials/8 || silent < trials/8 {
				t.Fatalf("weak test: %d fired, %d silent", fired, silent)
			}
		})
	}
}

// TestGeneralSolverMatchesClosedForms forces the numeric solver onto the
// closed-form ratios; both must agree.
func TestGeneralSolverMatchesClosedForms(t *testing.T) {
	for _, nu := range []Neuron{{TauSyn: 1, TauMem: 2, Threshold: 1, C: 1}} {
		rng := rand.New(rand.NewPCG(3, 4))
		closed := newKernelSolver(nu)
		general := closed
		general.regime = RegimeGeneral
		for trial := range 2000 {
			n := 1 + rng.IntN(10)
			in := make([]arrival, n)
			for i := range in {
				in[i] = arrival{3 * rng.Float64(), 1.5*rng.NormFloat64() + 0.5}
			}
			sortArrivals(in)
			a, _, ca := closed.first(in)
			b, _, cb := general.first(in)
			if ca != cb || (a != b && math.Abs(a-b) > 1e-11*math.Max(1, a)) {
				t.Fatalf("trial %d: closed %v (%d) vs general %v (%d)", trial, a, ca, b, cb)
			}
		}
	}
}

// TestLargeTimes: inputs hundreds of time constants late, or spread over
// a thousand, neither overflow nor produce NaN.
func TestLargeTimes(t *testing.T) {
	for _, tc := range testNeurons {
		rng := rand.New(rand.NewPCG(5, 6))
		for trial := range 300 {
			n := 2 + rng.IntN(8)
			times := randomInputs(rng, n, 0, 3)
			w := make([]float64, n)
			for i := range w {
				w[i] = rng.NormFloat64() + 0.8
			}
			T0, _, _ := FirstSpike(tc.nu, times, w)
			for _, s := range []float64{500, 5000} {
				shifted := make([]float64, n)
				for i := range times {
					shifted[i] = times[i] + s
				}
				T1, _, _ := FirstSpike(tc.nu, shifted, w)
				if math.IsInf(T0, 1) != math.IsInf(T1, 1) || (!math.IsInf(T0, 1) && math.Abs(T1-s-T0) > 1e-9*s) {
					t.Fatalf("%s trial %d: shift %v: %v → %v", tc.name, trial, s, T0, T1)
				}
			}
			spread := randomInputs(rng, n, 0, 2000)
			if T, slope, _ := FirstSpike(tc.nu, spread, w); math.IsNaN(T) || math.IsNaN(slope) {
				t.Fatalf("%s trial %d: NaN for spread inputs", tc.name, trial)
			}
		}
	}
}

// TestSilentAndEdgeCases covers the exact edge cases the reference hid
// behind an eps: no inputs, only inhibition, a lone input below threshold,
// a tangent touch.
func TestSilentAndEdgeCases(t *testing.T) {
	inf := math.Inf(1)
	for _, tc := range testNeurons {
		nu := tc.nu
		cases := []struct {
			name     string
			times, w []float64
			silent   bool
		}{
			{"no inputs", nil, nil, true},
			{"all inputs silent", []float64{inf, inf}, []float64{5, 5}, true},
			{"inhibition only", []float64{0, 1}, []float64{-3, -1}, true},
			{"zero weights", []float64{0, 1}, []float64{0, 0}, true},
			{"tiny input", []float64{0}, []float64{1e-3}, true},
			{"strong input", []float64{0}, []float64{50}, false},
			{"cancelling pair then drive", []float64{0, 0, 2}, []float64{5, -5, 50}, false},
		}
		for _, c := range cases {
			T, _, _ := FirstSpike(nu, c.times, c.w)
			if math.IsInf(T, 1) != c.silent || math.IsNaN(T) {
				t.Errorf("%s/%s: T = %v, silent want %v", tc.name, c.name, T, c.silent)
			}
		}
	}
	// τm = τs: a single input of weight w peaks at s = τ with u = w/(eC);
	// w = eϑ touches the threshold exactly there (z = −1/e).
	nu := Neuron{TauSyn: 1, TauMem: 1, Threshold: 1, C: 1}
	T, _, _ := FirstSpike(nu, []float64{0.5}, []float64{math.E})
	if math.Abs(T-1.5) > 1e-7 {
		t.Errorf("tangent touch: T = %v, want 1.5", T)
	}
}

func TestNeuronValidate(t *testing.T) {
	bad := []Neuron{
		{TauSyn: 0, TauMem: 1, Threshold: 1, C: 1},
		{TauSyn: 1, TauMem: math.NaN(), Threshold: 1, C: 1},
		{TauSyn: 1, TauMem: 1, Threshold: 0, C: 1},
		{TauSyn: 1, TauMem: 1, Threshold: 1, C: math.Inf(1)},
		{TauSyn: 1, TauMem: 1, Threshold: 1, Leak: 2, C: 1},
	}
	for i, nu := range bad {
		if nu.Validate() == nil {
			t.Errorf("case %d: %+v validated", i, nu)
		}
	}
	if err := DefaultNeuron().Validate(); err != nil {
		t.Error(err)
	}
}

// TestKernelSlope checks κ' against a central difference of κ.
func TestKernelSlope(t *testing.T) {
	for _, tc := range testNeurons {
		for _, s := range []float64{0.01, 0.3, 1, 2.5, 7} {
			_, dk := tc.nu.Kernel(s)
			h := 1e-6
			kp, _ := tc.nu.Kernel(s + h)
			km, _ := tc.nu.Kernel(s - h)
			if fd := (kp - km) / (2 * h); math.Abs(fd-dk) > 1e-8 {
				t.Errorf("%s: κ'(%v) = %v, finite difference %v", tc.name, s, dk, fd)
			}
		}
	}
}
