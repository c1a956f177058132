package delgrad

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"delaylab/sim"
)

func TestProtocolNames(t *testing.T) {
	for _, p := range []Protocol{0, AuthorsProtocol, Protocol(0).With(GradientCap), AuthorsProtocol.Without(SilentSamples, EvalBatches)} {
		got, err := ParseProtocol(p.String())
		if err != nil || got != p {
			t.Fatalf("%q read back as %v, %v", p.String(), got, err)
		}
	}
	p, err := ParseProtocol("authors-nominal-threshold-interleaved-copies")
	if err != nil || p != AuthorsProtocol.Without(NominalThreshold, InterleavedCopies) {
		t.Fatalf("authors minus two: %v, %v", p, err)
	}
	for _, bad := range []string{"theirs", "ours+nonsense", "authors-"} {
		_, err := ParseProtocol(bad)
		if err == nil || !strings.Contains(err.Error(), "silent-samples") {
			t.Fatalf("%q: want an error listing the conventions, got %v", bad, err)
		}
	}
}

// chipNeuronNet is one τm = τs neuron with threshold th fed by four inputs.
func chipNeuronNet(th float64) *sim.Network {
	n := sim.NewNetwork(sim.Neuron{TauSyn: 1, TauMem: 1, Threshold: th, C: 1}, []int{4, 1}, []sim.DelayKind{sim.DelayNone})
	copy(n.Layers[0].Weights, []float64{2.0, 1.9, 2.1, -0.3})
	return n
}

// TestNominalThresholdIsTheAuthorsFormula: with the spike recorded at a
// raised threshold (a chip's offset), the NominalThreshold backward gives
// ∂T/∂w_i = −e^{t_i}(T − t_i)/(a1(1 + W0(z))) with the nominal threshold in
// z and ε in a1 and b — the authors' formula; the default backward instead
// gives the exact gradient at the recorded time, which is larger.
func TestNominalThresholdIsTheAuthorsFormula(t *testing.T) {
	in := []float64{0.2, 0.3, 0.4, 0.6}
	nominal, chip := chipNeuronNet(1.6), chipNeuronNet(1.73)
	ws := sim.NewWorkspace(chip)
	ws.Forward(chip, in)
	T := ws.Output()[0]
	if math.IsInf(T, 1) {
		t.Fatal("weak test: the neuron is silent")
	}
	// The authors' formula, written out for the causal inputs.
	a1, b := 1e-6, 1e-6
	w := nominal.Layers[0].Weights
	for i, ti := range in {
		if ti < T {
			a1 += w[i] * math.Exp(ti)
			b += w[i] * ti * math.Exp(ti)
		}
	}
	W := sim.LambertW0(-1.6 / a1 * math.Exp(b/a1))
	bp := NewBackprop(nominal)
	bp.Nominal = true
	g := NewGrads(nominal)
	bp.Backward(nominal, ws, []float64{1}, g, 0)
	exact := NewGrads(nominal)
	NewBackprop(nominal).Backward(nominal, ws, []float64{1}, exact, 0)
	for i, ti := range in {
		want := 0.0
		if ti < T {
			want = -math.Exp(ti) * (T - ti) / (a1 * (1 + W))
		}
		if math.Abs(g.W[0][i]-want) > 1e-12*math.Max(1, math.Abs(want)) {
			t.Fatalf("input %d: ∂T/∂w = %v, the authors' formula %v", i, g.W[0][i], want)
		}
		if want != 0 && !(math.Abs(exact.W[0][i]) > math.Abs(want)*1.05) {
			t.Fatalf("input %d: exact %v should exceed the nominal-threshold gradient %v (spike near the peak)", i, exact.W[0][i], want)
		}
	}
}

// TestNominalThresholdAtNominalIsExact: when the spike was produced at the
// nominal threshold, the convention changes the gradient only by ε.
func TestNominalThresholdAtNominalIsExact(t *testing.T) {
	n := chipNeuronNet(1.6)
	ws := sim.NewWorkspace(n)
	ws.Forward(n, []float64{0.2, 0.3, 0.4, 0.6})
	bp := NewBackprop(n)
	bp.Nominal = true
	g, exact := NewGrads(n), NewGrads(n)
	bp.Backward(n, ws, []float64{1}, g, 0)
	NewBackprop(n).Backward(n, ws, []float64{1}, exact, 0)
	for i := range g.W[0] {
		if math.Abs(g.W[0][i]-exact.W[0][i]) > 1e-5*math.Abs(exact.W[0][i]) {
			t.Fatalf("input %d: %v vs exact %v", i, g.W[0][i], exact.W[0][i])
		}
	}
}

// TestNominalThresholdUnreachable: a recorded spike that the nominal neuron
// cannot produce from its causal inputs passes no gradient.
func TestNominalThresholdUnreachable(t *testing.T) {
	low, nominal := chipNeuronNet(1.0), chipNeuronNet(6)
	ws := sim.NewWorkspace(low)
	ws.Forward(low, []float64{0.2, 0.3, 0.4, 0.6})
	bp := NewBackprop(nominal)
	bp.Nominal = true
	g := NewGrads(nominal)
	bp.Backward(nominal, ws, []float64{1}, g, 0)
	for i, v := range g.W[0] {
		if v != 0 || g.Input[i] != 0 {
			t.Fatalf("input %d: gradient %v, input gradient %v; want none", i, v, g.Input[i])
		}
	}
}

func TestNominalThresholdNeedsEqualTaus(t *testing.T) {
	cfg, _ := Preset("yinyang-h30-ws") // τm = 2τs
	cfg.Protocol = AuthorsProtocol
	if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "nominal-threshold") {
		t.Fatalf("want an error naming the convention, got %v", err)
	}
	cfg.Protocol = AuthorsProtocol.Without(NominalThreshold)
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
}

// TestSilentSamples: under the convention a sample with a silent wrong
// output has the loss 100 and no gradient; ours keeps the other terms.
func TestSilentSamples(t *testing.T) {
	out := []float64{1.0, math.Inf(1), 1.1}
	for _, p := range []Protocol{0, Protocol(0).With(SilentSamples)} {
		cfg, _ := Preset("chip-yinyang-w")
		cfg.Protocol = p
		tr := &Trainer{cfg: cfg}
		d := make([]float64, 3)
		L := tr.sampleLoss(out, 0, d)
		zero := !slices.ContainsFunc(d, func(v float64) bool { return v != 0 })
		if p.Has(SilentSamples) != (L == SilentLoss && zero) {
			t.Fatalf("%v: loss %v, gradient %v", p, L, d)
		}
	}
}

func TestGradientCapConvention(t *testing.T) {
	cfg, _ := Preset("chip-yinyang-w")
	if cfg.dwCap(40) != 0 {
		t.Fatalf("our chip preset caps at %v", cfg.dwCap(40))
	}
	// Their 0.2 bounds a sample's share of the batch-mean gradient: 0.2·40
	// on a sample's own gradient in a batch of 40, 0.2·7 in one of 7.
	cfg.Protocol = Protocol(0).With(GradientCap)
	if cfg.dwCap(40) != 8 || math.Abs(cfg.dwCap(7)-1.4) > 1e-12 {
		t.Fatalf("authors' cap %v (batch 40), %v (batch 7)", cfg.dwCap(40), cfg.dwCap(7))
	}
	cfg.MaxDWNorm = 0.1
	if cfg.dwCap(40) != 0.1 {
		t.Fatalf("a tighter recipe cap was loosened to %v", cfg.dwCap(40))
	}
}

func TestEvalBatches(t *testing.T) {
	cfg, _ := Preset("chip-yinyang-w")
	for _, c := range []struct {
		p    Protocol
		size int
	}{{0, EvalRun}, {Protocol(0).With(EvalBatches), 200}} {
		cfg.Protocol = c.p
		if cfg.EvalTrial(7, 0).Batch != cfg.EvalTrial(7, c.size-1).Batch || cfg.EvalTrial(7, 0).Batch == cfg.EvalTrial(7, c.size).Batch {
			t.Fatalf("%v: samples 0..%d should share one noise draw and no more", c.p, c.size-1)
		}
	}
}

// TestClipShadowWeights: under the convention no full-precision weight
// leaves ±2.1 after a step, even when one starts outside.
func TestClipShadowWeights(t *testing.T) {
	train := yinyangSamples(t, "train", 80)
	for _, p := range []Protocol{0, Protocol(0).With(ClipShadowWeights)} {
		cfg, _ := Preset("chip-yinyang-w")
		cfg.Protocol = p
		tr, err := NewTrainer(cfg, train, nil, &Ideal{})
		if err != nil {
			t.Fatal(err)
		}
		tr.model.Net.Layers[0].Weights[0] = 3
		tr.Step(cfg.Batch)
		got := tr.model.Net.Layers[0].Weights[0]
		if p.Has(ClipShadowWeights) != (got == AuthorsWeightClip) {
			t.Fatalf("%v: weight 3 became %v after a step", p, got)
		}
	}
}

// TestInterleavedCopies: rows x,x,x,x,x,y,… carry the features in place
// while the tied delays still tile, so one feature's copies get different
// delays.
func TestInterleavedCopies(t *testing.T) {
	cfg, _ := Preset("chip-yinyang-wa")
	cfg.Protocol = Protocol(0).With(InterleavedCopies)
	m, err := NewModel(&cfg, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	in := m.InputTimes(nil, []float64{10, 11, 12, 13})
	d := m.Net.Layers[0].Delays
	for r := range in {
		if in[r] != float64(10+r/5) {
			t.Fatalf("row %d carries %v, want feature %d", r, in[r], r/5)
		}
		if d[r] != d[r%4] {
			t.Fatalf("row %d delay %v, want parameter %d's %v", r, d[r], r%4, d[r%4])
		}
	}
	if d[0] == d[1] {
		t.Fatal("weak test: equal delays")
	}
}

// TestLossDescribe: every loss reads as its name with its settings, and
// the code of the DelGrad chip loss names its Δt.
func TestLossDescribe(t *testing.T) {
	for code, want := range map[string]string{
		"simse:0.3":        "Shift-invariant MSE, Δt = 0.3",
		"ttfs:0.2:0.005:1": "TTFS cross-entropy, τ0 = 0.2, α = 0.005, τ1 = 1",
		"mse:1:2":          "MSE to target times 1 / 2",
	} {
		l, err := ParseLoss(code)
		if err != nil || l.Describe() != want {
			t.Errorf("%s: %q, %v", code, l.Describe(), err)
		}
	}
}
