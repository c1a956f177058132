package sim

import "math"

// Integrate simulates the network on a time grid of step dt from time 0 to
// tMax and returns the spike times of every layer (index 0 holds the
// inputs), each rounded up to the first grid point where u ≥ ϑ; silent
// neurons get +Inf. Between events the state (synaptic current, membrane)
// is propagated exactly, so the only error is the grid's detection delay,
// less than dt. It is the independent reference the analytic solvers are
// checked against ("check" mode), not a fast path.
func Integrate(n *Network, inputs []float64, dt, tMax float64) [][]float64 {
	times := [][]float64{append([]float64(nil), inputs...)}
	nu := n.Neuron
	for l := range n.Layers {
		pre := times[l]
		L := &n.Layers[l]
		out := make([]float64, L.Size)
		for k := range L.Size {
			var arr []arrival
			for i := range n.Rows(l) {
				if t := n.Arrival(l, i, k, pre); t < math.Inf(1) {
					arr = append(arr, arrival{t, L.Weights[i*L.Size+k]})
				}
			}
			sortArrivals(arr)
			out[k] = integrateNeuron(nu, arr, dt, tMax)
		}
		times = append(times, out)
	}
	return times
}

// integrateNeuron steps one neuron through its sorted arrivals.
func integrateNeuron(nu Neuron, arr []arrival, dt, tMax float64) float64 {
	var I, v float64 // synaptic current and u − E_l
	t := 0.0
	advance := func(h float64) {
		if h <= 0 {
			return
		}
		k, _ := nu.Kernel(h)
		v = v*math.Exp(-h/nu.TauMem) + I*k
		I *= math.Exp(-h / nu.TauSyn)
	}
	theta := nu.Threshold - nu.Leak
	next := 0
	for j := 1; float64(j)*dt <= tMax; j++ {
		g := float64(j) * dt
		for next < len(arr) && arr[next].t <= g {
			if arr[next].t > t {
				advance(arr[next].t - t)
				t = arr[next].t
			}
			I += arr[next].w
			next++
		}
		advance(g - t)
		t = g
		if v >= theta {
			return g
		}
	}
	return math.Inf(1)
}
