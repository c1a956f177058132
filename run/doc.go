// Package run is the owner of a training run: the recipe, its data, the
// spike coding, the substrate the forward passes run on, the trainer and
// its evaluation, and the checkpoint that records them. The page (app),
// the command line and the sweep build runs through it, so that a run
// means the same thing wherever it is started.
//
// This first part holds the substrates: one parser for their names
// ("ideal", "chip", "chip-realistic", "chip-ideal"), used by every caller
// that reads a name from a recipe, a flag, a checkpoint or the page.
package run
