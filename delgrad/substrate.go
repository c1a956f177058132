package delgrad

import "delaylab/sim"

// Trial identifies one forward pass (see sim.Trial).
type Trial = sim.Trial

// Substrate runs forward passes: the ideal simulator, or a chip model that
// reports measured spike times only.
type Substrate interface {
	// Prepare is called whenever the network's parameters changed (after
	// every optimiser step, after an edit, and before evaluation); a chip
	// re-quantises here, and Ideal takes a new stamp (forward passes
	// until the next Prepare may assume the parameters it saw).
	Prepare(n *sim.Network) error
	// Forward runs one sample (input row times) into ws. It must be safe
	// for concurrent use by several workers after Prepare.
	Forward(inputs []float64, ws *sim.Workspace, trial Trial)
}

// InputLayout is implemented by substrates that need to know which input
// feature each input row carries (a chip whose delay elements serve the
// copies of one feature); the trainer tells them before preparing.
type InputLayout interface {
	SetInputFeatures(feature []int)
}

// TellInputLayout passes m's row-to-feature map to sub if it wants it.
func TellInputLayout(sub Substrate, m *Model) {
	l, ok := sub.(InputLayout)
	if !ok {
		return
	}
	f := make([]int, m.Net.Inputs)
	for r := range f {
		f[r] = m.FeatureOf(r)
	}
	l.SetInputFeatures(f)
}

// Ideal is the exact event-based simulator. It relies on Prepare's
// contract: each Prepare names the parameters with a new sim.Stamp, and
// the passes until the next one skip the check of the workspaces' cached
// synapse factors against the network.
type Ideal struct {
	net   *sim.Network
	stamp sim.Stamp
}

// Prepare remembers the network.
func (s *Ideal) Prepare(n *sim.Network) error { s.net, s.stamp = n, sim.NewStamp(); return nil }

// Forward runs the simulator.
func (s *Ideal) Forward(inputs []float64, ws *sim.Workspace, _ Trial) {
	ws.ForwardStamped(s.net, inputs, s.stamp)
}

// EvalRun is how many samples one evaluation run on a chip holds. A chip
// redraws its per-batch noise (e.g. the threshold noise) for every run, so
// an accuracy over many runs is the expected accuracy over that noise;
// with one draw for a whole split, one lucky or unlucky threshold shift
// would decide the figure, and validation curves would jump with each
// epoch's draw. 40 is the chip presets' training batch.
const EvalRun = 40

// EvalTrial is the trial of the j-th sample of an evaluation keyed by key
// (different keys, different noise): sample j runs in run j/EvalRun.
func EvalTrial(key uint64, j int) Trial { return evalTrialRun(key, j, EvalRun) }

// evalTrialRun is EvalTrial with runs of the given size.
func evalTrialRun(key uint64, j, run int) Trial {
	return Trial{Batch: key + uint64(j/run)<<32, Sample: uint64(j), Eval: true}
}
