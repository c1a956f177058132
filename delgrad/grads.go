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

// Add accumulates o into g. A batch adds up its chunks' gradients with
// it; addTo's loop keeps the destination in a register, where indexing
// g.W[l] itself reloaded and bounds-checked it on every entry.
func (g *Grads) Add(o *Grads) {
	for l := range g.W {
		addTo(g.W[l], o.W[l])
		addTo(g.D[l], o.D[l])
	}
	addTo(g.Input, o.Input)
}

// addTo adds src into dst, entry by entry (len(dst) ≥ len(src)).
func addTo(dst, src []float64) {
	dst = dst[:len(src)]
	for i, v := range src {
		dst[i] += v
	}
}

// Scale multiplies every entry by s.
func (g *Grads) Scale(s float64) {
	for l := range g.W {
		scale(g.W[l], s)
		scale(g.D[l], s)
	}
	scale(g.Input, s)
}

// scale multiplies every entry of x by s.
func scale(x []float64, s float64) {
	for i := range x {
		x[i] *= s
	}
}
