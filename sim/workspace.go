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

	arr    []arrival // one neuron's arrivals
	order  []arrival // a layer's shared arrival order (t̃, row index in w)
	solver kernelSolver
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
func (ws *Workspace) resize(n *Network) {
	L := len(n.Layers)
	if len(ws.Times) != L+1 {
		ws.Times = make([][]float64, L+1)
		ws.Slopes = make([][]float64, L)
		ws.Causal = make([][]int32, L)
	}
	ws.Times[0] = grow(ws.Times[0], n.Inputs)
	maxRows := 0
	for l, layer := range n.Layers {
		ws.Times[l+1] = grow(ws.Times[l+1], layer.Size)
		ws.Slopes[l] = grow(ws.Slopes[l], layer.Size)
		ws.Causal[l] = grow(ws.Causal[l], layer.Size)
		maxRows = max(maxRows, n.Rows(l))
	}
	ws.arr = grow(ws.arr, maxRows)[:0]
	ws.order = grow(ws.order, maxRows)[:0]
}

// Forward runs the network on one sample's input spike times.
func (ws *Workspace) Forward(n *Network, inputs []float64) {
	ws.ForwardNeurons(n, inputs, nil)
}

// ForwardNeurons is Forward with per-neuron parameters: neurons[l][k], when
// neurons and neurons[l] are non-nil, replaces n.Neuron for neuron k of
// layer l. The chip model uses it for its mismatched neurons.
func (ws *Workspace) ForwardNeurons(n *Network, inputs []float64, neurons [][]Neuron) {
	if len(inputs) != n.Inputs {
		panic("sim: Forward got the wrong number of inputs")
	}
	ws.resize(n)
	copy(ws.Times[0], inputs)
	nominal := newKernelSolver(n.Neuron)
	for l := range n.Layers {
		var per []Neuron
		if neurons != nil {
			per = neurons[l]
		}
		ws.layer(n, l, &nominal, per)
	}
}

// layer computes the spike times of layer l from those of the layer below.
func (ws *Workspace) layer(n *Network, l int, nominal *kernelSolver, per []Neuron) {
	L := &n.Layers[l]
	pre := ws.Times[l]
	nPre, size := len(pre), L.Size
	out, slopes, causal := ws.Times[l+1], ws.Slopes[l], ws.Causal[l]
	shared := L.Delay != DelaySynaptic
	if shared {
		// Without per-synapse delays every neuron of the layer sees its
		// arrivals in the same order: sort once, store the row in w.
		ws.order = ws.order[:0]
		for i, t := range pre {
			if L.Delay == DelayAxonal {
				t += L.Delays[i]
			}
			if t < math.Inf(1) {
				ws.order = append(ws.order, arrival{t: t, w: float64(i)})
			}
		}
		for j, b := range L.BiasTimes {
			ws.order = append(ws.order, arrival{t: b, w: float64(nPre + j)})
		}
		sortArrivals(ws.order)
	}
	for k := range size {
		s := nominal
		if per != nil {
			ws.solver = newKernelSolver(per[k])
			s = &ws.solver
		}
		arr := ws.arr[:0]
		if shared {
			shift := 0.0
			if L.Delay == DelayDendritic {
				shift = L.Delays[k]
			}
			for _, o := range ws.order {
				arr = append(arr, arrival{t: o.t + shift, w: L.Weights[int(o.w)*size+k]})
			}
		} else {
			for i, t := range pre {
				t += L.Delays[i*size+k]
				if t < math.Inf(1) {
					arr = append(arr, arrival{t: t, w: L.Weights[i*size+k]})
				}
			}
			for j, b := range L.BiasTimes {
				arr = append(arr, arrival{t: b, w: L.Weights[(nPre+j)*size+k]})
			}
			sortArrivals(arr)
		}
		T, slope, c := s.first(arr)
		if math.IsNaN(T) || math.IsNaN(slope) {
			// Only overflowing parameters (|w| near MaxFloat64) get here.
			T, slope, c = math.Inf(1), 0, 0
		}
		out[k], slopes[k], causal[k] = T, slope, int32(c)
	}
}

// Output returns the spike times of the last layer.
func (ws *Workspace) Output() []float64 { return ws.Times[len(ws.Times)-1] }
