package app

import (
	"errors"
	"math"
	"strings"
	"testing"

	"delaylab/chip"
	"delaylab/delgrad"
	"delaylab/sim"
)

// TestChipMode: the chip refuses synaptic delays and changes nothing; a
// chip preset switches the substrate on; switching keeps the model; the
// snapshot shows quantised weights; a comparison evaluates both.
func TestChipMode(t *testing.T) {
	s, _ := newTestSession(t, smallSettings(t)) // synaptic
	before := stateOf(s)
	err := s.SetChip(ChipSettings{On: true, Seed: 3, Noise: 1})
	if !errors.Is(err, ErrSetting) || !strings.Contains(err.Error(), "axonal") {
		t.Fatalf("got %v", err)
	}
	if s.Chip().On || !sameState(before, stateOf(s)) {
		t.Fatal("a refused chip changed the session")
	}
	if err := s.SetDelays(sim.DelayAxonal); err != nil {
		t.Fatal(err)
	}
	params := s.Params()
	if err := s.SetChip(ChipSettings{On: true, Seed: 3, Noise: 2}); err != nil {
		t.Fatal(err)
	}
	if !equalFloats(params, s.Params()) {
		t.Error("switching to the chip changed the parameters")
	}
	snap := s.Snapshot()
	for _, w := range snap.Net.Layers[0].Weights {
		if q := math.Round(w * 30); math.Abs(w*30-q) > 1e-9 || math.Abs(q) > 63 {
			t.Fatalf("weight %v drawn is not on the chip's 6-bit grid", w)
		}
	}
	if err := s.Step(); err != nil {
		t.Fatal(err)
	}
	ideal, chip, err := s.CompareSubstrates()
	if err != nil || !(ideal >= 0 && ideal <= 1) || !(chip >= 0 && chip <= 1) {
		t.Errorf("compare: %v %v %v", ideal, chip, err)
	}
	if err := s.SetChip(ChipSettings{Noise: 9}); err == nil {
		t.Error("noise ×9 accepted")
	}
	if err := s.ApplyPreset("chip-yinyang-wa"); err != nil {
		t.Fatal(err)
	}
	if c := s.Chip(); !c.On || c.Seed != 3 || c.Noise != 1 || s.tr.Model().Copies != 5 {
		t.Errorf("chip preset: %+v, %d copies", c, s.tr.Model().Copies)
	}
	if err := s.ApplyPreset("yinyang-h30-w"); err != nil || s.Chip().On {
		t.Errorf("an ideal preset left the chip on (%v)", err)
	}
}

// TestRealisticChip: the realistic chip model is a choice of its own: the
// session trains on chip.RealisticConfig (noise scaled), a saved file says
// so, and opening the file brings the same choice back.
func TestRealisticChip(t *testing.T) {
	s, _ := newTestSession(t, nil)
	if err := s.ApplyPreset("chip-yinyang-realistic-wa"); err != nil {
		t.Fatal(err)
	}
	if c := s.Chip(); !c.On || !c.Realistic || c.Noise != 1 {
		t.Fatalf("realistic preset: %+v", c)
	}
	want := ChipSettings{On: true, Seed: 5, Noise: 2, Realistic: true}
	if err := s.SetChip(ChipSettings{On: true, Seed: 5, Noise: 2}); err != nil || s.Chip().Realistic {
		t.Fatalf("back to the authors' model: %+v (%v)", s.Chip(), err)
	}
	if err := s.SetChip(want); err != nil {
		t.Fatal(err)
	}
	st := s.chipState()
	cfg := chip.RealisticConfig()
	cfg.InputCopies = s.tr.Model().Copies
	cfg.ThresholdOffsetStd *= 2
	cfg.ThresholdTrialStd *= 2
	cfg.DelayJitter *= 2
	if st.Substrate != "chip-realistic" || st.ChipConfig() != cfg || st.Seed != 5 {
		t.Fatalf("chip state %+v, want the realistic model at noise ×2", st)
	}
	if got := reopened(t, s, "real.dlab").Chip(); got != want {
		t.Errorf("opened file chooses %+v, want %+v", got, want)
	}
}

// TestChipEffectsOff: single effects switch off for an ablation; the saved
// chip model lacks them and opening the file brings the same choice back;
// a mask naming no effect is refused.
func TestChipEffectsOff(t *testing.T) {
	s, _ := newTestSession(t, nil)
	if err := s.ApplyPreset("chip-yinyang-wa"); err != nil {
		t.Fatal(err)
	}
	bits := map[string]uint32{}
	for _, e := range s.ChipEffects() {
		bits[e.Name] = e.Bit
		if want := e.Name != "tau-mismatch" && e.Name != "gain-spread" && e.Name != "spike-jitter" &&
			e.Name != "delay-mismatch" && e.Name != "delay-drop"; e.Present != want || e.On != want {
			t.Errorf("authors' chip: effect %s present %v on %v", e.Name, e.Present, e.On)
		}
	}
	want := ChipSettings{On: true, Seed: 2, Noise: 1.5, Off: bits["weight-grid"] | bits["threshold-trial"]}
	if err := s.SetChip(want); err != nil {
		t.Fatal(err)
	}
	cfg := s.chipState().ChipConfig()
	if cfg.WeightScale != 0 || cfg.ThresholdTrialStd != 0 || cfg.ThresholdOffsetStd != 1.5*0.08 || cfg.TimestampGrid == 0 {
		t.Fatalf("chip model with weight grid and trial noise off: %+v", cfg)
	}
	for _, e := range s.ChipEffects() {
		if e.On == (e.Name == "weight-grid" || e.Name == "threshold-trial") && e.Present {
			t.Errorf("effect %s on = %v", e.Name, e.On)
		}
	}
	if got := reopened(t, s, "abl.dlab").Chip(); got != want {
		t.Errorf("opened file chooses %+v, want %+v", got, want)
	}
	before := s.Chip()
	if err := s.SetChip(ChipSettings{On: true, Off: 1 << 7}); !errors.Is(err, ErrSetting) || s.Chip() != before {
		t.Errorf("the window (not switchable) was accepted: %v", err)
	}
}

// TestChipReplay: in chip mode the replay shows what the chip does — its
// recorded spike times, and the traced neuron's own threshold — and on
// the ideal simulator the model's exact times again.
func TestChipReplay(t *testing.T) {
	s, _ := newTestSession(t, nil)
	if err := s.ApplyPreset("chip-yinyang-wa"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetChip(ChipSettings{On: true, Seed: 4, Noise: 1}); err != nil {
		t.Fatal(err)
	}
	snap := s.Snapshot()
	r := snap.Replay
	m := s.tr.Model()
	cs := s.tr.Substrate().(*chip.Substrate)
	ws := sim.NewWorkspace(m.Net)
	in := m.InputTimes(nil, s.data.Val[snap.Sample].Features)
	cs.Forward(in, ws, delgrad.EvalTrial(0, snap.Sample))
	ideal := sim.NewWorkspace(m.Net)
	ideal.Forward(m.Net, in)
	differs := false
	for c := range ws.Times {
		for k, tk := range ws.Times[c] {
			if r.Times[c][k] != tk {
				t.Fatalf("replay column %d neuron %d at %v, the chip records %v", c, k, r.Times[c][k], tk)
			}
			differs = differs || tk != ideal.Times[c][k]
		}
	}
	if !differs {
		t.Error("the chip's spike times equal the ideal simulator's: the replay cannot tell")
	}
	ref := r.Trace.Neuron
	if want := cs.Neurons()[ref.Col-1][ref.Index].Threshold; r.Trace.Threshold != want || want == m.Net.Neuron.Threshold {
		t.Errorf("trace threshold %v, the chip neuron's %v (nominal %v)", r.Trace.Threshold, want, m.Net.Neuron.Threshold)
	}
	if err := s.SetChip(ChipSettings{Seed: 4, Noise: 1}); err != nil {
		t.Fatal(err)
	}
	r = s.Snapshot().Replay
	for c := range ideal.Times {
		for k, tk := range ideal.Times[c] {
			if r.Times[c][k] != tk {
				t.Fatalf("ideal replay column %d neuron %d at %v, want %v", c, k, r.Times[c][k], tk)
			}
		}
	}
	if r.Trace.Threshold != m.Net.Neuron.Threshold {
		t.Errorf("ideal trace threshold %v", r.Trace.Threshold)
	}
}
