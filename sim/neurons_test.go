package sim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestForwardNeuronsReusesFactors: with per-neuron parameters, neurons
// that share the arrival times (no delays, axonal) and the time constants
// of the neuron before them reuse its exponential factors. Each neuron's
// spike time, slope and causal count must still be, bit for bit, those it
// gets alone in a layer of one (where nothing can be reused), for every
// solver, with thresholds that differ from neuron to neuron (the chip
// model's offsets) and time constants that change now and then (so that
// the factors are recomputed mid-layer and reused again after).
func TestForwardNeuronsReusesFactors(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, tn := range testNeurons {
		for _, kind := range []DelayKind{DelayNone, DelayAxonal, DelayDendritic, DelaySynaptic} {
			n := randomNetwork(rng, tn.nu, []int{10, 16}, kind, 0.6, 0.8, 0.5)
			L := &n.Layers[0]
			L.BiasTimes = []float64{0.3}
			L.Weights = append(L.Weights, make([]float64, L.Size)...)
			for k := range L.Size {
				L.Weights[10*L.Size+k] = 0.5 * rng.NormFloat64()
			}
			per := make([]Neuron, L.Size)
			for k := range per {
				per[k] = tn.nu
				per[k].Threshold += 0.3 * rng.NormFloat64() * tn.nu.Threshold
				if k%5 == 3 { // new time constants for this one only
					per[k].TauMem *= 1.1
					per[k].TauSyn *= 1.1
				}
			}
			fired := 0
			for trial := range 20 {
				in := randomInputs(rng, n.Inputs, 0, 2)
				if trial%4 == 0 {
					in[trial%n.Inputs] = math.Inf(1) // a silent input
				}
				ws := NewWorkspace(n)
				ws.ForwardNeurons(n, in, [][]Neuron{per})
				for k := range L.Size {
					one := oneNeuron(n, k)
					ws1 := NewWorkspace(one)
					ws1.ForwardNeurons(one, in, [][]Neuron{{per[k]}})
					got := []float64{ws.Times[1][k], ws.Slopes[0][k], float64(ws.Causal[0][k])}
					want := []float64{ws1.Times[1][0], ws1.Slopes[0][0], float64(ws1.Causal[0][0])}
					for i := range got {
						if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
							t.Fatalf("%s, %v, trial %d, neuron %d: (T, slope, causal) = %v in the layer, %v alone", tn.name, kind, trial, k, got, want)
						}
					}
					if got[0] < math.Inf(1) {
						fired++
					}
				}
			}
			if fired == 0 {
				t.Fatalf("%s, %v: no neuron fired, the test compares nothing", tn.name, kind)
			}
		}
	}
}

// oneNeuron is the one-layer network n reduced to its neuron k.
func oneNeuron(n *Network, k int) *Network {
	L := &n.Layers[0]
	rows := len(L.Weights) / L.Size
	one := &Network{Neuron: n.Neuron, Inputs: n.Inputs, Layers: []Layer{{Size: 1, Delay: L.Delay, BiasTimes: L.BiasTimes}}}
	o := &one.Layers[0]
	for i := range rows {
		o.Weights = append(o.Weights, L.Weights[i*L.Size+k])
	}
	switch L.Delay {
	case DelayAxonal:
		o.Delays = L.Delays
	case DelayDendritic:
		o.Delays = []float64{L.Delays[k]}
	case DelaySynaptic:
		for i := range n.Inputs {
			o.Delays = append(o.Delays, L.Delays[i*L.Size+k])
		}
	}
	return one
}
