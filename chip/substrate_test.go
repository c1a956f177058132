package chip_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"delaylab/chip"
	"delaylab/sim"
)

// TestOnlyAxonalDelays: synaptic and dendritic delays are an error that
// names the layer.
func TestOnlyAxonalDelays(t *testing.T) {
	for _, kind := range []sim.DelayKind{sim.DelayDendritic, sim.DelaySynaptic} {
		for l, want := range []string{"layer 0 (inputs → hidden layer 1)", "layer 1 (hidden layer 1 → output layer)"} {
			kinds := []sim.DelayKind{sim.DelayAxonal, sim.DelayNone}
			kinds[l] = kind
			net := sim.NewNetwork(chipNeuron, []int{20, 30, 3}, kinds)
			s, _ := chip.NewSubstrate(chip.DefaultConfig(), 1)
			err := s.Prepare(net)
			var dk *chip.DelayKindError
			if !errors.Is(err, chip.ErrDelayKind) || !errors.As(err, &dk) || dk.Layer != l || dk.Kind != kind {
				t.Fatalf("%s delays in layer %d: err = %v", kind, l, err)
			}
			if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), kind.String()) {
				t.Errorf("error %q does not name %q and %s", err, want, kind)
			}
		}
	}
	// Three layers: the middle one is named by both of its neighbours.
	net := sim.NewNetwork(chipNeuron, []int{20, 10, 10, 3}, []sim.DelayKind{0, sim.DelaySynaptic, 0})
	s, _ := chip.NewSubstrate(chip.DefaultConfig(), 1)
	if err := s.Prepare(net); err == nil || !strings.Contains(err.Error(), "layer 1 (hidden layer 1 → hidden layer 2)") {
		t.Errorf("err = %v", err)
	}
}

func TestPrepareRejects(t *testing.T) {
	s, _ := chip.NewSubstrate(chip.DefaultConfig(), 1)
	// 4 rows cannot hold 5 copies of each feature.
	if err := s.Prepare(sim.NewNetwork(chipNeuron, []int{4, 30, 3}, []sim.DelayKind{0, 0})); err == nil || !strings.Contains(err.Error(), "InputCopies") {
		t.Errorf("4 input rows with 5 copies: err = %v", err)
	}
	// 4×5-30-3 with axonal delays: 33 neurons + 2·(4+30) = 101 circuits fit.
	if err := s.Prepare(chipNet(1)); err != nil {
		t.Fatal(err)
	}
	before := s.Network()
	// 500 hidden neurons + 2·(4 + 500) element circuits do not.
	err := s.Prepare(sim.NewNetwork(chipNeuron, []int{20, 500, 3}, []sim.DelayKind{sim.DelayAxonal, sim.DelayAxonal}))
	if !errors.Is(err, chip.ErrCapacity) || !strings.Contains(err.Error(), "1511") {
		t.Errorf("oversized network: err = %v", err)
	}
	if after := s.Network(); len(after.Layers[0].Weights) != len(before.Layers[0].Weights) {
		t.Error("a failed Prepare replaced the prepared network")
	}
	bad := chipNet(1)
	bad.Layers[0].Weights[3] = math.NaN()
	if err := s.Prepare(bad); err == nil {
		t.Error("NaN weight accepted")
	}
}

// TestPrepareQuantises: the chip runs the shadow weights rounded to the
// 6-bit grid; the shadow network is not touched; the input copies share
// their delay elements; Forward before Prepare panics.
func TestPrepareQuantises(t *testing.T) {
	net := chipNet(2)
	for i := range net.Layers[1].Weights {
		net.Layers[1].Weights[i] *= 8 // some beyond ±2.1
	}
	shadow := net.Clone()
	s := substrate(t, chip.DefaultConfig(), 3, net)
	got := s.Network()
	clipped := 0
	for l := range net.Layers {
		for i, w := range got.Layers[l].Weights {
			q := net.Layers[l].Weights[i]
			if w != chip.DefaultConfig().Quantise(q) || w != float64(int(math.Round(w*30)))/30 || math.Abs(w) > 2.1 {
				t.Fatalf("layer %d weight %d: %v on the chip for %v", l, i, w, q)
			}
			if math.Abs(q) > 2.1 {
				clipped++
			}
			if net.Layers[l].Weights[i] != shadow.Layers[l].Weights[i] {
				t.Fatal("Prepare changed the shadow weights")
			}
		}
	}
	if clipped == 0 {
		t.Error("no weight was clipped")
	}
	d := got.Layers[0].Delays
	for r := range 20 {
		if d[r] != d[r%4] {
			t.Errorf("copy %d of feature %d has its own element: %v ≠ %v", r/4, r%4, d[r], d[r%4])
		}
		if ticks := (d[r]*6 - 2) * 8; math.Abs(ticks-math.Round(ticks)) > 1e-9 {
			t.Errorf("input delay %v is not on the 1/8 µs grid", d[r])
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("Forward before Prepare did not panic")
		}
	}()
	fresh, _ := chip.NewSubstrate(chip.DefaultConfig(), 3)
	fresh.Forward(make([]float64, 20), sim.NewWorkspace(net), sim.Trial{})
}

// TestIOStats: spike events against 8-bit traces at 1.85 MS/s over 30 τ.
func TestIOStats(t *testing.T) {
	s := substrate(t, chip.DefaultConfig(), 4, chipNet(3))
	in := chipInputs(rand.New(rand.NewPCG(1, 2)), 10)
	times, io := s.Run(in, sim.Trial{})
	spikes := 0
	for j := range times {
		for l := range times[j] {
			for _, T := range times[j][l] {
				if T <= 30 {
					spikes++
				} else if !math.IsInf(T, 1) {
					t.Fatalf("recorded spike at %v, after the window", T)
				}
			}
		}
	}
	want := chip.IOStats{Patterns: 10, Spikes: int64(spikes), SpikeBytes: 4 * int64(spikes), TraceBytes: 10 * 33 * 333}
	if io != want {
		t.Errorf("IOStats = %+v, want %+v", io, want)
	}
	if s.IO() != want {
		t.Errorf("cumulative IO = %+v, want %+v", s.IO(), want)
	}
	t.Logf("%d patterns: %d spike bytes, %d trace bytes (%.0f× fewer)", io.Patterns, io.SpikeBytes, io.TraceBytes, io.Saving())
	if io.Saving() < 333/4 {
		t.Errorf("saving %.1f: spike times should cost at most 4 of 333 bytes per neuron", io.Saving())
	}
	// The workspace holds measurements only.
	ws := sim.NewWorkspace(chipNet(3))
	s.Forward(in[0], ws, sim.Trial{})
	for l := range ws.Slopes {
		for k := range ws.Slopes[l] {
			if ws.Slopes[l][k] != 0 || ws.Causal[l][k] != 0 {
				t.Fatal("Forward left membrane slopes or causal sets in the workspace")
			}
		}
	}
}
