package chip_test

import (
	"math"
	"testing"

	"delaylab/chip"
	"delaylab/delgrad"
	"delaylab/sim"
)

// The statistical tests measure each source through Forward wherever the
// spike times reveal it. A neuron with τm = τs = 1 whose inputs all arrive
// at t = 0 with total weight W has u(t) = W t e^{−t}, so its threshold is
// ϑ = W T e^{−T} and its total weight W = ϑ/(T e^{−T}); a neuron with a
// single input shifts its spike by exactly as much as that input moves.

const big = 4000 // neurons of the fan-out tests; 4 SE of a mean is 6 % of σ

// TestThresholdOffset: the fixed-pattern offset is N(0.13, 0.08²), seen in
// the spike times of 4000 neurons, and is what Neurons reports.
func TestThresholdOffset(t *testing.T) {
	cfg := only(chip.DefaultConfig(), chip.WeightGrid, chip.ThresholdOffset)
	cfg.Circuits = 0
	s := substrate(t, cfg, 1, fanOut(5, big, 2)) // W = 10, on the weight grid
	T := forward(s, constant(5, 0), sim.Trial{})[0]
	nus := s.Neurons()[0]
	off := make([]float64, big)
	for k, tk := range T {
		theta := 10 * tk * math.Exp(-tk)
		off[k] = theta - chipNeuron.Threshold
		if math.Abs(theta-nus[k].Threshold) > 1e-12 {
			t.Fatalf("neuron %d fires at threshold %v, Neurons says %v", k, theta, nus[k].Threshold)
		}
	}
	checkNormal(t, "threshold offset", off, 0.13, 0.08)
}

// TestThresholdTrialNoise: per-batch noise N(0, 0.04²), shared by every
// sample of a batch, new for every batch and for evaluation.
func TestThresholdTrialNoise(t *testing.T) {
	const n, batches = 2000, 20
	cfg := only(chip.DefaultConfig(), chip.WeightGrid, chip.ThresholdTrial)
	cfg.Circuits = 0
	s := substrate(t, cfg, 2, fanOut(5, n, 2))
	in := constant(5, 0)
	var noise, prev []float64
	for b := range uint64(batches) {
		T := forward(s, in, sim.Trial{Batch: b, Sample: 10 * b})
		again := forward(s, in, sim.Trial{Batch: b, Sample: 10*b + 1})
		eval := forward(s, in, sim.Trial{Batch: b, Sample: 10 * b, Eval: true})
		cur := make([]float64, n)
		for k, tk := range T[0] {
			cur[k] = 10*tk*math.Exp(-tk) - chipNeuron.Threshold
			if again[0][k] != tk {
				t.Fatalf("batch %d: two samples see different thresholds", b)
			}
			if eval[0][k] == tk {
				t.Fatalf("batch %d: evaluation shares the training batch's noise", b)
			}
		}
		if prev != nil {
			// Independent batches: correlation within 4/√n of 0.
			if r := correlation(prev, cur); math.Abs(r) > 4/math.Sqrt(n) {
				t.Errorf("batches %d and %d correlate: r = %.3f", b-1, b, r)
			}
		}
		prev = cur
		noise = append(noise, cur...)
	}
	checkNormal(t, "per-batch threshold noise", noise, 0, 0.04)
}

func correlation(a, b []float64) float64 {
	ma, sa := moments(a)
	mb, sb := moments(b)
	c := 0.0
	for i := range a {
		c += (a[i] - ma) * (b[i] - mb)
	}
	return c / float64(len(a)-1) / (sa * sb)
}

// TestTauMismatch: τm and τs factors N(1, 0.125²) each, independent, and
// the spike times are those of each neuron's own (general-ratio) model.
func TestTauMismatch(t *testing.T) {
	cfg := only(chip.RealisticConfig(), chip.WeightGrid, chip.TauMismatch)
	cfg.Circuits = 0
	net := fanOut(5, big, 2)
	s := substrate(t, cfg, 3, net)
	in := []float64{0.2, 0.5, 0.9, 1.4, 1.9}
	T := forward(s, in, sim.Trial{})[0]
	nus := s.Neurons()[0]
	fm, fs, logRatio := make([]float64, big), make([]float64, big), make([]float64, big)
	fired := 0
	for k, nu := range nus {
		fm[k], fs[k] = nu.TauMem/chipNeuron.TauMem, nu.TauSyn/chipNeuron.TauSyn
		logRatio[k] = math.Log(nu.TauMem / nu.TauSyn)
		if nu.Regime() != sim.RegimeGeneral {
			t.Fatalf("neuron %d has τm = %v, τs = %v: not mismatched", k, nu.TauMem, nu.TauSyn)
		}
		want, _, _ := sim.FirstSpike(nu, in, constant(5, 2))
		if math.IsInf(want, 1) != math.IsInf(T[k], 1) || (!math.IsInf(want, 1) && math.Abs(T[k]-want) > 1e-12) {
			t.Fatalf("neuron %d spikes at %v, its own model at %v", k, T[k], want)
		}
		if !math.IsInf(want, 1) {
			fired++
		}
	}
	checkNormal(t, "tau_mem factor", fm, 1, 0.125)
	checkNormal(t, "tau_syn factor", fs, 1, 0.125)
	if r := correlation(fm, fs); math.Abs(r) > 4/math.Sqrt(big) {
		t.Errorf("τm and τs factors correlate: r = %.3f", r)
	}
	m, sd := moments(logRatio)
	t.Logf("tau_m/tau_s: geometric mean %.3f, 2σ range %.2f–%.2f; %d of %d neurons fired",
		math.Exp(m), math.Exp(m-2*sd), math.Exp(m+2*sd), fired, big)
	if fired < big/2 {
		t.Errorf("only %d neurons fired", fired)
	}
}

// TestGainSpread: excitatory gains N(1, 0.03²), seen in the spike times,
// and independent inhibitory gains N(1, 0.03²), seen in Network.
func TestGainSpread(t *testing.T) {
	cfg := only(chip.RealisticConfig(), chip.WeightGrid, chip.GainSpread)
	cfg.Circuits, cfg.InputCopies = 0, 1
	net := fanOut(6, big, 2)
	for k := range big {
		net.Layers[0].Weights[5*big+k] = -1
	}
	s := substrate(t, cfg, 4, net)
	// Row 5 (inhibitory) stays silent: only the excitatory rows drive.
	T := forward(s, append(constant(5, 0), math.Inf(1)), sim.Trial{})[0]
	w := s.Network().Layers[0].Weights
	exc, inh := make([]float64, big), make([]float64, big)
	for k, tk := range T {
		exc[k] = chipNeuron.Threshold / (tk * math.Exp(-tk)) / 10
		inh[k] = w[5*big+k] / -1
		if math.Abs(exc[k]-w[k]/2) > 1e-12 {
			t.Fatalf("neuron %d: gain %v from its spike, %v in Network", k, exc[k], w[k]/2)
		}
	}
	checkNormal(t, "excitatory gain", exc, 1, 0.03)
	checkNormal(t, "inhibitory gain", inh, 1, 0.03)
	if r := correlation(exc, inh); math.Abs(r) > 4/math.Sqrt(big) {
		t.Errorf("excitatory and inhibitory gains correlate: r = %.3f", r)
	}
}

// TestSpikeJitter: each spike moves by N(0, σ²) per sample, and the moved
// spike is what the next layer receives. Per-batch threshold noise stays
// on in both runs: switching one source off leaves the others' draws alone.
func TestSpikeJitter(t *testing.T) {
	const n, samples, sigma = 2000, 20, 0.005
	noisy := only(chip.RealisticConfig(), chip.ThresholdTrial, chip.SpikeJitter)
	noisy.Circuits, noisy.InputCopies = 0, 1
	clean := noisy.Without(chip.SpikeJitter)
	// 1 input → 1 hidden neuron → n outputs, one strong synapse each.
	net := sim.NewNetwork(chipNeuron, []int{1, 1, n}, []sim.DelayKind{sim.DelayNone, sim.DelayNone})
	net.Layers[0].Weights[0] = 10
	for k := range n {
		net.Layers[1].Weights[k] = 10
	}
	a, b := substrate(t, noisy, 5, net), substrate(t, clean, 5, net)
	var own []float64
	for j := range uint64(samples) {
		tr := sim.Trial{Batch: j / 4, Sample: j}
		x, y := forward(a, []float64{0.3}, tr), forward(b, []float64{0.3}, tr)
		h := x[0][0] - y[0][0] // the hidden neuron's jitter
		if h == 0 {
			t.Fatal("hidden spike not jittered")
		}
		var sum float64
		for k := range n {
			d := x[1][k] - y[1][k] // = h (received) + own jitter
			own = append(own, d-h)
			sum += d - h
		}
		if m := sum / n; math.Abs(m) > 4*sigma/math.Sqrt(n) {
			t.Errorf("sample %d: outputs moved by %.5f beyond the hidden jitter %.5f", j, m, h)
		}
	}
	checkNormal(t, "spike jitter", own, 0, sigma)
}

// elementNet is the diagonal network of 20 input rows (4 features × 5
// copies) through axonal delays, with delays tied per feature or not.
func elementNet(tied bool) *sim.Network {
	net := diagonal(20, 10, 2.5)
	for r := range 20 {
		if !tied {
			net.Layers[0].Delays[r] = 2.5 + 0.01*float64(r)
		}
	}
	return net
}

// TestDelayJitter: each element's delay moves by N(0, 0.01²) τ per sample;
// the five copies of a feature share one element when their delays are tied.
func TestDelayJitter(t *testing.T) {
	const samples = 1000
	noisy := only(chip.DefaultConfig(), chip.DelayGrid, chip.DelayJitter)
	clean := noisy.Without(chip.DelayJitter)
	in := constant(20, 0.5)
	for _, tied := range []bool{true, false} {
		net := elementNet(tied)
		a, b := substrate(t, noisy, 6, net), substrate(t, clean, 6, net)
		var jit []float64
		for j := range uint64(samples) {
			x, y := forward(a, in, sim.Trial{Sample: j}), forward(b, in, sim.Trial{Sample: j})
			for r := range 20 {
				d := x[0][r] - y[0][r]
				if same := d == x[0][r%4]-y[0][r%4]; same != tied && r >= 4 {
					t.Fatalf("tied %v: row %d moved %v, row %d moved %v", tied, r, d, r%4, x[0][r%4]-y[0][r%4])
				}
				if !tied || r < 4 {
					jit = append(jit, d)
				}
			}
		}
		checkNormal(t, map[bool]string{true: "delay jitter (tied)", false: "delay jitter"}[tied], jit, 0, 0.01)
	}
}

// TestDelayDrop: each element drops its spike with the configured
// probability; tied copies drop together.
func TestDelayDrop(t *testing.T) {
	const samples, p = 1000, 0.05
	cfg := only(chip.RealisticConfig(), chip.DelayDrop)
	cfg.DelayDrop = p
	in := constant(20, 0.5)
	for _, tied := range []bool{true, false} {
		s := substrate(t, cfg, 7, elementNet(tied))
		dropped, n := 0, 0
		for j := range uint64(samples) {
			T := forward(s, in, sim.Trial{Sample: j})[0]
			for r := range 20 {
				if math.IsInf(T[r], 1) != math.IsInf(T[r%4], 1) && tied {
					t.Fatalf("sample %d: copies %d and %d of a tied element differ", j, r, r%4)
				}
				if !tied || r < 4 {
					n++
					if math.IsInf(T[r], 1) {
						dropped++
					}
				}
			}
		}
		f := float64(dropped) / float64(n)
		tol := 4 * math.Sqrt(p*(1-p)/float64(n))
		t.Logf("tied %v: dropped %d of %d (%.4f, want %.4f ± %.4f)", tied, dropped, n, f, p, tol)
		if math.Abs(f-p) > tol {
			t.Errorf("tied %v: drop fraction %.4f, want %.4f ± %.4f", tied, f, p, tol)
		}
	}
}

// TestDelayOffset: element offsets are N(0, 0.3²) µs, fixed per element,
// and move the spikes they carry by exactly that much in every sample.
func TestDelayOffset(t *testing.T) {
	const n = 2000
	cfg := only(chip.RealisticConfig(), chip.DelayGrid, chip.DelayMismatch)
	cfg.Circuits, cfg.InputCopies = 0, 1
	// n hidden neurons → 1 output through n axonal delay elements.
	net := sim.NewNetwork(chipNeuron, []int{1, n, 1}, []sim.DelayKind{sim.DelayNone, sim.DelayAxonal})
	for i := range n {
		net.Layers[1].Delays[i] = 2 + 1.5*float64(i)/n
	}
	s := substrate(t, cfg, 8, net)
	got := s.Network().Layers[1].Delays
	off := make([]float64, n)
	for i, d := range got {
		off[i] = (d - cfg.ElementDelay(net.Layers[1].Delays[i], 0)) * cfg.TauMicros
	}
	checkNormal(t, "delay element offset (µs)", off, 0, 0.3)

	// Through the spikes: a fixed shift, the same in every sample.
	clean := cfg.Without(chip.DelayMismatch)
	in := constant(20, 0.5)
	a, b := substrate(t, cfg, 8, elementNet(false)), substrate(t, clean, 8, elementNet(false))
	first := forward(a, in, sim.Trial{})[0]
	ref := forward(b, in, sim.Trial{})[0]
	shift := a.Network().Layers[0].Delays
	for j := range uint64(5) {
		T := forward(a, in, sim.Trial{Sample: j, Batch: j})[0]
		for r := range 20 {
			want := shift[r] - b.Network().Layers[0].Delays[r]
			if T[r] != first[r] || math.Abs(T[r]-ref[r]-want) > 1e-12 {
				t.Fatalf("sample %d row %d: moved %v, element offset %v", j, r, T[r]-ref[r], want)
			}
		}
	}
}

// TestTimestampGrid: recorded times lie on the 8 ns grid within half a
// step of the analog spike; the rounding error is uniform, mean 0 and
// standard deviation g/√12.
func TestTimestampGrid(t *testing.T) {
	cfg := only(chip.DefaultConfig(), chip.WeightGrid, chip.ThresholdOffset, chip.TimestampGrid)
	cfg.Circuits = 0
	net := fanOut(5, big, 2)
	a := substrate(t, cfg, 9, net)
	b := substrate(t, cfg.Without(chip.TimestampGrid), 9, net)
	g := 0.008 / 6
	x, y := forward(a, constant(5, 0.7), sim.Trial{})[0], forward(b, constant(5, 0.7), sim.Trial{})[0]
	errs := make([]float64, big)
	for k := range x {
		errs[k] = x[k] - y[k]
		if q := x[k] / g; math.Abs(q-math.Round(q)) > 1e-6 {
			t.Fatalf("neuron %d recorded at %v = %v grid steps", k, x[k], q)
		}
		if math.Abs(errs[k]) > g/2*(1+1e-9) {
			t.Fatalf("neuron %d recorded %v for a spike at %v", k, x[k], y[k])
		}
	}
	// Uniform on ±g/2: σ = g/√12. The SE of the standard deviation of a
	// uniform sample is σ/√(5n) (kurtosis 9/5), so checkNormal's 4σ/√(2n)
	// is 6.3 SE here: looser than for normal sources, still 1.6 % of σ.
	checkNormal(t, "timestamp rounding", errs, 0, g/math.Sqrt(12))
}

// TestWindow: spikes after 30 τ are not recorded.
func TestWindow(t *testing.T) {
	cfg := only(chip.DefaultConfig(), chip.WeightGrid, chip.ObservationWindow)
	s := substrate(t, cfg, 10, fanOut(5, 1, 2))
	open := substrate(t, cfg.Without(chip.ObservationWindow), 10, fanOut(5, 1, 2))
	for _, tc := range []struct {
		at      float64
		visible bool
	}{{0, true}, {29.5, true}, {29.9, false}, {30.5, false}} {
		T := forward(s, constant(5, tc.at), sim.Trial{})[0][0]
		all := forward(open, constant(5, tc.at), sim.Trial{})[0][0]
		if math.IsInf(all, 1) {
			t.Fatalf("inputs at %v: no spike even without the window", tc.at)
		}
		want := math.Inf(1)
		if tc.visible {
			want = all
		}
		if T != want {
			t.Errorf("inputs at %v: spike at %v recorded as %v, want %v", tc.at, all, T, want)
		}
	}
}

// TestEvalRuns: an evaluation goes through the chip in runs of
// delgrad.EvalRun samples; samples of one run share the per-batch noise,
// the next run and another evaluation key draw it anew.
func TestEvalRuns(t *testing.T) {
	const n = 200
	cfg := only(chip.DefaultConfig(), chip.WeightGrid, chip.ThresholdTrial)
	cfg.Circuits = 0
	s := substrate(t, cfg, 3, fanOut(5, n, 2))
	in := constant(5, 0)
	at := func(key uint64, j int) []float64 { return forward(s, in, delgrad.EvalTrial(key, j))[0] }
	first, same, next, other := at(7, 0), at(7, delgrad.EvalRun-1), at(7, delgrad.EvalRun), at(8, 0)
	for k := range first {
		if same[k] != first[k] {
			t.Fatalf("neuron %d: samples 0 and %d of one run see different noise", k, delgrad.EvalRun-1)
		}
	}
	for name, T := range map[string][]float64{"the next run": next, "another key": other} {
		if r := correlation(first, T); math.Abs(r) > 4/math.Sqrt(n) {
			t.Errorf("%s correlates with the first run: r = %.3f", name, r)
		}
	}
}
