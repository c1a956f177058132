package delgrad

import (
	"math"
	"testing"

	"delaylab/dataset"
)

func yinyangSamples(t testing.TB, split string, n int) []Sample {
	pts := dataset.YinYang(n, map[string]uint32{"train": 42, "validation": 41, "test": 40}[split])
	c := dataset.DefaultCoding()
	out := make([]Sample, len(pts))
	for i, p := range pts {
		out[i] = Sample{Features: c.Encode(nil, p), Label: p.Label}
	}
	return out
}

func sameParams(a, b *Model) bool {
	for l := range a.Net.Layers {
		for i, w := range a.Net.Layers[l].Weights {
			if w != b.Net.Layers[l].Weights[i] {
				return false
			}
		}
		for i, th := range a.Theta[l] {
			if th != b.Theta[l][i] {
				return false
			}
		}
	}
	return true
}

// TestTrainingLearnsYinYang is the smoke test: a few epochs of the
// flagship preset on part of the data beat chance by a wide margin.
func TestTrainingLearnsYinYang(t *testing.T) {
	cfg, _ := Preset("yinyang-h30-ws")
	tr, err := NewTrainer(cfg, yinyangSamples(t, "train", 1500), yinyangSamples(t, "validation", 300), &Ideal{})
	if err != nil {
		t.Fatal(err)
	}
	for range 6 {
		tr.RunEpoch()
	}
	last := tr.history[len(tr.history)-1]
	first := tr.history[0]
	t.Logf("epoch 1: %+v; epoch %d: %+v", first, last.Epoch, last)
	if last.ValAcc < 0.6 || last.TrainLoss >= first.TrainLoss {
		t.Fatalf("did not learn: %+v → %+v", first, last)
	}
	for l := range tr.model.Net.Layers {
		for _, w := range tr.model.Net.Layers[l].Weights {
			if math.IsNaN(w) || math.IsInf(w, 0) {
				t.Fatal("non-finite weight")
			}
		}
	}
}

// TestDeterministicAcrossWorkers: same seed, same result, however many
// workers ran the batches, and however small the steps.
func TestDeterministicAcrossWorkers(t *testing.T) {
	for _, name := range []string{"yinyang-h5-ws", "yinyang-h30-wa", "fastdeep-yinyang"} {
		cfg, _ := Preset(name)
		cfg.Hidden = []int{12}
		train, val := yinyangSamples(t, "train", 400), yinyangSamples(t, "validation", 100)
		run := func(workers, step int) *Trainer {
			tr, err := NewTrainer(cfg, train, val, &Ideal{})
			if err != nil {
				t.Fatal(err)
			}
			tr.workers = workers
			for tr.epochsDone < 2 {
				tr.Step(step)
			}
			return tr
		}
		a, b, c := run(1, 1000), run(3, 1000), run(1, 7)
		if !sameParams(a.model, b.model) || !sameParams(a.model, c.model) {
			t.Errorf("%s: parameters differ between runs", name)
		}
		if a.history[1] != b.history[1] || a.history[1] != c.history[1] {
			t.Errorf("%s: metrics differ: %+v %+v %+v", name, a.history[1], b.history[1], c.history[1])
		}
	}
}

func TestPresetsValid(t *testing.T) {
	want := map[string][2]int{ // weights, delay parameters (docs/science.md §8)
		"yinyang-h30-w": {210, 0}, "yinyang-h30-wa": {210, 34}, "yinyang-h30-ws": {210, 210},
		"yinyang-h5-ws": {35, 35}, "chip-yinyang-w": {690, 0}, "chip-yinyang-wa": {690, 34},
	}
	for _, p := range Presets() {
		m, err := NewModel(&p, newRand(1))
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		w, d := m.ParamCount()
		if c, ok := want[p.Name]; ok && (w != c[0] || d != c[1]) {
			t.Errorf("%s: %d weights + %d delays, want %v", p.Name, w, d, c)
		}
	}
	if _, err := Preset("nope"); err == nil {
		t.Error("unknown preset accepted")
	}
}

// TestWeightBumping: a hidden layer that never fires gets its incoming
// weights raised instead of an optimiser step, by 5e-4, then 1e-3, ...
func TestWeightBumping(t *testing.T) {
	cfg, _ := Preset("yinyang-h5-ws")
	cfg.WeightInit[0] = Normal{-2, 0.01} // silence the hidden layer
	cfg.Batch = 10
	tr, err := NewTrainer(cfg, yinyangSamples(t, "train", 40), nil, &Ideal{})
	if err != nil {
		t.Fatal(err)
	}
	w0 := append([]float64(nil), tr.model.Net.Layers[0].Weights...)
	steps := tr.opt.Steps
	tr.Step(10)
	tr.Step(10)
	for i, w := range tr.model.Net.Layers[0].Weights {
		if want := w0[i] + 5e-4 + 1e-3; math.Abs(w-want) > 1e-15 {
			t.Fatalf("weight %d: %v, want %v", i, w, want)
		}
	}
	if tr.opt.Steps != steps || tr.sums.Bumps != 2 {
		t.Fatalf("optimiser steps %d (want %d), bumps %d", tr.opt.Steps, steps, tr.sums.Bumps)
	}
}

// TestProgress: Progress follows the trainer through an epoch — its
// mini-batches, the validation pass that closes it, and the next epoch —
// and NextStep is what Step(1) then does.
func TestProgress(t *testing.T) {
	cfg, _ := Preset("yinyang-h5-ws")
	cfg.Batch = 50
	tr, err := NewTrainer(cfg, yinyangSamples(t, "train", 120), yinyangSamples(t, "validation", 70), &Ideal{})
	if err != nil {
		t.Fatal(err)
	}
	for step := 0; tr.epochsDone < 2; step++ {
		p := tr.Progress()
		if p.TrainSize != 120 || p.ValSize != 70 || p.Done() != p.Epochs*190+p.Trained+p.Validated {
			t.Fatalf("step %d: %+v", step, p)
		}
		if n := tr.Step(1); n != p.NextStep {
			t.Fatalf("step %d: Step(1) did %d samples, NextStep said %d (%+v)", step, n, p.NextStep, p)
		}
		if q := tr.Progress(); q.Done() != p.Done()+p.NextStep && q.Epochs == p.Epochs {
			t.Fatalf("step %d: done %d → %d after %d samples", step, p.Done(), q.Done(), p.NextStep)
		}
		if p.LeftInEpoch() <= 0 || p.EpochFraction() < 0 || p.EpochFraction() > 1 {
			t.Fatalf("step %d: %+v left %d fraction %v", step, p, p.LeftInEpoch(), p.EpochFraction())
		}
	}
	if p := tr.Progress(); p.Epochs != 2 || p.UnderWay() || p.TrainedTotal() != 240 {
		t.Fatalf("after two epochs: %+v", p)
	}
}
