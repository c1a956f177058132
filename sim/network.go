package sim

import (
	"math"
)

// Layer is one layer of neurons and the synapses that feed it.
type Layer struct {
	// Size is the number of neurons.
	Size int
	// Weights has one row per presynaptic unit followed by one row per bias
	// spike, Size columns each, row-major: Weights[i*Size+k] connects row i to
	// neuron k. Units of the threshold per unit of PSP kernel.
	Weights []float64
	// Delay is the kind of the delays between the previous layer (or the
	// inputs, for the first layer) and this one.
	Delay DelayKind
	// Delays are the effective delays in units of τs, shaped by Delay:
	// axonal [nPre], dendritic [Size], synaptic [nPre*Size] row-major.
	Delays []float64
	// BiasTimes are the times of bias spikes that feed every neuron of the
	// layer, in units of τs.
	BiasTimes []float64
}

// Network is a feed-forward network of first-spike neurons.
type Network struct {
	Neuron Neuron
	// Inputs is the number of input rows.
	Inputs int
	Layers []Layer
}

// PreSize is the number of presynaptic units of layer l, bias excluded.
func (n *Network) PreSize(l int) int {
	if l == 0 {
		return n.Inputs
	}
	return n.Layers[l-1].Size
}

// Rows is the number of weight rows of layer l: presynaptic units and bias spikes.
func (n *Network) Rows(l int) int { return n.PreSize(l) + len(n.Layers[l].BiasTimes) }

// Outputs is the size of the last layer.
func (n *Network) Outputs() int { return n.Layers[len(n.Layers)-1].Size }

// ParamCount is the number of trainable weights and delays.
func (n *Network) ParamCount() (weights, delays int) {
	for l, L := range n.Layers {
		weights += n.Rows(l) * L.Size
		delays += L.Delay.Count(n.PreSize(l), L.Size)
	}
	return weights, delays
}

// Validate checks every size, shape and number; it reports the first problem.
func (n *Network) Validate() error {
	if err := n.Neuron.Validate(); err != nil {
		return err
	}
	if n.Inputs <= 0 {
		return newError(ErrShape, "%d inputs", n.Inputs)
	}
	if len(n.Layers) == 0 {
		return newError(ErrShape, "no layers")
	}
	for l, L := range n.Layers {
		if L.Size <= 0 {
			return newError(ErrShape, "layer %d has %d neurons", l, L.Size)
		}
		if want := n.Rows(l) * L.Size; len(L.Weights) != want {
			return newError(ErrShape, "layer %d has %d weights, want %d", l, len(L.Weights), want)
		}
		if L.Delay > DelaySynaptic {
			return newError(ErrShape, "layer %d has delay kind %d", l, L.Delay)
		}
		if want := L.Delay.Count(n.PreSize(l), L.Size); len(L.Delays) != want {
			return newError(ErrShape, "layer %d has %d %s delays, want %d", l, len(L.Delays), L.Delay, want)
		}
		for i, w := range L.Weights {
			if math.IsNaN(w) || math.IsInf(w, 0) {
				return newError(ErrValue, "layer %d weight %d is %v", l, i, w)
			}
		}
		for i, d := range L.Delays {
			if !(d >= 0) || math.IsInf(d, 0) {
				return newError(ErrValue, "layer %d delay %d is %v, want finite and ≥ 0", l, i, d)
			}
		}
		for i, b := range L.BiasTimes {
			if math.IsNaN(b) || math.IsInf(b, 0) {
				return newError(ErrValue, "layer %d bias time %d is %v", l, i, b)
			}
		}
	}
	return nil
}

// Clone returns a deep copy.
func (n *Network) Clone() *Network {
	c := *n
	c.Layers = make([]Layer, len(n.Layers))
	for l, L := range n.Layers {
		c.Layers[l] = Layer{
			Size:      L.Size,
			Weights:   append([]float64(nil), L.Weights...),
			Delay:     L.Delay,
			Delays:    append([]float64(nil), L.Delays...),
			BiasTimes: append([]float64(nil), L.BiasTimes...),
		}
	}
	return &c
}

// NewNetwork makes a zero-weight, zero-delay network with the given layer
// sizes (inputs first) and delay kinds (one per layer).
func NewNetwork(neuron Neuron, sizes []int, kinds []DelayKind) *Network {
	if len(kinds) != len(sizes)-1 {
		panic("sim: NewNetwork needs one delay kind per layer")
	}
	n := &Network{Neuron: neuron, Inputs: sizes[0]}
	for l := 1; l < len(sizes); l++ {
		n.Layers = append(n.Layers, Layer{
			Size:    sizes[l],
			Weights: make([]float64, sizes[l-1]*sizes[l]),
			Delay:   kinds[l-1],
			Delays:  make([]float64, kinds[l-1].Count(sizes[l-1], sizes[l])),
		})
	}
	return n
}
