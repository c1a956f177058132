package sim

import "sync/atomic"

// A Stamp names one setting of a network's parameters. Passes run with
// the same nonzero stamp (ForwardStamped) promise the delays, weights and
// neuron model of the first pass that carried it, bit for bit, and so
// skip checking the workspace's cached synapse factors against them. The
// check compares every delay and weight of every synaptic layer: a few
// percent of a pass natively, more under WebAssembly. A trainer's
// substrate takes a new stamp whenever the parameters change, and the
// thousands of passes in between compare nothing. Stamp 0 promises
// nothing; Forward uses it.
type Stamp uint64

// lastStamp is the last stamp NewStamp handed out.
var lastStamp atomic.Uint64

// NewStamp returns a stamp that no earlier call returned.
func NewStamp() Stamp { return Stamp(lastStamp.Add(1)) }
