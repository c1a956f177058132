// Package netjson reads and writes net.json, DelayLab's plain JSON
// description of a trained network for other tools (plotting scripts,
// other simulators). It is an interchange, not a checkpoint: it holds the
// neuron, the input coding and, per layer, the weights and the effective
// delays, but no training state (the .dlab checkpoint in package
// checkpoint has that).
//
// The reader is hand-written rather than encoding/json's reflection so that
// every problem is reported by its JSON path and hostile input is bounded
// (MaxBytes and size limits) before large slices are allocated. The writer emits numbers with
// AppendNumber, the shortest text that reads back to the same float64,
// which the CLI's JSON outputs share.
package netjson
