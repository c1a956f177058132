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

// expsGo replaces every element of xs by expGo of it: expGo's body as
// the body of a loop, so that the exponentials of a neuron's inputs take
// one call rather than one each (TestFastMathBits checks that they are
// expGo's).
func expsGo(xs []float64) {
	for i, x := range xs {
		switch {
		case x != x: // NaN
			xs[i] = x
			continue
		case x > expOverflow:
			xs[i] = math.Inf(1)
			continue
		case x < expUnderflow:
			xs[i] = 0
			continue
		case -expNearZero < x && x < expNearZero:
			xs[i] = 1 + x
			continue
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
			xs[i] = math.Exp(x)
			continue
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
		xs[i] = y * math.Float64frombits(uint64(k+1023)<<52)
	}
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

// logsGo replaces every element of xs by logGo of it, logGo's body as the
// body of a loop (see expsGo).
func logsGo(xs []float64) {
	for i, x := range xs {
		switch {
		case x != x || x > math.MaxFloat64: // NaN, +Inf
			xs[i] = x
			continue
		case x < 0:
			xs[i] = math.NaN()
			continue
		case x == 0:
			xs[i] = math.Inf(-1)
			continue
		}
		// reduce: Frexp of a normal number splits its bits.
		b := math.Float64bits(x)
		e := int(b>>expShift) & expMask
		if e == 0 { // subnormal
			xs[i] = math.Log(x)
			continue
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
		xs[i] = k*ln2Hi - ((hfsq - (s*(hfsq+R) + k*ln2Lo)) - f)
	}
}
