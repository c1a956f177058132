package sim

import "math"

// amd64's math.Exp is assembly: it rounds x·log₂e to the nearest integer
// k, reduces r = (x − k·ln2)/16 with ln2 in two parts, sums a Taylor
// series for e^r − 1, squares its way back up ((1+y)² − 1 = y(y+2), four
// times) and scales by 2^k. Where the CPU has FMA it fuses the reduction,
// the series and the last step. Its last bit differs from Go's portable
// exponential (the one js/wasm runs) for about one argument in six.
//
// expsFused is that sequence written in Go, two elements side by side per
// iteration, so that a slice of exponentials takes one call, not a call
// into assembly per element, and the CPU overlaps two chains of dependent
// operations: about a fifth less time per exponential. It keeps math.Exp's
// bits, so natively every committed result stays as it was: fastmath_other.go
// uses it only where a probe at start-up finds it equal to math.Exp
// (expFusedIsMathExp; not on a CPU without FMA, whose assembly rounds every
// step, nor on other architectures). Only arguments whose result is a normal
// number are computed here; the rest (overflow, underflow, NaN, ±Inf) go to
// math.Exp.

// The constants of the assembly: ln2 in two parts, so that k·asmLn2Hi is
// exact, and the Taylor coefficients 1/n! for n = 3…8.
const (
	asmLog2e = 1.4426950408889634073599246810018920
	asmLn2Hi = 0.69314718055966295651160180568695068359375
	asmLn2Lo = 0.28235290563031577122588448175013436025525412068e-12
	asmT3    = 1.6666666666666666667e-1
	asmT4    = 4.1666666666666666667e-2
	asmT5    = 8.3333333333333333333e-3
	asmT6    = 1.3888888888888888889e-3
	asmT7    = 1.9841269841269841270e-4
	asmT8    = 2.4801587301587301587e-5
	// Adding roundMagic rounds |v| < 2⁵¹ to an integer, to nearest even,
	// as the assembly's CVTSD2SL does.
	roundMagic = 0x1.8p52
)

// asmInner reports whether the assembly gives x a normal result scaled by
// a normal 2^k: −708 ≤ x ≤ 709 (2 ≤ k + 1023 ≤ 2046; false for NaN).
func asmInner(x float64) bool { return x >= -708 && x <= 709 }

// expsFused replaces every element of xs by math.Exp of it as amd64's
// assembly computes it with FMA. The explicit conversions keep the
// compiler from fusing what the assembly rounds.
func expsFused(xs []float64) {
	i := 0
	for ; i+1 < len(xs); i += 2 {
		x0, x1 := xs[i], xs[i+1]
		if !(asmInner(x0) && asmInner(x1)) {
			xs[i], xs[i+1] = math.Exp(x0), math.Exp(x1)
			continue
		}
		v0, v1 := float64(x0*asmLog2e)+roundMagic, float64(x1*asmLog2e)+roundMagic
		kf0, kf1 := v0-roundMagic, v1-roundMagic
		r0 := math.FMA(-kf0, asmLn2Hi, x0)
		r1 := math.FMA(-kf1, asmLn2Hi, x1)
		r0, r1 = math.FMA(-kf0, asmLn2Lo, r0)*0.0625, math.FMA(-kf1, asmLn2Lo, r1)*0.0625
		p0, p1 := math.FMA(asmT8, r0, asmT7), math.FMA(asmT8, r1, asmT7)
		p0, p1 = math.FMA(p0, r0, asmT6), math.FMA(p1, r1, asmT6)
		p0, p1 = math.FMA(p0, r0, asmT5), math.FMA(p1, r1, asmT5)
		p0, p1 = math.FMA(p0, r0, asmT4), math.FMA(p1, r1, asmT4)
		p0, p1 = math.FMA(p0, r0, asmT3), math.FMA(p1, r1, asmT3)
		p0, p1 = math.FMA(p0, r0, 0.5), math.FMA(p1, r1, 0.5)
		p0, p1 = math.FMA(p0, r0, 1), math.FMA(p1, r1, 1)
		y0, y1 := r0*p0, r1*p1
		y0, y1 = y0*(y0+2), y1*(y1+2)
		y0, y1 = y0*(y0+2), y1*(y1+2)
		y0, y1 = y0*(y0+2), y1*(y1+2)
		y0, y1 = math.FMA(y0, y0+2, 1), math.FMA(y1, y1+2, 1)
		xs[i] = y0 * math.Float64frombits(uint64(int64(kf0)+1023)<<52)
		xs[i+1] = y1 * math.Float64frombits(uint64(int64(kf1)+1023)<<52)
	}
	if i < len(xs) {
		xs[i] = math.Exp(xs[i])
	}
}

// expFusedIsMathExp reports whether expsFused gives math.Exp's bits on a
// fixed sample of arguments: mostly those the solvers take (a few units
// either side of 0), a quarter over the whole range it computes.
func expFusedIsMathExp() bool {
	probe := make([]float64, 4096)
	x := uint64(0x9e3779b97f4a7c15)
	for i := range probe {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		u := float64(x>>11) / (1 << 53)
		probe[i] = 40*u - 30
		if i%4 == 0 {
			probe[i] = 1417*u - 708
		}
	}
	return matches(expsFused, math.Exp, probe)
}

// matches reports whether f, applied to a copy of xs, gives g's bits for
// every element.
func matches(f func([]float64), g func(float64) float64, xs []float64) bool {
	got := append([]float64(nil), xs...)
	f(got)
	for i, x := range xs {
		if math.Float64bits(got[i]) != math.Float64bits(g(x)) {
			return false
		}
	}
	return true
}
