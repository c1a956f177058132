package main

import "delaylab/chip"

// tweakConfig is cfg with the named effects off and then the knob settings
// applied (-chip-without, -chip-set).
func tweakConfig(cfg chip.Config, without, settings string) (chip.Config, error) {
	effects, err := chip.ParseEffects(without)
	if err != nil {
		return cfg, err
	}
	return cfg.Without(effects...).Apply(settings)
}
