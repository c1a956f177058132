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

// BenchmarkForwardMore covers the paths the benchmarks above leave out:
// dendritic delays, the general regime (numeric roots), τm = τs with
// synaptic delays and many inputs, and per-neuron parameters as the chip
// model passes them.
func BenchmarkForwardMore(b *testing.B) {
	equal := Neuron{TauSyn: 1, TauMem: 1, Threshold: 1, C: 1}
	general := Neuron{TauSyn: 1, TauMem: 1.7, Threshold: 1, C: 1}
	b.Run("4-30-3/dendritic", func(b *testing.B) { benchForward(b, []int{4, 30, 3}, DelayDendritic, DefaultNeuron()) })
	b.Run("4-30-3/synaptic/equal", func(b *testing.B) { benchForward(b, []int{4, 30, 3}, DelaySynaptic, equal) })
	b.Run("4-30-3/none/general", func(b *testing.B) { benchForward(b, []int{4, 30, 3}, DelayNone, general) })
	b.Run("4-30-3/synaptic/general", func(b *testing.B) { benchForward(b, []int{4, 30, 3}, DelaySynaptic, general) })
	b.Run("784-350-10/none/equal", func(b *testing.B) { benchForward(b, []int{784, 350, 10}, DelayNone, equal) })
	b.Run("4-30-3/synaptic/per-neuron", func(b *testing.B) {
		rng := rand.New(rand.NewPCG(1, 1))
		sizes := []int{4, 30, 3}
		n := randomNetwork(rng, equal, sizes, DelaySynaptic, 1, 1, 1)
		per := make([][]Neuron, len(n.Layers))
		for l, L := range n.Layers {
			for range L.Size {
				nu := equal
				nu.TauMem *= 1 + 0.1*rng.NormFloat64()
				nu.Threshold *= 1 + 0.05*rng.NormFloat64()
				per[l] = append(per[l], nu)
			}
		}
		ws := NewWorkspace(n)
		inputs := make([][]float64, 64)
		for i := range inputs {
			inputs[i] = randomInputs(rng, sizes[0], 0.15, 2)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; b.Loop(); i++ {
			ws.ForwardNeurons(n, inputs[i%len(inputs)], per)
		}
	})
}
