package chip

import (
	"fmt"
	"math"
)

// Config describes the chip model: the hardware's fixed facts (grids,
// ranges, window) and the size of every source of noise. Each effect is
// switched off by its zero value (Window and TauMicros excepted, see their
// comments); Without does that by name.
//
// Sources: "§9" is docs/science.md §9 (the BrainScaleS-2 facts and the noise the
// DelGrad authors modelled); "ours" marks values the authors did not model,
// chosen here and explained in the field's comment.
type Config struct {
	// TauMicros is one model time unit (τs) in µs on the chip: the chip runs
	// 1000× faster than biology with τm = τs = 6 µs (§1, §9). It converts the
	// µs-valued fields below; it must be positive.
	TauMicros float64

	// Circuits is the number of neuron circuits (512 on BrainScaleS-2, §9).
	// Every network neuron takes one and every delay element two; Prepare
	// rejects networks that need more. 0: unlimited.
	Circuits int

	// InputCopies is how many input rows carry each input feature (5, §9:
	// each Yin-Yang input is duplicated to reach enough drive). Row r
	// carries feature r mod (Inputs/InputCopies), as delgrad's Model lays
	// them out; copies whose axonal delays are equal share one delay
	// element. Prepare requires Inputs to be a multiple; 1: no copies.
	InputCopies int

	// WeightScale is hardware weight units (LSB) per model weight unit
	// (30, §9): w_hw = clip(round(WeightScale·w), −WeightMax, WeightMax),
	// so the grid is 1/30 and |w| ≤ 2.1. 0: analog weights (no grid, no clip).
	WeightScale float64
	// WeightMax is the largest 6-bit synapse value (63, §9).
	WeightMax int

	// ThresholdOffsetMean and ThresholdOffsetStd (model voltage units, the
	// units of ϑ) are the fixed-pattern threshold offset of each neuron,
	// N(0.13, 0.08²), drawn once per chip (§9). Both 0: off.
	ThresholdOffsetMean, ThresholdOffsetStd float64
	// ThresholdTrialStd (model voltage units) is the threshold noise of
	// each neuron redrawn for every mini-batch, N(0, 0.04²) (§9). 0: off.
	ThresholdTrialStd float64

	// TauMemStd and TauSynStd are the fixed-pattern spread of each
	// neuron's τm and τs after calibration, relative to the nominal value:
	// τ = τ_nominal·(1 + Std·z), z ~ N(0, 1). Not modelled by the authors;
	// §9 gives about ±1–2 µs around 6 µs. Ours: 0.125 (0.75 µs) in the
	// realistic preset, so ±2σ is ±1.5 µs and the ratio τm/τs has a
	// log-spread of 0.18 (2σ range 0.70–1.42). 0: off.
	TauMemStd, TauSynStd float64
	// GainStd is the fixed-pattern spread of each neuron's synaptic gain,
	// relative (gain = 1 + GainStd·z), drawn separately for its excitatory
	// and its inhibitory input rows. Not modelled by the authors; §9 gives
	// a few per cent. Ours: 0.03 in the realistic preset. 0: off.
	GainStd float64
	// SpikeJitter (τ) is the standard deviation of a normal jitter on
	// every neuron spike, redrawn for every sample; the jittered spike is
	// both recorded and sent on. Not modelled by the authors. Ours: 0.005 τ
	// (30 ns) in the realistic preset. 0: off.
	SpikeJitter float64

	// TimestampGrid (µs) is the FPGA's timestamp resolution (8 ns = 0.008,
	// §9). Recorded spike times are rounded to the nearest multiple; the
	// analog spike still drives the next layer. 0: no grid.
	TimestampGrid float64
	// Window (τ) is the observation window per pattern (30 τ = 180 µs, §9):
	// only spikes at t ≤ Window are recorded, later neurons count as silent.
	// +Inf: no window. Must be positive.
	Window float64

	// DelayOffset (µs) is the nominal latency of a delay element beyond
	// its refractory time: §9's ticks = (d_µs − 2)·8 and its range
	// 8.25–33.25 µs for ticks 50–250 mean delay = 2 µs + ticks/8 µs.
	DelayOffset float64
	// DelayTick (µs) is the refractory counter's step (1/8 µs, §9). A model
	// delay d becomes ticks = round((d·TauMicros − DelayOffset)/DelayTick),
	// clipped to [DelayTickMin, DelayTickMax]. 0: no delay grid and no
	// clipping (the element realises d itself, plus its mismatch).
	DelayTick float64
	// DelayTickMin and DelayTickMax bound the refractory setting (50 and
	// 250 ticks, §9: 8.25–33.25 µs, 1.4–5.5 τ).
	DelayTickMin, DelayTickMax int
	// DelayOffsetStd (µs) is the fixed-pattern spread of each element's
	// offset; the software does not know it, so it is a fixed delay error.
	// Not modelled by the authors (delay elements have their own offsets, §9).
	// Ours: 0.3 µs (0.05 τ) in the realistic preset. 0: off.
	DelayOffsetStd float64
	// DelayJitter (τ) is the standard deviation of a normal jitter of each
	// element's delay, redrawn for every sample (0.01 τ, §9). 0: off.
	DelayJitter float64
	// DelayDrop is the probability that an element drops the spike it
	// carries, drawn for every sample (elements can lose spikes, §9). Ours: 0.01
	// in the realistic preset. 0: off.
	DelayDrop float64

	// ADCRate (samples per µs, i.e. MS/s) and ADCBits are the membrane ADC
	// a trace-based method would read (1.85 MS/s, 8 bit, §9). They only
	// enter the I/O accounting (IOStats.TraceBytes).
	ADCRate float64
	ADCBits int
}

// DefaultConfig is the chip as the DelGrad authors modelled it (§9): 6-bit
// weights, five input copies, threshold offset and per-batch threshold
// noise, 8 ns timestamps in a 30 τ window, delay elements on their 1/8 µs
// grid with 0.01 τ jitter. The extras they did not model are off.
func DefaultConfig() Config {
	return Config{
		TauMicros:           6,
		Circuits:            512,
		InputCopies:         5,
		WeightScale:         30,
		WeightMax:           63,
		ThresholdOffsetMean: 0.13,
		ThresholdOffsetStd:  0.08,
		ThresholdTrialStd:   0.04,
		TimestampGrid:       0.008,
		Window:              30,
		DelayOffset:         2,
		DelayTick:           0.125,
		DelayTickMin:        50,
		DelayTickMax:        250,
		DelayJitter:         0.01,
		ADCRate:             1.85,
		ADCBits:             8,
	}
}

// RealisticConfig is DefaultConfig plus the mismatch real chips have but
// the authors did not model: τm and τs spread, synaptic gain spread, spike
// jitter, element offsets and dropped delayed spikes (values: see Config).
func RealisticConfig() Config {
	c := DefaultConfig()
	c.TauMemStd, c.TauSynStd = 0.125, 0.125
	c.GainStd = 0.03
	c.SpikeJitter = 0.005
	c.DelayOffsetStd = 0.3
	c.DelayDrop = 0.01
	return c
}

// IdealConfig switches every effect off: no grids, no window, no noise, no
// copies and no circuit limit. A Substrate with it computes exactly what
// the ideal simulator does.
func IdealConfig() Config {
	c := DefaultConfig().Without(Effects()...)
	c.Circuits = 0
	c.InputCopies = 1
	return c
}

// Validate reports the first field that makes the model meaningless.
func (c Config) Validate() error {
	bad := func(format string, a ...any) error {
		return newError(ErrConfig, format, a...)
	}
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	if !(c.TauMicros > 0) || !finite(c.TauMicros) {
		return bad("TauMicros = %v must be positive", c.TauMicros)
	}
	if c.Circuits < 0 || c.InputCopies < 1 || c.WeightMax < 0 || c.ADCBits < 0 {
		return bad("Circuits, WeightMax and ADCBits must be ≥ 0 and InputCopies ≥ 1")
	}
	if !finite(c.ThresholdOffsetMean) {
		return bad("ThresholdOffsetMean = %v must be finite", c.ThresholdOffsetMean)
	}
	for _, f := range []struct {
		name string
		v    float64
	}{
		{"WeightScale", c.WeightScale}, {"ThresholdOffsetStd", c.ThresholdOffsetStd},
		{"ThresholdTrialStd", c.ThresholdTrialStd}, {"TauMemStd", c.TauMemStd},
		{"TauSynStd", c.TauSynStd}, {"GainStd", c.GainStd}, {"SpikeJitter", c.SpikeJitter},
		{"TimestampGrid", c.TimestampGrid}, {"DelayOffset", c.DelayOffset},
		{"DelayTick", c.DelayTick}, {"DelayOffsetStd", c.DelayOffsetStd},
		{"DelayJitter", c.DelayJitter}, {"ADCRate", c.ADCRate},
	} {
		if !(f.v >= 0) || !finite(f.v) {
			return bad("%s = %v must be finite and ≥ 0", f.name, f.v)
		}
	}
	if !(c.Window > 0) {
		return bad("Window = %v must be positive (+Inf: no window)", c.Window)
	}
	if !(c.DelayDrop >= 0 && c.DelayDrop <= 1) {
		return bad("DelayDrop = %v must be a probability", c.DelayDrop)
	}
	if c.DelayTick > 0 && (c.DelayTickMin < 0 || c.DelayTickMax < c.DelayTickMin) {
		return bad("delay ticks [%d, %d] must satisfy 0 ≤ min ≤ max", c.DelayTickMin, c.DelayTickMax)
	}
	return nil
}

// Effect names one hardware effect of the model, so that it can be
// switched off on its own.
type Effect uint8

// The effects, in the order of Config's fields.
const (
	WeightGrid        Effect = iota // 6-bit weights on the 1/30 grid, clipped
	ThresholdOffset                 // fixed-pattern threshold offset
	ThresholdTrial                  // per-batch threshold noise
	TauMismatch                     // fixed-pattern τm and τs spread
	GainSpread                      // fixed-pattern synaptic gain spread
	SpikeJitter                     // per-sample spike-time jitter
	TimestampGrid                   // 8 ns recording grid
	ObservationWindow               // 30 τ window
	DelayGrid                       // delay element ticks and their range
	DelayMismatch                   // fixed-pattern delay element offsets
	DelayJitter                     // per-sample delay jitter
	DelayDrop                       // per-sample dropped delayed spikes
	numEffects
)

var effectNames = [numEffects]string{
	"weight-grid", "threshold-offset", "threshold-trial", "tau-mismatch", "gain-spread",
	"spike-jitter", "timestamp-grid", "window", "delay-grid", "delay-mismatch",
	"delay-jitter", "delay-drop",
}

func (e Effect) String() string {
	if e < numEffects {
		return effectNames[e]
	}
	return fmt.Sprintf("Effect(%d)", e)
}

// Effects lists every effect.
func Effects() []Effect {
	out := make([]Effect, numEffects)
	for i := range out {
		out[i] = Effect(i)
	}
	return out
}

// Without returns c with the given effects switched off.
func (c Config) Without(effects ...Effect) Config {
	for _, e := range effects {
		switch e {
		case WeightGrid:
			c.WeightScale = 0
		case ThresholdOffset:
			c.ThresholdOffsetMean, c.ThresholdOffsetStd = 0, 0
		case ThresholdTrial:
			c.ThresholdTrialStd = 0
		case TauMismatch:
			c.TauMemStd, c.TauSynStd = 0, 0
		case GainSpread:
			c.GainStd = 0
		case SpikeJitter:
			c.SpikeJitter = 0
		case TimestampGrid:
			c.TimestampGrid = 0
		case ObservationWindow:
			c.Window = math.Inf(1)
		case DelayGrid:
			c.DelayTick = 0
		case DelayMismatch:
			c.DelayOffsetStd = 0
		case DelayJitter:
			c.DelayJitter = 0
		case DelayDrop:
			c.DelayDrop = 0
		}
	}
	return c
}
