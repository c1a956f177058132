// Package assets holds the examples anyone can open: trained runs as .dlab
// checkpoints, embedded in the program, with a catalogue that names each
// one and says in one sentence what it shows. The page lists them under
// Model ("Examples") and `delaylab examples` lists them or writes one out.
//
// The checkpoints are made by scripts/make-examples.sh, one `delaylab
// train` each with fixed seeds; examples/MANIFEST records the commit and
// the command lines, and examples/RESULTS the test accuracy that train
// printed for each, which a checkpoint does not itself record. A test
// reopens every example as a user's program would and evaluates it afresh
// against that figure.
//
// The package is data: it imports nothing of the project, so the page and
// the command line can both embed it and decode the files with their own
// reader (package checkpoint).
package assets
