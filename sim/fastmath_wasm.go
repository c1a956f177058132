//go:build wasm

package sim

// Under WebAssembly math.Exp and math.Log are Go's portable code, and
// expGo and logGo are that code with cheaper scaling: same bits, less
// time (see fastmath.go).

func exp(x float64) float64 { return expGo(x) }

func log(x float64) float64 { return logGo(x) }

func exps(xs []float64) { expsGo(xs) }

func logs(xs []float64) { logsGo(xs) }
