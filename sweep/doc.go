// Package sweep runs grids of training runs — hidden sizes × delay kinds ×
// seeds, on the ideal simulator or the chip model — in parallel, appends
// one CSV row per finished run (so an interrupted sweep resumes where it
// stopped), and draws the figures of the DelGrad comparison with
// gonum/plot. It is used by `delaylab sweep`; it is native-only tooling.
package sweep
