package app

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"delaylab/checkpoint"
	"delaylab/delgrad"
	"delaylab/run"
	"delaylab/sim"
)

// DefaultPreset is the setup the page opens on: Yin-Yang, 4-30-3, synaptic
// delays, τm = 2τs — DelGrad's flagship simulation result.
const DefaultPreset = "yinyang-h30-ws"

// Limits of what the page offers. They keep a network drawable (a column of
// at most 150 discs) and a frame's worth of training meaningful; the
// trainer itself accepts far larger values.
const (
	MaxHiddenLayers = 3
	MaxHiddenSize   = 150
	MaxBatch        = 5000
	MaxLearningRate = 1.0
)

// Datasets are the data sets the page offers, in menu order.
var Datasets = []string{"yinyang", "xor", "circles", "spirals"}

// Settings are the user's choices. A Session turns them into a
// delgrad.Config by starting from the preset they came from and
// overriding what the user changed, so the recipe's remaining details
// (weight initialisation, delay parametrisation, weight bumping, StepLR)
// stay those of a published run.
type Settings struct {
	Preset  string // the preset the settings started from
	Dataset string // one of Datasets
	Hidden  []int  // hidden layer sizes, input side first
	// Delays has one kind per layer: inputs→first hidden, …, last hidden→outputs.
	Delays    []sim.DelayKind
	TauRatio  float64 // τm/τs: 1 or 2 (the two closed-form neurons)
	Loss      string  // in delgrad.ParseLoss form, e.g. "simse:0.2"
	LRWeights float64
	LRDelays  float64
	Batch     int
	Seed      uint64
	// Protocol is the training protocol in delgrad.ParseProtocol form:
	// "ours" (also ""), "authors", …
	Protocol string
}

// Clone returns a deep copy.
func (s Settings) Clone() Settings {
	s.Hidden = slices.Clone(s.Hidden)
	s.Delays = slices.Clone(s.Delays)
	return s
}

// PresetSettings returns the settings of a reference recipe.
func PresetSettings(name string) (Settings, error) {
	cfg, err := delgrad.Preset(name)
	if err != nil {
		return Settings{}, err
	}
	if _, err := run.ForRecipe(cfg); err != nil {
		return Settings{}, fmt.Errorf("app: preset %q: %v", name, err)
	}
	if cfg.Features != 4 {
		return Settings{}, fmt.Errorf("app: preset %q has %d input features; the page codes 2-D points as 4 spikes", name, cfg.Features)
	}
	return Settings{
		Preset:    name,
		Dataset:   cfg.Dataset,
		Hidden:    slices.Clone(cfg.Hidden),
		Delays:    slices.Clone(cfg.Delays),
		TauRatio:  cfg.Neuron.TauMem / cfg.Neuron.TauSyn,
		Loss:      cfg.Loss.String(),
		LRWeights: cfg.LRWeights[0],
		LRDelays:  cfg.LRDelays[0],
		Batch:     cfg.Batch,
		Seed:      cfg.Seed,
		Protocol:  cfg.Protocol.String(),
	}, nil
}

// PageSettings are the settings the page opens on.
func PageSettings() Settings {
	s, err := PresetSettings(DefaultPreset)
	if err != nil {
		panic(err) // the preset table is part of the program
	}
	return s
}

// Preset describes a reference recipe the page offers.
type Preset struct {
	Name, Description string
}

// Presets lists the recipes the page can run (the ideal-simulator ones).
func Presets() []Preset {
	var out []Preset
	for _, c := range delgrad.Presets() {
		if _, err := PresetSettings(c.Name); err == nil {
			out = append(out, Preset{c.Name, c.Description})
		}
	}
	return out
}

// ErrSetting is wrapped by every error about an invalid setting.
var ErrSetting = errors.New("invalid setting")

// SettingError is err (of a package below, about a value the user gave)
// as an invalid setting, in the user's words: "invalid setting: " and
// err's Reason, without any package's name.
func SettingError(err error) error {
	return fmt.Errorf("%w: %s", ErrSetting, checkpoint.Reason(err))
}

func badSetting(format string, a ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrSetting}, a...)...)
}

// Validate reports the first setting the page cannot run.
func (s *Settings) Validate() error {
	if !slices.Contains(Datasets, s.Dataset) && s.Dataset != CSVDataset {
		return badSetting("unknown data set %q (want one of %v)", s.Dataset, Datasets)
	}
	if len(s.Hidden) > MaxHiddenLayers {
		return badSetting("%d hidden layers; the page draws at most %d", len(s.Hidden), MaxHiddenLayers)
	}
	for i, h := range s.Hidden {
		if h < 1 || h > MaxHiddenSize {
			return badSetting("hidden layer %d has %d neurons (want 1 to %d)", i+1, h, MaxHiddenSize)
		}
	}
	if len(s.Delays) != len(s.Hidden)+1 {
		return badSetting("%d delay kinds for %d layers", len(s.Delays), len(s.Hidden)+1)
	}
	for i, k := range s.Delays {
		if k > sim.DelaySynaptic {
			return badSetting("layer %d has delay kind %d", i+1, k)
		}
	}
	if s.TauRatio != 1 && s.TauRatio != 2 {
		return badSetting("τm/τs = %v (want 1 or 2)", s.TauRatio)
	}
	if _, err := delgrad.ParseLoss(s.Loss); err != nil {
		return SettingError(err)
	}
	for _, lr := range []struct {
		name string
		v    float64
	}{{"weight learning rate", s.LRWeights}, {"delay learning rate", s.LRDelays}} {
		if !(lr.v >= 0 && lr.v <= MaxLearningRate) {
			return badSetting("%s %v (want 0 to %v)", lr.name, lr.v, MaxLearningRate)
		}
	}
	if s.Batch < 1 || s.Batch > MaxBatch {
		return badSetting("batch size %d (want 1 to %d)", s.Batch, MaxBatch)
	}
	p, err := delgrad.ParseProtocol(s.Protocol)
	if err != nil {
		return SettingError(err)
	}
	if p.Has(delgrad.NominalThreshold) && s.TauRatio != 1 {
		return badSetting("the authors' training protocol needs τm = τs (its gradient is their Lambert-W formula); choose that neuron or DelayLab's protocol")
	}
	return nil
}

// Config builds the training configuration for data with the given number
// of classes.
func (s *Settings) Config(classes int) (delgrad.Config, error) {
	if err := s.Validate(); err != nil {
		return delgrad.Config{}, err
	}
	base, err := delgrad.Preset(s.Preset)
	if err != nil {
		return delgrad.Config{}, SettingError(err)
	}
	loss, _ := delgrad.ParseLoss(s.Loss)
	L := len(s.Hidden) + 1
	// perLayer stretches a preset's [hidden…, output] list to L layers:
	// every hidden layer takes the preset's first entry, the output its last.
	perLayer := func(n int, at func(i int)) {
		for l := range L {
			if l == L-1 {
				at(n - 1)
			} else {
				at(0)
			}
		}
	}
	c := base.Clone()
	c.Dataset = s.Dataset
	c.Hidden = slices.Clone(s.Hidden)
	c.Outputs = classes
	c.Delays = slices.Clone(s.Delays)
	c.Neuron.TauMem = s.TauRatio * c.Neuron.TauSyn
	c.Loss = loss
	c.Batch = s.Batch
	c.Seed = s.Seed
	c.Protocol, _ = delgrad.ParseProtocol(s.Protocol)
	c.LRWeights, c.LRDelays = make([]float64, L), make([]float64, L)
	for l := range L {
		c.LRWeights[l], c.LRDelays[l] = s.LRWeights, s.LRDelays
	}
	c.WeightInit, c.BumpFraction = nil, nil
	perLayer(len(base.WeightInit), func(i int) { c.WeightInit = append(c.WeightInit, base.WeightInit[i]) })
	perLayer(len(base.BumpFraction), func(i int) { c.BumpFraction = append(c.BumpFraction, base.BumpFraction[i]) })
	if base.Bias != nil {
		c.Bias = nil
		perLayer(len(base.Bias), func(i int) { c.Bias = append(c.Bias, slices.Clone(base.Bias[i])) })
	}
	if err := c.Validate(); err != nil {
		return delgrad.Config{}, SettingError(err)
	}
	return c, nil
}

// finite reports whether v is a usable number.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// Custom reports whether the settings' recipe differs from their preset's
// (architecture, neuron, loss, learning rates or batch size); the seed,
// the data set and the protocol do not make a recipe custom.
func (s Settings) Custom() bool {
	p, err := PresetSettings(s.Preset)
	if err != nil {
		return true
	}
	return !slices.Equal(s.Hidden, p.Hidden) || !slices.Equal(s.Delays, p.Delays) || s.TauRatio != p.TauRatio ||
		s.Loss != p.Loss || s.LRWeights != p.LRWeights || s.LRDelays != p.LRDelays || s.Batch != p.Batch
}
