package checkpoint

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"delaylab/chip"
	"delaylab/dataset"
	"delaylab/delgrad"
	"delaylab/sim"
)

// TestExactResume: training N epochs, saving at any point (between
// epochs, between batches, inside the validation pass), loading and
// training on to N+M epochs gives bit for bit the parameters, optimiser
// state and metrics of training N+M epochs straight.
func TestExactResume(t *testing.T) {
	type substrate func(t *testing.T) (delgrad.Substrate, *ChipState)
	ideal := func(*testing.T) (delgrad.Substrate, *ChipState) { return &delgrad.Ideal{}, nil }
	onChip := func(t *testing.T) (delgrad.Substrate, *ChipState) {
		st := NewChipState("chip", chip.DefaultConfig(), 7)
		sub, err := st.NewSubstrate()
		if err != nil {
			t.Fatal(err)
		}
		return sub, st
	}
	cases := []struct {
		name   string
		cfg    delgrad.Config
		sub    substrate
		epochs int   // N+M
		stops  []int // samples of work before saving (Step granularity)
		bumps  bool  // the run must bump weights too
	}{
		{"h5-synaptic", ckBump(ckPreset(t, "yinyang-h5-ws", 0, 20), 0.2), ideal, 3, []int{0, 200, 230, 333}, true},
		{"axonal-clip", func() delgrad.Config {
			c := ckPreset(t, "yinyang-h30-wa", 6, 32)
			c.Delay = delgrad.DelayParam{Mode: delgrad.DelayClip, Shift: 0.1}
			c.DelayInit = delgrad.Normal{Mu: 0.5, Sigma: 0.2}
			return ckBump(c, 0.5)
		}(), ideal, 2, []int{170}, false},
		{"bias-ttfs", ckBump(ckPreset(t, "fastdeep-yinyang", 6, 40), 0.5), ideal, 2, []int{101}, false},
		{"chip", ckBump(ckPreset(t, "chip-yinyang-wa", 6, 40), -1), onChip, 2, []int{150}, false},
		{"chip-authors", func() delgrad.Config {
			c := ckBump(ckPreset(t, "chip-yinyang-wa", 4, 40), -1)
			c.Protocol = delgrad.AuthorsProtocol
			return c
		}(), onChip, 2, []int{90}, false},
	}
	spec := ckSpec(120, 80)
	coding := dataset.DefaultCoding()
	train, val := ckSamples(t, spec, coding)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := tc.cfg
			cfg.Epochs = tc.epochs
			sub, _ := tc.sub(t)
			straight, err := delgrad.NewTrainer(cfg, train, val, sub)
			if err != nil {
				t.Fatal(err)
			}
			ckTrainToEnd(straight)
			var midBatches, midValidation, bumping bool
			for _, stop := range tc.stops {
				sub, chipState := tc.sub(t)
				first, err := delgrad.NewTrainer(cfg, train, val, sub)
				if err != nil {
					t.Fatal(err)
				}
				for done := 0; done < stop; {
					done += first.Step(min(37, stop-done))
				}
				f := FromTrainer(first, spec, coding, ckMeta("resume"))
				f.Chip = chipState
				s := f.Train
				midBatches = midBatches || (s.Pos > 0 && s.Pos < len(s.Perm))
				midValidation = midValidation || (s.Run.Evaluating && s.Run.EvalPos > 0)
				bumping = bumping || slices.ContainsFunc(s.Bump, func(b float64) bool { return b != 0 })
				var buf bytes.Buffer
				if err := Encode(&buf, f); err != nil {
					t.Fatal(err)
				}
				// The saving trainer goes on; the file must not share its memory.
				first.Step(50)

				g, err := Decode(&buf)
				if err != nil {
					t.Fatal(err)
				}
				gspec, gcoding := g.Dataset()
				gtrain, gval := ckSamples(t, gspec, gcoding)
				var gsub delgrad.Substrate = &delgrad.Ideal{}
				if g.Chip != nil {
					if gsub, err = g.Chip.NewSubstrate(); err != nil {
						t.Fatal(err)
					}
				}
				resumed, err := g.Resume(gtrain, gval, gsub)
				if err != nil {
					t.Fatal(err)
				}
				resumed.SetWorkers(2)
				ckTrainToEnd(resumed)
				if err := ckSameModel(straight.Model(), resumed.Model()); err != nil {
					t.Fatalf("saved after %d samples: %v", stop, err)
				}
				sBest, sEpoch := straight.Best()
				rBest, rEpoch := resumed.Best()
				if sEpoch != rEpoch || sEpoch == 0 {
					t.Errorf("saved after %d samples: best epoch %d, want %d > 0", stop, rEpoch, sEpoch)
				} else if err := ckSameModel(sBest, rBest); err != nil {
					t.Errorf("saved after %d samples: best model: %v", stop, err)
				}
				sSt, rSt := straight.State(), resumed.State()
				if err := ckSameAdam(&sSt.Opt, &rSt.Opt); err != nil {
					t.Errorf("saved after %d samples: %v", stop, err)
				}
				if !reflect.DeepEqual(sSt.History, rSt.History) || sSt.Batches != rSt.Batches ||
					!reflect.DeepEqual(sSt.Perm, rSt.Perm) || !reflect.DeepEqual(sSt.Bump, rSt.Bump) || !reflect.DeepEqual(sSt.RNG, rSt.RNG) {
					t.Errorf("saved after %d samples: history or trainer state differs:\n%+v\n%+v", stop, sSt.History, rSt.History)
				}
			}
			bumps := 0
			for _, e := range straight.History() {
				bumps += e.Bumps
			}
			steps := straight.State().Opt.Steps
			t.Logf("%d epochs, %d batches, %d bumped, %d Adam steps", len(straight.History()), straight.Batches(), bumps, steps)
			if steps == 0 || (tc.bumps && bumps == 0) {
				t.Error("the run should take Adam steps (and bump weights)")
			}
			if tc.bumps && !(midBatches && midValidation && bumping) {
				t.Errorf("saved mid-epoch %v, mid-validation %v, while bumping %v: want all", midBatches, midValidation, bumping)
			}
		})
	}
}

// ckBump lets batches with a few silent neurons take Adam steps, so that
// short runs mix steps and weight bumps.
func ckBump(c delgrad.Config, frac float64) delgrad.Config {
	for l := range c.BumpFraction {
		c.BumpFraction[l] = frac
	}
	return c
}

// ckSameAdam compares optimiser states bit for bit.
func ckSameAdam(a, b *delgrad.Adam) error {
	if a.Beta1 != b.Beta1 || a.Beta2 != b.Beta2 || a.Eps != b.Eps || a.Steps != b.Steps || len(a.M) != len(b.M) || len(a.V) != len(b.V) {
		return fmt.Errorf("optimiser: got %+v, want %+v", b, a)
	}
	for g := range a.M {
		if err := ckSameBits(fmt.Sprintf("adam m[%d]", g), a.M[g], b.M[g]); err != nil {
			return err
		}
		if err := ckSameBits(fmt.Sprintf("adam v[%d]", g), a.V[g], b.V[g]); err != nil {
			return err
		}
	}
	return nil
}

// ckTrainToEnd trains to exactly cfg.Epochs epochs: Step(1) does one
// batch or one validation block, so it never runs into the next epoch.
func ckTrainToEnd(t *delgrad.Trainer) {
	for !t.Done() {
		t.Step(1)
	}
}

// TestSemanticRoundTrip: a File made from a trainer encodes, decodes and
// re-encodes to the same bytes, and restores the same recipe, model and
// optimiser.
func TestSemanticRoundTrip(t *testing.T) {
	cfg := ckPreset(t, "fastdeep-yinyang", 5, 30)
	spec := dataset.Spec{Name: "csv", Seed: 3, Path: "points.csv"}
	for i := range 40 {
		spec.Points = append(spec.Points, dataset.Point{X: float64(i) / 40, Y: 1 - float64(i)/40, Label: i % 3})
	}
	coding := dataset.Coding{TEarly: 0.1, TLate: 2.5}
	train, val := ckSamples(t, spec, coding)
	tr, err := delgrad.NewTrainer(cfg, train, val, &delgrad.Ideal{})
	if err != nil {
		t.Fatal(err)
	}
	tr.RunEpoch()
	tr.Step(10)
	f := FromTrainer(tr, spec, coding, ckMeta("round trip"))
	f.Chip = NewChipState("chip-realistic", chip.RealisticConfig().Without(chip.ObservationWindow), 1234)
	b, err := Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	g, err := Unmarshal(b)
	if err != nil {
		t.Fatal(err)
	}
	b2, err := Marshal(g)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, b2) {
		t.Error("re-encoding a decoded file changes its bytes")
	}
	if g.Chip.Config.Window <= 1e308 {
		t.Errorf("window %v, want +Inf", g.Chip.Config.Window)
	}
	cfg2, m2, opt2, err := g.Restore()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cfg2, tr.Config()) {
		t.Errorf("config:\n got %+v\nwant %+v", cfg2, tr.Config())
	}
	if err := ckSameModel(tr.Model(), m2); err != nil {
		t.Error(err)
	}
	if st := tr.State(); ckSameAdam(&st.Opt, opt2) != nil {
		err := ckSameAdam(&st.Opt, opt2)
		t.Error(err)
	}
	spec2, coding2 := g.Dataset()
	if !reflect.DeepEqual(spec2, spec) || coding2 != coding {
		t.Errorf("data: got %+v %+v", spec2, coding2)
	}
	if g.Meta != f.Meta || !g.Meta.Created.Equal(f.Meta.Created) {
		t.Errorf("meta: got %+v, want %+v", g.Meta, f.Meta)
	}

	// A model alone has no training state; resuming it starts afresh.
	trCfg := tr.Config()
	h := FromModel(&trCfg, tr.Model(), spec, coding, ckMeta("model only"))
	hb, err := Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	if h, err = Unmarshal(hb); err != nil {
		t.Fatal(err)
	}
	fresh, err := h.Resume(train, val, &delgrad.Ideal{})
	if err != nil {
		t.Fatal(err)
	}
	if st := fresh.State(); st.EpochsDone != 0 || st.Opt.Steps != 0 || len(st.History) != 0 {
		t.Errorf("fresh trainer has state: %d epochs, %d steps", st.EpochsDone, st.Opt.Steps)
	}
	if err := ckSameModel(tr.Model(), fresh.Model()); err != nil {
		t.Error(err)
	}
}

// TestApplyStateMismatch: a trainer on other samples cannot take the state.
func TestApplyStateMismatch(t *testing.T) {
	cfg := ckPreset(t, "yinyang-h5-ws", 0, 20)
	train, val := ckSamples(t, ckSpec(60, 20), dataset.DefaultCoding())
	tr, err := delgrad.NewTrainer(cfg, train, val, &delgrad.Ideal{})
	if err != nil {
		t.Fatal(err)
	}
	tr.Step(30)
	f := FromTrainer(tr, ckSpec(60, 20), dataset.DefaultCoding(), Meta{})
	_, err = f.Resume(train[:50], val, &delgrad.Ideal{})
	var se *ShapeError
	if !errors.As(err, &se) || se.Got != 60 || se.Want != 50 {
		t.Errorf("resume on fewer samples: %v", err)
	}
}

// TestFitConfig: a recipe fitted to another architecture validates with
// the model and keeps the base's settings.
func TestFitConfig(t *testing.T) {
	base := ckPreset(t, "yinyang-h5-ws", 0, 0)
	other := ckPreset(t, "fastdeep-yinyang", 0, 0)
	other.Hidden = []int{7, 6}
	other.Delays = []sim.DelayKind{sim.DelayAxonal, sim.DelayNone, sim.DelayDendritic}
	other.Bias = [][]float64{{0.9}, {}, {0.5, 0.7}}
	other.LRWeights = []float64{1, 2, 3}
	other.LRDelays = []float64{1, 2, 3}
	other.WeightInit = []delgrad.Normal{{Mu: 1, Sigma: 1}, {Mu: 1, Sigma: 1}, {Mu: 1, Sigma: 1}}
	other.BumpFraction = []float64{0, 0, 0}
	m, err := delgrad.NewModel(&other, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	fit := FitConfig(base, m)
	if err := fit.Validate(); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fit.Hidden, []int{7, 6}) || !reflect.DeepEqual(fit.Delays, other.Delays) ||
		fit.Neuron != other.Neuron || fit.Outputs != 3 || fit.Delay != m.Delay {
		t.Errorf("architecture not fitted: %+v", fit)
	}
	if !reflect.DeepEqual(fit.Bias, [][]float64{{0.9}, nil, {0.5, 0.7}}) {
		t.Errorf("bias %v", fit.Bias)
	}
	if want := []float64{base.LRWeights[0], base.LRWeights[1], base.LRWeights[1]}; !reflect.DeepEqual(fit.LRWeights, want) {
		t.Errorf("lr %v, want %v", fit.LRWeights, want)
	}
	if fit.Batch != base.Batch || fit.Loss != base.Loss || fit.Name != base.Name {
		t.Errorf("settings not kept: %+v", fit)
	}
	if len(base.Hidden) != 1 || len(base.LRWeights) != 2 {
		t.Error("FitConfig modified its base")
	}
	f := FromModel(&fit, m, ckSpec(10, 10), dataset.DefaultCoding(), Meta{})
	if err := f.Validate(); err != nil {
		t.Error(err)
	}
}

// TestNetConversion: .dlab → net.json → .dlab keeps the weights and the
// effective delays bit for bit (the delays become clipped parameters).
func TestNetConversion(t *testing.T) {
	f := ckFile(t)
	var buf bytes.Buffer
	if err := ExportNet(&buf, f); err != nil {
		t.Fatal(err)
	}
	base, err := delgrad.Preset("yinyang-h30-ws")
	if err != nil {
		t.Fatal(err)
	}
	g, err := ImportNet(&buf, base, ckMeta("imported"))
	if err != nil {
		t.Fatal(err)
	}
	_, want, _, err := f.Restore()
	if err != nil {
		t.Fatal(err)
	}
	cfg, got, opt, err := g.Restore()
	if err != nil {
		t.Fatal(err)
	}
	for l := range want.Net.Layers {
		if err := ckSameBits("weights", want.Net.Layers[l].Weights, got.Net.Layers[l].Weights); err != nil {
			t.Error(err)
		}
		if err := ckSameBits("delays", want.Net.Layers[l].Delays, got.Net.Layers[l].Delays); err != nil {
			t.Error(err)
		}
	}
	if opt != nil || g.Train != nil || len(g.History) != 0 {
		t.Error("an imported model has training state")
	}
	if cfg.Hidden[0] != 5 || cfg.Batch != base.Batch || g.Meta.Name != "imported" {
		t.Errorf("recipe %+v", cfg)
	}
	if _, c := g.Dataset(); c != dataset.DefaultCoding() {
		t.Errorf("coding %+v", c)
	}
	if _, err := Marshal(g); err != nil {
		t.Error(err)
	}
}
