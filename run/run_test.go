package run

import (
	"errors"
	"slices"
	"testing"

	"delaylab/checkpoint"
	"delaylab/chip"
	"delaylab/dataset"
	"delaylab/delgrad"
)

// smallRun is a preset on reduced reference splits, for quick tests.
func smallRun(t *testing.T, preset string, epochs int, chipSeed uint64) (*Run, *Data) {
	t.Helper()
	cfg, err := delgrad.Preset(preset)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Epochs = epochs
	spec := dataset.DefaultSpec(cfg.Dataset)
	spec.Train, spec.Validation, spec.Test = 400, 100, 100
	data, err := LoadData(spec, dataset.DefaultCoding())
	if err != nil {
		t.Fatal(err)
	}
	sub, err := ForRecipe(cfg)
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(cfg, sub, chipSeed, data)
	if err != nil {
		t.Fatal(err)
	}
	return r, data
}

// TestOpenContinuesExactly: a run saved mid-epoch through a real file
// (File, Marshal, Unmarshal, Open) and trained on ends where the run
// trained straight through ends, on the chip with its instance too.
func TestOpenContinuesExactly(t *testing.T) {
	for _, preset := range []string{"yinyang-h30-ws", "chip-yinyang-wa"} {
		t.Run(preset, func(t *testing.T) {
			straight, _ := smallRun(t, preset, 3, 11)
			for !straight.Done() {
				straight.Step(50)
			}
			first, _ := smallRun(t, preset, 3, 11)
			for first.Progress().Done() < 700 {
				first.Step(50)
			}
			b, err := checkpoint.Marshal(first.File(checkpoint.Meta{Name: "mid-run", Program: "test"}))
			if err != nil {
				t.Fatal(err)
			}
			f, err := checkpoint.Unmarshal(b)
			if err != nil {
				t.Fatal(err)
			}
			second, err := Open(f)
			if err != nil {
				t.Fatal(err)
			}
			if s1, seed1 := straight.Substrate(); func() bool { s2, seed2 := second.Substrate(); return s1 != s2 || seed1 != seed2 }() {
				t.Fatalf("reopened on another substrate")
			}
			for !second.Done() {
				second.Step(50)
			}
			if !slices.Equal(straight.History(), second.History()) {
				t.Fatalf("histories differ:\n%+v\n%+v", straight.History(), second.History())
			}
			for l, L := range straight.Model().Net.Layers {
				if !slices.Equal(L.Weights, second.Model().Net.Layers[l].Weights) {
					t.Fatalf("layer %d weights differ after resuming", l)
				}
			}
			_, a1 := straight.Evaluate(TestSplit)
			_, a2 := second.Evaluate(TestSplit)
			p := second.Predictions(TestSplit)
			right := 0
			for j, s := range second.Data().Test {
				if p[j] == s.Label {
					right++
				}
			}
			if a1 != a2 || float64(right)/float64(len(p)) != a2 {
				t.Fatalf("test accuracy %v straight, %v resumed, %d/%d by predictions", a1, a2, right, len(p))
			}
		})
	}
}

// TestSetSubstrateRefusal: a chip cannot run synaptic delays; moving such a
// run to the chip fails with the chip's error and leaves the run as it was.
func TestSetSubstrateRefusal(t *testing.T) {
	r, _ := smallRun(t, "yinyang-h30-ws", 1, 0)
	chipSub, _ := ParseSubstrate(Chip)
	err := r.SetSubstrate(chipSub, 4)
	if !errors.Is(err, chip.ErrDelayKind) {
		t.Fatalf("moving synaptic delays to the chip: %v", err)
	}
	if s, _ := r.Substrate(); s.OnChip() {
		t.Fatal("the run moved although the chip refused it")
	}
	if _, ok := r.Trainer().Substrate().(*delgrad.Ideal); !ok {
		t.Fatalf("trainer substrate %T", r.Trainer().Substrate())
	}
	r.Step(100) // still trains
}

// TestFileSubstrate: a checkpoint's chip state reads back as the substrate
// and seed it was made from, including a changed (ablated) chip model.
func TestFileSubstrate(t *testing.T) {
	s, _ := ParseSubstrate(ChipRealistic)
	s.Chip = s.Chip.Without(chip.Effects()[0])
	got, seed, err := FileSubstrate(s.State(9))
	if err != nil || got != s || seed != 9 {
		t.Fatalf("got %+v seed %d, %v", got, seed, err)
	}
	if got, _, err := FileSubstrate(nil); err != nil || got.OnChip() {
		t.Fatalf("no chip state: %+v, %v", got, err)
	}
	if _, _, err := FileSubstrate(&checkpoint.ChipState{Substrate: "brainscales"}); !errors.Is(err, ErrSubstrate) {
		t.Fatalf("unknown substrate: %v", err)
	}
}
