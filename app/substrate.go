package app

import (
	"errors"
	"fmt"
	"math"

	"delaylab/checkpoint"
	"delaylab/chip"
	"delaylab/delgrad"
	"delaylab/run"
	"delaylab/sim"
)

// The substrate is what runs the forward passes of training: the ideal
// simulator, or a chip model (quantised 6-bit weights, fixed-pattern
// threshold offsets drawn from the chip seed, threshold noise per
// mini-batch, delay elements). Switching it keeps the model: training goes
// on "chip in the loop" from where it is.

// MaxChipNoise bounds the noise scale of the chip model.
const MaxChipNoise = 4.0

// ChipSettings choose the substrate.
type ChipSettings struct {
	On   bool   // train on the chip model instead of the ideal simulator
	Seed uint64 // the chip instance: its fixed-pattern mismatch
	// Realistic chooses the realistic chip model: the authors' model plus
	// the mismatch real chips have (τm/τs and gain spread, spike jitter,
	// delay-element offsets and drops; chip.RealisticConfig).
	Realistic bool
	// Noise scales the chip's threshold offsets, its per-batch threshold
	// noise and the delay elements' jitter: 1 is the chip as the DelGrad
	// authors modelled it, 0 a noiseless (but still quantised) chip.
	Noise float64
	// Off switches effects of the chip model off, for ablations: bit e is
	// chip.Effect(e) (see ChipEffects).
	Off uint32
}

// chipMode is the session's substrate choice and the chip model it scales.
type chipMode struct {
	ChipSettings
	base chip.Config // the chip model at noise scale 1
}

// pageChip is the page's chip model: DelayLab's default chip (docs/science.md
// §9), or the realistic one; its input copies follow the network (see
// config).
func pageChip(realistic bool) chip.Config {
	if realistic {
		return chip.RealisticConfig()
	}
	return chip.DefaultConfig()
}

// forPreset is the substrate choice after choosing a preset: its chip
// model at noise ×1 for the chip presets (the BrainScaleS-2 recipes: 4×5
// inputs, τm = τs, ϑ = 2.6), the ideal simulator for the others. The chip
// seed stays.
func (m chipMode) forPreset(name string) chipMode {
	cfg, _ := delgrad.Preset(name)
	sub, err := run.ForRecipe(cfg)
	if err != nil || !sub.OnChip() {
		m.On = false
		return m
	}
	m.On, m.Noise, m.base = true, 1, sub.Chip
	m.Realistic = sub.Realistic()
	return m
}

// config is the chip model at the chosen noise scale for a network whose
// input rows repeat each feature copies times.
func (m *chipMode) config(copies int) chip.Config {
	c := m.base
	c.InputCopies = max(copies, 1)
	c.ThresholdOffsetStd *= m.Noise
	c.ThresholdTrialStd *= m.Noise
	c.DelayJitter *= m.Noise
	return c.Without(offEffects(m.Off)...)
}

// substrateFor is the substrate (and chip seed) the session trains a
// network of set on.
func (s *Session) substrateFor(set Settings) (run.Substrate, uint64, error) {
	cfg, err := delgrad.Preset(set.Preset)
	if err != nil {
		return run.Substrate{}, 0, err
	}
	return s.chip.substrate(cfg.Copies), s.chip.Seed, nil
}

// substrate is the chip mode as a substrate for a network whose inputs
// repeat each feature copies times.
func (m *chipMode) substrate(copies int) run.Substrate {
	switch {
	case !m.On:
		return run.Substrate{Name: run.Ideal}
	case m.Realistic:
		return run.Substrate{Name: run.ChipRealistic, Chip: m.config(copies)}
	}
	return run.Substrate{Name: run.Chip, Chip: m.config(copies)}
}

// Chip returns the substrate settings.
func (s *Session) Chip() ChipSettings { return s.chip.ChipSettings }

// SetChip switches the substrate, the chip instance or its noise. The
// model is kept; training continues on the new substrate. A network the
// chip cannot run (synaptic or dendritic delays, too many neurons) is
// refused with the chip's reason, and nothing changes.
func (s *Session) SetChip(c ChipSettings) error {
	if !(c.Noise >= 0 && c.Noise <= MaxChipNoise) {
		return badSetting("chip noise ×%v (want 0 to %v)", c.Noise, MaxChipNoise)
	}
	if c.Off&^switchable() != 0 {
		return badSetting("chip effects %#x (want a subset of %#x)", c.Off, switchable())
	}
	m := s.chip
	if c.Realistic != m.Realistic {
		m.base = pageChip(c.Realistic)
	}
	m.ChipSettings = c
	if err := s.rn.SetSubstrate(m.substrate(s.tr.Model().Copies), c.Seed); err != nil {
		if !c.On {
			return err
		}
		hint := ""
		if errors.Is(err, chip.ErrDelayKind) {
			hint = "; choose axonal delays or none"
		}
		return fmt.Errorf("%w: the chip cannot run this network: %s%s", ErrSetting, checkpoint.Reason(err), hint)
	}
	s.chip = m
	s.cost = costModel{}
	s.changed() // the picture (quantised weights) changes
	return nil
}

// chipState is what a checkpoint records of the substrate: nil for the
// ideal simulator.
func (s *Session) chipState() *checkpoint.ChipState {
	return s.chip.substrate(s.tr.Model().Copies).State(s.chip.Seed)
}

// chipFromFile is the substrate choice a checkpoint records. The model
// (authors' or realistic), the noise scale and the effects switched off
// are recovered when the file's chip is one of the page's chips so
// changed; any other chip model is kept exactly, at scale 1.
func chipFromFile(st *checkpoint.ChipState) chipMode {
	if st == nil {
		return chipMode{ChipSettings: ChipSettings{Noise: 1}, base: pageChip(false)}
	}
	cfg := st.ChipConfig()
	for _, realistic := range []bool{false, true} {
		if m, ok := pageChipFor(cfg, realistic, st.Seed); ok {
			return m
		}
	}
	return chipMode{ChipSettings: ChipSettings{On: true, Seed: st.Seed, Noise: 1}, base: cfg}
}

// pageChipFor finds the noise scale and the effects switched off that make
// the page's chip model (realistic or not) equal to cfg. The candidates
// are few (the scale is one of the ratios of the scaled fields, and at
// most 2^11 sets of effects), so it simply tries them.
func pageChipFor(cfg chip.Config, realistic bool, seed uint64) (chipMode, bool) {
	base := pageChip(realistic)
	scales := []float64{1}
	for _, r := range [][2]float64{
		{cfg.ThresholdTrialStd, base.ThresholdTrialStd},
		{cfg.ThresholdOffsetStd, base.ThresholdOffsetStd},
		{cfg.DelayJitter, base.DelayJitter},
	} {
		if r[0] > 0 && r[1] > 0 {
			scales = append(scales, r[0]/r[1])
		}
	}
	var present []uint32 // the bits of the effects the base has
	for _, e := range chip.Effects() {
		if bit := uint32(1) << e; bit&switchable() != 0 && hasEffect(base, e) {
			present = append(present, bit)
		}
	}
	for _, k := range scales {
		if !(k >= 0 && k <= MaxChipNoise) {
			continue
		}
		for subset := range 1 << len(present) {
			var off uint32
			for i, bit := range present {
				if subset&(1<<i) != 0 {
					off |= bit
				}
			}
			m := chipMode{ChipSettings: ChipSettings{On: true, Seed: seed, Noise: k, Realistic: realistic, Off: off}, base: base}
			if m.config(cfg.InputCopies) == cfg {
				return m, true
			}
		}
	}
	return chipMode{}, false
}

// quantised returns n with the weights the chip realises (6-bit grid,
// clipped) when training on the chip, for the network view; n itself
// otherwise. n must be a copy the session owns.
func (s *Session) quantised(n *sim.Network) *sim.Network {
	if !s.chip.On {
		return n
	}
	c := s.chip.config(s.tr.Model().Copies)
	for l := range n.Layers {
		w := n.Layers[l].Weights
		for i, v := range w {
			w[i] = c.Quantise(v)
		}
	}
	return n
}

// CompareSubstrates evaluates the current model on the validation split
// with the ideal simulator and with the chip model (the chosen instance
// and noise, or the page's chip at seed 0 when training runs on the ideal
// simulator), for the side-by-side view. The chip's figure is NaN when the
// chip cannot run the network; err then says why.
func (s *Session) CompareSubstrates() (ideal, onChip float64, err error) {
	t := s.tr
	_, val := t.Samples()
	orig := t.Substrate()
	defer t.SetSubstrate(orig)
	t.SetSubstrate(&delgrad.Ideal{})
	_, ideal = t.Evaluate(val)
	m := s.chip
	cs, err := chip.NewSubstrate(m.config(t.Model().Copies), m.Seed)
	if err == nil {
		err = t.SetSubstrate(cs)
	}
	if err != nil {
		return ideal, math.NaN(), err
	}
	_, onChip = t.Evaluate(val)
	return ideal, onChip, nil
}
