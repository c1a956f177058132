package delgrad

import (
	"math"
	"math/rand/v2"
	"testing"

	"delaylab/sim"
)

// batchLoss is the mean loss over samples, and the causal-set sizes of
// every neuron (to tell when a finite difference crossed a kink).
func batchLoss(n *sim.Network, inputs [][]float64, labels []int, loss Loss) (float64, []int32) {
	ws := sim.NewWorkspace(n)
	g := make([]float64, n.Outputs())
	var L float64
	var sig []int32
	for s, in := range inputs {
		ws.Forward(n, in)
		L += loss.Eval(ws.Output(), labels[s], g)
		for _, c := range ws.Causal {
			sig = append(sig, c...)
		}
	}
	return L / float64(len(inputs)), sig
}

func sameSig(a, b []int32) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// gradCase is a network, data and loss whose gradient is checked.
type gradCase struct {
	name  string
	nu    sim.Neuron
	sizes []int
	kind  sim.DelayKind
	bias  bool
	loss  Loss
	wMu   float64
}

var gradCases = []gradCase{
	{"double/synaptic/simse", sim.Neuron{TauSyn: 1, TauMem: 2, Threshold: 1, C: 1}, []int{4, 8, 3}, sim.DelaySynaptic, false, Loss{Kind: LossSIMSE, DeltaT: 0.2}, 1},
	{"double/axonal/ttfs", sim.Neuron{TauSyn: 1, TauMem: 2, Threshold: 1, C: 1}, []int{4, 8, 3}, sim.DelayAxonal, false, Loss{Kind: LossTTFS, Tau0: 0.2, Tau1: 1, Alpha: 0.005}, 1},
	{"double/dendritic/mse", sim.Neuron{TauSyn: 1, TauMem: 2, Threshold: 1, C: 1}, []int{4, 8, 3}, sim.DelayDendritic, false, Loss{Kind: LossMSE, TCorrect: 1.5, TWrong: 2.5}, 1},
	{"equal/none+bias/ttfs", sim.Neuron{TauSyn: 1, TauMem: 1, Threshold: 1, C: 1}, []int{4, 10, 3}, sim.DelayNone, true, Loss{Kind: LossTTFS, Tau0: 0.2, Tau1: 1, Alpha: 0.005}, 1.5},
	{"equal/synaptic/simse", sim.Neuron{TauSyn: 1, TauMem: 1, Threshold: 1, C: 1}, []int{4, 8, 3}, sim.DelaySynaptic, false, Loss{Kind: LossSIMSE, DeltaT: 0.2}, 1.5},
	{"general-0.7/axonal/simse", sim.Neuron{TauSyn: 1, TauMem: 0.7, Threshold: 1, C: 1}, []int{4, 8, 3}, sim.DelayAxonal, false, Loss{Kind: LossSIMSE, DeltaT: 0.3}, 1.5},
	{"general-1.3/dendritic/mse", sim.Neuron{TauSyn: 1, TauMem: 1.3, Threshold: 1, Leak: 0.1, C: 1.2}, []int{4, 8, 3}, sim.DelayDendritic, false, Loss{Kind: LossMSE, TCorrect: 1.5, TWrong: 2.5}, 1.5},
	{"double/two-hidden/synaptic", sim.Neuron{TauSyn: 1, TauMem: 2, Threshold: 1, C: 1}, []int{4, 7, 6, 3}, sim.DelaySynaptic, false, Loss{Kind: LossSIMSE, DeltaT: 0.2}, 1},
	{"equal/two-hidden/axonal", sim.Neuron{TauSyn: 1, TauMem: 1, Threshold: 1, C: 1}, []int{4, 7, 6, 3}, sim.DelayAxonal, false, Loss{Kind: LossTTFS, Tau0: 0.2, Tau1: 1, Alpha: 0.005}, 1.5},
}

func (c gradCase) build(rng *rand.Rand) (*sim.Network, [][]float64, []int) {
	kinds := make([]sim.DelayKind, len(c.sizes)-1)
	for i := range kinds {
		kinds[i] = c.kind
	}
	n := sim.NewNetwork(c.nu, c.sizes, kinds)
	for l := range n.Layers {
		L := &n.Layers[l]
		if c.bias {
			L.BiasTimes = []float64{0.9}
			L.Weights = make([]float64, n.Rows(l)*L.Size)
		}
		for i := range L.Weights {
			L.Weights[i] = c.wMu + rng.NormFloat64()
		}
		for i := range L.Delays {
			L.Delays[i] = rng.Float64()
		}
	}
	var inputs [][]float64
	var labels []int
	for range 6 {
		in := make([]float64, c.sizes[0])
		for i := range in {
			in[i] = 0.15 + 1.85*rng.Float64()
		}
		inputs = append(inputs, in)
		labels = append(labels, rng.IntN(n.Outputs()))
	}
	return n, inputs, labels
}

// TestGradientsMatchFiniteDifferences compares every exact gradient
// (weights, each delay kind, input times) with central differences.
func TestGradientsMatchFiniteDifferences(t *testing.T) {
	const h, tol = 1e-4, 1e-6
	for _, c := range gradCases {
		t.Run(c.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(21, 22))
			n, inputs, labels := c.build(rng)
			g := NewGrads(n)
			bp := NewBackprop(n)
			ws := sim.NewWorkspace(n)
			dOut := make([]float64, n.Outputs())
			inGrads := make([][]float64, len(inputs))
			for s, in := range inputs {
				ws.Forward(n, in)
				c.loss.Eval(ws.Output(), labels[s], dOut)
				before := append([]float64(nil), g.Input...)
				bp.Backward(n, ws, dOut, g, 0)
				inGrads[s] = make([]float64, len(in))
				for i := range in {
					inGrads[s][i] = g.Input[i] - before[i]
				}
			}
			g.Scale(1 / float64(len(inputs)))
			_, sig0 := batchLoss(n, inputs, labels, c.loss)
			checked, skipped := 0, 0
			check := func(what string, p *float64, exact float64, f func() (float64, []int32)) {
				// Five-point central difference: truncation O(h⁴), so
				// rounding (≈ ε·L/h) dominates and stays near 1e-12.
				old := *p
				var l [4]float64
				ok := true
				for j, s := range [4]float64{2, 1, -1, -2} {
					*p = old + s*h
					var sg []int32
					l[j], sg = f()
					ok = ok && sameSig(sg, sig0)
				}
				*p = old
				if !ok {
					skipped++
					return
				}
				fd := (-l[0] + 8*l[1] - 8*l[2] + l[3]) / (12 * h)
				scale := math.Max(math.Max(math.Abs(fd), math.Abs(exact)), 1e-3)
				if math.Abs(fd-exact) > tol*scale {
					t.Errorf("%s: exact %.12g, finite difference %.12g", what, exact, fd)
				}
				checked++
			}
			f := func() (float64, []int32) { return batchLoss(n, inputs, labels, c.loss) }
			for l := range n.Layers {
				for i := range n.Layers[l].Weights {
					check("w", &n.Layers[l].Weights[i], g.W[l][i], f)
				}
				for i := range n.Layers[l].Delays {
					check("d", &n.Layers[l].Delays[i], g.D[l][i], f)
				}
			}
			for s := range inputs {
				for i := range inputs[s] {
					one := func() (float64, []int32) {
						L, sig := batchLoss(n, inputs[s:s+1], labels[s:s+1], c.loss)
						return L, sig
					}
					_, sigS := batchLoss(n, inputs[s:s+1], labels[s:s+1], c.loss)
					old := sig0
					sig0 = sigS
					check("input", &inputs[s][i], inGrads[s][i], one)
					sig0 = old
				}
			}
			if checked < 3*skipped || checked < 50 {
				t.Fatalf("weak test: %d checked, %d skipped at kinks", checked, skipped)
			}
		})
	}
}

// TestTimeGradientsSumToOne: shifting every input shifts the spike, so
// Σ_i ∂T/∂t_i = 1 for any firing output, through hidden layers too.
func TestTimeGradientsSumToOne(t *testing.T) {
	for _, c := range gradCases {
		if c.bias {
			continue // bias spikes do not move with the inputs
		}
		rng := rand.New(rand.NewPCG(23, 24))
		n, inputs, _ := c.build(rng)
		ws := sim.NewWorkspace(n)
		bp := NewBackprop(n)
		for _, in := range inputs {
			ws.Forward(n, in)
			for k, T := range ws.Output() {
				if math.IsInf(T, 1) {
					continue
				}
				g := NewGrads(n)
				d := make([]float64, n.Outputs())
				d[k] = 1
				bp.Backward(n, ws, d, g, 0)
				sum := 0.0
				for _, v := range g.Input {
					sum += v
				}
				if math.Abs(sum-1) > 1e-9 {
					t.Errorf("%s: Σ ∂T/∂t_i = %v", c.name, sum)
				}
			}
		}
	}
}

// TestThetaChainRule checks the sigmoid parametrisation and tied input
// delays against finite differences in θ.
func TestThetaChainRule(t *testing.T) {
	cfg, err := Preset("chip-yinyang-wa")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Neuron = sim.Neuron{TauSyn: 1, TauMem: 1, Threshold: 2.6, C: 1}
	m, err := NewModel(&cfg, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	var inputs [][]float64
	var labels []int
	for range 8 {
		f := []float64{0.15 + 1.85*rng.Float64(), 0.15 + 1.85*rng.Float64(), 0.15 + 1.85*rng.Float64(), 0.15 + 1.85*rng.Float64()}
		inputs = append(inputs, m.InputTimes(nil, f))
		labels = append(labels, rng.IntN(3))
	}
	g := NewGrads(m.Net)
	ws, bp := sim.NewWorkspace(m.Net), NewBackprop(m.Net)
	d := make([]float64, 3)
	for s, in := range inputs {
		ws.Forward(m.Net, in)
		cfg.Loss.Eval(ws.Output(), labels[s], d)
		bp.Backward(m.Net, ws, d, g, 0)
	}
	g.Scale(1 / float64(len(inputs)))
	_, sig0 := batchLoss(m.Net, inputs, labels, cfg.Loss)
	checked := 0
	for l := range m.Theta {
		tg := thetaGrad(make([]float64, len(m.Theta[l])), m, l, g.D[l])
		for i := range m.Theta[l] {
			old := m.Theta[l][i]
			const h = 1e-6
			m.Theta[l][i] = old + h
			m.SyncDelays()
			lp, sp := batchLoss(m.Net, inputs, labels, cfg.Loss)
			m.Theta[l][i] = old - h
			m.SyncDelays()
			lm, sm := batchLoss(m.Net, inputs, labels, cfg.Loss)
			m.Theta[l][i] = old
			m.SyncDelays()
			if !sameSig(sp, sig0) || !sameSig(sm, sig0) {
				continue
			}
			fd := (lp - lm) / (2 * h)
			if math.Abs(fd-tg[i]) > 1e-6*math.Max(math.Max(math.Abs(fd), math.Abs(tg[i])), 1e-4) {
				t.Errorf("θ[%d][%d]: exact %v fd %v", l, i, tg[i], fd)
			}
			checked++
		}
	}
	if checked < 20 {
		t.Fatalf("only %d θ checked", checked)
	}
}

// TestGradientCap: with max_dw_norm a neuron whose largest weight-gradient
// entry for a sample exceeds the cap contributes no weight gradient for
// that sample; delay and input gradients are untouched.
func TestGradientCap(t *testing.T) {
	c := gradCases[0]
	n, inputs, labels := c.build(rand.New(rand.NewPCG(31, 32)))
	ws, bp := sim.NewWorkspace(n), NewBackprop(n)
	d := make([]float64, n.Outputs())
	ws.Forward(n, inputs[0])
	c.loss.Eval(ws.Output(), labels[0], d)
	free, capped, loose := NewGrads(n), NewGrads(n), NewGrads(n)
	bp.Backward(n, ws, d, free, 0)
	bp.Backward(n, ws, d, capped, 1e-12)
	bp.Backward(n, ws, d, loose, 1e12)
	for l := range n.Layers {
		for i, v := range free.W[l] {
			if capped.W[l][i] != 0 {
				t.Fatalf("layer %d weight %d: capped gradient %v", l, i, capped.W[l][i])
			}
			if loose.W[l][i] != v {
				t.Fatalf("a cap nobody reaches changed weight gradient %d", i)
			}
		}
		for i, v := range free.D[l] {
			if capped.D[l][i] != v {
				t.Fatalf("the cap changed delay gradient %d of layer %d", i, l)
			}
		}
	}
	nonzero := false
	for _, v := range free.W[len(n.Layers)-1] {
		nonzero = nonzero || v != 0
	}
	if !nonzero {
		t.Fatal("weak test: no output weight gradient to cap")
	}
}
