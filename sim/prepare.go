package sim

import (
	"math"
	"runtime"
	"slices"
)

// Preparing a layer. The solvers need each arrival's exponential factors
// e^{(t_i−ref)/τ}, which cost far more than the multiply-adds of the
// running sums; this file arranges for most of them to be shared.
//
// Without per-synapse delays (none, axonal, dendritic) every neuron of a
// layer sees its arrivals in one shared order, and relative to the first
// arrival (a dendritic delay shifts all of a neuron's arrivals alike, so
// it cancels) the neurons also share the factors, the rebase points and
// their multipliers: they are computed once per layer. For the closed
// forms the nominal neurons then walk the shared order together, arrivals
// in the outer loop and the neurons not yet fired in the inner one, so
// that each weight row is read contiguously.
//
// With synaptic delays the factor of arrival t_i + d_ik relative to the
// earliest presynaptic spike t₀ splits as e^{(t_i−t₀)/τ}·e^{d_ik/τ}: one
// exponential per presynaptic spike and sample, and one per synapse that
// only changes with the delays, cached in the Workspace. Divided by the
// factor of the neuron's first arrival, they are relative to that
// arrival, as the per-neuron solvers have them.
//
// Neurons with their own parameters (ForwardNeurons) have their own time
// constants and compute their factors one by one.
//
// The prefixes are solved by the same code either way, so the results
// are those of the per-neuron solvers up to the rounding of the factors
// (a dendritic offset (t_i+δ) − (t₀+δ) rather than t_i − t₀; a product
// and quotient of exponentials rather than one).

// factored is an arrival with its exponential factors relative to the
// reference time of its segment, the first arrival or the last rebase
// (see kernelSolver.factors).
type factored struct {
	t, w   float64
	d      float64 // t − ref
	f1, f2 float64 // e^{d/τ1} and e^{d/τ2} (see kernelSolver.taus)
}

// rebase moves the reference time forward to arrival k, d after the old
// reference: the running sums carry over multiplied by r1 = e^{−d/τ1}
// (and r2 = e^{−d/τ2}).
type rebase struct {
	k      int
	d      float64
	r1, r2 float64
}

// taus returns the time constants of the factors f1 and f2 of the solver's
// regime (τ2 = 0: no f2) and the span after which the reference moves.
func (s *kernelSolver) taus() (tau1, tau2, span float64) {
	switch s.regime {
	case RegimeEqual:
		return s.n.TauSyn, 0, rebaseSpan * s.n.TauSyn
	case RegimeDouble:
		// e^{d/τs} = (e^{d/τm})²: one factor serves both sums.
		return s.n.TauMem, 0, rebaseSpan * s.n.TauSyn
	}
	return s.n.TauSyn, s.n.TauMem, rebaseSpan * math.Min(s.n.TauSyn, s.n.TauMem)
}

// factors fills d, f1 and f2 of the arrivals in, sorted by time, relative
// to the first arrival; an arrival more than the span after the reference
// becomes the new reference, so that the sums stay finite. It appends
// those moves to ev and returns it.
func (s *kernelSolver) factors(in []factored, ev []rebase) []rebase {
	tau1, tau2, span := s.taus()
	ref := in[0].t
	for k := range in {
		a := &in[k]
		d := a.t - ref
		if d > span {
			r := rebase{k: k, d: d, r1: exp(-d / tau1)}
			if tau2 > 0 {
				r.r2 = exp(-d / tau2)
			}
			ev = append(ev, r)
			ref, d = a.t, 0
		}
		a.d, a.f1 = d, exp(d/tau1)
		if tau2 > 0 {
			a.f2 = exp(d / tau2)
		}
	}
	return ev
}

// spanMax is the largest |t| of arrivals sorted by time (0 for none), for
// skipMargin.
func spanMax(in []factored) float64 {
	if len(in) == 0 {
		return 0
	}
	return max(math.Abs(in[0].t), math.Abs(in[len(in)-1].t))
}

// shellGaps is Ciura's gap sequence for Shell sort, extended by factors
// of about 2.25.
var shellGaps = [...]int{44842, 19930, 8858, 3937, 1750, 701, 301, 132, 57, 23, 10, 4}

// sortArrivals orders arrivals by time, in place. Insertion sort wins for
// the few inputs of small layers and for arrivals gathered in presynaptic
// order that synaptic delays have only partly shuffled; more arrivals
// first go through the larger gaps of a Shell sort, which compares inline
// (pdqsort with a comparison function costs twice as much here).
func sortArrivals(a []arrival) {
	if len(a) > 32 {
		if len(a) > 4*shellGaps[0] {
			slices.SortFunc(a, func(x, y arrival) int {
				switch {
				case x.t < y.t:
					return -1
				case x.t > y.t:
					return 1
				}
				return 0
			})
			return
		}
		for _, g := range shellGaps {
			if 2*g >= len(a) {
				continue
			}
			for i := g; i < len(a); i++ {
				v := a[i]
				j := i
				for j >= g && a[j-g].t > v.t {
					a[j] = a[j-g]
					j -= g
				}
				a[j] = v
			}
		}
	}
	if binaryInsertion {
		insertBinary(a)
	} else {
		insertLinear(a)
	}
}

// binaryInsertion makes sortArrivals' insertion sort find each place by
// bisection and shift the rest with copy. Only under WebAssembly: there
// every step of a loop goes through the function's dispatch (see the
// package doc), and on the output layer's shared order (about 30 hidden
// spike times in no order) it takes a batch of yinyang-h30-ws 3 % less
// time; natively the linear scan is as fast or faster.
const binaryInsertion = runtime.GOARCH == "wasm"

// insertLinear is a stable insertion sort by time.
func insertLinear(a []arrival) {
	for i := 1; i < len(a); i++ {
		v := a[i]
		j := i
		for j > 0 && a[j-1].t > v.t {
			a[j] = a[j-1]
			j--
		}
		a[j] = v
	}
}

// insertBinary is insertLinear with each place found by bisection: the
// first arrival later than v, so that v comes after every arrival at its
// time, where insertLinear puts it.
func insertBinary(a []arrival) {
	for i := 1; i < len(a); i++ {
		v := a[i]
		if !(a[i-1].t > v.t) {
			continue
		}
		lo, hi := 0, i-1 // a[i-1] is later than v
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if a[m].t > v.t {
				hi = m
			} else {
				lo = m + 1
			}
		}
		copy(a[lo+1:i+1], a[lo:i])
		a[lo] = v
	}
}

// activeNeuron is a neuron of the layer-wide pass that has not fired yet,
// with the running sums of its prefix (A, B for τm = τs; a1, a2 for τm = 2τs).
type activeNeuron struct {
	k      int
	s1, s2 float64
}

// shift is the dendritic delay of neuron k, 0 for the other kinds.
func shift(L *Layer, k int) float64 {
	if L.Delay == DelayDendritic {
		return L.Delays[k]
	}
	return 0
}

// sharedOrder sorts the rows of layer L (presynaptic units, then bias
// spikes) by the time their spikes leave (arrive, for axonal delays) into
// ws.order, with the row in w; silent rows are left out. Every neuron
// receives them in this order up to its dendritic or synaptic delays.
func (ws *Workspace) sharedOrder(L *Layer, pre []float64) {
	// Every row is written and only those that arrive are kept, without
	// a branch; the delay kind is tested once (see the package doc).
	order := ws.order[:len(pre)+len(L.BiasTimes)]
	n := 0
	if L.Delay == DelayAxonal {
		d := L.Delays[:len(pre)]
		for i, t := range pre {
			t += d[i]
			order[n] = arrival{t: t, w: float64(i)}
			n += b2i(t < math.Inf(1))
		}
	} else {
		for i, t := range pre {
			order[n] = arrival{t: t, w: float64(i)}
			n += b2i(t < math.Inf(1))
		}
	}
	for j, b := range L.BiasTimes {
		order[n] = arrival{t: b, w: float64(len(pre) + j)}
		n++
	}
	ws.order = order[:n]
	sortArrivals(ws.order)
}

// neuronArrivals returns neuron k's arrivals sorted by time, with the row
// in w, from ws.order (in ws.arr). Synaptic delays only partly shuffle
// the shared order, which insertion sort then repairs quickly.
func (ws *Workspace) neuronArrivals(L *Layer, nPre, k int) []arrival {
	arr := ws.arr[:0]
	switch L.Delay {
	case DelaySynaptic:
		arr = ws.arr[:len(ws.order)]
		delays, size, n := L.Delays, L.Size, 0
		for _, o := range ws.order {
			t := o.t
			if i := int(o.w); i < nPre { // bias spikes have no synaptic delay
				t += delays[i*size+k]
			}
			if t < math.Inf(1) {
				arr[n] = arrival{t: t, w: o.w}
				n++
			}
		}
		arr = arr[:n]
		sortArrivals(arr)
	case DelayDendritic:
		sh := L.Delays[k]
		for _, o := range ws.order {
			if t := o.t + sh; t < math.Inf(1) {
				arr = append(arr, arrival{t: t, w: o.w})
			}
		}
	default:
		arr = append(arr, ws.order...)
	}
	return arr
}

// nominalLayer solves layer l for the nominal neuron s with shared
// factors; it reports false when the layer needs per-neuron factors.
func (ws *Workspace) nominalLayer(s *kernelSolver, l int, L *Layer, nPre int, out, slopes []float64, causal []int32) bool {
	switch {
	case L.Delay == DelaySynaptic:
		return ws.synapticLayer(s, l, L, nPre, out, slopes, causal)
	case s.regime == RegimeGeneral:
		ws.sharedFactors(s)
		ws.sharedNeurons(s, L, out, slopes, causal)
	default:
		ws.sharedFactors(s)
		ws.sharedLayer(s, L, out, slopes, causal)
	}
	return true
}

// sharedFactors computes the factors of ws.order for the nominal solver s
// into ws.ford (weight row in w) and its rebase points into ws.evOrder.
func (ws *Workspace) sharedFactors(s *kernelSolver) {
	ws.ford = ws.ford[:len(ws.order)]
	for j, o := range ws.order {
		ws.ford[j] = factored{t: o.t, w: o.w}
	}
	ws.evOrder = ws.evOrder[:0]
	if len(ws.ford) > 0 {
		ws.evOrder = s.factors(ws.ford, ws.evOrder)
	}
}

// sharedNeurons solves every neuron of layer L one by one on the shared
// factors of ws.ford (for the general regime, whose exact path needs the
// neuron's own arrivals).
func (ws *Workspace) sharedNeurons(s *kernelSolver, L *Layer, out, slopes []float64, causal []int32) {
	size := L.Size
	for k := range size {
		sh := shift(L, k)
		fac := ws.fac[:len(ws.ford)]
		for j, o := range ws.ford {
			fac[j] = factored{t: o.t + sh, w: L.Weights[int(o.w)*size+k], d: o.d, f1: o.f1, f2: o.f2}
		}
		ref := 0.0
		if len(fac) > 0 {
			ref = fac[0].t
		}
		T, slope, c := s.solve(fac, ref, ws.evOrder, s.skipMargin(spanMax(fac)))
		fire(k, T, slope, c, out, slopes, causal)
	}
}

// fire records the result of neuron k; a NaN (only overflowing parameters,
// |w| near MaxFloat64, produce one) records a silent neuron.
func fire(k int, T, slope float64, c int, out, slopes []float64, causal []int32) {
	if math.IsNaN(T) || math.IsNaN(slope) {
		T, slope, c = math.Inf(1), 0, 0
	}
	out[k], slopes[k], causal[k] = T, slope, int32(c)
}

// sharedLayer solves every neuron of layer L at once along the shared
// factors of ws.ford with the nominal solver s (τm = τs or τm = 2τs).
func (ws *Workspace) sharedLayer(s *kernelSolver, L *Layer, out, slopes []float64, causal []int32) {
	act, shiftMax := ws.act[:0], 0.0
	for k := range L.Size {
		out[k], slopes[k], causal[k] = math.Inf(1), 0, 0
		if sh := shift(L, k); !math.IsInf(sh, 0) { // else nothing ever reaches k
			act = append(act, activeNeuron{k: k})
			shiftMax = max(shiftMax, math.Abs(sh))
		}
	}
	if len(ws.ford) == 0 {
		return
	}
	m := s.skipMargin(spanMax(ws.ford) + shiftMax)
	if s.regime == RegimeEqual {
		ws.sharedEqual(s, L, act, m, out, slopes, causal)
	} else {
		ws.sharedDouble(s, L, act, m, out, slopes, causal)
	}
}

// sharedEqual is firstEqual for all neurons of a layer at once.
func (ws *Workspace) sharedEqual(s *kernelSolver, L *Layer, act []activeNeuron, m margin, out, slopes []float64, causal []int32) {
	order, ev, size := ws.ford, ws.evOrder, L.Size
	ref := order[0].t
	for j := range order {
		o := &order[j]
		if len(ev) > 0 && ev[0].k == j {
			f, d := ev[0].r1, ev[0].d
			for i := range act {
				p := &act[i]
				p.s1, p.s2 = f*p.s1, f*(p.s2-d*p.s1)
			}
			ref, ev = o.t, ev[1:]
		}
		hi, dn, en, closed := math.Inf(1), 0.0, 0.0, false
		if j+1 < len(order) {
			n := &order[j+1]
			hi, dn, en = n.t, n.d, n.f1
			closed = len(ev) == 0 || ev[0].k != j+1
		}
		t := s.equalInterval(o.d, o.f1, dn, en, closed, m)
		d, e := o.d, o.f1
		row := L.Weights[int(o.w)*size : int(o.w)*size+size]
		for i := 0; i < len(act); i++ {
			p := &act[i]
			w := row[p.k]
			p.s1 += w * e
			p.s2 += w * d * e
			if t.open(p.s1, p.s2)&t.reach(p.s1, p.s2) == 0 {
				continue
			}
			sh := shift(L, p.k)
			if T, slope, ok := s.equalCandidate(p.s1, p.s2, ref+sh, o.t+sh, hi+sh); ok {
				fire(p.k, T, slope, j+1, out, slopes, causal)
				act = dropActive(act, i)
				i-- // act[i] is a neuron not yet seen at this arrival
			}
		}
		if len(act) == 0 {
			return
		}
	}
}

// sharedDouble is firstDouble for all neurons of a layer at once.
func (ws *Workspace) sharedDouble(s *kernelSolver, L *Layer, act []activeNeuron, m margin, out, slopes []float64, causal []int32) {
	order, ev, size := ws.ford, ws.evOrder, L.Size
	ref := order[0].t
	for j := range order {
		o := &order[j]
		if len(ev) > 0 && ev[0].k == j {
			f := ev[0].r1
			for i := range act {
				p := &act[i]
				p.s1, p.s2 = p.s1*f*f, p.s2*f
			}
			ref, ev = o.t, ev[1:]
		}
		hi, en, closed := math.Inf(1), 0.0, false
		if j+1 < len(order) {
			n := &order[j+1]
			hi, en = n.t, n.f1
			closed = len(ev) == 0 || ev[0].k != j+1
		}
		e := o.f1
		t := s.doubleInterval(e, en, closed, m)
		row := L.Weights[int(o.w)*size : int(o.w)*size+size]
		for i := 0; i < len(act); i++ {
			p := &act[i]
			w := row[p.k]
			p.s1 += w * e * e
			p.s2 += w * e
			if !t.need(p.s1, p.s2) {
				continue
			}
			sh := shift(L, p.k)
			if T, slope, ok := s.doubleCandidate(p.s1, p.s2, e, ref+sh, o.t+sh, hi+sh); ok {
				fire(p.k, T, slope, j+1, out, slopes, causal)
				act = dropActive(act, i)
				i-- // act[i] is a neuron not yet seen at this arrival
			}
		}
		if len(act) == 0 {
			return
		}
	}
}

// dropActive removes act[i], moving the last neuron into its place: the
// neurons are independent, so their order does not matter.
func dropActive(act []activeNeuron, i int) []activeNeuron {
	last := len(act) - 1
	act[i] = act[last]
	return act[:last]
}
