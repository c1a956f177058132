package main

import (
	"fmt"

	"delaylab/checkpoint"
	"delaylab/chip"
	"delaylab/delgrad"
)

// substrateFor returns the engine that runs cfg's forward passes: the
// ideal simulator, or the chip instance drawn from chipSeed.
func substrateFor(cfg delgrad.Config, chipSeed uint64) (delgrad.Substrate, error) {
	st, err := chipStateFor(cfg, chipSeed)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return &delgrad.Ideal{}, nil
	}
	sub, err := st.NewSubstrate()
	if err != nil {
		return nil, err
	}
	return sub, nil
}

// chipStateFor describes the chip model of cfg's substrate with the
// instance drawn from chipSeed, as a checkpoint records it; nil for the
// ideal simulator.
func chipStateFor(cfg delgrad.Config, chipSeed uint64) (*checkpoint.ChipState, error) {
	switch cfg.Substrate {
	case "", "ideal":
		return nil, nil
	case "chip", "chip-realistic", "chip-ideal":
		cc, err := chip.ForPreset(cfg.Substrate)
		if err != nil {
			return nil, err
		}
		return checkpoint.NewChipState(cfg.Substrate, cc, chipSeed), nil
	}
	return nil, fmt.Errorf("preset %s: unknown substrate %q", cfg.Name, cfg.Substrate)
}

// tweakChip switches off the named effects of st's chip model, then
// applies the knob settings (chip.Config.Apply), so that one command line
// can run an ablation; st is unchanged on error.
func tweakChip(st *checkpoint.ChipState, without, settings string) error {
	cfg, err := tweakConfig(st.ChipConfig(), without, settings)
	if err != nil {
		return err
	}
	st.Config = checkpoint.ChipConfig(cfg)
	return nil
}

// tweakConfig is cfg with the named effects off and then the knob settings
// applied (-chip-without, -chip-set).
func tweakConfig(cfg chip.Config, without, settings string) (chip.Config, error) {
	effects, err := chip.ParseEffects(without)
	if err != nil {
		return cfg, err
	}
	return cfg.Without(effects...).Apply(settings)
}
