package sim

import "math"

// Arrival returns when the spike of presynaptic row i reaches neuron k of
// layer l, given the presynaptic times (bias rows follow the real ones).
func (n *Network) Arrival(l, i, k int, pre []float64) float64 {
	L := &n.Layers[l]
	nPre := n.PreSize(l)
	t := 0.0
	if i < nPre {
		t = pre[i]
	} else {
		t = L.BiasTimes[i-nPre]
	}
	return t + L.Delay.Of(L.Delays, i, k, nPre, L.Size)
}

// Potential returns the membrane potential u(t) of neuron k of layer l for
// the sample in ws, and its slope du/dt, by summing every arrival's kernel.
// The first crossing of the threshold is the neuron's spike; since there is
// no reset the curve continues past it (the page draws it faded).
func (ws *Workspace) Potential(n *Network, l, k int, t float64) (u, du float64) {
	return potentialWith(n, n.Neuron, ws.Times[l], l, k, t)
}

// PotentialOf is Potential for a neuron with its own parameters nu (a
// chip's mismatched neuron) instead of the network's.
func (ws *Workspace) PotentialOf(n *Network, nu Neuron, l, k int, t float64) (u, du float64) {
	return potentialWith(n, nu, ws.Times[l], l, k, t)
}

// potentialWith is Potential with an explicit neuron model.
func potentialWith(n *Network, nu Neuron, pre []float64, l, k int, t float64) (u, du float64) {
	size := n.Layers[l].Size
	w := n.Layers[l].Weights
	for i := range n.Rows(l) {
		ta := n.Arrival(l, i, k, pre)
		if !(ta < t) || math.IsInf(ta, 1) {
			continue
		}
		kv, dk := nu.Kernel(t - ta)
		u += w[i*size+k] * kv
		du += w[i*size+k] * dk
	}
	return u + nu.Leak, du
}
