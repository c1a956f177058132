package chip_test

import (
	"math"
	"testing"

	"delaylab/chip"
	"delaylab/sim"
)

// chipNeuron is the neuron of the chip presets: τm = τs = 1, ϑ = 2.6.
var chipNeuron = sim.Neuron{TauSyn: 1, TauMem: 1, Threshold: 2.6, C: 1}

// only returns cfg with every effect but keep switched off.
func only(cfg chip.Config, keep ...chip.Effect) chip.Config {
	var off []chip.Effect
outer:
	for _, e := range chip.Effects() {
		for _, k := range keep {
			if e == k {
				continue outer
			}
		}
		off = append(off, e)
	}
	return cfg.Without(off...)
}

// fanOut is one layer: every one of rows inputs drives each of n neurons
// with weight w, without delays.
func fanOut(rows, n int, w float64) *sim.Network {
	net := sim.NewNetwork(chipNeuron, []int{rows, n}, []sim.DelayKind{sim.DelayNone})
	for i := range net.Layers[0].Weights {
		net.Layers[0].Weights[i] = w
	}
	return net
}

// diagonal is one layer of n neurons, neuron i driven only by input row i
// with weight w through an axonal delay d.
func diagonal(n int, w, d float64) *sim.Network {
	net := sim.NewNetwork(chipNeuron, []int{n, n}, []sim.DelayKind{sim.DelayAxonal})
	for i := range n {
		net.Layers[0].Weights[i*n+i] = w
		net.Layers[0].Delays[i] = d
	}
	return net
}

func substrate(t testing.TB, cfg chip.Config, seed uint64, net *sim.Network) *chip.Substrate {
	t.Helper()
	s, err := chip.NewSubstrate(cfg, seed)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Prepare(net); err != nil {
		t.Fatal(err)
	}
	return s
}

// forward runs one sample and returns the recorded times of every layer.
func forward(s *chip.Substrate, in []float64, trial sim.Trial) [][]float64 {
	out, _ := s.Run([][]float64{in}, trial)
	return out[0]
}

func constant(n int, v float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = v
	}
	return x
}

// moments returns the mean and standard deviation (n−1) of xs.
func moments(xs []float64) (mean, std float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		std += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(std / float64(len(xs)-1))
}

// checkNormal checks that xs has mean mu and standard deviation sigma to
// within 4 standard errors: σ/√n for the mean, σ/√(2n) for the standard
// deviation of a normal sample. With fixed seeds the test is
// deterministic; 4 SE is how far an honest draw would stray 1 time in
// ~16,000.
func checkNormal(t *testing.T, name string, xs []float64, mu, sigma float64) {
	t.Helper()
	n := float64(len(xs))
	m, s := moments(xs)
	tm, ts := 4*sigma/math.Sqrt(n), 4*sigma/math.Sqrt(2*n)
	t.Logf("%s: n = %d, mean %.5f (want %.5f ± %.5f), std %.5f (want %.5f ± %.5f)", name, len(xs), m, mu, tm, s, sigma, ts)
	if math.Abs(m-mu) > tm {
		t.Errorf("%s: mean %.5f, want %.5f ± %.5f", name, m, mu, tm)
	}
	if math.Abs(s-sigma) > ts {
		t.Errorf("%s: std %.5f, want %.5f ± %.5f", name, s, sigma, ts)
	}
}
