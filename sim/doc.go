// Package sim is DelayLab's event-driven simulator of current-based leaky
// integrate-and-fire neurons that each fire at most once (time-to-first-spike
// coding), with transmission delays of every kind.
//
// # Units
//
// Times are in units of the synaptic time constant (τs = 1 by convention),
// the capacitance is C = 1, the leak conductance is g = C/τm and the leak
// potential E_l = 0 unless a Neuron says otherwise. A silent neuron has the
// spike time +Inf.
//
// # Model
//
// A neuron integrates C du/dt = g (E_l − u) + I(t) with
// I(t) = Σ_i w_i Θ(t − t̃_i) exp(−(t − t̃_i)/τs), where t̃_i is the arrival
// time of input i after its delay. Its spike time T is the first time with
// u(T) = ϑ. There is no reset: only the first crossing matters.
//
// Spike times are analytic: for τm = τs through the principal branch of the
// Lambert W function, for τm = 2τs through a quadratic, and for any other
// ratio through a bracketed Halley (or Newton) root on the rising flank.
// The causal-set algorithm sorts a neuron's arrivals and tries the prefixes
// in order; the first candidate that falls inside its own interval is the
// spike.
//
// # Invariants
//
// Forward passes write into a reusable Workspace and do not allocate in
// steady state. A Workspace caches what it derives from a network's
// delays and weights and checks the cache against them on every pass
// (an edit in place is always seen), unless the caller runs the passes
// under a Stamp, promising unchanged parameters until it takes a new one.
// No result is ever NaN: inputs that are +Inf never arrive,
// and large times are handled relative to the first arrival so that
// exponentials stay finite.
//
// # Speed under WebAssembly
//
// The page runs this code compiled to WebAssembly, where Go turns each
// function into one loop around a dispatch table over its blocks: every
// jump to a block other than the next (every further iteration of a loop,
// a taken branch) goes through that table. A call stores its arguments in
// memory and saves every value live across it, and a composite literal
// stored through a pointer is built in a cleared temporary and copied.
// Measured by instructions per training batch, loops that usually run no
// iteration cost there even when skipped, so the hot paths test first
// whether they are needed; splitting a loop in two costs more than its
// branches; a test that does not change inside a loop is made once
// outside it, as Go does not move it out itself; the walk over a layer's
// neurons is one call, not one per neuron; and small helpers on the hot
// paths are kept small enough to be inlined. Counted
// instructions mislead natively, where a mispredicted branch costs more
// than many instructions: each such change was timed natively too, and
// one that saves instructions there but time only under WebAssembly is
// made only there (skipInPlace, binaryInsertion, sentinelWalk).
package sim
