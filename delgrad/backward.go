package delgrad

import (
	"math"

	"delaylab/sim"
)

// Backprop is scratch space for backward passes; one per goroutine.
type Backprop struct {
	delta [][]float64 // ∂L/∂T per layer, index 0 = input times
	kap   []float64   // κ(T − t̃_i) of one neuron's rows, NaN if not causal
	dkap  []float64   // κ'(T − t̃_i)
	arr   []float64   // t̃_i
	// Nominal selects the authors' NominalThreshold convention: divide by
	// the slope their Lambert-W formula gives at the nominal threshold (see
	// nominalSlope). Defined for τm = τs only (Config.Validate checks).
	Nominal bool
}

// NewBackprop sizes scratch space for n.
func NewBackprop(n *sim.Network) *Backprop {
	b := &Backprop{delta: make([][]float64, len(n.Layers)+1)}
	b.delta[0] = make([]float64, n.Inputs)
	rows := 0
	for l, L := range n.Layers {
		b.delta[l+1] = make([]float64, L.Size)
		rows = max(rows, n.Rows(l))
	}
	b.kap = make([]float64, rows)
	b.dkap = make([]float64, rows)
	b.arr = make([]float64, rows)
	return b
}

// Backward adds to g the gradient of a loss whose derivatives with respect
// to the output spike times are dOut, for the sample whose spike times are
// in ws. The gradient is evaluated with n's (nominal) parameters at the
// times in ws, whoever produced them: a neuron whose recorded spike is
// impossible under the model (no rising crossing, u̇ ≤ 0) passes no
// gradient. If dwCap > 0, a neuron whose largest weight-gradient entry for
// this sample exceeds dwCap contributes no weight gradient (max_dw_norm).
func (b *Backprop) Backward(n *sim.Network, ws *sim.Workspace, dOut []float64, g *Grads, dwCap float64) {
	last := len(n.Layers)
	copy(b.delta[last], dOut)
	nu := n.Neuron
	for l := last - 1; l >= 0; l-- {
		L := &n.Layers[l]
		size, nPre, rows := L.Size, n.PreSize(l), n.Rows(l)
		pre, post := ws.Times[l], ws.Times[l+1]
		dPre := b.delta[l]
		clear(dPre)
		gw, gd := g.W[l], g.D[l]
		for k := range size {
			dk := b.delta[l+1][k]
			T := post[k]
			if dk == 0 || math.IsInf(T, 1) || math.IsNaN(dk) {
				continue
			}
			slope := 0.0
			for i := range rows {
				var t float64
				if i < nPre {
					t = pre[i]
				} else {
					t = L.BiasTimes[i-nPre]
				}
				t += L.Delay.Of(L.Delays, i, k, nPre, size)
				b.arr[i] = t
				if !(t < T) {
					b.kap[i] = math.NaN()
					continue
				}
				kv, dkv := nu.Kernel(T - t)
				b.kap[i], b.dkap[i] = kv, dkv
				slope += L.Weights[i*size+k] * dkv
			}
			if b.Nominal {
				slope = b.nominalSlope(nu, L.Weights[k:], size, rows, T)
			}
			if !(slope > 0) {
				continue
			}
			inv := dk / slope
			skipW := false
			if dwCap > 0 {
				for i := range rows {
					if !math.IsNaN(b.kap[i]) && math.Abs(inv*b.kap[i]) > dwCap {
						skipW = true
						break
					}
				}
			}
			sumT := 0.0
			for i := range rows {
				kv := b.kap[i]
				if math.IsNaN(kv) {
					continue
				}
				if !skipW {
					gw[i*size+k] -= inv * kv
				}
				gt := inv * L.Weights[i*size+k] * b.dkap[i] // δ_k ∂T_k/∂t̃_ki
				sumT += gt
				if i >= nPre {
					continue
				}
				dPre[i] += gt
				switch L.Delay {
				case sim.DelaySynaptic:
					gd[i*size+k] += gt
				case sim.DelayAxonal:
					gd[i] += gt
				}
			}
			if L.Delay == sim.DelayDendritic {
				gd[k] += sumT
			}
		}
	}
	for i, v := range b.delta[0] {
		g.Input[i] += v
	}
}

// nominalSlope is the slope the authors' gradient divides by. For τm = τs
// the exact slope at the spike time T of the causal inputs (those before
// T, b.kap not NaN; weights w[i·stride]) is u̇(T) = e^{−T/τs}·a1·(1 + W)/C,
// where a1 = Σ w_i e^{t_i/τs}, b = Σ w_i (t_i/τs) e^{t_i/τs} and W is the
// Lambert-W value of the crossing, W = b/a1 − T/τs. Their formula takes W
// instead from the threshold of the configuration, W0(z) with
// z = −(c/a1)·e^{b/a1} and c = g(ϑ − E_l), so on a chip whose threshold
// differs from the nominal one (offsets, trial noise) it is the slope of
// another crossing; where the real threshold is higher, the true slope is
// smaller and so the authors' gradient smaller than the exact one. Like
// theirs, it adds ε = 1e-6 to a1 and b. 0 (no gradient) when the causal
// inputs cannot reach the nominal threshold (z < −1/e).
func (b *Backprop) nominalSlope(nu sim.Neuron, w []float64, stride, rows int, T float64) float64 {
	a1, bs := authorsEps, authorsEps
	for i := range rows {
		if math.IsNaN(b.kap[i]) {
			continue
		}
		x := b.arr[i] / nu.TauSyn
		e := w[i*stride] * math.Exp(x)
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
