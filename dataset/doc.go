// Package dataset provides the 2-D classification data the networks learn
// and the latency code that turns a sample into input spikes.
//
// # Data sets
//
// Yin-Yang (Kriener et al.) is reproduced bit for bit: YinYang replays the
// reference generator's MT19937 stream exactly, so the reference splits
// (train seed 42, validation 41, test 40) have the SHA-256 digests listed in
// shared/testdata/yinyang.md. Xor, Circles and Spirals are small synthetic
// sets for quick experiments, and "csv" data comes from a caller-supplied
// file read with ReadCSV. Generate builds all three splits from a Spec, and
// Parse turns a command-line data name such as "yinyang:test" into one.
//
// # Invariants
//
// Every Point lies in the unit square [0,1]² and has a label in 0..9: the
// latency code maps a coordinate v to a spike at TEarly + v·(TLate−TEarly),
// so coordinates outside [0,1] would produce spikes outside the coding
// window. Generators clip their noise to keep this true, and ReadCSV rejects
// rows that break it rather than silently rescaling them.
//
// # Randomness
//
// All randomness comes from explicit seeds; nothing reads a global source.
// The package does no file I/O so that it runs unchanged under js/wasm: the
// caller opens files and hands over an io.Reader or the parsed points.
package dataset
