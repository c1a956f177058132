//go:build !wasm

package sim

import "math"

// Natively math's own (assembly on amd64) stay: see fastmath.go.

func exp(x float64) float64 { return math.Exp(x) }

func log(x float64) float64 { return math.Log(x) }
