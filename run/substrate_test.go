package run

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"delaylab/chip"
	"delaylab/delgrad"
	"delaylab/sim"
)

// TestParseSubstrate: every name reads back as itself with its chip model,
// "" is the ideal simulator, and an unknown name says which names exist.
func TestParseSubstrate(t *testing.T) {
	want := map[string]chip.Config{
		Ideal: {}, Chip: chip.DefaultConfig(), ChipRealistic: chip.RealisticConfig(), ChipIdeal: chip.IdealConfig(),
	}
	for _, name := range SubstrateNames() {
		s, err := ParseSubstrate(name)
		if err != nil || s.Name != name || s.Chip != want[name] || s.OnChip() != (name != Ideal) {
			t.Fatalf("%s: %+v, %v", name, s, err)
		}
	}
	if s, err := ParseSubstrate(""); err != nil || s.Name != Ideal {
		t.Fatalf(`"": %+v, %v`, s, err)
	}
	_, err := ParseSubstrate("brainscales")
	if !errors.Is(err, ErrSubstrate) || !strings.Contains(err.Error(), "chip-realistic") {
		t.Fatalf("unknown name: %v", err)
	}
}

// TestEveryPresetHasASubstrate: each recipe names a substrate this package
// knows, and New makes an engine of the right kind for it.
func TestEveryPresetHasASubstrate(t *testing.T) {
	for _, cfg := range delgrad.Presets() {
		s, err := ForRecipe(cfg)
		if err != nil {
			t.Fatal(err)
		}
		sub, err := s.New(3, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, onChip := sub.(*chip.Substrate)
		if onChip != s.OnChip() || (s.State(3) != nil) != s.OnChip() {
			t.Fatalf("%s: substrate %T for %q", cfg.Name, sub, s.Name)
		}
	}
}

// TestPredictions: the evaluation loop gives the predictions of the first
// output to fire, and on a noisy chip the recipe's protocol decides which
// samples share a noise draw (so the same model can predict differently).
func TestPredictions(t *testing.T) {
	cfg, _ := delgrad.Preset("chip-yinyang-w")
	m, err := delgrad.NewModel(&cfg, rand.New(rand.NewPCG(5, 6)))
	if err != nil {
		t.Fatal(err)
	}
	samples := make([]delgrad.Sample, 400)
	rng := rand.New(rand.NewPCG(7, 8))
	for i := range samples {
		f := []float64{rng.Float64(), rng.Float64(), rng.Float64(), rng.Float64()}
		for k := range f {
			f[k] = 0.15 + 1.85*f[k]
		}
		samples[i] = delgrad.Sample{Features: f}
	}
	ideal := &delgrad.Ideal{}
	ideal.Prepare(m.Net)
	got := Predictions(ideal, m, samples, EvalTrial(nil))
	ws := sim.NewWorkspace(m.Net)
	for j, s := range samples {
		ws.Forward(m.Net, m.InputTimes(nil, s.Features))
		if got[j] != delgrad.Predict(ws.Output()) {
			t.Fatalf("sample %d: %d, want %d", j, got[j], delgrad.Predict(ws.Output()))
		}
	}
	s, _ := ParseSubstrate(Chip)
	sub, _ := s.New(1, m)
	if err := sub.Prepare(m.Net); err != nil {
		t.Fatal(err)
	}
	hidden := func() []float64 { // the first hidden neuron's spike times
		var out []float64
		Forward(sub, m, samples, EvalTrial(&cfg), func(_ int, ws *sim.Workspace) { out = append(out, ws.Times[1][0]) })
		return out
	}
	ours := hidden()
	cfg.Protocol = delgrad.AuthorsProtocol.Without(delgrad.InterleavedCopies)
	theirs := hidden()
	if !slices.Equal(ours[:40], theirs[:40]) || slices.Equal(ours[40:200], theirs[40:200]) {
		t.Error("runs of 40 and batches of 200 should share the first draw and no other")
	}
}
