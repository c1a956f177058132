package delgrad

import "delaylab/sim"

// Trial identifies one forward pass (see sim.Trial).
type Trial = sim.Trial

// Substrate runs forward passes: the ideal simulator, or a chip model that
// reports measured spike times only.
type Substrate interface {
	// Prepare is called whenever the network's parameters changed (after
	// every optimiser step and before evaluation); a chip re-quantises here.
	Prepare(n *sim.Network) error
	// Forward runs one sample (input row times) into ws. It must be safe
	// for concurrent use by several workers after Prepare.
	Forward(inputs []float64, ws *sim.Workspace, trial Trial)
}

// Ideal is the exact event-based simulator.
type Ideal struct{ net *sim.Network }

// Prepare remembers the network.
func (s *Ideal) Prepare(n *sim.Network) error { s.net = n; return nil }

// Forward runs the simulator.
func (s *Ideal) Forward(inputs []float64, ws *sim.Workspace, _ Trial) { ws.Forward(s.net, inputs) }
