package app

import "delaylab/chip"

// The chip effects the page can switch off one by one: every effect of the
// chip model except its observation window, which only bounds the
// recording (a network does not fire 30 τ late).

// ChipEffect is one switchable effect as the Substrate panel shows it.
type ChipEffect struct {
	Name  string // chip.Effect's name, e.g. "threshold-trial"
	Label string // what the page calls it
	Bit   uint32 // its bit in ChipSettings.Off
	// Present reports whether the chosen chip model has the effect at all
	// (the authors' model lacks the realistic one's extra mismatch).
	Present bool
	On      bool // present and not switched off
}

var effectLabels = map[chip.Effect]string{
	chip.WeightGrid:      "6-bit weights",
	chip.ThresholdOffset: "threshold offsets",
	chip.ThresholdTrial:  "trial noise",
	chip.TauMismatch:     "τ mismatch",
	chip.GainSpread:      "gain spread",
	chip.SpikeJitter:     "spike jitter",
	chip.TimestampGrid:   "8 ns timestamps",
	chip.DelayGrid:       "delay ticks",
	chip.DelayMismatch:   "delay offsets",
	chip.DelayJitter:     "delay jitter",
	chip.DelayDrop:       "dropped spikes",
}

// switchable is the mask of the effects ChipSettings.Off may hold.
func switchable() uint32 {
	var m uint32
	for e := range effectLabels {
		m |= 1 << e
	}
	return m
}

// hasEffect reports whether chip model c has effect e at all.
func hasEffect(c chip.Config, e chip.Effect) bool { return c.Without(e) != c }

// offEffects lists the effects a mask switches off.
func offEffects(off uint32) []chip.Effect {
	var out []chip.Effect
	for _, e := range chip.Effects() {
		if off&(1<<e) != 0 {
			out = append(out, e)
		}
	}
	return out
}

// ChipEffects lists the switchable effects of the chosen chip model, in
// the chip's order, with whether each is present and on.
func (s *Session) ChipEffects() []ChipEffect {
	m := s.chip
	base := m.base
	var out []ChipEffect
	for _, e := range chip.Effects() {
		label, ok := effectLabels[e]
		if !ok {
			continue
		}
		bit := uint32(1) << e
		present := hasEffect(base, e)
		out = append(out, ChipEffect{Name: e.String(), Label: label, Bit: bit, Present: present, On: present && m.Off&bit == 0})
	}
	return out
}
