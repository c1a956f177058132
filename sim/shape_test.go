package sim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestWorkspaceChangesShape: one workspace run on networks of changing
// shapes (sizes, depth, bias rows) gives a fresh workspace's spike times
// each time, so the shape check of resize misses no change.
func TestWorkspaceChangesShape(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	ws := NewWorkspace(randomNetwork(rng, DefaultNeuron(), []int{4, 3}, DelaySynaptic, 1, 1, 1))
	for _, c := range []struct {
		sizes []int
		bias  int
	}{
		{[]int{4, 30, 3}, 0}, {[]int{4, 30, 3}, 1}, {[]int{4, 30, 3}, 0}, {[]int{5, 30, 3}, 0},
		{[]int{4, 50, 3}, 0}, {[]int{4, 10, 3}, 2}, {[]int{4, 10, 10, 3}, 0}, {[]int{4, 30, 3}, 0},
	} {
		n := randomNetwork(rng, DefaultNeuron(), c.sizes, DelaySynaptic, 1, 1, 1)
		for l := range n.Layers {
			for range c.bias {
				n.Layers[l].BiasTimes = append(n.Layers[l].BiasTimes, 0.9)
				n.Layers[l].Weights = append(n.Layers[l].Weights, make([]float64, n.Layers[l].Size)...)
			}
		}
		in := randomInputs(rng, c.sizes[0], 0.15, 2)
		ws.Forward(n, in)
		fresh := NewWorkspace(n)
		fresh.Forward(n, in)
		for l := range fresh.Times {
			for k, want := range fresh.Times[l] {
				if got := ws.Times[l][k]; math.Float64bits(got) != math.Float64bits(want) {
					t.Fatalf("sizes %v, %d bias rows: layer %d neuron %d fires at %v, a fresh workspace at %v", c.sizes, c.bias, l, k, got, want)
				}
			}
		}
	}
}
