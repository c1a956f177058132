package delgrad

import (
	"slices"

	"delaylab/sim"
)

// The reference recipes of docs/science.md §6 (read from the DelGrad and
// Fast&Deep authors' configs).

// simPreset is a 4-H-3 Yin-Yang network on the ideal simulator with
// τm = 2τs, ϑ = 1 and DelGrad's shift-invariant MSE.
func simPreset(name, desc string, hidden int, kind sim.DelayKind, lrW, lrD float64, init Normal) Config {
	return Config{
		Name: name, Description: desc, Dataset: "yinyang", Substrate: "ideal",
		Features: 4, Copies: 1, Hidden: []int{hidden}, Outputs: 3,
		Delays: []sim.DelayKind{kind, kind},
		Neuron: sim.Neuron{TauSyn: 1, TauMem: 2, Threshold: 1, C: 1},
		Loss:   Loss{Kind: LossSIMSE, DeltaT: 0.2},
		Batch:  150, Epochs: 300,
		LRWeights: []float64{lrW, lrW}, LRDelays: []float64{lrD, lrD},
		StepEvery: 20, StepGamma: 0.95,
		WeightInit:   []Normal{init, init},
		Delay:        DelayParam{Mode: DelaySigmoid, Shift: 0, Scale: 1},
		DelayInit:    Normal{0, 0.25},
		BumpFraction: []float64{0.3, 0},
		BumpStart:    5e-4,
	}
}

// chipPreset is the 4×5-30-3 network of the BrainScaleS-2 experiments:
// τm = τs, ϑ = 2.6, inputs duplicated five times, delays in (2, 3.5).
func chipPreset(name, desc, substrate string, kind sim.DelayKind) Config {
	return Config{
		Name: name, Description: desc, Dataset: "yinyang", Substrate: substrate,
		Features: 4, Copies: 5, Hidden: []int{30}, Outputs: 3,
		Delays: []sim.DelayKind{kind, kind}, TieInputDelays: true,
		Neuron: sim.Neuron{TauSyn: 1, TauMem: 1, Threshold: 2.6, C: 1},
		Loss:   Loss{Kind: LossSIMSE, DeltaT: 0.3},
		Batch:  40, Epochs: 300,
		LRWeights: []float64{0.002, 0.002}, LRDelays: []float64{0.002, 0.002},
		StepEvery: 20, StepGamma: 0.95,
		WeightInit:   []Normal{{1.0, 0.12}, {0.075, 0.15}},
		Delay:        DelayParam{Mode: DelaySigmoid, Shift: 2, Scale: 1.5},
		DelayInit:    Normal{0, 0.5},
		BumpFraction: []float64{0.05, 0.05},
		BumpStart:    5e-4,
	}
}

var presets = []Config{
	simPreset("yinyang-h30-w", "Yin-Yang 4-30-3, weights only (DelGrad: 96.7 %)", 30, sim.DelayNone, 0.02, 0, Normal{0.5, 1}),
	simPreset("yinyang-h30-wa", "Yin-Yang 4-30-3, axonal delays on inputs and hidden (DelGrad: 97.5 %)", 30, sim.DelayAxonal, 0.005, 0.005, Normal{1, 1}),
	simPreset("yinyang-h30-ws", "Yin-Yang 4-30-3, synaptic delays (DelGrad: 98.2 %)", 30, sim.DelaySynaptic, 0.01, 0.003, Normal{1, 1}),
	simPreset("yinyang-h5-ws", "Yin-Yang 4-5-3, synaptic delays (DelGrad: 95.4 %)", 5, sim.DelaySynaptic, 0.015, 0.01, Normal{1, 1}),
	{
		Name: "fastdeep-yinyang", Description: "Yin-Yang 4+bias-120+bias-3, tau_m = tau_s, TTFS cross-entropy (Fast&Deep: 96.0 %)",
		Dataset: "yinyang", Substrate: "ideal",
		Features: 4, Copies: 1, Hidden: []int{120}, Outputs: 3,
		Delays: []sim.DelayKind{sim.DelayNone, sim.DelayNone},
		Neuron: sim.Neuron{TauSyn: 1, TauMem: 1, Threshold: 1, C: 1},
		Bias:   [][]float64{{0.9}, {0.9}},
		Loss:   Loss{Kind: LossTTFS, Tau0: 0.2, Tau1: 1, Alpha: 0.005},
		Batch:  150, Epochs: 300,
		LRWeights: []float64{0.005, 0.005}, LRDelays: []float64{0, 0},
		StepEvery: 20, StepGamma: 0.95,
		WeightInit:   []Normal{{1.5, 0.8}, {0.5, 0.8}},
		Delay:        DelayParam{Mode: DelaySigmoid, Shift: 0, Scale: 1},
		DelayInit:    Normal{0, 0.25},
		BumpFraction: []float64{0.3, 0},
		BumpStart:    5e-4,
	},
	chipPreset("chip-yinyang-w", "BrainScaleS-2 model, 4x5-30-3, weights only (DelGrad chip: 84.9 %)", "chip", sim.DelayNone),
	chipPreset("chip-yinyang-wa", "BrainScaleS-2 model, 4x5-30-3, axonal delays (DelGrad chip: 92.6 %)", "chip", sim.DelayAxonal),
	chipPreset("chip-yinyang-realistic-w", "chip model with extra tau and gain mismatch, weights only", "chip-realistic", sim.DelayNone),
	chipPreset("chip-yinyang-realistic-wa", "chip model with extra tau and gain mismatch, axonal delays", "chip-realistic", sim.DelayAxonal),
}

// Presets returns the reference recipes, in a stable order.
func Presets() []Config {
	out := make([]Config, len(presets))
	for i := range presets {
		out[i] = presets[i].clone()
	}
	return out
}

// Preset returns the recipe with the given name.
func Preset(name string) (Config, error) {
	for i := range presets {
		if presets[i].Name == name {
			return presets[i].clone(), nil
		}
	}
	var names []string
	for _, p := range presets {
		names = append(names, p.Name)
	}
	return Config{}, newError(ErrName, "unknown preset %q (have %v)", name, names)
}

// clone deep-copies the slices so callers may edit their copy.
func (c Config) clone() Config {
	c.Hidden = slices.Clone(c.Hidden)
	c.Delays = slices.Clone(c.Delays)
	c.LRWeights = slices.Clone(c.LRWeights)
	c.LRDelays = slices.Clone(c.LRDelays)
	c.WeightInit = slices.Clone(c.WeightInit)
	c.BumpFraction = slices.Clone(c.BumpFraction)
	if c.Bias != nil {
		b := make([][]float64, len(c.Bias))
		for i := range c.Bias {
			b[i] = slices.Clone(c.Bias[i])
		}
		c.Bias = b
	}
	return c
}

// Clone returns a deep copy of the configuration.
func (c Config) Clone() Config { return c.clone() }
