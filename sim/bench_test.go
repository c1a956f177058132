package sim

import (
	"math/rand/v2"
	"testing"
)

func benchForward(b *testing.B, sizes []int, kind DelayKind, nu Neuron) {
	rng := rand.New(rand.NewPCG(1, 1))
	n := randomNetwork(rng, nu, sizes, kind, 1.0/float64(sizes[0])*4, 1, 1)
	ws := NewWorkspace(n)
	inputs := make([][]float64, 64)
	for i := range inputs {
		inputs[i] = randomInputs(rng, sizes[0], 0.15, 2)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		ws.Forward(n, inputs[i%len(inputs)])
	}
}

func BenchmarkForward(b *testing.B) {
	b.Run("4-30-3/synaptic", func(b *testing.B) { benchForward(b, []int{4, 30, 3}, DelaySynaptic, DefaultNeuron()) })
	b.Run("4-30-3/none", func(b *testing.B) { benchForward(b, []int{4, 30, 3}, DelayNone, DefaultNeuron()) })
	b.Run("4-120-3/none/equal", func(b *testing.B) {
		benchForward(b, []int{4, 120, 3}, DelayNone, Neuron{TauSyn: 1, TauMem: 1, Threshold: 1, C: 1})
	})
	b.Run("784-350-10/none", func(b *testing.B) { benchForward(b, []int{784, 350, 10}, DelayNone, DefaultNeuron()) })
}
