package app

import (
	"math"
	"time"

	"delaylab/chip"
	"delaylab/dataset"
	"delaylab/delgrad"
	"delaylab/sim"
)

// replayView is the selected sample, the neurons traced and hovered, and
// the replay of the sample's spikes.
type replayView struct {
	sample      int
	traced      NeuronRef // pinned by a click; Col 0 means "the label's output"
	hovered     NeuronRef // under the mouse; Col 0 means none
	replayT     float64   // replay time, in τs
	speed       float64   // replay speed, τs per second of wall time
	hold        time.Duration
	replay      *Replay
	replayKeyOf replayKey
	ws          *sim.Workspace
	// replayNet and replayNeurons are the network and per-neuron
	// parameters (nil: the network's) the replay in ws ran with: the
	// chip's realised ones in chip mode.
	replayNet     *sim.Network
	replayNeurons [][]sim.Neuron
}

// Replay is the forward pass of the selected sample through the current
// model: everything the network view, the raster and the trace need. It is
// immutable once built.
type Replay struct {
	Sample    int // index into the validation points
	Point     dataset.Point
	Label     int
	Predicted int // first output to fire; −1 if all are silent
	// Times[c] are the spike times of column c (0: inputs); +Inf is silent.
	Times [][]float64
	// Arrivals[l][i*size+k] is when row i's spike reaches neuron k of
	// network layer l (after its delay); +Inf if row i is silent. Bias rows
	// follow the presynaptic units.
	Arrivals [][]float64
	// End is the replay's length in τs: past the last spike, so every
	// spike and the decision are visible.
	End   float64
	Trace Trace
}

// Trace is the membrane potential of one neuron for the replayed sample.
type Trace struct {
	Neuron    NeuronRef
	Pinned    bool      // chosen by a click (else hovered or the default)
	T, U      []float64 // TracePoints samples of u(t) on [0, End]
	Threshold float64
	Spike     float64 // the neuron's spike time (+Inf: silent)
}

// TracePoints is the number of samples of a membrane trace: finer than a
// pixel column of the trace view on most screens, cheap to recompute on
// every model change (each sample sums one kernel per input).
const TracePoints = 200

// replayKey identifies what a Replay was computed from.
type replayKey struct {
	version uint64
	sample  int
	neuron  NeuronRef
	pinned  bool
}

// tracedNeuron is the neuron whose trace is shown: hovered, else pinned,
// else the output neuron of the sample's label.
func (s *Session) tracedNeuron() (NeuronRef, bool) {
	if s.hovered.Col > 0 {
		return s.hovered, false
	}
	if s.traced.Col > 0 {
		return s.traced, true
	}
	n := s.tr.Model().Net
	label := s.data.ValPoints[s.sample].Label
	return NeuronRef{Col: len(n.Layers), Index: min(label, n.Outputs()-1)}, false
}

// currentReplay returns the replay of the selected sample for the current
// model, recomputing it only when the model, the sample or the traced
// neuron changed.
func (s *Session) currentReplay() *Replay {
	ref, pinned := s.tracedNeuron()
	key := replayKey{s.version, s.sample, ref, pinned}
	if s.replay != nil && s.replayKeyOf == key {
		return s.replay
	}
	s.replay = s.computeReplay(ref, pinned)
	s.replayKeyOf = key
	return s.replay
}

func (s *Session) computeReplay(ref NeuronRef, pinned bool) *Replay {
	m := s.tr.Model()
	n := m.Net
	smp := s.data.Val[s.sample]
	if s.ws == nil {
		s.ws = sim.NewWorkspace(n)
	}
	in := m.InputTimes(nil, smp.Features)
	n, neurons := s.replayForward(in)
	s.replayNet, s.replayNeurons = n, neurons
	r := &Replay{
		Sample:    s.sample,
		Point:     s.data.ValPoints[s.sample],
		Label:     smp.Label,
		Predicted: delgrad.Predict(s.ws.Output()),
	}
	last := 0.0
	for _, ts := range s.ws.Times {
		r.Times = append(r.Times, append([]float64(nil), ts...))
		for _, t := range ts {
			if t < math.Inf(1) {
				last = max(last, t)
			}
		}
	}
	for l := range n.Layers {
		L := &n.Layers[l]
		rows := n.Rows(l)
		a := make([]float64, rows*L.Size)
		for i := range rows {
			for k := range L.Size {
				a[i*L.Size+k] = n.Arrival(l, i, k, s.ws.Times[l])
			}
		}
		r.Arrivals = append(r.Arrivals, a)
	}
	// Half-unit steps keep the scrubber's range from jittering as the
	// network trains.
	r.End = math.Ceil(2*(last+1)) / 2
	r.End = min(max(r.End, 3), 12)

	nu := neuronOf(n, neurons, ref.Col-1, ref.Index)
	tr := Trace{Neuron: ref, Pinned: pinned, Threshold: nu.Threshold, Spike: s.ws.Times[ref.Col][ref.Index]}
	tr.T = make([]float64, TracePoints)
	tr.U = make([]float64, TracePoints)
	for j := range TracePoints {
		t := r.End * float64(j) / float64(TracePoints-1)
		tr.T[j] = t
		tr.U[j], _ = s.ws.PotentialOf(n, nu, ref.Col-1, ref.Index, t)
	}
	r.Trace = tr
	return r
}

// replayForward runs the replayed sample into s.ws and returns the network
// and per-neuron parameters it ran with: in chip mode the chip's (quantised
// weights, its neurons' mismatch, its delay elements, and the spike times
// it records, with the noise of an evaluation run), so that the replay
// shows what the chip does; otherwise the model's on the ideal simulator.
func (s *Session) replayForward(in []float64) (*sim.Network, [][]sim.Neuron) {
	if cs, ok := s.tr.Substrate().(*chip.Substrate); ok && s.chip.On {
		if n := cs.Network(); n != nil {
			cs.Forward(in, s.ws, s.tr.EvalTrial(0, s.sample))
			return n, cs.Neurons()
		}
	}
	n := s.tr.Model().Net
	s.ws.Forward(n, in)
	return n, nil
}

// neuronOf is the parameters of neuron k of network layer l.
func neuronOf(n *sim.Network, neurons [][]sim.Neuron, l, k int) sim.Neuron {
	if neurons != nil {
		return neurons[l][k]
	}
	return n.Neuron
}

// potentials returns u(t)/ϑ of every neuron of every network layer at
// replay time t, for the sample currently in s.ws (see currentReplay).
func (s *Session) potentials(t float64) [][]float64 {
	n := s.replayNet
	if n == nil {
		n = s.tr.Model().Net
	}
	out := make([][]float64, len(n.Layers))
	for l := range n.Layers {
		out[l] = make([]float64, n.Layers[l].Size)
		for k := range out[l] {
			nu := neuronOf(n, s.replayNeurons, l, k)
			u, _ := s.ws.PotentialOf(n, nu, l, k, t)
			out[l][k] = u / nu.Threshold
		}
	}
	return out
}
