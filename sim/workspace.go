package sim

import "math"

// Workspace holds one sample's forward pass: the spike times of every layer
// and what the backward pass needs, in buffers reused from sample to sample.
type Workspace struct {
	// Times[0] are the input spike times; Times[l+1] those of layer l.
	// Silent neurons have +Inf.
	Times [][]float64
	// Slopes[l][k] is u̇(T) of neuron k of layer l at its spike (0 if silent).
	Slopes [][]float64
	// Causal[l][k] is the size of the causal set: how many arrivals came
	// before neuron k of layer l fired (0 if silent).
	Causal [][]int32

	arr     []arrival        // one neuron's arrivals
	fac     []factored       // one neuron's arrivals with their factors
	few     []fewArrival     // one neuron's arrivals, gathered (synapticFew)
	small   smallArrivals    // one neuron's arrivals (synapticDouble)
	ev      []rebase         // one neuron's rebase points
	order   []arrival        // a layer's shared arrival order (t̃, row index in w)
	ford    []factored       // order with its factors (row index in w)
	evOrder []rebase         // order's rebase points
	act     []activeNeuron   // the layer-wide pass's neurons not yet fired
	pend    []doublePrefix   // synapticDoubleLayer's neurons awaiting their roots
	e1, e2  []float64        // a synaptic layer's row factors by row (synapticMany)
	eo      []float64        // a synaptic layer's row factors in the shared order
	lx      []float64        // synapticDoubleLayer's logarithms
	syn     []synapseFactors // per layer: cached synapse factors
	stamp   Stamp            // the pass under way's (ForwardStamped)
	solver  kernelSolver
	// shape is the network shape the buffers were last fitted to: the
	// inputs, then each layer's size and rows.
	shape []int
	// nominal is the solver of the network's neuron model (haveNominal:
	// set up).
	nominal     kernelSolver
	haveNominal bool
}

// NewWorkspace allocates buffers for the given network's shape.
func NewWorkspace(n *Network) *Workspace {
	ws := &Workspace{}
	ws.resize(n)
	return ws
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// resize fits the buffers to n; it allocates only when the shape grew.
// Every forward pass calls it; a network of the shape of the last one
// (ws.shape) finds everything in place after a comparison per layer.
func (ws *Workspace) resize(n *Network) {
	if ws.sameShape(n) {
		return
	}
	defer ws.keepShape(n)
	L := len(n.Layers)
	if len(ws.Times) != L+1 {
		ws.Times = make([][]float64, L+1)
		ws.Slopes = make([][]float64, L)
		ws.Causal = make([][]int32, L)
		ws.syn = make([]synapseFactors, L)
	}
	ws.Times[0] = grow(ws.Times[0], n.Inputs)
	maxRows, maxSize := 0, 0
	for l, layer := range n.Layers {
		ws.Times[l+1] = grow(ws.Times[l+1], layer.Size)
		ws.Slopes[l] = grow(ws.Slopes[l], layer.Size)
		ws.Causal[l] = grow(ws.Causal[l], layer.Size)
		maxRows = max(maxRows, n.Rows(l))
		maxSize = max(maxSize, layer.Size)
	}
	ws.arr = grow(ws.arr, maxRows)[:0]
	ws.fac = grow(ws.fac, maxRows)
	ws.few = grow(ws.few, maxRows)
	ws.ev = grow(ws.ev, maxRows)[:0]
	ws.order = grow(ws.order, maxRows)[:0]
	ws.ford = grow(ws.ford, maxRows)
	ws.evOrder = grow(ws.evOrder, maxRows)[:0]
	ws.act = grow(ws.act, maxSize)[:0]
	ws.pend = grow(ws.pend, maxSize)
	ws.lx = grow(ws.lx, maxSize)
	ws.e1 = grow(ws.e1, maxRows)
	ws.eo = grow(ws.eo, maxRows)
	ws.e2 = grow(ws.e2, maxRows)
}

// Forward runs the network on one sample's input spike times.
func (ws *Workspace) Forward(n *Network, inputs []float64) {
	ws.forward(n, inputs, nil, 0)
}

// ForwardStamped is Forward for a caller that names the setting of n's
// parameters with st (see Stamp): passes with the same stamp must run a
// network whose delays, weights and neuron model have not changed.
func (ws *Workspace) ForwardStamped(n *Network, inputs []float64, st Stamp) {
	ws.forward(n, inputs, nil, st)
}

// ForwardNeurons is Forward with per-neuron parameters: neurons[l][k], when
// neurons and neurons[l] are non-nil, replaces n.Neuron for neuron k of
// layer l. The chip model uses it for its mismatched neurons.
func (ws *Workspace) ForwardNeurons(n *Network, inputs []float64, neurons [][]Neuron) {
	ws.forward(n, inputs, neurons, 0)
}

// forward is the forward pass of Forward, ForwardStamped and ForwardNeurons.
func (ws *Workspace) forward(n *Network, inputs []float64, neurons [][]Neuron, st Stamp) {
	ws.stamp = st
	if len(inputs) != n.Inputs {
		panic("sim: Forward got the wrong number of inputs")
	}
	ws.resize(n)
	copy(ws.Times[0], inputs)
	// The solver's constants take several divisions; a network keeps its
	// neuron model from pass to pass.
	if !ws.haveNominal || !sameNeuron(ws.nominal.n, n.Neuron) {
		ws.nominal, ws.haveNominal = newKernelSolver(n.Neuron), true
	}
	nominal := &ws.nominal
	for l := range n.Layers {
		var per []Neuron
		if neurons != nil {
			per = neurons[l]
		}
		ws.layer(n, l, nominal, per)
	}
}

// layer computes the spike times of layer l from those of the layer below.
func (ws *Workspace) layer(n *Network, l int, nominal *kernelSolver, per []Neuron) {
	L := &n.Layers[l]
	nPre := len(ws.Times[l])
	out, slopes, causal := ws.Times[l+1], ws.Slopes[l], ws.Causal[l]
	ws.sharedOrder(L, ws.Times[l])
	if per == nil && ws.nominalLayer(nominal, l, L, nPre, out, slopes, causal) {
		return
	}
	// Neurons with their own parameters (or arrivals too spread out for
	// split synaptic factors) compute their factors one by one, except
	// where they would compute the same ones again: without per-neuron
	// delays (none, axonal) every neuron gets the shared order's arrival
	// times, and a neuron whose time constants are those of the last one
	// to compute them (the chip model's mismatched thresholds with
	// nominal τ) gets the same offsets, exponential factors and rebases.
	// It then only takes its own weights: the same numbers, computed once.
	shared := L.Delay != DelaySynaptic && L.Delay != DelayDendritic
	var have Neuron // the time constants the factors in ws.fac are for
	haveAny, ev := false, ws.ev[:0]
	for k := range L.Size {
		s := nominal
		if per != nil {
			ws.solver = newKernelSolver(per[k])
			s = &ws.solver
		}
		var fac []factored
		if shared && haveAny && sameTaus(have, s.n) {
			fac = ws.fac[:len(ws.order)]
			for i, o := range ws.order {
				fac[i].w = L.Weights[int(o.w)*L.Size+k]
			}
		} else {
			arr := ws.neuronArrivals(L, nPre, k)
			fac = ws.fac[:len(arr)]
			for i, a := range arr {
				fac[i] = factored{t: a.t, w: L.Weights[int(a.w)*L.Size+k]}
			}
			ev = ws.ev[:0]
			if len(fac) > 0 {
				ev = s.factors(fac, ev)
			}
			have, haveAny = s.n, true
		}
		ref := 0.0
		if len(fac) > 0 {
			ref = fac[0].t
		}
		T, slope, c := s.solve(fac, ref, ev, s.skipMargin(spanMax(fac)))
		fire(k, T, slope, c, out, slopes, causal)
	}
}

// sameTaus reports whether a and b have the same time constants, bit for
// bit: then kernelSolver.factors (whose regime and spans follow from them)
// gives them the same factors for the same arrivals.
func sameTaus(a, b Neuron) bool {
	bits := math.Float64bits
	return bits(a.TauSyn) == bits(b.TauSyn) && bits(a.TauMem) == bits(b.TauMem)
}

// Output returns the spike times of the last layer.
func (ws *Workspace) Output() []float64 { return ws.Times[len(ws.Times)-1] }

// sameNeuron reports whether a and b have the same parameters, bit for
// bit (so a cached solver is the one b would get, signed zeros and all).
func sameNeuron(a, b Neuron) bool {
	bits := math.Float64bits
	return bits(a.TauSyn) == bits(b.TauSyn) && bits(a.TauMem) == bits(b.TauMem) &&
		bits(a.Threshold) == bits(b.Threshold) && bits(a.Leak) == bits(b.Leak) && bits(a.C) == bits(b.C)
}
