// Package run is the owner of a training run: the recipe, its data and
// spike coding, the substrate the forward passes run on (the ideal
// simulator or a chip instance), the trainer and its evaluation, and the
// checkpoint that records them. The page (app), the command line and the
// sweep build runs only through it, so that a run means the same thing,
// bit for bit, wherever it is started.
//
//   - New starts a run of a recipe on a substrate; Open continues the run a
//     checkpoint holds; FromModel starts from given parameters (a share
//     link).
//   - Step, RunEpoch, Progress and Done drive it; Evaluate and Predictions
//     test a split; File is the run as a checkpoint.
//   - Substrate and ParseSubstrate are the one parser of substrate names
//     ("ideal", "chip", "chip-realistic", "chip-ideal").
//   - Forward and Predictions are the one evaluation loop, also for
//     networks that are not being trained (delaylab eval).
package run
