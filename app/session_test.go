package app

import (
	"errors"
	"strings"
	"testing"
	"time"

	"delaylab/sim"
)

func TestOpensOnFlagship(t *testing.T) {
	s, _ := newTestSession(t, nil)
	snap := s.Snapshot()
	if snap.Settings.Preset != "yinyang-h30-ws" || snap.Settings.Dataset != "yinyang" {
		t.Errorf("opens on %s/%s", snap.Settings.Preset, snap.Settings.Dataset)
	}
	if snap.Params() != 420 || snap.Playing || snap.Epoch != 0 {
		t.Errorf("got %d params, playing %v, epoch %d; want 420, paused, 0", snap.Params(), snap.Playing, snap.Epoch)
	}
	if got := []int{snap.Net.Inputs, snap.Net.Layers[0].Size, snap.Net.Layers[1].Size}; got[0] != 4 || got[1] != 30 || got[2] != 3 {
		t.Errorf("network %v, want 4-30-3", got)
	}
}

// TestParamCounts checks the counts of docs/science.md §8 for 4-H-3:
// W 7H, +axonal 8H+4, +dendritic 8H+3, +synaptic 14H.
func TestParamCounts(t *testing.T) {
	s, _ := newTestSession(t, nil)
	for _, h := range []int{30, 5} {
		if err := s.SetHidden([]int{h}); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			kind sim.DelayKind
			want int
		}{
			{sim.DelayNone, 7 * h},
			{sim.DelayAxonal, 8*h + 4},
			{sim.DelayDendritic, 8*h + 3},
			{sim.DelaySynaptic, 14 * h},
		} {
			if err := s.SetDelays(tc.kind); err != nil {
				t.Fatal(err)
			}
			if got := s.Snapshot().Params(); got != tc.want {
				t.Errorf("4-%d-3 %s: %d params, want %d", h, tc.kind, got, tc.want)
			}
		}
	}
}

// TestInvalidCommandsLeaveModel: every failing command returns an
// ErrSetting and changes nothing.
func TestInvalidCommandsLeaveModel(t *testing.T) {
	s, _ := newTestSession(t, smallSettings(t))
	if err := s.Step(); err != nil {
		t.Fatal(err)
	}
	before := stateOf(s)
	for name, cmd := range map[string]func() error{
		"dataset":   func() error { return s.SetDataset("mnist") },
		"hidden":    func() error { return s.SetHidden([]int{0}) },
		"hidden+":   func() error { return s.SetHidden([]int{1, 2, 3, 4}) },
		"delay":     func() error { return s.SetDelay(5, sim.DelayAxonal) },
		"kind":      func() error { return s.SetDelay(0, 7) },
		"tau":       func() error { return s.SetTauRatio(3) },
		"loss":      func() error { return s.SetLoss("simse:x") },
		"lr":        func() error { return s.SetLRWeights(-1) },
		"lr delays": func() error { return s.SetLRDelays(2) },
		"batch":     func() error { return s.SetBatch(0) },
		"preset":    func() error { return s.ApplyPreset("nope") },
		"sample":    func() error { return s.SelectSample(1000) },
		"neuron":    func() error { return s.SelectNeuron(NeuronRef{Col: 0, Index: 0}) },
		"speed":     func() error { return s.SetReplaySpeed(-1) },
		"time":      func() error { return s.SetReplayTime(nan()) },
	} {
		err := cmd()
		if !errors.Is(err, ErrSetting) {
			t.Errorf("%s: got %v, want an ErrSetting", name, err)
		}
		if !sameState(before, stateOf(s)) {
			t.Fatalf("%s: the failing command changed the model", name)
		}
	}
}

func TestPostReportsErrorsAndClearsThem(t *testing.T) {
	s, _ := newTestSession(t, smallSettings(t))
	before := stateOf(s)
	s.Post(func(s *Session) error {
		h, err := ParseHidden("abc")
		if err != nil {
			return err
		}
		return s.SetHidden(h)
	})
	s.Frame(DefaultBudget)
	snap := s.Snapshot()
	if !snap.IsError || !strings.Contains(snap.Message, "abc") {
		t.Errorf("message %q (error %v), want the parse error", snap.Message, snap.IsError)
	}
	if !sameState(before, stateOf(s)) {
		t.Fatal("a failed command changed the model")
	}
	s.Post(func(s *Session) error { return s.SetBatch(50) })
	s.Frame(DefaultBudget)
	if snap := s.Snapshot(); snap.Message != "" || snap.Settings.Batch != 50 {
		t.Errorf("after a good command: message %q, batch %d", snap.Message, snap.Settings.Batch)
	}
}

func TestLiveChangesKeepModel(t *testing.T) {
	s, _ := newTestSession(t, smallSettings(t))
	s.Step()
	before := stateOf(s)
	for _, cmd := range []func() error{
		func() error { return s.SetLRWeights(0.001) },
		func() error { return s.SetLRDelays(0.002) },
		func() error { return s.SetBatch(20) },
		func() error { return s.SetLoss("ttfs:0.2:0.005:1") },
	} {
		if err := cmd(); err != nil {
			t.Fatal(err)
		}
	}
	after := stateOf(s)
	before.settings, after.settings = Settings{}, Settings{}
	if !sameState(before, after) {
		t.Fatal("a learning-rate, batch or loss change replaced the model")
	}
	c := s.tr.Config()
	if c.LRWeights[0] != 0.001 || c.LRDelays[1] != 0.002 || c.Batch != 20 || c.Loss.String() != "ttfs:0.2:0.005:1" {
		t.Errorf("trainer config not updated: %+v", c)
	}
	s.Step()
	if s.tr.Progress().Trained%150 == 0 && s.tr.Progress().Trained != 0 {
		t.Errorf("next batch did not use the new size (pos %d)", s.tr.Progress().Trained)
	}
}

func TestStructuralChangesRebuild(t *testing.T) {
	s, _ := newTestSession(t, smallSettings(t))
	s.Step()
	s.Play()
	if err := s.SetDataset("circles"); err != nil {
		t.Fatal(err)
	}
	snap := s.Snapshot()
	if snap.Batches != 0 || snap.Classes != 2 || snap.Net.Outputs() != 2 || !snap.Playing {
		t.Errorf("after dataset change: batches %d, classes %d, outputs %d, playing %v", snap.Batches, snap.Classes, snap.Net.Outputs(), snap.Playing)
	}
	if err := s.SetHidden([]int{6, 4}); err != nil {
		t.Fatal(err)
	}
	if got := s.Settings().Delays; len(got) != 3 || got[2] != sim.DelaySynaptic {
		t.Errorf("delays after adding a layer: %v", got)
	}
	if err := s.Reset(); err != nil || s.Playing() {
		t.Errorf("reset: %v, playing %v", err, s.Playing())
	}
}

func TestStepTrainsOneBatch(t *testing.T) {
	s, _ := newTestSession(t, smallSettings(t))
	v := s.version
	if err := s.Step(); err != nil {
		t.Fatal(err)
	}
	if s.tr.Batches() != 1 || s.version == v {
		t.Errorf("after Step: %d batches, version %d→%d", s.tr.Batches(), v, s.version)
	}
}

func TestSameSeedSameModel(t *testing.T) {
	a, _ := newTestSession(t, smallSettings(t))
	b, _ := newTestSession(t, smallSettings(t))
	if !sameState(stateOf(a), stateOf(b)) {
		t.Fatal("two sessions with the same settings differ")
	}
	b.SetSeed(7)
	if equalFloats(stateOf(a).weights[0], stateOf(b).weights[0]) {
		t.Fatal("another seed gave the same weights")
	}
}

// TestEveryDatasetAndPresetRuns: each offered combination trains a few
// frames and yields a complete snapshot (bias rows and two-class outputs
// included).
func TestEveryDatasetAndPresetRuns(t *testing.T) {
	s, clk := newTestSession(t, smallSettings(t))
	check := func(name string) {
		withCosts(s, clk, 10*time.Microsecond, 5*time.Microsecond, 100*time.Microsecond)
		s.Play()
		for range 3 {
			s.Frame(10 * time.Millisecond)
		}
		s.Pause()
		s.Frame(time.Hour) // paused: finishes the decision map
		snap := s.Snapshot()
		r := snap.Replay
		if len(r.Times) != len(snap.Net.Layers)+1 || len(r.Trace.U) != TracePoints || snap.Map == nil || len(snap.ClassNames) != snap.Classes {
			t.Errorf("%s: incomplete snapshot", name)
		}
		for l, a := range r.Arrivals {
			if len(a) != snap.Net.Rows(l)*snap.Net.Layers[l].Size {
				t.Errorf("%s: layer %d has %d arrivals", name, l, len(a))
			}
		}
	}
	for _, d := range Datasets {
		if err := s.SetDataset(d); err != nil {
			t.Fatal(err)
		}
		check(d)
	}
	for _, p := range Presets() {
		if err := s.ApplyPreset(p.Name); err != nil {
			t.Fatal(err)
		}
		check(p.Name)
	}
}
