//go:build !wasm

package sim

import "math"

// Natively math's own functions (assembly on amd64) give the bits: every
// committed result was made with them. The slice forms take the faster
// Go replicas where a probe at start-up finds that they give the same
// bits (expasm.go; logsGo is the algorithm of amd64's assembly
// logarithm as of Go's portable one), and math's functions one by one
// elsewhere.
var (
	nativeExps = expFusedIsMathExp()
	nativeLogs = logsGoIsMathLog()
)

func exp(x float64) float64 { return math.Exp(x) }

func log(x float64) float64 { return math.Log(x) }

// exps replaces every element of xs by its exponential.
func exps(xs []float64) {
	if nativeExps {
		expsFused(xs)
		return
	}
	for i, x := range xs {
		xs[i] = math.Exp(x)
	}
}

// logs replaces every element of xs by its logarithm.
func logs(xs []float64) {
	if nativeLogs {
		logsGo(xs)
		return
	}
	for i, x := range xs {
		xs[i] = math.Log(x)
	}
}

// logsGoIsMathLog reports whether logsGo gives math.Log's bits on a fixed
// sample of positive normal arguments (the only ones logsGo reduces itself;
// it hands the rest to math.Log).
func logsGoIsMathLog() bool {
	probe := make([]float64, 4096)
	x := uint64(0x6a09e667f3bcc909)
	for i := range probe {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		probe[i] = math.Float64frombits(x&(1<<52-1) | (1+(x>>52)%2046)<<52) // positive, normal, finite
		if i%2 == 0 {
			probe[i] = float64(x>>11) / (1 << 53) * 4 // the roots the solvers take
		}
	}
	return matches(logsGo, math.Log, probe)
}
