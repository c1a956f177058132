// Package chip models a BrainScaleS-2-like neuromorphic chip (docs/science.md §9)
// as a substrate for DelGrad training: networks run on it with quantised
// weights, mismatched neurons, delay elements and trial-to-trial noise, and
// it reports spike times only, as the hardware does.
//
// A Config holds the hardware's facts and the size of each effect; an
// Instance is one chip, its fixed pattern drawn from a seed; a Substrate
// maps a network onto an Instance (Prepare) and runs samples on it
// (Forward for one, Run for a batch). Substrate satisfies delgrad's
// Substrate interface without importing delgrad.
//
// # Units
//
// Model quantities are in the units of package sim: times in τs, voltages
// in the units of the threshold ϑ, weights in ϑ per unit of PSP kernel.
// One model time unit is TauMicros = 6 µs on the chip. Hardware quantities
// that the sources give in µs stay in µs (TimestampGrid, DelayOffset,
// DelayTick, DelayOffsetStd, ADCRate per µs); everything else, including
// jitters and the window, is in τ. Relative spreads (TauMemStd, TauSynStd,
// GainStd) are fractions of the nominal value.
//
// # Sources of noise
//
// Fixed pattern, drawn once per chip from the Instance's seed (circuit j
// and delay element e always get the same values, whatever the network):
//   - threshold offset N(0.13, 0.08²) per neuron, added to ϑ;
//   - τm and τs factors 1 + N(0, σ²) per neuron (realistic preset only);
//     mismatched neurons have τm ≠ τs and use sim's general-ratio solver;
//   - synaptic gain factors 1 + N(0, σ²) per neuron, one for its
//     excitatory and one for its inhibitory rows (realistic preset only);
//   - delay element offset errors N(0, σ²) µs (realistic preset only).
//
// Per mini-batch (sim.Trial.Batch, Eval): threshold noise N(0, 0.04²) per
// neuron. Per sample (Batch, Sample, Eval): spike jitter per neuron, delay
// jitter N(0, 0.01² τ²) per element, dropped spikes per element. Every
// source has its own random stream keyed by a hash of the chip seed and
// these fields, so a forward pass gives the same result on any goroutine,
// and switching one source off leaves the draws of the others unchanged.
// A threshold is never let fall closer to the leak potential than 1 % of
// the nominal ϑ − E_l, nor a time constant or gain below 0.1 of nominal:
// at the configured spreads neither ever happens.
//
// Deterministic hardware effects: weights become w_hw = clip(round(30·w),
// −63, 63) (a signed weight is an excitatory or an inhibitory 6-bit row);
// delays become delay elements, 2 µs + ticks/8 µs with ticks =
// round((d_µs − 2)·8) clipped to [50, 250]; spike times are recorded on an
// 8 ns grid within a 30 τ window. Only axonal delays exist: Prepare
// rejects dendritic and synaptic ones with a DelayKindError naming the
// layer. The copies of an input feature share one delay element when they
// ask for the same delay.
//
// With IdealConfig every effect is off and a Substrate computes exactly
// what sim.Workspace.Forward does.
//
// # What is measured
//
// Forward leaves in the workspace the spike times the FPGA records: the
// first spike of each neuron, jittered, rounded to the timestamp grid, +Inf
// when it falls outside the window. The next layer is driven by the analog
// (jittered, not gridded) spike, as on the chip; a spike after the window
// can only cause later spikes, so cutting the recording there changes
// nothing else. Membrane slopes and causal sets are not measured and are
// left zero.
//
// Chip-in-the-loop training therefore runs the forward pass here and the
// backward pass (delgrad's Backprop) with the nominal neuron and the
// full-precision shadow weights at the measured times; delays pass their
// gradients straight through the delay elements. Prepare re-quantises the
// shadow network after every optimiser step and never modifies it. With
// this package's noise this is also "hardware-aware training in software".
//
// IOStats counts what the measurement costs: EventBytes per recorded
// spike, against an 8-bit ADC reading every neuron's membrane at 1.85 MS/s
// over the window (333 bytes per neuron and pattern), which is what a
// trace-based method would need.
package chip
