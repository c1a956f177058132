package delgrad

import "delaylab/sim"

// Grads holds the gradient of a loss with respect to every weight and
// effective delay (shaped like the network's Weights and Delays) and to the
// input spike times.
type Grads struct {
	W     [][]float64
	D     [][]float64
	Input []float64
}

// NewGrads allocates zero gradients shaped like n.
func NewGrads(n *sim.Network) *Grads {
	g := &Grads{Input: make([]float64, n.Inputs)}
	for _, L := range n.Layers {
		g.W = append(g.W, make([]float64, len(L.Weights)))
		g.D = append(g.D, make([]float64, len(L.Delays)))
	}
	return g
}

// Zero clears every entry.
func (g *Grads) Zero() {
	for l := range g.W {
		clear(g.W[l])
		clear(g.D[l])
	}
	clear(g.Input)
}

// Add accumulates o into g.
func (g *Grads) Add(o *Grads) {
	for l := range g.W {
		for i, v := range o.W[l] {
			g.W[l][i] += v
		}
		for i, v := range o.D[l] {
			g.D[l][i] += v
		}
	}
	for i, v := range o.Input {
		g.Input[i] += v
	}
}

// Scale multiplies every entry by s.
func (g *Grads) Scale(s float64) {
	for l := range g.W {
		for i := range g.W[l] {
			g.W[l][i] *= s
		}
		for i := range g.D[l] {
			g.D[l][i] *= s
		}
	}
	for i := range g.Input {
		g.Input[i] *= s
	}
}
