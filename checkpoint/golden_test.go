package checkpoint

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"delaylab/chip"
	"delaylab/dataset"
	"delaylab/delgrad"
)

// Golden files: checkpoints written by format version 1, kept in testdata
// so that every later build must still load them. Regenerate them (only
// when adding new ones: old files must stay as they are) with
//
//	go test ./checkpoint -run Golden -update
var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenFiles makes the golden checkpoints: a small ideal run saved in
// the middle of an epoch, and a chip run on user points.
func goldenFiles(t *testing.T) map[string]*File {
	t.Helper()
	out := map[string]*File{}

	cfg := ckBump(ckPreset(t, "yinyang-h5-ws", 0, 25), 0.2)
	spec := ckSpec(100, 50)
	coding := dataset.DefaultCoding()
	train, val := ckSamples(t, spec, coding)
	tr, err := delgrad.NewTrainer(cfg, train, val, &delgrad.Ideal{})
	if err != nil {
		t.Fatal(err)
	}
	for tr.Progress().Epochs < 2 {
		tr.Step(1)
	}
	tr.Step(60)
	out["v1-yinyang-h5-ws.dlab"] = FromTrainer(tr, spec, coding, ckMeta("golden yinyang-h5-ws"))

	cfg = ckBump(ckPreset(t, "chip-yinyang-wa", 8, 10), -1)
	cfg.Outputs = 2
	cfg.WeightInit[1] = delgrad.Normal{Mu: 2, Sigma: 0.3}
	spec = dataset.Spec{Name: "csv", Seed: 5, Path: "my points.csv"}
	for i := range 30 {
		x := float64(i) / 29
		spec.Points = append(spec.Points, dataset.Point{X: x, Y: x * x, Label: i % 2})
	}
	coding = dataset.Coding{TEarly: 0.2, TLate: 1.8}
	train, val = ckSamples(t, spec, coding)
	cs := NewChipState("chip", chip.DefaultConfig(), 42)
	sub, err := cs.NewSubstrate()
	if err != nil {
		t.Fatal(err)
	}
	if tr, err = delgrad.NewTrainer(cfg, train, val, sub); err != nil {
		t.Fatal(err)
	}
	tr.RunEpoch()
	f := FromTrainer(tr, spec, coding, ckMeta("golden chip on points"))
	f.Chip = cs
	out["v1-chip-csv.dlab"] = f
	return out
}

// TestGoldenFiles loads every golden checkpoint, checks values known from
// when it was written, and checks that this build writes it back to the
// same bytes (while Version is 1) and can train on from it.
func TestGoldenFiles(t *testing.T) {
	if *update {
		if Version != 1 {
			t.Fatal("the version 1 golden files are history: add files for the new version instead")
		}
		for name, f := range goldenFiles(t) {
			b, err := Marshal(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join("testdata", name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, tc := range []struct {
		name  string
		check func(t *testing.T, f *File)
	}{
		{"v1-yinyang-h5-ws.dlab", func(t *testing.T, f *File) {
			ckWant(t, "meta.name", f.Meta.Name, "golden yinyang-h5-ws")
			ckWant(t, "meta.created", f.Meta.Created.Format("2006-01-02T15:04:05.999999999Z07:00"), "2025-01-02T03:04:05.000006Z")
			ckWant(t, "config.name", f.Config.Name, "yinyang-h5-ws")
			ckWant(t, "config.delays", strings.Join(f.Config.Delays, ","), "synaptic,synaptic")
			ckWant(t, "data", [3]any{f.Data.Name, f.Data.Train, f.Data.TLate}, [3]any{"yinyang", 100, 2.0})
			ckWant(t, "train.epochs_done", f.Train.EpochsDone, 2)
			ckWant(t, "train.pos", f.Train.Pos, 75)
			ckWant(t, "train.batches", f.Train.Batches, uint64(11))
			ckWant(t, "len(history)", len(f.History), 2)
			ckWant(t, "layer sizes", [2]int{f.Model.Layers[0].Size, f.Model.Layers[1].Size}, [2]int{5, 3})
			ckWantBits(t, "model.layers[0].weights[0]", f.Model.Layers[0].Weights[0], 0x3fe799d9cc31e437)
			ckWantBits(t, "model.layers[1].theta[14]", f.Model.Layers[1].Theta[14], 0xbfb006e787001338)
			ckWantBits(t, "history[1].val_acc", f.History[1].ValAcc, 0x3fdeb851eb851eb8)
			ckWantBits(t, "train.adam.m[0][0]", f.Train.Adam.M[0][0], 0x3f623e02f5ea172c)
			ckWant(t, "train.best_epoch", f.Train.BestEpoch, 1)
			ckWantBits(t, "train.best.layers[1].weights[0]", f.Train.Best.Layers[1].Weights[0], 0x3fd62de4ef5273ea)
		}},
		{"v1-chip-csv.dlab", func(t *testing.T, f *File) {
			ckWant(t, "meta.name", f.Meta.Name, "golden chip on points")
			ckWant(t, "chip", [3]any{f.Chip.Substrate, f.Chip.Seed, f.Chip.Config.WeightScale}, [3]any{"chip", uint64(42), 30.0})
			ckWant(t, "len(data.points)", len(f.Data.Points), 30)
			ckWant(t, "data.points[29]", f.Data.Points[29], Point{X: 1, Y: 1, Label: 1})
			ckWant(t, "data.path", f.Data.Path, "my points.csv")
			ckWant(t, "model", [3]int{f.Model.Features, f.Model.Copies, len(f.Model.Layers[0].Theta)}, [3]int{4, 5, 4})
			ckWant(t, "train.epochs_done", f.Train.EpochsDone, 1)
			ckWant(t, "train.best_epoch", f.Train.BestEpoch, 1)
			ckWantBits(t, "model.layers[1].weights[7]", f.Model.Layers[1].Weights[7], 0x40006c23b13e79ed)
			ckWantBits(t, "history[0].train_loss", f.History[0].TrainLoss, 0x3fa83d07f010078d)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", tc.name))
			if err != nil {
				t.Fatal(err)
			}
			f, err := Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, f)
			if Version == 1 {
				again, err := Marshal(f)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(again, b) {
					t.Error("this build writes the golden file differently")
				}
			}
			spec, coding := f.Dataset()
			train, val := ckSamples(t, spec, coding)
			var sub delgrad.Substrate = &delgrad.Ideal{}
			if f.Chip != nil {
				if sub, err = f.Chip.NewSubstrate(); err != nil {
					t.Fatal(err)
				}
			}
			tr, err := f.Resume(train, val, sub)
			if err != nil {
				t.Fatal(err)
			}
			e := tr.Progress().Epochs
			for tr.Progress().Epochs == e {
				tr.Step(1)
			}
			if last := tr.History()[len(tr.History())-1]; last.Epoch != e+1 || math.IsNaN(last.TrainLoss) {
				t.Errorf("training on: %+v", last)
			}
		})
	}
}

func ckWant[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func ckWantBits(t *testing.T, what string, got float64, want uint64) {
	t.Helper()
	if math.Float64bits(got) != want {
		t.Errorf("%s = %v (%#016x), want %v (%#016x)", what, got, math.Float64bits(got), math.Float64frombits(want), want)
	}
}
