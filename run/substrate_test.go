package run

import (
	"errors"
	"strings"
	"testing"

	"delaylab/chip"
	"delaylab/delgrad"
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
