package sim

import "math"

// Constants of LambertW0.
const (
	// 1/e = lambertInvEHi + lambertInvELo with an error below 6e-34:
	// the high part is 1/e rounded to float64, the low part the rounded
	// remainder.
	lambertInvEHi = 0x1.78b56362cef38p-2   // 0.36787944117144233
	lambertInvELo = -0x1.ca8a4270fadf5p-57 // -1.2428753672788363e-17
	// e = lambertEHi + lambertELo in the same way.
	lambertEHi = 0x1.5bf0a8b145769p+1  // 2.718281828459045 = math.E
	lambertELo = 0x1.4d57ee2b1013ap-53 // 1.4456468917292502e-16

	// lambertZMin is −lambertInvEHi − 2 ulp. As lambertInvEHi > 1/e,
	// the float64 −lambertInvEHi (that is, -1/math.E) and its two lower
	// neighbours lie below −1/e by less than 2.3 ulp; LambertW0 treats
	// them as the branch point.
	lambertZMin = -0x1.78b56362cef3ap-2
	// Below lambertZT (t = W0+1 < 1/2), LambertW0 iterates on t.
	lambertZT = -0.3
	// Below lambertPSeries, the branch series in p is exact in float64.
	lambertPSeries = 0.01
	// Halley's method stops after a step below lambertTol relative to
	// the iterate (relative to t on the branch, absolute for |w| > 1):
	// by the cubic convergence the error left is then below ~1e-18.
	lambertTol = 1e-6
	// lambertMaxIter bounds the iterations; one or two suffice.
	lambertMaxIter = 8
)

// LambertW0 returns W0(z), the principal branch of the Lambert W function:
// the solution w ≥ −1 of w·e^w = z, for real z ≥ −1/e.
//
// Special cases are:
//
//	LambertW0(z) = NaN for z < −1/e, including −Inf
//	LambertW0(−1/e) = −1
//	LambertW0(±0) = ±0
//	LambertW0(+Inf) = +Inf
//	LambertW0(NaN) = NaN
//
// The float64 nearest to −1/e, -1/math.E, lies 1.2e-17 below −1/e; it and
// the next two float64 values below it are taken as −1/e and give −1.
//
// The error is at most about 1.5 ulp (relative error below 2.5e-16) over
// the whole domain, from the branch point to MaxFloat64 and down to
// subnormal z, measured against 256-bit math/big references in the tests.
// Near the branch point W0 is computed in p = sqrt(2(1+e·z)) and
// t = W0+1, which are regular there: 1+e·z = e·(z + 1/e) is formed with
// 1/e and e split into high and low parts, so the cancellation loses no
// digits; W0 = −1 + p − p²/3 + 11p³/72 − … directly for p < 0.01, and
// Halley's method on t with a residual free of cancellation above.
// Near 0, W0(z) = z − z² + 3z³/2 − … (exact for subnormal z). Elsewhere
// an initial guess, a rational function of p for z < 10 and the
// asymptotic ln z − ln ln z + … above, is refined by Halley's method on
// w − z·e^−w, which does not overflow; one iteration suffices below
// z = 10 and two above. LambertW0 does not allocate.
//
// LambertW0 exists because gonum (mathext) has no Lambert W function and
// the simulator needs one in its inner loop: a neuron with τm = τs
// spikes at T = τs(b/a1 − W0(z)) with z = −(c/a1)·e^{b/a1}, and the
// principal branch gives the threshold crossing on the rising flank (the
// other real branch, W−1, the one on the falling flank).
func LambertW0(z float64) float64 {
	var w float64
	switch {
	case z < -1e-3:
		if z < lambertZT {
			if z < lambertZMin {
				return math.NaN() // also −Inf
			}
			return lambertW0Branch(z)
		}
		w = z * lambertGuessSmall(math.Sqrt(2*math.FMA(math.E, z, 1)))
	case !(z <= math.MaxFloat64):
		return z // NaN or +Inf
	case z < 1e-3:
		// Taylor series Σ (−n)^(n−1)/n!·zⁿ; the first omitted term is
		// below 1e-19 relative. Exact at ±0 and for subnormal z.
		return z * (1 + z*(-1+z*(1.5+z*(-8.0/3+z*(125.0/24+z*(-54.0/5+z*(16807.0/720)))))))
	case z < 1.25:
		w = z * lambertGuessSmall(math.Sqrt(2*math.FMA(math.E, z, 1)))
	case z < 10:
		// Least-squares [3/3] rational fit of W0(z)/z = e^−W0(z) in
		// p = sqrt(2(1+e·z)) on [1.25, 10]; relative error below 6e-9.
		p := math.Sqrt(2 * math.FMA(math.E, z, 1))
		w = z * (2.724610099526826 + p*(0.5157140875293714+p*(0.005609668122602096+p*-4.883625598289343e-05))) /
			(1 + p*(1.196641894498562+p*(0.3544980933865874+p*0.022491822546934277)))
	default:
		// Asymptotic expansion in L1 = ln z and L2 = ln ln z; relative
		// error below 4e-3 for z ≥ 10.
		l1 := log(z)
		l2 := log(l1)
		w = l1 - l2 + l2/l1 + l2*(l2-2)/(2*l1*l1)
	}

	// Halley's method on f(w) = w − z·e^−w = (w·e^w − z)·e^−w, which
	// does not overflow for large z: w ← w − 2f·f′/(2f′² − f·f″), where
	// the common factor e^−w of f′ and f″ cancels, leaving w+1 and w+2.
	for range lambertMaxIter {
		var r float64
		if z < 1.25 {
			// z·e^−w = z + z·(e^−w − 1), and w − z is exact near the root
			// (Sterbenz, as z/w = e^−w ∈ (1/2, 2)): the rounding error of
			// the exponential is scaled by |1 − e^w| < 1 instead of being
			// amplified by up to 1/(1+w) = 2 for z near −0.3.
			r = math.FMA(-z, math.Expm1(-w), w-z)
		} else {
			r = math.FMA(-z, exp(-w), w)
		}
		w1 := w + 1
		dw := 2 * r * w1 / (2*w1*w1 - r*(w+2))
		w -= dw
		tol := lambertTol
		if a := math.Abs(w); a < 1 {
			tol *= a
		}
		if !(math.Abs(dw) > tol) {
			break
		}
	}
	return w
}

// lambertGuessSmall returns W0(z)/z = e^−W0(z) for −1/e ≤ z ≤ 1.25 with a
// relative error below 4e-9, given p = sqrt(2(1+e·z)): a least-squares
// [4/4] rational fit in p.
func lambertGuessSmall(p float64) float64 {
	return (2.718281838404662 + p*(1.7576376157318292+p*(0.24848438839488535+p*(0.0033607244763220346+p*-4.343544708053846e-05)))) /
		(1 + p*(1.646598879043808+p*(0.9046765226660357+p*(0.18653096484222326+p*0.01116815979431017))))
}

// lambertW0Branch returns W0(z) for lambertZMin ≤ z < lambertZT.
// With t = W0(z)+1 the equation w·e^w = z reads g(t) = q with
// g(t) = 1 + (t−1)·e^t = t²/2 + t³/3 + … and q = 1 + e·z = e·(z + 1/e),
// which is computed with 1/e and e split into high and low parts, so
// that it has no cancellation error.
func lambertW0Branch(z float64) float64 {
	dh := z + lambertInvEHi // exact (Sterbenz)
	q := math.FMA(lambertEHi, dh, lambertEHi*lambertInvELo+lambertELo*dh)
	if !(q > 0) {
		return -1
	}
	p := math.Sqrt(2 * q)
	var t float64
	if p < 0.1 {
		// The series t = p − p²/3 + 11p³/72 − … to p⁷. Its coefficients
		// come from reverting p = sqrt(2g(t)), and agree with Corless et
		// al., "On the Lambert W function", Adv. Comput. Math. 5 (1996).
		s := 1 + p*(-1.0/3+p*(11.0/72+p*(-43.0/540+p*(769.0/17280+p*(-221.0/8505+p*(680863.0/43545600))))))
		if p < lambertPSeries {
			// The first omitted term, 1963/204120·p⁸, is below 1e-18.
			return math.FMA(p, s, -1)
		}
		t = p * s
	} else {
		t = math.FMA(z, lambertGuessSmall(p), 1)
	}
	// Halley's method on f(t) = g(t) − q, with f′ = t·e^t and
	// f″ = (t+1)·e^t: t ← t − 2f·f′/(2f′² − f·f″). In the residual
	// g(t) = t·(e^t−1) + (t − (e^t−1)) the cancelling part t − (e^t−1)
	// is exact (Sterbenz), so even for small t its only error is that of
	// e^t−1 (under one ulp), which moves t by about an ulp of w.
	for range lambertMaxIter {
		em := math.Expm1(t)
		f := math.FMA(t, em, t-em) - q
		dt := 2 * f * t / (2*t*t*(em+1) - f*(t+1))
		if !(math.Abs(dt) > lambertTol*t) {
			// w = t − 1 − dt with one rounding: t − 1 = u + (t − (u+1))
			// exactly (Fast2Sum, as |t| < 1).
			u := t - 1
			return u + ((t - (u + 1)) - dt)
		}
		t -= dt
	}
	return t - 1
}
