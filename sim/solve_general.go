package sim

// The general-ratio solver: the first threshold crossing for any τm/τs
// (the chip's mismatched neurons), a bracketed root on the rising flank.

import "math"

// firstGeneral handles any τm ≠ τs. On each causal interval
// g(s) = K(a2 e^{−s/τm} − a1 e^{−s/τs}) has at most one stationary point, so
// the interval splits into at most two monotone pieces; the first piece that
// climbs from below ϑ to at least ϑ brackets the crossing, which a
// safeguarded Halley (or Newton) iteration then finds.
func (s *kernelSolver) firstGeneral(in []factored, ref float64, ev []rebase, m margin) (float64, float64, int) {
	tol := m.tol
	if s.direct {
		// The sums cancel too much to bound g by them: no skipping.
		tol = math.NaN()
	}
	var a1, a2 float64
	for k := range in {
		a := &in[k]
		if len(ev) > 0 && ev[0].k == k {
			a1 *= ev[0].r1
			a2 *= ev[0].r2
			ref, ev = a.t, ev[1:]
		}
		a1 += a.w * a.f1
		a2 += a.w * a.f2
		lo, hi := point{a.d, a.f1, a.f2}, point{s: math.Inf(1)}
		if k+1 < len(in) {
			n := &in[k+1]
			hi.s = n.t - ref
			if len(ev) == 0 || ev[0].k != k+1 {
				// In the same segment: its factors are relative to ref.
				hi.es, hi.em = n.f1, n.f2
				if s.generalMonotoneBelow(a1, a2, lo, hi, tol) {
					continue
				}
			}
		}
		g := generalPrefix{s: s, a1: a1, a2: a2, ref: ref, in: in[:k+1]}
		if T, slope, ok := g.candidate(lo, hi); ok {
			return T, slope, k + 1
		}
	}
	return math.Inf(1), 0, 0
}

// generalMonotoneBelow reports that g stays below ϑ on the interval
// [lo, hi]: g is clearly below ϑ at both ends and its stationary point
// clearly outside, so g is monotone in between. At an end with factors
// e_s = e^{s/τs} and e_m = e^{s/τm}, g < ϑ ⇔ k(a2 e_s − a1 e_m) < ϑ e_s e_m.
func (s *kernelSolver) generalMonotoneBelow(a1, a2 float64, lo, hi point, tol float64) bool {
	below := func(p point) bool {
		v, h := s.k*(a2*p.es-a1*p.em), s.theta*p.es*p.em
		return h-v > tol*(math.Abs(s.k)*(math.Abs(a2)*p.es+math.Abs(a1)*p.em)+h)
	}
	if !below(lo) || !below(hi) {
		return false
	}
	// The stationary point st solves e^{−st·δ} = r; e^{−sδ} = e_m/e_s
	// falls with s for δ > 0 and rises for δ < 0.
	r := a2 * s.n.TauSyn / (a1 * s.n.TauMem)
	if !(r > 0) {
		return true
	}
	if s.delta > 0 {
		return r*lo.es > lo.em*(1+tol) || r*hi.es < hi.em*(1-tol)
	}
	return r*lo.es < lo.em*(1-tol) || r*hi.es > hi.em*(1+tol)
}

// generalPrefix evaluates the membrane of one causal prefix relative to ref.
type generalPrefix struct {
	s      *kernelSolver
	a1, a2 float64
	ref    float64
	in     []factored
}

// point is an offset s from the reference with its factors e^{s/τs} and
// e^{s/τm}, which spare the exponentials of an evaluation there (0 when
// they are not known).
type point struct{ s, es, em float64 }

// candidate finds the first crossing of the prefix in its interval
// [ref+lo.s, ref+hi.s] and its slope.
func (g *generalPrefix) candidate(lo, hi point) (T, slope float64, ok bool) {
	s := g.s
	pts := [3]point{lo, hi, hi}
	np := 2
	// Stationary point st: e^{−st·δ} = r = a2τs/(a1τm). With e^{−sδ} = e_m/e_s
	// the factors tell, up to rounding, whether st lies in the interval:
	// take the logarithm only when it may.
	if r := g.a2 * s.n.TauSyn / (g.a1 * s.n.TauMem); r > 0 && g.mayHoldStationary(r, lo, hi) {
		if st := -log(r) / s.delta; st > lo.s && st < hi.s {
			pts[1], np = point{s: st}, 3
		}
	}
	flo, dlo, _ := g.evalAt(lo)
	if flo >= s.theta {
		return g.in[len(g.in)-1].t, dlo, true
	}
	for p := 0; p+1 < np; p++ {
		q := pts[p+1]
		fq := 0.0 // g → 0 as s → ∞
		if !math.IsInf(q.s, 1) {
			fq, _, _ = g.evalAt(q)
		}
		if fq >= s.theta {
			root, dg := g.root(pts[p].s, flo, q.s, fq)
			return g.ref + root, dg, true
		}
		flo = fq
	}
	return 0, 0, false
}

// mayHoldStationary reports whether e^{−sδ} = r may have its root inside
// (lo, hi), allowing 1e-9 relative for rounding; it says yes when the
// factors of an end are not known.
func (g *generalPrefix) mayHoldStationary(r float64, lo, hi point) bool {
	const slack = 1e-9
	if lo.es == 0 {
		return true
	}
	// e^{−sδ} falls with s for δ > 0 and rises for δ < 0.
	if g.s.delta > 0 {
		return r*lo.es < lo.em*(1+slack) && (hi.es == 0 || r*hi.es > hi.em*(1-slack))
	}
	return r*lo.es > lo.em*(1-slack) && (hi.es == 0 || r*hi.es < hi.em*(1+slack))
}

// evalAt is eval at p, from its factors when they are known and the sums
// are used.
func (g *generalPrefix) evalAt(p point) (u, du, d2u float64) {
	if g.s.direct || p.es == 0 {
		return g.eval(p.s)
	}
	ts, tm := g.s.n.TauSyn, g.s.n.TauMem
	em, es := 1/p.em, 1/p.es
	u = g.s.k * (g.a2*em - g.a1*es)
	du = g.s.k * (g.a1*es/ts - g.a2*em/tm)
	d2u = g.s.k * (g.a2*em/(tm*tm) - g.a1*es/(ts*ts))
	return u, du, d2u
}

// eval returns u(ref+x) − E_l and its first two derivatives (the second
// is 0 when the kernels are summed one by one).
func (g *generalPrefix) eval(x float64) (u, du, d2u float64) {
	if g.s.direct {
		for _, a := range g.in {
			k, dk := g.s.n.Kernel(g.ref + x - a.t)
			u += a.w * k
			du += a.w * dk
		}
		return u, du, 0
	}
	ts, tm := g.s.n.TauSyn, g.s.n.TauMem
	em := exp(-x / tm)
	es := exp(-x / ts)
	u = g.s.k * (g.a2*em - g.a1*es)
	du = g.s.k * (g.a1*es/ts - g.a2*em/tm)
	d2u = g.s.k * (g.a2*em/(tm*tm) - g.a1*es/(ts*ts))
	return u, du, d2u
}

// root finds u = ϑ on [lo, hi], where u is monotone with
// u(lo) = flo < ϑ ≤ u(hi) = fhi, and returns it with the slope there.
// From the secant point it takes Halley steps (Newton steps when the
// kernels are summed one by one), which converge in a few iterations,
// and bisects whenever a step would leave the shrinking bracket.
func (g *generalPrefix) root(lo, flo, hi, fhi float64) (x, slope float64) {
	theta := g.s.theta
	x = lo + (hi-lo)*((theta-flo)/(fhi-flo))
	if !(x > lo && x < hi) {
		x = 0.5 * (lo + hi)
	}
	for range 200 {
		f, df, d2f := g.eval(x)
		f -= theta
		if f == 0 {
			return x, df
		}
		if f < 0 {
			lo = x
		} else {
			hi = x
		}
		nx := x - 2*f*df/(2*df*df-f*d2f)
		if !(nx > lo && nx < hi) || df <= 0 {
			nx = 0.5 * (lo + hi)
		}
		// Converged to a few ulps: the slope at x is the slope at nx to
		// within as much.
		if math.Abs(nx-x) <= 4e-16*math.Max(1, math.Abs(x)) || hi-lo <= 4e-16*math.Max(1, math.Abs(hi)) {
			return nx, df
		}
		x = nx
	}
	_, slope, _ = g.eval(x)
	return x, slope
}
