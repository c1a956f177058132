package sim

import "math"

// expGo and logGo are Go's portable math.Exp and math.Log (the code that
// math runs where it has no assembly, as on js/wasm), step for step, with
// the same constants and operations, so they return the same bits. They
// differ in how they scale by powers of two: math's Ldexp and Frexp
// normalise, check special cases and take a call each, and math.Exp calls
// expmulti: calls are dear under WebAssembly, and scaling took about a
// quarter of an exponential's time there. Here, where it gives the same
// result, a power of two is built from its bits in one function; the
// rare rest (results beyond the normal range, subnormal arguments of the
// logarithm) goes to math itself, which is this same code on js/wasm. exp
// and log (fastmath_wasm.go, fastmath_other.go) choose them for js/wasm
// only; elsewhere math's own (assembly on amd64) stay, so native results
// are unchanged.

// The constants of math/exp.go and math/log.go, shared by the scalar
// and the slice forms below (whose bodies are written out twice on
// purpose: under WebAssembly a call per element is what they avoid).
const (
	ln2Hi = 6.93147180369123816490e-01 /* 3fe62e42 fee00000 */
	ln2Lo = 1.90821492927058770002e-10 /* 3dea39ef 35793c76 */
	log2e = 1.44269504088896338700e+00

	expOverflow  = 7.09782712893383973096e+02
	expUnderflow = -7.45133219101941108420e+02
	expNearZero  = 1.0 / (1 << 28) // 2**-28

	expP1 = 1.66666666666666657415e-01  /* 0x3FC55555; 0x55555555 */
	expP2 = -2.77777777770155933842e-03 /* 0xBF66C16C; 0x16BEBD93 */
	expP3 = 6.61375632143793436117e-05  /* 0x3F11566A; 0xAF25DE2C */
	expP4 = -1.65339022054652515390e-06 /* 0xBEBBBD41; 0xC5D26BF1 */
	expP5 = 4.13813679705723846039e-08  /* 0x3E663769; 0x72BEA4D0 */

	logL1 = 6.666666666666735130e-01 /* 3FE55555 55555593 */
	logL2 = 3.999999999940941908e-01 /* 3FD99999 9997FA04 */
	logL3 = 2.857142874366239149e-01 /* 3FD24924 94229359 */
	logL4 = 2.222219843214978396e-01 /* 3FCC71C5 1D8E78AF */
	logL5 = 1.818357216161805012e-01 /* 3FC74664 96CB03DE */
	logL6 = 1.531383769920937332e-01 /* 3FC39A09 D078C69F */
	logL7 = 1.479819860511658591e-01 /* 3FC2F112 DF3E5244 */

	// A float64's exponent field.
	expMask, expShift, expBias = 0x7ff, 52, 1023
)

// expGo is math.exp with math.expmulti inlined (math/exp.go).
func expGo(x float64) float64 {
	switch {
	case x != x: // NaN
		return x
	case x > expOverflow:
		return math.Inf(1)
	case x < expUnderflow:
		return 0
	case -expNearZero < x && x < expNearZero:
		return 1 + x
	}
	// reduce; computed as r = hi - lo for extra precision.
	var k int
	switch {
	case x < 0:
		k = int(log2e*x - 0.5)
	case x > 0:
		k = int(log2e*x + 0.5)
	}
	if k < -1022 || k > 1023 {
		return math.Exp(x)
	}
	hi := x - float64(k)*ln2Hi
	lo := float64(k) * ln2Lo
	// expmulti
	r := hi - lo
	t := r * r
	c := r - t*(expP1+t*(expP2+t*(expP3+t*(expP4+t*expP5))))
	y := 1 - ((lo - (r*c)/(2-c)) - hi)
	// y is finite and positive, and 2^k normal: the product is y·2^k
	// correctly rounded, which is what Ldexp(y, k) returns (exactly, or
	// rounded once where the result is subnormal).
	return y * math.Float64frombits(uint64(k+1023)<<52)
}

// expsGo replaces every element of xs by expGo of it, so that the
// exponentials of a neuron's inputs take one call rather than one each.
// It takes them two at a time, the two written out side by side: under
// WebAssembly that halves an exponential's time (7–8 ns rather than
// 14–15 under Node), since the engine then overlaps the two chains of
// dependent operations, the division above all, which it does not do
// across iterations. A pair with an argument outside expInner, and an odd
// last element, go to expGo. TestFastMathBits checks the bits.
func expsGo(xs []float64) {
	i := 0
	for ; i+1 < len(xs); i += 2 {
		x0, x1 := xs[i], xs[i+1]
		if !(expInner(x0) && expInner(x1)) {
			xs[i], xs[i+1] = expGo(x0), expGo(x1)
			continue
		}
		// expGo's reduction and expmulti, for x ≠ 0 and normal 2^k.
		k0, k1 := int(log2e*x0+0.5), int(log2e*x1+0.5)
		if x0 < 0 {
			k0 = int(log2e*x0 - 0.5)
		}
		if x1 < 0 {
			k1 = int(log2e*x1 - 0.5)
		}
		hi0, hi1 := x0-float64(k0)*ln2Hi, x1-float64(k1)*ln2Hi
		lo0, lo1 := float64(k0)*ln2Lo, float64(k1)*ln2Lo
		r0, r1 := hi0-lo0, hi1-lo1
		t0, t1 := r0*r0, r1*r1
		c0 := r0 - t0*(expP1+t0*(expP2+t0*(expP3+t0*(expP4+t0*expP5))))
		c1 := r1 - t1*(expP1+t1*(expP2+t1*(expP3+t1*(expP4+t1*expP5))))
		y0 := 1 - ((lo0 - (r0*c0)/(2-c0)) - hi0)
		y1 := 1 - ((lo1 - (r1*c1)/(2-c1)) - hi1)
		xs[i] = y0 * math.Float64frombits(uint64(k0+1023)<<52)
		xs[i+1] = y1 * math.Float64frombits(uint64(k1+1023)<<52)
	}
	if i < len(xs) {
		xs[i] = expGo(xs[i])
	}
}

// expInner reports whether expGo takes x down its main path with a
// normal scale 2^k: 2⁻²⁸ ≤ |x| ≤ 700 (|k| ≤ 1010; false for NaN).
func expInner(x float64) bool {
	a := math.Abs(x)
	return a >= expNearZero && a <= 700
}

// logGo is math.log with math.Frexp inlined for normal arguments
// (math/log.go, math/frexp.go).
func logGo(x float64) float64 {
	switch {
	case x != x || x > math.MaxFloat64: // NaN, +Inf
		return x
	case x < 0:
		return math.NaN()
	case x == 0:
		return math.Inf(-1)
	}
	// reduce: Frexp of a normal number splits its bits.
	b := math.Float64bits(x)
	e := int(b>>expShift) & expMask
	if e == 0 { // subnormal
		return math.Log(x)
	}
	f1 := math.Float64frombits(b&^(expMask<<expShift) | (expBias-1)<<expShift)
	ki := e - expBias + 1
	if f1 < math.Sqrt2/2 {
		f1 *= 2
		ki--
	}
	f := f1 - 1
	k := float64(ki)
	// compute
	s := f / (2 + f)
	s2 := s * s
	s4 := s2 * s2
	t1 := s2 * (logL1 + s4*(logL3+s4*(logL5+s4*logL7)))
	t2 := s4 * (logL2 + s4*(logL4+s4*logL6))
	R := t1 + t2
	hfsq := 0.5 * f * f
	return k*ln2Hi - ((hfsq - (s*(hfsq+R) + k*ln2Lo)) - f)
}

// logsGo replaces every element of xs by logGo of it, two at a time like
// expsGo (and for the same reason: the division); a pair with an argument
// that is not a positive normal number, and an odd last element, go to
// logGo.
func logsGo(xs []float64) {
	i := 0
	for ; i+1 < len(xs); i += 2 {
		x0, x1 := xs[i], xs[i+1]
		b0, b1 := math.Float64bits(x0), math.Float64bits(x1)
		if !(logInner(b0) && logInner(b1)) {
			xs[i], xs[i+1] = logGo(x0), logGo(x1)
			continue
		}
		// logGo's reduction (Frexp of a normal number) and series.
		f0 := math.Float64frombits(b0&^(expMask<<expShift) | (expBias-1)<<expShift)
		f1 := math.Float64frombits(b1&^(expMask<<expShift) | (expBias-1)<<expShift)
		k0 := int(b0>>expShift) - expBias + 1
		k1 := int(b1>>expShift) - expBias + 1
		if f0 < math.Sqrt2/2 {
			f0 *= 2
			k0--
		}
		if f1 < math.Sqrt2/2 {
			f1 *= 2
			k1--
		}
		f0, f1 = f0-1, f1-1
		s0, s1 := f0/(2+f0), f1/(2+f1)
		s20, s21 := s0*s0, s1*s1
		s40, s41 := s20*s20, s21*s21
		R0 := s20*(logL1+s40*(logL3+s40*(logL5+s40*logL7))) + s40*(logL2+s40*(logL4+s40*logL6))
		R1 := s21*(logL1+s41*(logL3+s41*(logL5+s41*logL7))) + s41*(logL2+s41*(logL4+s41*logL6))
		h0, h1 := 0.5*f0*f0, 0.5*f1*f1
		kf0, kf1 := float64(k0), float64(k1)
		xs[i] = kf0*ln2Hi - ((h0 - (s0*(h0+R0) + kf0*ln2Lo)) - f0)
		xs[i+1] = kf1*ln2Hi - ((h1 - (s1*(h1+R1) + kf1*ln2Lo)) - f1)
	}
	if i < len(xs) {
		xs[i] = logGo(xs[i])
	}
}

// logInner reports whether the float64 with bits b is positive, normal
// and finite, the arguments logGo reduces itself.
func logInner(b uint64) bool {
	e := b >> expShift // the sign bit is above the exponent: negative numbers fail
	return e != 0 && e < expMask
}
