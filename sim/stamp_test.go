package sim

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// stampNetwork is a synaptic-delay network with a bias row in its second
// layer: the layers whose factors and weights the workspace caches.
func stampNetwork(rng *rand.Rand, nu Neuron) *Network {
	n := randomNetwork(rng, nu, []int{4, 12, 3}, DelaySynaptic, 0.6, 1, 1)
	n.Layers[1].BiasTimes = []float64{0.9}
	n.Layers[1].Weights = append(n.Layers[1].Weights, randomInputs(rng, 3, -1, 2)...)
	return n
}

// freshTimes is every layer's spike times from a workspace that has never
// seen n before: no cache to go stale.
func freshTimes(n *Network, in []float64) [][]float64 {
	ws := NewWorkspace(n)
	ws.Forward(n, in)
	return timesOf(ws)
}

func timesOf(ws *Workspace) [][]float64 {
	out := make([][]float64, len(ws.Times))
	for l, t := range ws.Times {
		out[l] = slices.Clone(t)
	}
	return out
}

func sameTimes(a, b [][]float64) bool {
	return slices.EqualFunc(a, b, func(x, y []float64) bool { return sameBits(x, y) })
}

// TestCacheSeesEditsInPlace: a weight or delay changed in place (as the
// page's edge editor and the optimiser do) reaches the next unstamped
// pass, on the cached path of every neuron regime.
func TestCacheSeesEditsInPlace(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for _, tc := range testNeurons[:3] {
		n := stampNetwork(rng, tc.nu)
		ws := NewWorkspace(n)
		in := randomInputs(rng, 4, 0.15, 2)
		for round := range 40 {
			L := &n.Layers[round%2]
			switch round % 4 {
			case 0, 1:
				L.Weights[rng.IntN(len(L.Weights))] += 0.5 * rng.NormFloat64()
			default:
				L.Delays[rng.IntN(len(L.Delays))] = rng.Float64()
			}
			ws.Forward(n, in)
			if got, want := timesOf(ws), freshTimes(n, in); !sameTimes(got, want) {
				t.Fatalf("%s round %d: after an edit in place %v, a fresh workspace %v", tc.name, round, got, want)
			}
		}
	}
}

// TestForwardStamped: passes under one stamp give Forward's results; a
// new stamp after a change gives the changed network's; and the same
// stamp after a change keeps the cached weights (for the closed-form
// regimes, whose neurons read them from the cache), which is the check a
// stamp saves, and why a caller must take a new one on every change.
func TestForwardStamped(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	for _, tc := range testNeurons[:3] {
		n := stampNetwork(rng, tc.nu)
		ws := NewWorkspace(n)
		inputs := [][]float64{randomInputs(rng, 4, 0.15, 2), randomInputs(rng, 4, 0.15, 2)}
		for range 10 {
			st := NewStamp()
			for _, in := range inputs {
				ws.ForwardStamped(n, in, st)
				if got, want := timesOf(ws), freshTimes(n, in); !sameTimes(got, want) {
					t.Fatalf("%s: stamped %v, Forward %v", tc.name, got, want)
				}
			}
			for l := range n.Layers {
				for i := range n.Layers[l].Weights {
					n.Layers[l].Weights[i] += 0.3 * rng.NormFloat64()
				}
			}
		}
		if tc.nu.Regime() == RegimeGeneral {
			// Its solver reads the weights from the layer (synapticMany).
			continue
		}
		// An edit in place under the same stamp goes unseen.
		st := NewStamp()
		ws.ForwardStamped(n, inputs[0], st)
		before := timesOf(ws)
		for i := range n.Layers[1].Weights {
			n.Layers[1].Weights[i] *= 3
		}
		if sameTimes(before, freshTimes(n, inputs[0])) {
			t.Fatalf("%s: tripling the output weights changed nothing; the test needs another edit", tc.name)
		}
		ws.ForwardStamped(n, inputs[0], st)
		if got := timesOf(ws); !sameTimes(got, before) {
			t.Fatalf("%s: the same stamp rechecked the cache: %v, before the edit %v", tc.name, got, before)
		}
		// Forward, which promises nothing, sees it.
		ws.Forward(n, inputs[0])
		if got, want := timesOf(ws), freshTimes(n, inputs[0]); !sameTimes(got, want) || math.IsNaN(got[2][0]) {
			t.Fatalf("%s: Forward after a stamped pass %v, want %v", tc.name, got, want)
		}
	}
}
