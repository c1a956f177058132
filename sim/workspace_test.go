package sim

import (
	"math"
	"math/rand/v2"
	"testing"
)

var allKinds = []DelayKind{DelayNone, DelayAxonal, DelayDendritic, DelaySynaptic}

// TestForwardMatchesPerNeuron: the layer loop (shared order, dendritic
// shifts, bias rows) gives what FirstSpike gives on each neuron's arrivals.
func TestForwardMatchesPerNeuron(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, tc := range testNeurons[:3] {
		for _, kind := range allKinds {
			n := randomNetwork(rng, tc.nu, []int{4, 12, 7, 3}, kind, 0.6, 1, 1)
			n.Layers[1].BiasTimes = []float64{0.9}
			n.Layers[1].Weights = append(n.Layers[1].Weights, randomInputs(rng, 7, -1, 2)...)
			if err := n.Validate(); err != nil {
				t.Fatal(err)
			}
			ws := NewWorkspace(n)
			for range 50 {
				in := randomInputs(rng, 4, 0.15, 2)
				ws.Forward(n, in)
				for l := range n.Layers {
					for k := range n.Layers[l].Size {
						var times, w []float64
						for i := range n.Rows(l) {
							times = append(times, n.Arrival(l, i, k, ws.Times[l]))
							w = append(w, n.Layers[l].Weights[i*n.Layers[l].Size+k])
						}
						T, slope, c := FirstSpike(tc.nu, times, w)
						got := ws.Times[l+1][k]
						if got != T && math.Abs(got-T) > 1e-12 {
							t.Fatalf("%s/%s layer %d neuron %d: %v, want %v", tc.name, kind, l, k, got, T)
						}
						if int(ws.Causal[l][k]) != c || math.Abs(ws.Slopes[l][k]-slope) > 1e-9*math.Max(1, slope) {
							t.Fatalf("%s/%s: causal/slope mismatch", tc.name, kind)
						}
						if !math.IsInf(got, 1) {
							u, du := ws.Potential(n, l, k, got)
							if math.Abs(u-tc.nu.Threshold) > 1e-11 || math.Abs(du-slope) > 1e-8*math.Max(1, slope) {
								t.Fatalf("Potential at spike: u=%v du=%v slope=%v", u, du, slope)
							}
						}
					}
				}
			}
		}
	}
}

// TestShiftInvariance: shifting all inputs (and bias spikes) by s shifts
// every spike time by s, including by hundreds of time constants.
func TestShiftInvariance(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, tc := range testNeurons[:5] {
		for _, kind := range allKinds {
			n := randomNetwork(rng, tc.nu, []int{4, 30, 3}, kind, 1, 1, 1)
			a, b := NewWorkspace(n), NewWorkspace(n)
			for range 30 {
				in := randomInputs(rng, 4, 0.15, 2)
				a.Forward(n, in)
				for _, s := range []float64{0.37, 500} {
					sh := make([]float64, 4)
					for i := range in {
						sh[i] = in[i] + s
					}
					b.Forward(n, sh)
					for l := 1; l < len(a.Times); l++ {
						for k, t0 := range a.Times[l] {
							t1 := b.Times[l][k]
							if math.IsInf(t0, 1) != math.IsInf(t1, 1) || (!math.IsInf(t0, 1) && math.Abs(t1-s-t0) > 1e-10*(1+s)) {
								t.Fatalf("%s/%s shift %v: layer %d neuron %d: %v → %v", tc.name, kind, s, l, k, t0, t1)
							}
						}
					}
				}
			}
		}
	}
}

// TestIntegratorAgrees: the fine-step reference integrator finds every
// analytic spike within one step, and the error shrinks in proportion to dt.
func TestIntegratorAgrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, tc := range testNeurons[:4] {
		n := randomNetwork(rng, tc.nu, []int{4, 20}, DelaySynaptic, 1, 1, 1)
		ws := NewWorkspace(n)
		var errs [3]float64
		dts := [3]float64{1e-2, 1e-3, 1e-4}
		samples := 10
		if testing.Short() {
			samples = 2 // under Node the fine grid is slow
		}
		for range samples {
			in := randomInputs(rng, 4, 0.15, 2)
			ws.Forward(n, in)
			for j, dt := range dts {
				ref := Integrate(n, in, dt, 30)
				for k, T := range ws.Times[1] {
					got := ref[1][k]
					if math.IsInf(T, 1) {
						if !math.IsInf(got, 1) {
							t.Fatalf("%s: analytic silent, integrator fires at %v", tc.name, got)
						}
						continue
					}
					if ws.Slopes[0][k] < 0.05 {
						continue // grazing crossings may fall between grid points
					}
					e := got - T
					if e < -1e-9 || e > dt+1e-9 {
						t.Fatalf("%s dt=%v: integrator %v vs analytic %v", tc.name, dt, got, T)
					}
					errs[j] = math.Max(errs[j], e)
				}
			}
		}
		for j := 1; j < 3; j++ {
			if errs[j] > errs[j-1]/5 {
				t.Errorf("%s: max error %v at dt %v does not shrink like dt from %v", tc.name, errs[j], dts[j], errs[j-1])
			}
		}
	}
}

func TestForwardAllocatesNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for _, kind := range allKinds {
		n := randomNetwork(rng, DefaultNeuron(), []int{4, 30, 3}, kind, 1, 1, 1)
		ws := NewWorkspace(n)
		in := randomInputs(rng, 4, 0.15, 2)
		if a := testing.AllocsPerRun(100, func() { ws.Forward(n, in) }); a != 0 {
			t.Errorf("%s: %v allocs per forward pass", kind, a)
		}
	}
}

func TestValidateShapes(t *testing.T) {
	n := NewNetwork(DefaultNeuron(), []int{4, 5, 3}, []DelayKind{DelaySynaptic, DelayAxonal})
	if err := n.Validate(); err != nil {
		t.Fatal(err)
	}
	if w, d := n.ParamCount(); w != 35 || d != 20+5 {
		t.Errorf("param count %d+%d", w, d)
	}
	bad := n.Clone()
	bad.Layers[1].Delays = bad.Layers[1].Delays[:2]
	if bad.Validate() == nil {
		t.Error("short delays validated")
	}
	bad = n.Clone()
	bad.Layers[0].Delays[3] = -1
	if bad.Validate() == nil {
		t.Error("negative delay validated")
	}
	bad = n.Clone()
	bad.Layers[0].Weights[0] = math.NaN()
	if bad.Validate() == nil {
		t.Error("NaN weight validated")
	}
}

// FuzzForward: arbitrary weights, delays and times never panic or give NaN.
func FuzzForward(f *testing.F) {
	f.Add(uint64(1), 1.0, 0.5, 3.0, uint8(3), uint8(0))
	f.Add(uint64(2), -4.0, 9.0, 1e4, uint8(1), uint8(1))
	f.Add(uint64(3), 1e3, 1e3, 1e6, uint8(2), uint8(2))
	f.Fuzz(func(t *testing.T, seed uint64, mu, sigma, tmax float64, kind, regime uint8) {
		clampf := func(v, lim float64) float64 {
			if math.IsNaN(v) {
				return 0
			}
			return math.Max(-lim, math.Min(lim, v))
		}
		mu, sigma, tmax = clampf(mu, 1e6), clampf(sigma, 1e6), math.Abs(clampf(tmax, 1e7))
		nu := testNeurons[int(regime)%len(testNeurons)].nu
		rng := rand.New(rand.NewPCG(seed, 99))
		n := randomNetwork(rng, nu, []int{5, 7, 3}, allKinds[kind%4], mu, sigma, tmax)
		ws := NewWorkspace(n)
		in := randomInputs(rng, 5, 0, tmax)
		in[rng.IntN(5)] = math.Inf(1)
		ws.Forward(n, in)
		for l, ts := range ws.Times {
			for k, v := range ts {
				if math.IsNaN(v) {
					t.Fatalf("layer %d neuron %d: NaN", l, k)
				}
			}
		}
	})
}
