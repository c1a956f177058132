package chip

import "math"

// HardwareWeight is the signed synapse value of a model weight w:
// clip(round(WeightScale·w), −WeightMax, WeightMax) (§9). Halves round to
// even, as torch.round does in the authors' code. NaN maps to 0. With the
// weight grid off (WeightScale = 0) it returns 0: use Quantise.
func (c Config) HardwareWeight(w float64) int {
	if c.WeightScale == 0 || math.IsNaN(w) {
		return 0
	}
	m := float64(c.WeightMax)
	return int(math.Max(-m, math.Min(m, math.RoundToEven(c.WeightScale*w))))
}

// Quantise is the model weight the chip realises for w before gain
// mismatch: HardwareWeight(w)/WeightScale, or w itself with the weight grid
// off. Weights already on the grid and inside the range come back unchanged.
func (c Config) Quantise(w float64) float64 {
	if c.WeightScale == 0 {
		return w
	}
	return float64(c.HardwareWeight(w)) / c.WeightScale
}

// Rows splits a signed hardware weight into the 6-bit values of the
// excitatory and the inhibitory synapse row that realise it: the sign
// belongs to the row, so one of the two is always 0 (§9).
func Rows(whw int) (exc, inh uint8) {
	if whw >= 0 {
		return uint8(whw), 0
	}
	return 0, uint8(-whw)
}
