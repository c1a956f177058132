package chip

import "math"

// EventBytes is what one recorded spike costs: a 16-bit timestamp (a 30 τ
// window holds 22,500 ticks of 8 ns) and a 16-bit neuron address. It is
// this package's accounting, not the FPGA's wire format.
const EventBytes = 4

// chipWindow is the window (τ) a trace-based method would digitise when
// the Config has no window of its own: the chip's 30 τ (§9).
const chipWindow = 30

// IOStats counts the observations a forward pass produced, and what a
// method that reads membrane traces would have needed over the same
// window: every neuron digitised by the ADC for the whole window.
//
//	SpikeBytes = Spikes·EventBytes
//	TraceBytes = Patterns·Neurons·TraceSamples·⌈ADCBits/8⌉
//
// where Neurons counts the hidden and output neurons of the network (delay
// elements and inputs are not observed) and TraceSamples is
// ⌈Window·TauMicros·ADCRate⌉ (333 for 30 τ at 1.85 MS/s).
type IOStats struct {
	Patterns   int64 // samples run
	Spikes     int64 // spikes recorded (first spike per neuron inside the window)
	SpikeBytes int64 // bytes of spike events
	TraceBytes int64 // bytes a trace-based method would have read
}

// Add returns the sum of two counts.
func (s IOStats) Add(o IOStats) IOStats {
	return IOStats{s.Patterns + o.Patterns, s.Spikes + o.Spikes, s.SpikeBytes + o.SpikeBytes, s.TraceBytes + o.TraceBytes}
}

// Saving is how many times fewer bytes spike times take than traces
// (+Inf if no spike was recorded, NaN if nothing ran).
func (s IOStats) Saving() float64 {
	return float64(s.TraceBytes) / float64(s.SpikeBytes)
}

// TraceSamples is the number of ADC samples per neuron and pattern:
// ⌈Window·TauMicros·ADCRate⌉, over the chip's 30 τ when Window is +Inf.
func (c Config) TraceSamples() int64 {
	w := c.Window
	if math.IsInf(w, 1) {
		w = chipWindow
	}
	// 180 µs·1.85/µs is 333 up to rounding: do not let an ulp add a sample.
	x := w * c.TauMicros * c.ADCRate
	return int64(math.Ceil(x - 1e-9*math.Max(1, x)))
}

// patternIO is the IOStats of one pattern with spikes recorded spikes on a
// network of neurons neurons.
func (c Config) patternIO(spikes, neurons int) IOStats {
	return IOStats{
		Patterns:   1,
		Spikes:     int64(spikes),
		SpikeBytes: int64(spikes) * EventBytes,
		TraceBytes: int64(neurons) * c.TraceSamples() * int64((c.ADCBits+7)/8),
	}
}
