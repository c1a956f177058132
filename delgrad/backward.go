package delgrad

import (
	"math"

	"delaylab/sim"
)

// Backprop is scratch space for backward passes; one per goroutine.
type Backprop struct {
	delta [][]float64 // ∂L/∂T per layer, index 0 = input times
	// A layer's causal inputs (arrived before the spike) of each neuron
	// with a gradient to pass, neuron after neuron, each in row order:
	row  []int       // their rows
	arr  []float64   // t̃_i
	s    []float64   // T − t̃_i
	kap  []float64   // κ(T − t̃_i)
	dkap []float64   // κ'(T − t̃_i)
	span []inputSpan // per neuron: where its causal inputs are
	// Nominal selects the authors' NominalThreshold convention: divide by
	// the slope their Lambert-W formula gives at the nominal threshold (see
	// nominalSlope). Defined for τm = τs only (Config.Validate checks).
	Nominal bool
}

// inputSpan is where one neuron's causal inputs lie in Backprop's layer
// buffers: n of them from at; n < 0 when the neuron passes no gradient.
type inputSpan struct{ at, n int }

// NewBackprop sizes scratch space for n.
func NewBackprop(n *sim.Network) *Backprop {
	b := &Backprop{delta: make([][]float64, len(n.Layers)+1)}
	b.delta[0] = make([]float64, n.Inputs)
	inputs, size := 0, 0
	for l, L := range n.Layers {
		b.delta[l+1] = make([]float64, L.Size)
		inputs = max(inputs, L.Size*n.Rows(l))
		size = max(size, L.Size)
	}
	b.row = make([]int, inputs)
	b.arr = make([]float64, inputs)
	b.s = make([]float64, inputs)
	b.kap = make([]float64, inputs)
	b.dkap = make([]float64, inputs)
	b.span = make([]inputSpan, size)
	return b
}

// Backward adds to g the gradient of a loss whose derivatives with respect
// to the output spike times are dOut, for the sample whose spike times are
// in ws. The gradient is evaluated with n's (nominal) parameters at the
// times in ws, whoever produced them: a neuron whose recorded spike is
// impossible under the model (no rising crossing, u̇ ≤ 0) passes no
// gradient. If dwCap > 0, a neuron whose largest weight-gradient entry for
// this sample exceeds dwCap contributes no weight gradient (max_dw_norm).
//
// Layer by layer it gathers the causal inputs of all the layer's neurons,
// evaluates all their kernels in one call, then passes each neuron's
// gradient on: per neuron the same arithmetic in the same order as one
// neuron at a time, with the kernels' calls (Eval and its exponentials)
// made once per layer instead of once per neuron (under WebAssembly a
// call costs several nanoseconds).
func (b *Backprop) Backward(n *sim.Network, ws *sim.Workspace, dOut []float64, g *Grads, dwCap float64) {
	last := len(n.Layers)
	copy(b.delta[last], dOut)
	nu := n.Neuron
	kern := nu.Kernels()
	for l := last - 1; l >= 0; l-- {
		L := &n.Layers[l]
		size, nPre := L.Size, n.PreSize(l)
		dPre := b.delta[l]
		clear(dPre)
		gw, gd, w := g.W[l], g.D[l], L.Weights
		kind := L.Delay // a local: the stores below could alias L for all Go knows
		total := b.causal(L, ws.Times[l], ws.Times[l+1], b.delta[l+1])
		kern.Eval(b.s[:total], b.kap[:total], b.dkap[:total])
		for k, sp := range b.span[:size] {
			if sp.n < 0 {
				continue
			}
			dk, T := b.delta[l+1][k], ws.Times[l+1][k]
			rows := b.row[sp.at : sp.at+sp.n]
			kap, dkap := b.kap[sp.at:sp.at+sp.n], b.dkap[sp.at:sp.at+sp.n]
			slope := 0.0
			for j, i := range rows {
				slope += w[i*size+k] * dkap[j]
			}
			if b.Nominal {
				slope = b.nominalSlope(nu, w, size, k, rows, b.arr[sp.at:sp.at+sp.n], T)
			}
			if !(slope > 0) {
				continue
			}
			inv := dk / slope
			skipW := false
			if dwCap > 0 {
				for _, kv := range kap {
					if math.Abs(inv*kv) > dwCap {
						skipW = true
						break
					}
				}
			}
			sumT := 0.0
			for j, i := range rows {
				if !skipW {
					gw[i*size+k] -= inv * kap[j]
				}
				gt := inv * w[i*size+k] * dkap[j] // δ_k ∂T_k/∂t̃_ki
				sumT += gt
				if i >= nPre {
					continue
				}
				dPre[i] += gt
				switch kind {
				case sim.DelaySynaptic:
					gd[i*size+k] += gt
				case sim.DelayAxonal:
					gd[i] += gt
				}
			}
			if kind == sim.DelayDendritic {
				gd[k] += sumT
			}
		}
	}
	for i, v := range b.delta[0] {
		g.Input[i] += v
	}
}

// causal gathers, for each neuron k of layer L that has a gradient to pass
// (dT[k] a nonzero number, post[k] a spike), the rows whose arrival
// (presynaptic times pre, then the bias spikes) comes before its spike, in
// row order, with their arrival times and T − t̃_i, and records where in
// b.span; it returns how many inputs it gathered.
func (b *Backprop) causal(L *sim.Layer, pre, post, dT []float64) int {
	if L.Delay == sim.DelaySynaptic {
		return b.causalSynaptic(L, pre, post, dT)
	}
	at := 0
	for k := range L.Size {
		T, g := post[k], dT[k]
		if g == 0 || math.IsInf(T, 1) || math.IsNaN(g) {
			b.span[k] = inputSpan{n: -1}
			continue
		}
		n := b.causalOf(L, pre, k, T, at)
		s, arr := b.s[at:n], b.arr[at:n]
		for j, t := range arr {
			s[j] = T - t
		}
		b.span[k] = inputSpan{at, n - at}
		at = n
	}
	return at
}

// causalOf gathers from b.row[at] and b.arr[at] the rows of layer L whose
// arrival at neuron k (presynaptic times pre, then the bias spikes) comes
// before T, in row order, and returns where they end. Whether an input is
// causal varies from input to input, so each row is written and the count
// advanced by the outcome of the test, without a branch to mispredict.
func (b *Backprop) causalOf(L *sim.Layer, pre []float64, k int, T float64, at int) int {
	row, arr, d := b.row, b.arr, L.Delays
	n := at
	switch L.Delay {
	case sim.DelayAxonal:
		for i, t := range pre {
			t += d[i]
			row[n], arr[n] = i, t
			n += b2i(t < T)
		}
	default:
		// Dendritic delays shift every row alike, bias rows included.
		sh := 0.0
		if L.Delay == sim.DelayDendritic {
			sh = d[k]
		}
		for i, t := range pre {
			t += sh
			row[n], arr[n] = i, t
			n += b2i(t < T)
		}
	}
	sh := 0.0
	if L.Delay == sim.DelayDendritic {
		sh = d[k]
	}
	for j, t := range L.BiasTimes {
		t += sh
		row[n], arr[n] = len(pre)+j, t
		n += b2i(t < T)
	}
	return n
}

// causalSynaptic is causal for synaptic delays, the gathering that
// presets with synaptic delays run for every neuron and sample, written
// as one function for the whole layer: without a call and a switch on the
// delay kind per neuron, a training batch of yinyang-h30-ws takes 2–3 %
// less time, natively and under WebAssembly (measured side by side; it
// runs 1.4 % more instructions natively, so counting them would have
// said otherwise).
func (b *Backprop) causalSynaptic(L *sim.Layer, pre, post, dT []float64) int {
	row, arr, s, d, size := b.row, b.arr, b.s, L.Delays, L.Size
	at := 0
	for k := range size {
		T, g := post[k], dT[k]
		if g == 0 || math.IsInf(T, 1) || math.IsNaN(g) {
			b.span[k] = inputSpan{n: -1}
			continue
		}
		// T − t̃ with the gathering, for every row (kept for the causal
		// ones): a second loop over the causal inputs would cost more,
		// under WebAssembly, than the subtractions it saves.
		n := at
		for i, t := range pre {
			t += d[i*size+k]
			row[n], arr[n], s[n] = i, t, T-t
			n += b2i(t < T)
		}
		for j, t := range L.BiasTimes {
			row[n], arr[n], s[n] = len(pre)+j, t, T-t
			n += b2i(t < T)
		}
		b.span[k] = inputSpan{at, n - at}
		at = n
	}
	return at
}

// b2i is 1 for true and 0 for false, compiled without a branch.
func b2i(v bool) int {
	if v {
		return 1
	}
	return 0
}

// nominalSlope is the slope the authors' gradient divides by. For τm = τs
// the exact slope at the spike time T of the causal inputs (rows, arriving
// at arr; weights w[i·size+k]) is u̇(T) = e^{−T/τs}·a1·(1 + W)/C,
// where a1 = Σ w_i e^{t_i/τs}, b = Σ w_i (t_i/τs) e^{t_i/τs} and W is the
// Lambert-W value of the crossing, W = b/a1 − T/τs. Their formula takes W
// instead from the threshold of the configuration, W0(z) with
// z = −(c/a1)·e^{b/a1} and c = g(ϑ − E_l), so on a chip whose threshold
// differs from the nominal one (offsets, trial noise) it is the slope of
// another crossing; where the real threshold is higher, the true slope is
// smaller and so the authors' gradient smaller than the exact one. Like
// theirs, it adds ε = 1e-6 to a1 and b. 0 (no gradient) when the causal
// inputs cannot reach the nominal threshold (z < −1/e).
func (b *Backprop) nominalSlope(nu sim.Neuron, w []float64, size, k int, rows []int, arr []float64, T float64) float64 {
	a1, bs := authorsEps, authorsEps
	for j, i := range rows {
		x := arr[j] / nu.TauSyn
		e := w[i*size+k] * math.Exp(x)
		a1 += e
		bs += e * x
	}
	c := nu.C / nu.TauMem * (nu.Threshold - nu.Leak)
	z := -c / a1 * math.Exp(bs/a1)
	if !(z >= -1/math.E) {
		return 0
	}
	W := sim.LambertW0(z)
	return math.Exp(-T/nu.TauSyn) * a1 * (1 + W) / nu.C
}
