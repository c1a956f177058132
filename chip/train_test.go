package chip_test

import (
	"math"
	"slices"
	"testing"

	"delaylab/chip"
	"delaylab/dataset"
	"delaylab/delgrad"
	"delaylab/run"
)

func yinyang(n int, seed uint32) []delgrad.Sample {
	c := dataset.DefaultCoding()
	var out []delgrad.Sample
	for _, p := range dataset.YinYang(n, seed) {
		out = append(out, delgrad.Sample{Features: c.Encode(nil, p), Label: p.Label})
	}
	return out
}

// chipTrainer trains a chip preset on the chip model (chip in the loop:
// forward on the chip, nominal backward, re-quantised shadow weights).
func chipTrainer(t testing.TB, cfg delgrad.Config, train, val []delgrad.Sample, chipSeed uint64) *delgrad.Trainer {
	t.Helper()
	s, err := run.ForRecipe(cfg)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := chip.NewSubstrate(s.Chip, chipSeed)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := delgrad.NewTrainer(cfg, train, val, sub)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// TestChipInTheLoopLearns trains chip-yinyang-wa for three epochs on 600
// Yin-Yang samples on the chip model — forward on the chip, exact
// gradients at the measured times with the nominal model, delays straight
// through, shadow weights re-quantised after every step — and checks that
// it beats chance (1/3) by a wide margin. The preset's learning rates
// (0.002) need ~6 such epochs to leave chance, so the test takes 5× them.
func TestChipInTheLoopLearns(t *testing.T) {
	if testing.Short() {
		t.Skip("training run")
	}
	cfg, _ := delgrad.Preset("chip-yinyang-wa")
	for l := range cfg.LRWeights {
		cfg.LRWeights[l] *= 5
		cfg.LRDelays[l] *= 5
	}
	tr := chipTrainer(t, cfg, yinyang(600, 42), yinyang(300, 41), 7)
	tr.SetWorkers(2)
	for range 3 {
		e := tr.RunEpoch()
		t.Logf("epoch %d: train loss %.4f acc %.3f, validation acc %.3f, bumps %d", e.Epoch, e.TrainLoss, e.TrainAcc, e.ValAcc, e.Bumps)
	}
	h := tr.History()
	if last := h[len(h)-1]; last.ValAcc < 0.5 || last.TrainLoss >= h[1].TrainLoss {
		t.Errorf("did not learn: %+v", h)
	}
	// The trainer keeps full-precision weights; the chip runs them on the grid.
	sub := tr.Substrate().(*chip.Substrate)
	onChip, offGrid := sub.Network(), 0
	for l, L := range tr.Model().Net.Layers {
		for i, w := range L.Weights {
			if q := onChip.Layers[l].Weights[i]; q != chip.DefaultConfig().Quantise(w) {
				t.Fatalf("layer %d weight %d: shadow %v, chip %v", l, i, w, q)
			}
			if w*30 != math.Round(w*30) {
				offGrid++
			}
		}
	}
	if offGrid == 0 {
		t.Error("the shadow weights were quantised")
	}
	io := sub.IO()
	t.Logf("I/O: %d patterns, %d spike bytes vs %d trace bytes (%.0f× fewer)", io.Patterns, io.SpikeBytes, io.TraceBytes, io.Saving())
}

// TestChipTrainingDeterministic: with every noise source of the realistic
// chip on, training gives bit-identical parameters whatever the number of
// workers and the step sizes.
func TestChipTrainingDeterministic(t *testing.T) {
	cfg, _ := delgrad.Preset("chip-yinyang-realistic-wa")
	train, val := yinyang(200, 42), yinyang(50, 41)
	run := func(workers, step int) *delgrad.Trainer {
		tr := chipTrainer(t, cfg, train, val, 3)
		tr.SetWorkers(workers)
		for tr.Progress().Epochs < 3 {
			tr.Step(step)
		}
		return tr
	}
	a, b, c := run(1, 250), run(3, 250), run(2, 7) // 250: one epoch per Step
	t.Logf("%+v", a.History())
	if a.History()[2].Bumps == 5 {
		t.Error("no optimiser step in epoch 3: the test does not exercise the gradients")
	}
	for _, o := range []*delgrad.Trainer{a, b, c} {
		for l := range a.Model().Net.Layers {
			if !slices.Equal(a.Model().Net.Layers[l].Weights, o.Model().Net.Layers[l].Weights) || !slices.Equal(a.Model().Theta[l], o.Model().Theta[l]) {
				t.Fatal("parameters depend on the workers")
			}
		}
		if !slices.Equal(a.History(), o.History()) {
			t.Errorf("metrics differ: %+v, %+v", a.History(), o.History())
		}
	}
}
