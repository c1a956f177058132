package chip_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"delaylab/chip"
	"delaylab/sim"
)

// TestIdealEqualsSimulator: with every effect off the chip computes what
// the ideal simulator does, to 1e-12, for the delay kinds the chip has,
// several layers, bias spikes and both closed-form neuron regimes. With
// identical neurons the chip takes the simulator's own path; a per-batch
// threshold noise of 1e-300 (which rounds away) forces the per-neuron path
// that mismatched chips take, and that too must agree.
func TestIdealEqualsSimulator(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 3))
	worst := 0.0
	spikes, total := 0, 0
	for trial := range 24 {
		nu := chipNeuron
		if trial%2 == 1 {
			nu = sim.Neuron{TauSyn: 1, TauMem: 2, Threshold: 1, C: 1}
		}
		sizes := []int{1 + rng.IntN(8), 1 + rng.IntN(20), 1 + rng.IntN(10), 1 + rng.IntN(4)}
		kinds := []sim.DelayKind{sim.DelayKind(rng.IntN(2)), sim.DelayKind(rng.IntN(2)), sim.DelayKind(rng.IntN(2))}
		net := sim.NewNetwork(nu, sizes, kinds)
		for l := range net.Layers {
			L := &net.Layers[l]
			if trial%3 == 0 {
				L.BiasTimes = []float64{0.9}
				L.Weights = make([]float64, net.Rows(l)*L.Size)
			}
			for i := range L.Weights {
				L.Weights[i] = 0.8 + 1.5*rng.NormFloat64()
			}
			for i := range L.Delays {
				L.Delays[i] = 3 * rng.Float64()
			}
		}
		shadow := net.Clone()
		perNeuron := chip.IdealConfig()
		perNeuron.ThresholdTrialStd = 1e-300
		subs := []*chip.Substrate{
			substrate(t, chip.IdealConfig(), uint64(trial), net),
			substrate(t, perNeuron, uint64(trial), net),
		}
		ws := sim.NewWorkspace(net)
		for j := range 20 {
			in := make([]float64, sizes[0])
			for i := range in {
				in[i] = 2 * rng.Float64()
				if rng.IntN(10) == 0 {
					in[i] = math.Inf(1)
				}
			}
			ws.Forward(net, in)
			for _, s := range subs {
				got := forward(s, in, sim.Trial{Batch: uint64(j), Sample: uint64(j)})
				for l := range got {
					for k, T := range got[l] {
						want := ws.Times[l+1][k]
						if math.IsInf(want, 1) != math.IsInf(T, 1) {
							t.Fatalf("trial %d layer %d neuron %d: chip %v, simulator %v", trial, l, k, T, want)
						}
						total++
						if !math.IsInf(T, 1) {
							spikes++
							worst = math.Max(worst, math.Abs(T-want))
						}
					}
				}
			}
		}
		for l := range net.Layers {
			for i, w := range net.Layers[l].Weights {
				if w != shadow.Layers[l].Weights[i] {
					t.Fatal("Prepare or Forward modified the network")
				}
			}
		}
	}
	t.Logf("largest difference: %g over %d spikes of %d neurons", worst, spikes, total)
	if spikes < total/4 {
		t.Errorf("only %d of %d neurons fired: the comparison is weak", spikes, total)
	}
	if worst > 1e-12 {
		t.Errorf("chip with every effect off differs from the simulator by %g", worst)
	}
}
