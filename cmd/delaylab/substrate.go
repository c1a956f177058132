package main

import (
	"fmt"

	"delaylab/chip"
	"delaylab/delgrad"
)

// substrateFor returns the engine that runs cfg's forward passes: the
// ideal simulator, or the chip instance drawn from chipSeed.
func substrateFor(cfg delgrad.Config, chipSeed uint64) (delgrad.Substrate, error) {
	switch cfg.Substrate {
	case "", "ideal":
		return &delgrad.Ideal{}, nil
	case "chip", "chip-realistic", "chip-ideal":
		cc, err := chip.ForPreset(cfg.Substrate)
		if err != nil {
			return nil, err
		}
		return chip.NewSubstrate(cc, chipSeed)
	}
	return nil, fmt.Errorf("preset %s: unknown substrate %q", cfg.Name, cfg.Substrate)
}
