package run

import (
	"errors"
	"fmt"
	"strings"

	"delaylab/checkpoint"
	"delaylab/chip"
	"delaylab/delgrad"
)

// Substrate is what runs a network's forward passes: the ideal simulator,
// or a chip model (its instance is drawn from a seed by New).
type Substrate struct {
	// Name is the canonical name: one of SubstrateNames.
	Name string
	// Chip is the chip model; the zero Config for the ideal simulator.
	Chip chip.Config
}

// The substrate names.
const (
	Ideal         = "ideal"          // the exact event-based simulator
	Chip          = "chip"           // the chip as the DelGrad authors modelled it (chip.DefaultConfig)
	ChipRealistic = "chip-realistic" // plus the mismatch real chips have (chip.RealisticConfig)
	ChipIdeal     = "chip-ideal"     // the chip model with every effect off (chip.IdealConfig)
)

// SubstrateNames lists the names ParseSubstrate accepts.
func SubstrateNames() []string { return []string{Ideal, Chip, ChipRealistic, ChipIdeal} }

// ErrSubstrate is wrapped by the error for an unknown name.
var ErrSubstrate = errors.New("unknown substrate")

// ParseSubstrate reads a substrate name; "" is the ideal simulator (recipes
// that predate substrates).
func ParseSubstrate(name string) (Substrate, error) {
	switch name {
	case "", Ideal:
		return Substrate{Name: Ideal}, nil
	case Chip:
		return Substrate{Name: Chip, Chip: chip.DefaultConfig()}, nil
	case ChipRealistic:
		return Substrate{Name: ChipRealistic, Chip: chip.RealisticConfig()}, nil
	case ChipIdeal:
		return Substrate{Name: ChipIdeal, Chip: chip.IdealConfig()}, nil
	}
	return Substrate{}, fmt.Errorf("%w %q (want %s)", ErrSubstrate, name, strings.Join(SubstrateNames(), ", "))
}

// OnChip reports whether the substrate is a chip model.
func (s Substrate) OnChip() bool { return s.Name != Ideal && s.Name != "" }

// Realistic reports whether the substrate is the realistic chip model.
func (s Substrate) Realistic() bool { return s.Name == ChipRealistic }

// State records the substrate with the chip instance of seed as a
// checkpoint stores it; nil for the ideal simulator.
func (s Substrate) State(seed uint64) *checkpoint.ChipState {
	if !s.OnChip() {
		return nil
	}
	return checkpoint.NewChipState(s.Name, s.Chip, seed)
}

// New makes the engine for model m: the ideal simulator, or the chip
// instance drawn from seed, told m's input layout. It does not prepare it
// (the trainer does).
func (s Substrate) New(seed uint64, m *delgrad.Model) (delgrad.Substrate, error) {
	if !s.OnChip() {
		return &delgrad.Ideal{}, nil
	}
	sub, err := chip.NewSubstrate(s.Chip, seed)
	if err != nil {
		return nil, err
	}
	if m != nil {
		delgrad.TellInputLayout(sub, m)
	}
	return sub, nil
}

// ForRecipe is the substrate a recipe names (delgrad.Config.Substrate).
func ForRecipe(cfg delgrad.Config) (Substrate, error) {
	s, err := ParseSubstrate(cfg.Substrate)
	if err != nil {
		return Substrate{}, &ContextError{Context: "recipe " + cfg.Name, Err: err}
	}
	return s, nil
}
