package sim

import (
	"cmp"
	"math"
	"slices"
)

// arrival is one input as a neuron sees it: when it arrives and how strongly.
type arrival struct {
	t float64 // arrival time after the delay, in τs
	w float64 // synaptic weight
}

// rebaseSpan is how far (in time constants) an arrival may lie after the
// reference time before the running sums are re-expressed relative to it.
// e^300 ≈ 2e130 keeps squares and products of the sums far from overflow.
const rebaseSpan = 300

// boundaryTol is the relative rounding tolerance at the ends of a causal
// interval: a candidate that lands a few ulps before the arrival that opened
// its interval is the crossing at that arrival, not a rejection.
const boundaryTol = 1e-13

// kernelSolver holds the constants of one neuron model.
type kernelSolver struct {
	n      Neuron
	regime Regime
	theta  float64 // ϑ − E_l
	delta  float64 // 1/τs − 1/τm
	k      float64 // 1/(δC): κ(s) = k(e^{−s/τm} − e^{−s/τs})
	direct bool    // evaluate u by summing kernels (τm too close to τs for the sums)
}

func newKernelSolver(n Neuron) kernelSolver {
	s := kernelSolver{n: n, regime: n.Regime(), theta: n.Threshold - n.Leak}
	if s.regime != RegimeEqual {
		s.delta = 1/n.TauSyn - 1/n.TauMem
		s.k = 1 / (s.delta * n.C)
		// The sums a2 e^{−s/τm} − a1 e^{−s/τs} lose about −log10(|δ|τs)
		// digits to cancellation; below 1e-3 sum the kernels one by one.
		s.direct = math.Abs(s.delta*n.TauSyn) < 1e-3
	}
	return s
}

// accept reports whether candidate T lies in the causal interval [lo, hi],
// snapping T to lo when it undershoots lo by rounding only.
func accept(T, lo, hi float64) (float64, bool) {
	if !(T <= hi) {
		return T, false
	}
	if T >= lo {
		return T, true
	}
	if lo-T <= boundaryTol*math.Max(1, math.Abs(lo)) {
		return lo, true
	}
	return T, false
}

// first returns the first threshold crossing for arrivals sorted by time
// (all finite), the membrane slope there, and the causal-set size.
// A silent neuron returns (+Inf, 0, 0).
func (s *kernelSolver) first(in []arrival) (T, slope float64, causal int) {
	if len(in) == 0 {
		return math.Inf(1), 0, 0
	}
	switch s.regime {
	case RegimeEqual:
		return s.firstEqual(in)
	case RegimeDouble:
		return s.firstDouble(in)
	}
	return s.firstGeneral(in)
}

func next(in []arrival, k int) float64 {
	if k+1 < len(in) {
		return in[k+1].t
	}
	return math.Inf(1)
}

// firstEqual solves τm = τs = τ: with A = Σ w e^{(t_i−ref)/τ} and
// B = Σ w (t_i−ref) e^{(t_i−ref)/τ}, u(ref+s) = e^{−s/τ}(sA − B)/C, so
// u = ϑ at s = B/A − τ W0(z), z = −(Cθ/(τA)) e^{B/(Aτ)}. A rising crossing
// needs A > 0 (otherwise sA − B only falls).
func (s *kernelSolver) firstEqual(in []arrival) (float64, float64, int) {
	tau, C := s.n.TauSyn, s.n.C
	ref := in[0].t
	var A, B float64
	for k, a := range in {
		d := a.t - ref
		if d > rebaseSpan*tau {
			f := math.Exp(-d / tau)
			A, B = f*A, f*(B-d*A)
			ref, d = a.t, 0
		}
		e := math.Exp(d / tau)
		A += a.w * e
		B += a.w * d * e
		if !(A > 0) {
			continue
		}
		ba := B / A
		z := -(C * s.theta / (tau * A)) * math.Exp(ba/tau)
		W := LambertW0(z)
		if math.IsNaN(W) {
			continue
		}
		T, ok := accept(ref+ba-tau*W, a.t, next(in, k))
		if !ok {
			continue
		}
		slope := math.Exp(-(T-ref)/tau)*A/C - s.theta/tau
		return T, slope, k + 1
	}
	return math.Inf(1), 0, 0
}

// firstDouble solves τm = 2τs: with x = e^{−(t−ref)/τm}, a1 = Σ w e^{(t_i−ref)/τs}
// and a2 = Σ w e^{(t_i−ref)/τm}, u = K(a2 x − a1 x²), K = 2τs/C, so the
// crossing solves a1 x² − a2 x + θ/K = 0. The first (rising) crossing is the
// larger root, which exists and is positive only for a1 > 0, a2 > 0, D ≥ 0.
func (s *kernelSolver) firstDouble(in []arrival) (float64, float64, int) {
	tm := s.n.TauMem
	K := 2 * s.n.TauSyn / s.n.C
	c := s.theta / K
	ref := in[0].t
	var a1, a2 float64
	for k, a := range in {
		d := a.t - ref
		if d > rebaseSpan*s.n.TauSyn {
			f := math.Exp(-d / tm)
			a1, a2 = a1*f*f, a2*f
			ref, d = a.t, 0
		}
		e := math.Exp(d / tm)
		a1 += a.w * e * e
		a2 += a.w * e
		if !(a1 > 0 && a2 > 0) {
			continue
		}
		D := a2*a2 - 4*a1*c
		if !(D >= 0) {
			continue
		}
		x := (a2 + math.Sqrt(D)) / (2 * a1)
		// T ≥ a.t ⇔ x ≤ e^{−d/τm}; skip the logarithm for roots before a.t.
		if x*e > 1+boundaryTol {
			continue
		}
		T, ok := accept(ref-tm*math.Log(x), a.t, next(in, k))
		if !ok {
			continue
		}
		slope := K * (2*a1*x*x - a2*x) / tm
		return T, slope, k + 1
	}
	return math.Inf(1), 0, 0
}

// firstGeneral handles any τm ≠ τs. On each causal interval
// g(s) = K(a2 e^{−s/τm} − a1 e^{−s/τs}) has at most one stationary point, so
// the interval splits into at most two monotone pieces; the first piece that
// climbs from below ϑ to at least ϑ brackets the crossing, which a
// safeguarded Newton iteration then finds.
func (s *kernelSolver) firstGeneral(in []arrival) (float64, float64, int) {
	ts, tm := s.n.TauSyn, s.n.TauMem
	span := rebaseSpan * math.Min(ts, tm)
	ref := in[0].t
	var a1, a2 float64
	for k, a := range in {
		d := a.t - ref
		if d > span {
			a1 *= math.Exp(-d / ts)
			a2 *= math.Exp(-d / tm)
			ref, d = a.t, 0
		}
		a1 += a.w * math.Exp(d/ts)
		a2 += a.w * math.Exp(d/tm)
		g := generalPrefix{s: s, a1: a1, a2: a2, ref: ref, in: in[:k+1]}
		lo, hi := d, next(in, k)-ref
		pts := [3]float64{lo, hi, hi}
		np := 2
		// Stationary point: e^{−sδ} = a2τs/(a1τm).
		if r := a2 * ts / (a1 * tm); r > 0 {
			if st := -math.Log(r) / s.delta; st > lo && st < hi {
				pts[1], np = st, 3
			}
		}
		flo, _ := g.eval(lo)
		if flo >= s.theta {
			_, dg := g.eval(lo)
			return a.t, dg, k + 1
		}
		for p := 0; p+1 < np; p++ {
			q := pts[p+1]
			fq := 0.0 // g → 0 as s → ∞
			if !math.IsInf(q, 1) {
				fq, _ = g.eval(q)
			}
			if fq >= s.theta {
				root := g.root(pts[p], q)
				_, dg := g.eval(root)
				return ref + root, dg, k + 1
			}
		}
	}
	return math.Inf(1), 0, 0
}

// generalPrefix evaluates the membrane of one causal prefix relative to ref.
type generalPrefix struct {
	s      *kernelSolver
	a1, a2 float64
	ref    float64
	in     []arrival
}

// eval returns u(ref+x) − E_l and its slope.
func (g *generalPrefix) eval(x float64) (u, du float64) {
	if g.s.direct {
		for _, a := range g.in {
			k, dk := g.s.n.Kernel(g.ref + x - a.t)
			u += a.w * k
			du += a.w * dk
		}
		return u, du
	}
	em := math.Exp(-x / g.s.n.TauMem)
	es := math.Exp(-x / g.s.n.TauSyn)
	u = g.s.k * (g.a2*em - g.a1*es)
	du = g.s.k * (g.a1*es/g.s.n.TauSyn - g.a2*em/g.s.n.TauMem)
	return u, du
}

// root finds u = ϑ on [lo, hi] where u(lo) < ϑ ≤ u(hi) and u is monotone.
func (g *generalPrefix) root(lo, hi float64) float64 {
	theta := g.s.theta
	x := 0.5 * (lo + hi)
	for range 200 {
		f, df := g.eval(x)
		f -= theta
		if f == 0 {
			return x
		}
		if f < 0 {
			lo = x
		} else {
			hi = x
		}
		nx := x - f/df
		if !(nx > lo && nx < hi) || df <= 0 {
			nx = 0.5 * (lo + hi)
		}
		if math.Abs(nx-x) <= 1e-16*math.Max(1, math.Abs(x)) || hi-lo <= 4e-16*math.Max(1, math.Abs(hi)) {
			return nx
		}
		x = nx
	}
	return x
}

// sortArrivals orders arrivals by time; insertion sort wins for the few
// inputs of small layers, pdqsort for the rest.
func sortArrivals(a []arrival) {
	if len(a) <= 24 {
		for i := 1; i < len(a); i++ {
			v := a[i]
			j := i
			for j > 0 && a[j-1].t > v.t {
				a[j] = a[j-1]
				j--
			}
			a[j] = v
		}
		return
	}
	slices.SortFunc(a, func(x, y arrival) int { return cmp.Compare(x.t, y.t) })
}

// FirstSpike returns the first spike time of one neuron driven by inputs at
// times (unsorted; +Inf never arrives) with the given weights, the membrane
// slope at that time and the causal-set size. It allocates; the Workspace
// is the allocation-free path.
func FirstSpike(n Neuron, times, weights []float64) (T, slope float64, causal int) {
	if len(times) != len(weights) {
		panic("sim: FirstSpike times and weights differ in length")
	}
	in := make([]arrival, 0, len(times))
	for i, t := range times {
		if t < math.Inf(1) {
			in = append(in, arrival{t, weights[i]})
		}
	}
	sortArrivals(in)
	s := newKernelSolver(n)
	return s.first(in)
}
