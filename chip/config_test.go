package chip_test

import (
	"errors"
	"math"
	"testing"

	"delaylab/chip"
)

func TestPresetsValid(t *testing.T) {
	for name, c := range map[string]chip.Config{"default": chip.DefaultConfig(), "realistic": chip.RealisticConfig(), "ideal": chip.IdealConfig()} {
		if err := c.Validate(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	d := chip.DefaultConfig()
	// The authors' model (docs/science.md §9).
	if d.WeightScale != 30 || d.WeightMax != 63 || d.InputCopies != 5 || d.ThresholdOffsetMean != 0.13 ||
		d.ThresholdOffsetStd != 0.08 || d.ThresholdTrialStd != 0.04 || d.DelayJitter != 0.01 ||
		d.Window != 30 || d.TimestampGrid != 0.008 || d.TauMicros != 6 || d.DelayTick != 0.125 ||
		d.DelayTickMin != 50 || d.DelayTickMax != 250 || d.DelayOffset != 2 || d.Circuits != 512 {
		t.Errorf("DefaultConfig differs from docs/science.md §9: %+v", d)
	}
	if d.TauMemStd != 0 || d.TauSynStd != 0 || d.GainStd != 0 || d.SpikeJitter != 0 || d.DelayOffsetStd != 0 || d.DelayDrop != 0 {
		t.Errorf("DefaultConfig has effects the authors did not model: %+v", d)
	}
	r := chip.RealisticConfig()
	if r.TauMemStd == 0 || r.TauSynStd == 0 || r.GainStd == 0 || r.SpikeJitter == 0 || r.DelayOffsetStd == 0 || r.DelayDrop == 0 {
		t.Errorf("RealisticConfig misses an extra: %+v", r)
	}
}

// TestWithoutEach: every effect switches off on its own, and switching
// all off is the ideal configuration.
func TestWithoutEach(t *testing.T) {
	r := chip.RealisticConfig()
	seen := map[chip.Config]chip.Effect{}
	for _, e := range chip.Effects() {
		c := r.Without(e)
		if c == r {
			t.Errorf("Without(%v) changed nothing", e)
		}
		if o, dup := seen[c]; dup {
			t.Errorf("Without(%v) = Without(%v)", e, o)
		}
		seen[c] = e
		if err := c.Validate(); err != nil {
			t.Errorf("Without(%v): %v", e, err)
		}
	}
	all := r.Without(chip.Effects()...)
	all.Circuits, all.InputCopies = 0, 1
	if all != chip.IdealConfig() {
		t.Errorf("everything off = %+v, IdealConfig = %+v", all, chip.IdealConfig())
	}
	if !math.IsInf(chip.IdealConfig().Window, 1) {
		t.Error("IdealConfig has a window")
	}
}

func TestValidateRejects(t *testing.T) {
	for name, edit := range map[string]func(*chip.Config){
		"tau":         func(c *chip.Config) { c.TauMicros = 0 },
		"copies":      func(c *chip.Config) { c.InputCopies = 0 },
		"neg std":     func(c *chip.Config) { c.ThresholdOffsetStd = -0.1 },
		"nan jitter":  func(c *chip.Config) { c.SpikeJitter = math.NaN() },
		"inf std":     func(c *chip.Config) { c.GainStd = math.Inf(1) },
		"window":      func(c *chip.Config) { c.Window = 0 },
		"drop":        func(c *chip.Config) { c.DelayDrop = 1.5 },
		"ticks":       func(c *chip.Config) { c.DelayTickMin, c.DelayTickMax = 250, 50 },
		"mean":        func(c *chip.Config) { c.ThresholdOffsetMean = math.NaN() },
		"circuits":    func(c *chip.Config) { c.Circuits = -1 },
		"neg grid":    func(c *chip.Config) { c.TimestampGrid = -0.008 },
		"neg weights": func(c *chip.Config) { c.WeightScale = -30 },
	} {
		c := chip.DefaultConfig()
		edit(&c)
		if err := c.Validate(); !errors.Is(err, chip.ErrConfig) {
			t.Errorf("%s: Validate = %v, want ErrConfig", name, err)
		}
		if _, err := chip.NewInstance(c, 1); err == nil {
			t.Errorf("%s: NewInstance accepted it", name)
		}
	}
}

func TestTraceSamples(t *testing.T) {
	// 30 τ · 6 µs · 1.85 MS/s = 333 samples exactly.
	if n := chip.DefaultConfig().TraceSamples(); n != 333 {
		t.Errorf("TraceSamples = %d, want 333", n)
	}
	if n := chip.IdealConfig().TraceSamples(); n != 333 {
		t.Errorf("TraceSamples without window = %d, want the chip's 333", n)
	}
}
