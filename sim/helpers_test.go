package sim

import (
	"math"
	"math/rand/v2"
)

// randomNetwork draws a network with mixed-sign weights N(mu, sigma) and
// delays in [0, maxDelay) for every layer.
func randomNetwork(rng *rand.Rand, nu Neuron, sizes []int, kind DelayKind, mu, sigma, maxDelay float64) *Network {
	kinds := make([]DelayKind, len(sizes)-1)
	for i := range kinds {
		kinds[i] = kind
	}
	n := NewNetwork(nu, sizes, kinds)
	for l := range n.Layers {
		for i := range n.Layers[l].Weights {
			n.Layers[l].Weights[i] = mu + sigma*rng.NormFloat64()
		}
		for i := range n.Layers[l].Delays {
			n.Layers[l].Delays[i] = maxDelay * rng.Float64()
		}
	}
	return n
}

func randomInputs(rng *rand.Rand, n int, lo, hi float64) []float64 {
	in := make([]float64, n)
	for i := range in {
		in[i] = lo + (hi-lo)*rng.Float64()
	}
	return in
}

// membrane sums kernels directly: the definition of u, independent of the
// solvers' running sums.
func membrane(nu Neuron, times, weights []float64, t float64) float64 {
	u := nu.Leak
	for i, ti := range times {
		if ti < t {
			k, _ := nu.Kernel(t - ti)
			u += weights[i] * k
		}
	}
	return u
}

// scale is the size of the terms that make up u(t), for relative checks.
func scale(nu Neuron, times, weights []float64, t float64) float64 {
	s := math.Abs(nu.Threshold)
	for i, ti := range times {
		if ti < t {
			k, _ := nu.Kernel(t - ti)
			s += math.Abs(weights[i] * k)
		}
	}
	return s
}

// testNeurons covers the three solvers, the general one on both sides of τs
// and close to it (where it sums kernels directly).
var testNeurons = []struct {
	name string
	nu   Neuron
}{
	{"equal", Neuron{TauSyn: 1, TauMem: 1, Threshold: 1, C: 1}},
	{"double", Neuron{TauSyn: 1, TauMem: 2, Threshold: 1, C: 1}},
	{"general-0.6", Neuron{TauSyn: 1, TauMem: 0.6, Threshold: 1, C: 1}},
	{"general-1.15", Neuron{TauSyn: 1, TauMem: 1.15, Threshold: 1, C: 1}},
	{"general-3.7", Neuron{TauSyn: 1, TauMem: 3.7, Threshold: 0.8, Leak: -0.2, C: 1.3}},
	{"general-near-equal", Neuron{TauSyn: 1, TauMem: 1.0004, Threshold: 1, C: 1}},
	{"chip-like", Neuron{TauSyn: 1, TauMem: 1, Threshold: 2.6, C: 1}},
}
