package sim

import "math"

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

// skipTol is the relative margin by which a cheap test must rule a causal
// prefix out before its exact solution (square root, logarithm, Lambert W,
// root search) is skipped. Borderline prefixes take the exact path, so a
// skip never changes which candidate is accepted: the margin is far above
// the rounding of the test and of the exact solution (≈1e-16, and even in
// a near-tangent touch, where the closed forms lose half their digits, the
// margin buys a time gap larger than their error). skipTolTime adds a
// time margin of skipTolTime·max(1, |t|), above boundaryTol·max(1, |t|)
// and the rounding of T = ref + s at large times.
const (
	skipTol     = 1e-9
	skipTolTime = 1e-12
)

// kernelSolver holds the constants of one neuron model.
type kernelSolver struct {
	n      Neuron
	regime Regime
	theta  float64 // ϑ − E_l
	delta  float64 // 1/τs − 1/τm
	k      float64 // 1/(δC): κ(s) = k(e^{−s/τm} − e^{−s/τs})
	direct bool    // evaluate u by summing kernels (τm too close to τs for the sums)

	kd, cd float64 // τm = 2τs: u = kd(a2 x − a1 x²), crossing at a1 x² − a2 x + cd = 0
	cTheta float64 // Cθ
	tmDiv  divisor // divides by τm
	tmin   float64 // min(τs, τm)
	// canSkip enables the cheap rejection tests; their bounds assume a
	// valid neuron (positive threshold above the leak, C and time constants).
	canSkip bool
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
	s.kd = 2 * n.TauSyn / n.C
	s.cd = s.theta / s.kd
	s.cTheta = n.C * s.theta
	s.tmDiv = newDivisor(n.TauMem)
	s.tmin = math.Min(n.TauSyn, n.TauMem)
	s.canSkip = s.theta > 0 && n.C > 0 && s.tmin > 0
	return s
}

// margin is the relative margin tol of the cheap tests, with two factors
// derived from it. NaN (every test compares against it, and so fails)
// turns the tests off.
type margin struct {
	tol   float64
	half  float64 // 1/(2(1+tol))
	ratio float64 // (1+tol)/(1−tol)
}

// skipMargin is the margin of the cheap tests for arrivals no later than
// |t| ≤ tmax.
func (s *kernelSolver) skipMargin(tmax float64) margin {
	tol := math.NaN()
	if s.canSkip {
		tol = skipTol + skipTolTime*max(1, tmax)/s.tmin
	}
	return margin{tol: tol, half: 0.5 / (1 + tol), ratio: (1 + tol) / (1 - tol)}
}

// accept reports whether candidate T lies in the causal interval [lo, hi],
// snapping T to lo when it undershoots lo by rounding only.
func accept(T, lo, hi float64) (float64, bool) {
	if T >= lo && T <= hi {
		return T, true
	}
	return acceptBelow(T, lo, hi)
}

// acceptBelow is accept's rare case, out of line so that accept inlines.
func acceptBelow(T, lo, hi float64) (float64, bool) {
	if T < lo && lo-T <= boundaryTol*math.Max(1, math.Abs(lo)) {
		return lo, true
	}
	return T, false
}

// first returns the first threshold crossing for arrivals sorted by time
// (all finite), the membrane slope there, and the causal-set size.
// A silent neuron returns (+Inf, 0, 0). It allocates; the Workspace keeps
// buffers for solve.
func (s *kernelSolver) first(in []arrival) (T, slope float64, causal int) {
	if len(in) == 0 {
		return math.Inf(1), 0, 0
	}
	fa := make([]factored, len(in))
	for i, a := range in {
		fa[i] = factored{t: a.t, w: a.w}
	}
	ev := s.factors(fa, nil)
	return s.solve(fa, fa[0].t, ev, s.skipMargin(spanMax(fa)))
}

// solve is first for factored arrivals whose first segment has reference
// time ref, moving it as ev says, with the margin m of the cheap tests.
func (s *kernelSolver) solve(in []factored, ref float64, ev []rebase, m margin) (T, slope float64, causal int) {
	if len(in) == 0 {
		return math.Inf(1), 0, 0
	}
	switch s.regime {
	case RegimeEqual:
		return s.firstEqual(in, ref, ev, m)
	case RegimeDouble:
		return s.firstDouble(in, ref, ev, m)
	}
	return s.firstGeneral(in, ref, ev, m)
}

// The solvers walk the sorted arrivals keeping running sums relative to
// the reference time and try each causal prefix in turn: a cheap test,
// from the factors of the arrivals that open and close its interval,
// rules out most prefixes; the rest are solved exactly.

// firstEqual solves τm = τs = τ: with A = Σ w e^{(t_i−ref)/τ} and
// B = Σ w (t_i−ref) e^{(t_i−ref)/τ}, u(ref+s) = e^{−s/τ}(sA − B)/C, so
// u = ϑ at s = B/A − τ W0(z), z = −(Cθ/(τA)) e^{B/(Aτ)}. A rising crossing
// needs A > 0 (otherwise sA − B only falls).
func (s *kernelSolver) firstEqual(in []factored, ref float64, ev []rebase, m margin) (float64, float64, int) {
	var A, B float64
	for k := range in {
		a := &in[k]
		if len(ev) > 0 && ev[0].k == k {
			f, d := ev[0].r1, ev[0].d
			A, B = f*A, f*(B-d*A)
			ref, ev = a.t, ev[1:]
		}
		A += a.w * a.f1
		B += a.w * a.d * a.f1
		hi, dn, en, closed := math.Inf(1), 0.0, 0.0, false
		if k+1 < len(in) {
			n := &in[k+1]
			hi, dn, en = n.t, n.d, n.f1
			closed = len(ev) == 0 || ev[0].k != k+1
		}
		if t := s.equalInterval(a.d, a.f1, dn, en, closed, m); t.open(A, B)&t.reach(A, B) == 0 {
			continue
		}
		if T, slope, ok := s.equalCandidate(A, B, ref, a.t, hi); ok {
			return T, slope, k + 1
		}
	}
	return math.Inf(1), 0, 0
}

// equalTests are the cheap tests of one causal interval for τm = τs, set
// up once per interval from the arrival that opens it (offset d from the
// reference) and the one that closes it (offset dn, factor en = e^{dn/τ}),
// so that they cost each neuron a few multiply-adds.
type equalTests struct {
	lo  float64 // d − τ(1+tol)
	amp float64 // Cθ·e^{d/τ}(1 − 2tol)/τ
	tol float64
	dτ  float64 // dn − τ; NaN when no arrival of the same segment closes the interval
	hm  float64 // Cθ·en·(1 − tol)
	dm  float64 // dn(1 + tol) + 2τ·tol
}

func (s *kernelSolver) equalInterval(d, e, dn, en float64, closed bool, m margin) equalTests {
	tau := s.n.TauSyn
	t := equalTests{lo: d - tau*(1+m.tol), amp: s.cTheta * e * (1 - 2*m.tol) / tau, tol: m.tol, dτ: math.NaN(), hm: math.NaN()}
	if closed {
		t.dτ, t.hm, t.dm = dn-tau, s.cTheta*en*(1-m.tol), dn*(1+m.tol)+2*tau*m.tol
	}
	return t
}

// The prefix with sums A and B must be solved exactly unless A ≤ 0 (a
// rising crossing needs A > 0) or one of two tests rules a crossing in
// the interval out by a margin that leaves no doubt; the caller combines
// t.open(A, B) & t.reach(A, B), each small enough to be inlined. The
// membrane u(s) = e^{−s/τ}(sA − B)/C peaks at s* = τ + B/A, and its rising
// crossing comes no later than the peak.

// open is 1 for A > 0 unless the peak lies before d − τ·tol, which puts
// the crossing before the interval, or u cannot reach ϑ at all: the peak
// value e^{−s*/τ}τA/C is at most e^{tol}e^{−d/τ}τA/C for s* ≥ d − τ·tol,
// below ϑ(1 − tol) when A < amp.
func (t *equalTests) open(A, B float64) int {
	return b2i(A > 0) & b2i(!(A < t.amp)) & b2i(!(t.lo*A > B))
}

// reach is 0 when u rises through dn, the end of the interval (dn < s*),
// and is still below ϑ there: then the crossing comes after dn. On
// [dn, s*] the slope of u is at most e^{−dn/τ}(2A + |dnA − B|/τ)/C, so the
// margin −F > tol·(dn·A + |B| + h + 2τA) on F = C e^{dn/τ}(u(dn) − ϑ)
// = dn·A − B − h (h = Cθ·en) keeps the crossing at least tol·τ after dn;
// with hm and dm it reads B − tol·|B| + hm > A·dm.
func (t *equalTests) reach(A, B float64) int {
	return b2i(!(t.dτ*A < B)) | b2i(!(B-t.tol*math.Abs(B)+t.hm > A*t.dm))
}

// b2i is 1 for true and 0 for false. The cheap tests combine their
// comparisons with & and | rather than && and ||: evaluated without
// branches, their outcomes, which vary from neuron to neuron, cost no
// mispredictions, and the one branch left is almost never taken.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// equalCandidate solves one prefix exactly and accepts the crossing if it
// lies in [lo, hi].
func (s *kernelSolver) equalCandidate(A, B, ref, lo, hi float64) (T, slope float64, ok bool) {
	tau, C := s.n.TauSyn, s.n.C
	ba := B / A
	z := -(C * s.theta / (tau * A)) * exp(ba/tau)
	W := LambertW0(z)
	if math.IsNaN(W) {
		return 0, 0, false
	}
	if T, ok = accept(ref+ba-tau*W, lo, hi); !ok {
		return 0, 0, false
	}
	// u̇ = e^{−(T−ref)/τ}A/C − θ/τ, and e^{−(T−ref)/τ} = e^{−B/(Aτ)}e^W
	// = −Cθ/(τAW) since W e^W = z: no second exponential.
	slope = -s.theta / tau * (1 + 1/W)
	return T, slope, true
}

// firstDouble solves τm = 2τs: with x = e^{−(t−ref)/τm}, a1 = Σ w e^{(t_i−ref)/τs}
// and a2 = Σ w e^{(t_i−ref)/τm}, u = K(a2 x − a1 x²), K = 2τs/C, so the
// crossing solves a1 x² − a2 x + θ/K = 0. The first (rising) crossing is the
// larger root, which exists and is positive only for a1 > 0, a2 > 0, D ≥ 0.
func (s *kernelSolver) firstDouble(in []factored, ref float64, ev []rebase, m margin) (float64, float64, int) {
	var a1, a2 float64
	for k := range in {
		a := &in[k]
		if len(ev) > 0 && ev[0].k == k {
			f := ev[0].r1
			a1, a2 = a1*f*f, a2*f
			ref, ev = a.t, ev[1:]
		}
		e := a.f1
		a1 += a.w * e * e
		a2 += a.w * e
		hi, en, closed := math.Inf(1), 0.0, false
		if k+1 < len(in) {
			n := &in[k+1]
			hi, en = n.t, n.f1
			closed = len(ev) == 0 || ev[0].k != k+1
		}
		if t := s.doubleInterval(e, en, closed, m); !t.need(a1, a2) {
			continue
		}
		if T, slope, ok := s.doubleCandidate(a1, a2, e, ref, a.t, hi); ok {
			return T, slope, k + 1
		}
	}
	return math.Inf(1), 0, 0
}

// doubleTests are the cheap tests of one causal interval for τm = 2τs, set
// up once per interval from the factors e and en of the arrivals that open
// and close it (x = 1/e and Y = 1/en), so that they cost each neuron a few
// multiply-adds.
type doubleTests struct {
	lo  float64 // e/(2(1+tol))
	hi  float64 // en/2
	hiC float64 // c·en²
	hiR float64 // en(1+tol)/(1−tol); +Inf when no arrival of the same segment closes the interval
}

func (s *kernelSolver) doubleInterval(e, en float64, closed bool, m margin) doubleTests {
	t := doubleTests{lo: e * m.half, hiR: math.Inf(1)}
	if closed {
		t.hi, t.hiC, t.hiR = 0.5*en, s.cd*en*en, en*m.ratio
	}
	return t
}

// need reports whether the prefix with sums a1 and a2 must be solved
// exactly: a1, a2 > 0, without which p(x) = a1 x² − a2 x + c has no
// positive larger root, and neither test below rules out a root in
// [Y, 1/e] by a margin that leaves no doubt.
//
// Vertex before: the larger root is at least the vertex a2/(2a1); a vertex
// above (1+tol)/e puts the crossing before the interval.
//
// Below at the end: a vertex below Y and p(Y) > 0 put both roots below Y.
// Since 0 < x₋ ≤ x₊, the margin p(Y) > tol·(a1Y² + a2Y + c) keeps x₊ below
// (1 − tol)Y, so the crossing falls more than tol·τm after the interval.
// (Both sides are scaled by en².)
func (t *doubleTests) need(a1, a2 float64) bool {
	return b2i(a1 > 0)&b2i(a2 > 0)&b2i(!(a2*t.lo > a1))&
		(b2i(!(a2*t.hi < a1))|b2i(!(a1+t.hiC > a2*t.hiR))) != 0
}

// doubleCandidate solves one prefix exactly (e is the factor of lo) and
// accepts the crossing if it lies in [lo, hi].
func (s *kernelSolver) doubleCandidate(a1, a2, e, ref, lo, hi float64) (T, slope float64, ok bool) {
	D := a2*a2 - 4*a1*s.cd
	if !(D >= 0) {
		return 0, 0, false
	}
	return s.doubleSolve(a1, a2, D, e, ref, lo, hi)
}

// doubleSolve is doubleCandidate once the discriminant D ≥ 0 is known.
func (s *kernelSolver) doubleSolve(a1, a2, D, e, ref, lo, hi float64) (T, slope float64, ok bool) {
	x, ok := doubleRoot(a1, a2, D, e)
	if !ok {
		return 0, 0, false
	}
	return s.doubleSpike(a1, a2, x, log(x), ref, lo, hi)
}

// doubleRoot is the larger root x of a1 x² − a2 x + c (discriminant D ≥ 0),
// false if it lies before the interval that opens with factor e.
func doubleRoot(a1, a2, D, e float64) (x float64, ok bool) {
	x = (a2 + math.Sqrt(D)) / (2 * a1)
	// T ≥ lo ⇔ x ≤ e^{−d/τm}; skip the logarithm for roots before lo.
	return x, !(x*e > 1+boundaryTol)
}

// doubleSpike is the spike time of root x (lx = log x) and the slope
// there, if it lies in [lo, hi].
func (s *kernelSolver) doubleSpike(a1, a2, x, lx, ref, lo, hi float64) (T, slope float64, ok bool) {
	// accept, with its common case written out: a call less per spike,
	// which WebAssembly feels.
	if T = s.doubleTime(lx, ref); !(T >= lo && T <= hi) {
		if T, ok = acceptBelow(T, lo, hi); !ok {
			return 0, 0, false
		}
	}
	return T, s.doubleSlope(a1, a2, x), true
}

// doubleTime is the time of root x (lx = log x) and doubleSlope the
// membrane's slope there: doubleSpike in parts small enough to be inlined
// (synapticDoubleLayer takes them so; under WebAssembly a call per spike
// is dear).
func (s *kernelSolver) doubleTime(lx, ref float64) float64 { return ref - s.n.TauMem*lx }

func (s *kernelSolver) doubleSlope(a1, a2, x float64) float64 {
	return s.tmDiv.of(s.kd * (2*a1*x*x - a2*x))
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
