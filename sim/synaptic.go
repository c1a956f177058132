package sim

import (
	"math"
	"runtime"
)

// synapseFactors caches e^{d/τ1} (and e^{d/τ2}) for the delays of a
// synaptic layer, and each neuron's synapses packed in one column. Delays
// and weights change only when the parameters do, so all the forward
// passes of a batch, and of an evaluation, share them; the cache is
// checked against the delays and weights themselves on every pass, except
// on passes under the stamp (see Stamp) that last checked it.
type synapseFactors struct {
	delays     []float64 // the delays g1 and g2 belong to
	weights    []float64 // the weights col holds
	tau1, tau2 float64
	dmin, dmax float64
	g1, g2     []float64
	// col is delays, g1 and weights by neuron, bias rows included:
	// col[k·rows+i] is row i's synapse onto neuron k. synapticFew and
	// synapticDouble read one neuron's synapses; packed, they are one
	// slice to index and bounds-check rather than three strided ones,
	// which keeps the gathering loop's values in registers.
	col  []synapse
	rows int
	// first is each neuron's smallest synaptic delay (−0 when it has
	// bias rows): an arrival through row i comes no sooner than the
	// presynaptic spike plus first[k] (see synapticDoubleLazy).
	first []float64
	// stamp is the pass's that last checked or filled the cache; passes
	// with the same nonzero stamp promise the same parameters.
	stamp Stamp
}

// synapse is one synapse's delay d, factor g = e^{d/τ1} and weight w. A
// bias row's has d = −0 and g = 1, which leave every arrival time and
// factor exactly as they are (t + (−0) is t even for t = −0, and f·1 is f):
// bias spikes have no synaptic delay, and the gathering loops need no
// branch to skip one.
type synapse struct{ d, g, w float64 }

// update makes the cache hold layer L's factors for τ1 and τ2 and its
// packed columns (nPre presynaptic rows, then the bias rows), for a pass
// with stamp st.
func (c *synapseFactors) update(L *Layer, nPre int, tau1, tau2 float64, st Stamp) {
	delays, weights, size := L.Delays, L.Weights, L.Size
	if st != 0 && st == c.stamp {
		return
	}
	c.stamp = st
	sameDelays := c.tau1 == tau1 && c.tau2 == tau2 && len(c.g1) == len(delays) && sameBits(c.delays, delays)
	if sameDelays && sameBits(c.weights, weights) {
		return
	}
	if !sameDelays {
		c.factors(delays, tau1, tau2)
	}
	c.weights = append(c.weights[:0], weights...)
	c.col = grow(c.col, len(weights))
	c.rows = 0
	if size > 0 {
		c.rows = len(weights) / size
	}
	c.first = grow(c.first, size)
	for k := range size {
		col := c.col[k*c.rows : (k+1)*c.rows]
		first := math.Inf(1)
		for i := range col {
			col[i] = synapse{math.Copysign(0, -1), 1, weights[i*size+k]}
			if i < nPre {
				col[i].d, col[i].g = delays[i*size+k], c.g1[i*size+k]
			}
			first = min(first, col[i].d)
		}
		c.first[k] = first
	}
}

// factors computes the delay factors g1 (and g2 for τ2 > 0) and the delay
// range of delays.
func (c *synapseFactors) factors(delays []float64, tau1, tau2 float64) {
	c.delays = append(c.delays[:0], delays...)
	c.tau1, c.tau2 = tau1, tau2
	c.dmin, c.dmax = math.Inf(1), math.Inf(-1)
	c.g1 = grow(c.g1, len(delays))
	for i, d := range delays {
		c.g1[i] = exp(d / tau1)
		c.dmin, c.dmax = min(c.dmin, d), max(c.dmax, d)
	}
	if tau2 > 0 {
		c.g2 = grow(c.g2, len(delays))
		for i, d := range delays {
			c.g2[i] = exp(d / tau2)
		}
	}
}

// splitFactor is e_i·g_ik, the factor of row i's arrival at neuron k of a
// layer of the given size relative to t₀ (bias rows have no synaptic delay).
func splitFactor(e, g []float64, i, nPre, size, k int) float64 {
	if i < nPre {
		return e[i] * g[i*size+k]
	}
	return e[i]
}

// synapticLayer solves the nominal neurons of synaptic layer l with cached
// synapse factors. It reports false, leaving the layer to the per-neuron
// exponentials, when the arrivals spread over more than the rebase span
// (the split factors would overflow) or a delay is negative.
func (ws *Workspace) synapticLayer(s *kernelSolver, l int, L *Layer, nPre int, out, slopes []float64, causal []int32) bool {
	size := L.Size
	if len(ws.order) == 0 {
		// Nothing arrives.
		for k := range size {
			out[k], slopes[k], causal[k] = math.Inf(1), 0, 0
		}
		return true
	}
	tau1, tau2, span := s.taus()
	c := &ws.syn[l]
	c.update(L, nPre, tau1, tau2, ws.stamp)
	t0, t1 := ws.order[0].t, ws.order[len(ws.order)-1].t+c.dmax
	if !(c.dmin >= 0 && t1-t0 <= span) {
		return false
	}
	m := s.skipMargin(max(math.Abs(t0), math.Abs(t1)))
	// Row factors e^{(t_i−t₀)/τ1}, in the shared order.
	d1, eo := newDivisor(tau1), ws.eo[:len(ws.order)]
	if d1.pow2 { // tested once, not per row (see Kernels.Eval)
		for j, o := range ws.order {
			eo[j] = (o.t - t0) * d1.inv
		}
	} else {
		for j, o := range ws.order {
			eo[j] = (o.t - t0) / d1.d
		}
	}
	exps(eo)
	switch {
	case len(ws.order) <= smallRows && s.regime == RegimeDouble:
		ws.synapticDoubleLayer(s, L, nPre, c, m, out, slopes, causal)
	case len(ws.order) <= 32 && tau2 == 0:
		for k := range size {
			ws.synapticFew(s, L, nPre, k, c, m, out, slopes, causal)
		}
	default:
		// synapticMany looks the factors up by row (and needs τ2's).
		e1, e2 := ws.e1, ws.e2
		for j, o := range ws.order {
			i := int(o.w)
			e1[i] = eo[j]
			if tau2 > 0 {
				e2[i] = exp((o.t - t0) / tau2)
			}
		}
		for k := range size {
			ws.synapticMany(s, L, nPre, k, c, m, out, slopes, causal)
		}
	}
	return true
}

// synapticFew solves neuron k of a synaptic layer with at most 32 rows
// and a closed-form solver (no second factor): it gathers each row's
// arrival time, weight and split factor in one pass (one index per
// synapse, and silent rows dropped without a branch), sorts them stably
// by time, then writes them relative to the first arrival. synapticMany
// does the same in three passes (times, sort, factors); this one takes
// about a quarter fewer instructions on yinyang-h30-ws's layers. The
// results are the same: the insertion sort below and sortArrivals' (up to
// 32 arrivals) are both stable, and every factor is the same product.
func (ws *Workspace) synapticFew(s *kernelSolver, L *Layer, nPre, k int, c *synapseFactors, m margin, out, slopes []float64, causal []int32) {
	order := ws.order
	eo := ws.eo[:len(order)]
	col := c.col[k*c.rows : (k+1)*c.rows]
	few := ws.few
	n := 0
	for r, o := range order {
		sy := &col[int(o.w)]
		t := o.t + sy.d
		a := &few[n]
		a.t, a.w, a.f1 = t, sy.w, eo[r]*sy.g
		n += b2i(t < math.Inf(1))
	}
	if n == 0 {
		fire(k, math.Inf(1), 0, 0, out, slopes, causal)
		return
	}
	few = few[:n]
	for i := 1; i < len(few); i++ {
		if skipInPlace && !(few[i-1].t > few[i].t) {
			continue
		}
		v := few[i]
		j := i
		for j > 0 && few[j-1].t > v.t {
			few[j] = few[j-1]
			j--
		}
		few[j] = v
	}
	// Relative to the neuron's first arrival, as in the per-neuron
	// solvers, the sums keep their size (and overflow no sooner).
	ref, inv := few[0].t, 1/few[0].f1
	fac := ws.fac[:n]
	for i, a := range few {
		f := &fac[i]
		f.t, f.w, f.d, f.f1 = a.t, a.w, a.t-ref, a.f1*inv
	}
	// Exactly 1, as e^0 is: the kernels then vanish exactly at the
	// first arrival whatever the size of the weights.
	fac[0].f1 = 1
	T, slope, nc := s.solve(fac, ref, nil, m)
	fire(k, T, slope, nc, out, slopes, causal)
}

// fewArrival is an arrival of synapticFew before it is made relative to
// the first: its time, weight and split factor e_i·g_ik.
type fewArrival struct {
	t, w, f1 float64
}

// synapticMany is synapticFew for more than 32 rows, where sortArrivals
// (a Shell sort) decides the order of tied arrivals.
func (ws *Workspace) synapticMany(s *kernelSolver, L *Layer, nPre, k int, c *synapseFactors, m margin, out, slopes []float64, causal []int32) {
	size, w, e1, e2 := L.Size, L.Weights, ws.e1, ws.e2
	arr := ws.neuronArrivals(L, nPre, k)
	if len(arr) == 0 {
		fire(k, math.Inf(1), 0, 0, out, slopes, causal)
		return
	}
	ref := arr[0].t
	fac := ws.fac[:len(arr)]
	inv := 1 / splitFactor(e1, c.g1, int(arr[0].w), nPre, size, k)
	for m := range fac {
		a := &arr[m]
		i := int(a.w)
		f := &fac[m]
		f.t, f.w, f.d = a.t, w[i*size+k], a.t-ref
		f.f1 = splitFactor(e1, c.g1, i, nPre, size, k) * inv
	}
	if c.tau2 > 0 {
		inv := 1 / splitFactor(e2, c.g2, int(arr[0].w), nPre, size, k)
		for m := range fac {
			fac[m].f2 = splitFactor(e2, c.g2, int(arr[m].w), nPre, size, k) * inv
		}
	}
	fac[0].f1, fac[0].f2 = 1, 1
	T, slope, n := s.solve(fac, ref, nil, m)
	fire(k, T, slope, n, out, slopes, causal)
}

// skipInPlace makes the small synaptic sorts test first whether an
// arrival is in place already, as most are (synaptic delays only partly
// shuffle the shared order), and then skip the shifting loop. Only under
// WebAssembly, where entering that loop costs a pass through the
// function's dispatch (see the package doc): there a batch of
// yinyang-h30-ws takes 1.3 % less time (5 % fewer instructions).
// Natively the same test makes it 9 % slower, though it runs fewer
// instructions there too: the branch is as unpredictable as the loop's
// own first test, and now comes on top of it.
const skipInPlace = runtime.GOARCH == "wasm"

// fourRows is the number of rows whose arrivals synapticDouble places by
// counting rather than by its insertion sort. A variable only so that a
// test can turn it off (TestFourRowsMatchInsertionSort).
var fourRows = 4

// smallRows is the most rows synapticDouble takes: a power of two, so
// that an index masked with smallMask needs no bounds check (and, being
// never negative, costs less than a remainder).
const (
	smallRows = 32
	smallMask = smallRows - 1
)

// smallArrivals is synapticDouble's scratch: one neuron's arrival times,
// split factors and weights.
type smallArrivals struct {
	t, f, w [smallRows]float64
}

// synapticDoubleLayer solves the neurons of a synaptic layer with τm = 2τs
// and at most smallRows rows in two passes: first each neuron's walk to
// the first prefix whose root is needed (synapticDouble), then all those
// roots. A root ends in a chain of a square root, a division and a
// logarithm, about 45 ns of latency natively; one neuron after another,
// each waited for the last, while the roots of different neurons, taken
// in one loop, overlap (and under WebAssembly, where calls are dear, the
// logarithms take one call). The first such root is almost always the spike;
// when it is not, the neuron's walk goes on from there (synapticDouble
// again, from scratch), so the results are those of firstDouble.
func (ws *Workspace) synapticDoubleLayer(s *kernelSolver, L *Layer, nPre int, c *synapseFactors, m margin, out, slopes []float64, causal []int32) {
	pend := ws.pend[:L.Size]
	np := ws.synapticDouble(s, c, m, 0, L.Size, 0, pend, out, slopes, causal)
	// The roots, their logarithms (in one call) and the spike times.
	lx := ws.lx[:np]
	for i := range np {
		p := &pend[i]
		p.x, p.ok = doubleRoot(p.a1, p.a2, p.D, p.e)
		lx[i] = p.x
	}
	logs(lx)
	for i := range np {
		p := &pend[i]
		T, slope, ok := 0.0, 0.0, false
		if p.ok {
			// doubleSpike, written out from its inlined parts.
			T = s.doubleTime(lx[i], p.ref)
			if ok = T >= p.lo && T <= p.hi; !ok {
				T, ok = acceptBelow(T, p.lo, p.hi)
			}
			if ok {
				slope = s.doubleSlope(p.a1, p.a2, p.x)
			}
		}
		for !ok {
			// Rejected: walk on from the next prefix.
			if ws.synapticDouble(s, c, m, p.k, p.k+1, p.causal, pend[i:i+1], out, slopes, causal) == 0 {
				T, slope = math.Inf(1), 0
				p.causal = 0
				break
			}
			T, slope, ok = s.doubleSolve(p.a1, p.a2, p.D, p.e, p.ref, p.lo, p.hi)
		}
		fire(p.k, T, slope, p.causal, out, slopes, causal)
	}
}

// doublePrefix is a prefix of neuron k whose root is needed: the sums and
// discriminant, the factor e of the arrival that opens its interval
// [lo, hi], the reference time and the prefix's size.
type doublePrefix struct {
	k                         int
	a1, a2, D, e, ref, lo, hi float64
	causal                    int
	x                         float64 // its root
	ok                        bool    // x is not before lo
}

// synapticDouble walks neurons k0 to k1−1 of a synaptic layer with
// τm = 2τs and at most smallRows rows, each to its first prefix, from the
// from-th on, whose root is needed (the cheap tests and the discriminant
// do not rule it out). It writes those prefixes into pend, one after
// another, and returns how many; a neuron without one fires never (+Inf).
// It is synapticFew and firstDouble written out in one function: the
// gathering, the stable insertion sort and the walk over the prefixes
// (no rebases: synapticLayer checked the span), on three arrays of plain
// numbers instead of slices of structs, without the pass that rebases
// them into ws.fac and solve's dispatch. The arithmetic is the same step
// for step, and so are the results. The loop over neurons is inside
// (synapticDoubleLayer's first pass is one call): under WebAssembly a call
// passes every argument through memory and saves every live value, about
// 150 instructions for this one.
func (ws *Workspace) synapticDouble(s *kernelSolver, c *synapseFactors, m margin, k0, k1, from int, pend []doublePrefix, out, slopes []float64, causal []int32) int {
	b := &ws.small
	order := ws.order
	eo := ws.eo[:len(order)]
	np := 0
	if len(order) > eagerRows {
		for k := k0; k < k1; k++ {
			if p := &pend[np]; ws.synapticDoubleLazy(s, k, c, m, from, p) {
				p.k = k
				np++
			} else {
				fire(k, math.Inf(1), 0, 0, out, slopes, causal)
			}
		}
		return np
	}
neurons:
	for k := k0; k < k1; k++ {
		// All the arrivals, sorted.
		col := c.col[k*c.rows : (k+1)*c.rows]
		n := 0
		if len(order) == fourRows {
			// Four rows (Yin-Yang's hidden layer): each arrival's place is
			// the number of arrivals before it, those earlier and those at
			// the same time that come first in the shared order, so the
			// order is the stable insertion sort's (a stable sort's is
			// unique); silent rows (+Inf) take the last places and are
			// not counted. Without a branch or a loop: the insertion
			// sort's shifts, which on a hidden layer's shuffled inputs go
			// one way or the other about once per arrival, mispredict
			// natively (cachegrind's simulated predictor: 16 % fewer
			// mispredictions per batch of yinyang-h30-ws with this), and
			// under WebAssembly each of their steps passes through the
			// function's dispatch (1.7 % fewer instructions). Written out
			// here, not called: under WebAssembly a call costs more.
			s0, s1, s2, s3 := &col[int(order[0].w)], &col[int(order[1].w)], &col[int(order[2].w)], &col[int(order[3].w)]
			t0, t1, t2, t3 := order[0].t+s0.d, order[1].t+s1.d, order[2].t+s2.d, order[3].t+s3.d
			c01, c02, c03 := b2i(t1 < t0), b2i(t2 < t0), b2i(t3 < t0)
			c12, c13, c23 := b2i(t2 < t1), b2i(t3 < t1), b2i(t3 < t2)
			p0 := (c01 + c02 + c03) & smallMask
			p1 := (1 - c01 + c12 + c13) & smallMask
			p2 := (2 - c02 - c12 + c23) & smallMask
			p3 := (3 - c03 - c13 - c23) & smallMask
			b.t[p0], b.f[p0], b.w[p0] = t0, eo[0]*s0.g, s0.w
			b.t[p1], b.f[p1], b.w[p1] = t1, eo[1]*s1.g, s1.w
			b.t[p2], b.f[p2], b.w[p2] = t2, eo[2]*s2.g, s2.w
			b.t[p3], b.f[p3], b.w[p3] = t3, eo[3]*s3.g, s3.w
			inf := math.Inf(1)
			n = b2i(t0 < inf) + b2i(t1 < inf) + b2i(t2 < inf) + b2i(t3 < inf)
		} else {
			for r, o := range order {
				sy := &col[int(o.w)]
				t := o.t + sy.d
				j := n & smallMask
				b.t[j], b.f[j], b.w[j] = t, eo[r]*sy.g, sy.w
				n += b2i(t < math.Inf(1)) // silent rows are overwritten
			}
			for i := 1; i < n; i++ {
				i &= smallMask
				vt := b.t[i]
				if skipInPlace && !(b.t[(i-1)&smallMask] > vt) {
					continue
				}
				vf, vw := b.f[i], b.w[i]
				j := i
				for ; j > 0 && b.t[(j-1)&smallMask] > vt; j-- {
					p := j & smallMask
					b.t[p], b.f[p], b.w[p] = b.t[(j-1)&smallMask], b.f[(j-1)&smallMask], b.w[(j-1)&smallMask]
				}
				j &= smallMask
				b.t[j], b.f[j], b.w[j] = vt, vf, vw
			}
		}
		// The walk. Factors relative to the first arrival, whose own is
		// exactly 1.
		ref, inv := b.t[0], 1/b.f[0]
		if sentinelWalk {
			b.t[n&smallMask], b.f[n&smallMask] = math.Inf(1), math.Inf(1)
		}
		var a1, a2 float64
		e := 1.0
		for p := range n {
			p &= smallMask
			wp := b.w[p]
			a1 += wp * e * e
			a2 += wp * e
			hi, en, closed := math.Inf(1), 0.0, false
			if sentinelWalk || p+1 < n {
				q := (p + 1) & smallMask
				hi, en, closed = b.t[q], b.f[q]*inv, true
			}
			if t := s.doubleInterval(e, en, closed, m); p >= from && t.need(a1, a2) {
				if D := a2*a2 - 4*a1*s.cd; D >= 0 {
					// Field by field: a composite literal goes through a
					// temporary under WebAssembly (cleared, filled, copied).
					o := &pend[np]
					o.k, o.a1, o.a2, o.D, o.e, o.ref, o.lo, o.hi, o.causal = k, a1, a2, D, e, ref, b.t[p], hi, p+1
					np++
					continue neurons
				}
			}
			e = en
		}
		fire(k, math.Inf(1), 0, 0, out, slopes, causal)
	}
	return np
}

// sentinelWalk makes synapticDouble put an arrival at +Inf with factor
// +Inf after a neuron's last and walk its last prefix as if that arrival
// closed it: the interval then ends at +Inf, as an open one does, and its
// tests come out as an open interval's (the test at the interval's end
// rules nothing out, a2·∞ < a1 being false), without the walk's test for
// the last prefix. Only under WebAssembly, where that test is a jump
// through the function's dispatch: there a batch of yinyang-h30-ws runs
// 2.7 % fewer instructions and took 3 % less time; natively it took
// more. The slot after the last arrival is free: synapticDouble sorts at
// most eagerRows < smallRows.
const sentinelWalk = runtime.GOARCH == "wasm"

// eagerRows is the most rows for which synapticDouble sorts all of a
// neuron's arrivals before its walk; beyond, synapticDoubleLazy sorts
// only as far as the walk goes. A variable only so that a test can run
// both on the same layers (TestLazyWalkMatchesEager).
var eagerRows = 8

// synapticDoubleLazy is synapticDouble for more than eagerRows rows. A
// neuron usually fires long before its last arrival (an output neuron of
// yinyang-h30-ws after about 7 of 22), and the arrivals after its spike
// matter to nothing, so it gathers, sorts and walks together, in the
// shared order: after row r is inserted, no later row can arrive before
// order[r+1].t + first[k] (the shared order is sorted, and float addition
// rounds monotonically), so every arrival up to that bound is in its
// final place, and each prefix is walked as soon as the arrival after it
// is. The sort is the same stable insertion sort (an arrival never moves
// past one in its final place: those are no later than it, and ties keep
// the shared order), so the prefixes, their sums and the results are
// synapticDouble's, without the rows after the spike.
func (ws *Workspace) synapticDoubleLazy(s *kernelSolver, k int, c *synapseFactors, m margin, from int, out *doublePrefix) bool {
	b := &ws.small
	order := ws.order
	eo := ws.eo[:len(order)]
	col := c.col[k*c.rows : (k+1)*c.rows]
	first := c.first[k]
	n, final, p := 0, 0, 0 // arrivals so far, those in their final place, the next prefix
	var a1, a2, ref, inv float64
	e := 1.0
	for r, o := range order {
		sy := &col[int(o.w)]
		t := o.t + sy.d
		j := n
		for ; j > final && b.t[(j-1)&smallMask] > t; j-- {
			q := j & smallMask
			b.t[q], b.f[q], b.w[q] = b.t[(j-1)&smallMask], b.f[(j-1)&smallMask], b.w[(j-1)&smallMask]
		}
		j &= smallMask
		b.t[j], b.f[j], b.w[j] = t, eo[r]*sy.g, sy.w
		n += b2i(t < math.Inf(1)) // a silent row stays last and is overwritten
		bound := math.Inf(1)
		if r+1 < len(order) {
			bound = order[r+1].t + first
		}
		for final < n && b.t[final&smallMask] <= bound {
			final++
		}
		// Walk every prefix whose next arrival is final, and at the
		// last row the last prefix too (final = n then).
		for ; p+1 < final || (p < final && r+1 == len(order)); p++ {
			if p == 0 {
				// Factors relative to the first arrival, whose own is exactly 1.
				ref, inv = b.t[0], 1/b.f[0]
			}
			q := p & smallMask
			wp := b.w[q]
			a1 += wp * e * e
			a2 += wp * e
			hi, en, closed := math.Inf(1), 0.0, false
			if p+1 < n {
				q1 := (p + 1) & smallMask
				hi, en, closed = b.t[q1], b.f[q1]*inv, true
			}
			if t := s.doubleInterval(e, en, closed, m); p >= from && t.need(a1, a2) {
				if D := a2*a2 - 4*a1*s.cd; D >= 0 {
					out.a1, out.a2, out.D, out.e, out.ref, out.lo, out.hi, out.causal = a1, a2, D, e, ref, b.t[q], hi, p+1
					return true
				}
			}
			e = en
		}
	}
	return false
}
