package chip_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"delaylab/chip"
	"delaylab/sim"
)

// chipNet is the 4×5-30-3 network of the chip presets with random weights
// and tied axonal delays in (2, 3.5).
func chipNet(seed uint64) *sim.Network {
	rng := rand.New(rand.NewPCG(seed, 1))
	net := sim.NewNetwork(chipNeuron, []int{20, 30, 3}, []sim.DelayKind{sim.DelayAxonal, sim.DelayAxonal})
	for l, mu := range []float64{1.0, 0.075} {
		for i := range net.Layers[l].Weights {
			net.Layers[l].Weights[i] = mu + 0.5*rng.NormFloat64()
		}
	}
	for f := range 4 {
		d := 2 + 1.5*rng.Float64()
		for c := range 5 {
			net.Layers[0].Delays[c*4+f] = d
		}
	}
	for i := range net.Layers[1].Delays {
		net.Layers[1].Delays[i] = 2 + 1.5*rng.Float64()
	}
	return net
}

func chipInputs(rng *rand.Rand, n int) [][]float64 {
	out := make([][]float64, n)
	for j := range out {
		f := make([]float64, 4)
		for i := range f {
			f[i] = 0.15 + 1.85*rng.Float64()
		}
		for r := range 20 {
			out[j] = append(out[j], f[r%4])
		}
	}
	return out
}

func equalTimes(a, b [][][]float64) bool {
	for j := range a {
		for l := range a[j] {
			if !slices.Equal(a[j][l], b[j][l]) {
				return false
			}
		}
	}
	return true
}

// TestInstanceFromSeed: the same seed gives the same chip — the same
// fixed pattern and bit-identical runs — and another seed another chip.
func TestInstanceFromSeed(t *testing.T) {
	cfg := chip.RealisticConfig()
	a, _ := chip.NewInstance(cfg, 11)
	b, _ := chip.NewInstance(cfg, 11)
	c, _ := chip.NewInstance(cfg, 12)
	pa, pb, pc := a.Circuits(nil, 100), b.Circuits(nil, 100), c.Circuits(nil, 100)
	if !slices.Equal(pa, pb) {
		t.Error("same seed, different circuits")
	}
	for j := range pa {
		if pa[j].ThresholdOffset == pc[j].ThresholdOffset || pa[j].TauMem == pc[j].TauMem ||
			pa[j].TauSyn == pc[j].TauSyn || pa[j].GainExc == pc[j].GainExc || pa[j].GainInh == pc[j].GainInh {
			t.Errorf("seeds 11 and 12 share a value at circuit %d: %+v %+v", j, pa[j], pc[j])
		}
	}
	// A circuit's pattern does not depend on how many are drawn.
	if !slices.Equal(a.Circuits(nil, 7), pa[:7]) {
		t.Error("circuit pattern depends on the number of circuits")
	}
	ea, eb, ec := a.ElementOffsets(nil, 50), b.ElementOffsets(nil, 50), c.ElementOffsets(nil, 50)
	if !slices.Equal(ea, eb) || slices.Equal(ea, ec) || !slices.Equal(a.ElementOffsets(nil, 5), ea[:5]) {
		t.Error("element offsets are not a function of the seed and index")
	}

	net := chipNet(3)
	in := chipInputs(rand.New(rand.NewPCG(5, 5)), 20)
	run := func(seed uint64) [][][]float64 {
		out, _ := substrate(t, cfg, seed, net).Run(in, sim.Trial{Batch: 4, Sample: 100})
		return out
	}
	if !equalTimes(run(11), run(11)) {
		t.Error("same seed, different spike times")
	}
	if equalTimes(run(11), run(12)) {
		t.Error("different seeds, same spike times")
	}
}

// TestForwardConcurrent: a sample's result does not depend on which
// goroutine runs it or what ran before on that goroutine.
func TestForwardConcurrent(t *testing.T) {
	s := substrate(t, chip.RealisticConfig(), 21, chipNet(4))
	in := chipInputs(rand.New(rand.NewPCG(6, 6)), 64)
	want, _ := s.Run(in, sim.Trial{Batch: 9})
	got := make([][][]float64, len(in))
	done := make(chan bool)
	for g := range 4 {
		go func() {
			ws := sim.NewWorkspace(s.Network())
			for j := len(in) - 1 - g; j >= 0; j -= 4 { // backwards, interleaved
				s.Forward(in[j], ws, sim.Trial{Batch: 9, Sample: uint64(j)})
				got[j] = nil
				for l := 1; l < len(ws.Times); l++ {
					got[j] = append(got[j], slices.Clone(ws.Times[l]))
				}
			}
			done <- true
		}()
	}
	for range 4 {
		<-done
	}
	if !equalTimes(want, got) {
		t.Error("concurrent forward passes differ from sequential ones")
	}
}
