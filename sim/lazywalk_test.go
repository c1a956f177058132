package sim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestLazyWalkMatchesEager: walking a neuron's prefixes while its
// arrivals are still being sorted (synapticDoubleLazy) gives the bits of
// sorting them all first, on layers of 10 to 31 rows with synaptic delays
// and τm = 2τs: spike times, slopes and causal sets, with tied arrival
// times (inputs and delays on a coarse grid: a sort that broke ties
// differently would change the sums' order), silent inputs, a bias row
// and negative weights. (Rejected roots, rare here, are
// TestLazyWalkEveryPrefix's.)
func TestLazyWalkMatchesEager(t *testing.T) {
	defer func(v int) { eagerRows = v }(eagerRows)
	nu := Neuron{TauSyn: 1, TauMem: 2, Threshold: 1, C: 1}
	rng := rand.New(rand.NewPCG(31, 32))
	grid := func(v, step float64) float64 { return math.Round(v/step) * step }
	lazyNeurons, fired := 0, 0
	for trial := range 300 {
		inputs := 9 + rng.IntN(22) // with the bias row, 10 to 31 rows
		n := randomNetwork(rng, nu, []int{inputs, 12, 4}, DelaySynaptic, 0.02, 0.45, 1)
		step := []float64{0.25, 0.125, 1e-3}[trial%3]
		for l := range n.Layers {
			for i, d := range n.Layers[l].Delays {
				n.Layers[l].Delays[i] = grid(d, step)
			}
		}
		n.Layers[0].BiasTimes = []float64{grid(rng.Float64(), step)}
		n.Layers[0].Weights = append(n.Layers[0].Weights, randomInputs(rng, 12, -1, 2)...)
		if err := n.Validate(); err != nil {
			t.Fatal(err)
		}
		lazy, eager := NewWorkspace(n), NewWorkspace(n)
		for range 20 {
			in := randomInputs(rng, inputs, 0, 2)
			for i := range in {
				in[i] = grid(in[i], step)
			}
			if rng.IntN(4) == 0 {
				in[rng.IntN(len(in))] = math.Inf(1)
			}
			eagerRows = 8
			lazy.Forward(n, in)
			eagerRows = smallRows - 1
			eager.Forward(n, in)
			for l := range n.Layers {
				for k := range n.Layers[l].Size {
					a, b := lazy.Times[l+1][k], eager.Times[l+1][k]
					if math.Float64bits(a) != math.Float64bits(b) ||
						math.Float64bits(lazy.Slopes[l][k]) != math.Float64bits(eager.Slopes[l][k]) ||
						lazy.Causal[l][k] != eager.Causal[l][k] {
						t.Fatalf("trial %d layer %d neuron %d: lazy (%v, %v, %d), eager (%v, %v, %d)", trial, l, k,
							a, lazy.Slopes[l][k], lazy.Causal[l][k], b, eager.Slopes[l][k], eager.Causal[l][k])
					}
					if l == 0 {
						lazyNeurons++
						fired += b2i(!math.IsInf(a, 1))
					}
				}
			}
		}
	}
	if fired < lazyNeurons/4 || fired > lazyNeurons*3/4 {
		t.Errorf("%d of %d neurons with more than 8 rows fired: the test needs both kinds", fired, lazyNeurons)
	}
}

// TestLazyWalkEveryPrefix: from every starting prefix (a rejected root
// makes synapticDoubleLayer walk on from the next one) and with the cheap
// tests on and off (off, every prefix with positive sums needs its root),
// the lazy walk stops at the prefix the eager one stops at, with the same
// sums.
func TestLazyWalkEveryPrefix(t *testing.T) {
	defer func(v int) { eagerRows = v }(eagerRows)
	nu := Neuron{TauSyn: 1, TauMem: 2, Threshold: 1, C: 1}
	s := newKernelSolver(nu)
	rng := rand.New(rand.NewPCG(33, 34))
	walks := 0
	for trial := range 200 {
		inputs := 9 + rng.IntN(23)
		n := randomNetwork(rng, nu, []int{inputs, 3}, DelaySynaptic, 0.05, 0.5, 1)
		step := []float64{0.25, 1e-3}[trial%2]
		for i, d := range n.Layers[0].Delays {
			n.Layers[0].Delays[i] = math.Round(d/step) * step
		}
		in := randomInputs(rng, inputs, 0, 2)
		for i := range in {
			in[i] = math.Round(in[i]/step) * step
		}
		ws := NewWorkspace(n)
		ws.Forward(n, in) // leaves layer 0's shared order, row factors and synapses
		L, c := &n.Layers[0], &ws.syn[0]
		if len(ws.order) <= 8 {
			t.Fatalf("trial %d: %d arrivals, want more than 8", trial, len(ws.order))
		}
		for _, m := range []margin{s.skipMargin(4), {tol: math.NaN(), half: math.NaN(), ratio: math.NaN()}} {
			for k := range L.Size {
				for from := range len(ws.order) + 1 {
					eagerRows = 8
					lazy, okLazy := walkOne(ws, &s, c, m, L.Size, k, from)
					eagerRows = smallRows - 1
					eager, okEager := walkOne(ws, &s, c, m, L.Size, k, from)
					if okLazy != okEager || lazy != eager {
						t.Fatalf("trial %d neuron %d from %d: lazy %v %+v, eager %v %+v", trial, k, from, okLazy, lazy, okEager, eager)
					}
					walks += b2i(okEager && from > 0)
				}
			}
		}
	}
	if walks < 1000 {
		t.Errorf("only %d walks from a later prefix found one", walks)
	}
}

// walkOne is synapticDouble's walk of neuron k of a layer of the given
// size alone: the prefix it found and whether it found one (if not, it
// must have left the neuron silent).
func walkOne(ws *Workspace, s *kernelSolver, c *synapseFactors, m margin, size, k, from int) (doublePrefix, bool) {
	pend := make([]doublePrefix, 1)
	out, slopes, causal := make([]float64, size), make([]float64, size), make([]int32, size)
	out[k] = -1
	if ws.synapticDouble(s, c, m, k, k+1, from, pend, out, slopes, causal) == 1 {
		return pend[0], true
	}
	if !math.IsInf(out[k], 1) {
		panic("a neuron without a prefix was not left silent")
	}
	return pend[0], false
}

// TestFourRowsMatchInsertionSort: for neurons with four rows, placing
// the arrivals by counting gives the walk the insertion sort gives it:
// the same prefix with the same sums, from every starting prefix and with
// the cheap tests on and off, on a grid of times (ties) and off it, and
// with weights that leave some neurons silent.
func TestFourRowsMatchInsertionSort(t *testing.T) {
	defer func(v int) { fourRows = v }(fourRows)
	nu := Neuron{TauSyn: 1, TauMem: 2, Threshold: 1, C: 1}
	s := newKernelSolver(nu)
	rng := rand.New(rand.NewPCG(37, 38))
	found, silent := 0, 0
	for trial := range 2000 {
		n := randomNetwork(rng, nu, []int{4, 5}, DelaySynaptic, 0.6, 1, 1)
		step := []float64{0.25, 1e-3}[trial%2]
		for i, d := range n.Layers[0].Delays {
			n.Layers[0].Delays[i] = math.Round(d/step) * step
		}
		in := randomInputs(rng, 4, 0, 2)
		for i := range in {
			in[i] = math.Round(in[i]/step) * step
		}
		ws := NewWorkspace(n)
		ws.Forward(n, in)
		L, c := &n.Layers[0], &ws.syn[0]
		for _, m := range []margin{s.skipMargin(4), {tol: math.NaN(), half: math.NaN(), ratio: math.NaN()}} {
			for k := range L.Size {
				for from := range 5 {
					fourRows = 4
					counted, okC := walkOne(ws, &s, c, m, L.Size, k, from)
					fourRows = -1
					sorted, okS := walkOne(ws, &s, c, m, L.Size, k, from)
					if okC != okS || counted != sorted {
						t.Fatalf("trial %d neuron %d from %d: counted %v %+v, sorted %v %+v", trial, k, from, okC, counted, okS, sorted)
					}
					found += b2i(okS)
					silent += b2i(!okS && from == 0)
				}
			}
		}
	}
	if found < 10000 || silent < 1000 {
		t.Errorf("%d walks found a prefix, %d neurons had none: the test needs many of both", found, silent)
	}
}
