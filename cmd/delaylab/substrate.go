package main

import (
	"delaylab/checkpoint"
	"delaylab/chip"
	"delaylab/delgrad"
	"delaylab/run"
)

// substrateFor returns the engine that runs cfg's forward passes: the
// ideal simulator, or the chip instance drawn from chipSeed.
func substrateFor(cfg delgrad.Config, chipSeed uint64) (delgrad.Substrate, error) {
	s, err := run.ForRecipe(cfg)
	if err != nil {
		return nil, err
	}
	return s.New(chipSeed, nil)
}

// chipStateFor describes the chip model of cfg's substrate with the
// instance drawn from chipSeed, as a checkpoint records it; nil for the
// ideal simulator.
func chipStateFor(cfg delgrad.Config, chipSeed uint64) (*checkpoint.ChipState, error) {
	s, err := run.ForRecipe(cfg)
	if err != nil {
		return nil, err
	}
	return s.State(chipSeed), nil
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
