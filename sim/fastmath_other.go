//go:build !wasm

package sim

import "math"

// Natively math's own (assembly on amd64) stay: see fastmath.go.

func exp(x float64) float64 { return math.Exp(x) }

func log(x float64) float64 { return math.Log(x) }

// exps replaces every element of xs by its exponential.
func exps(xs []float64) {
	for i, x := range xs {
		xs[i] = math.Exp(x)
	}
}

// logs replaces every element of xs by its logarithm.
func logs(xs []float64) {
	for i, x := range xs {
		xs[i] = math.Log(x)
	}
}
