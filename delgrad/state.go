package delgrad

import (
	"math/rand/v2"
	"slices"
)

// State is everything a trainer carries beyond its recipe, model and
// samples that it needs to continue exactly where it stopped: the
// optimiser, the shuffling generator, the epoch in progress, the best
// model and the history. Only a checkpoint reads and writes it; everyone
// else asks the trainer (Progress, History, Best).
type State struct {
	Opt        Adam
	EpochsDone int       // completed epochs
	Pos        int       // next position in Perm
	Perm       []int     // this epoch's shuffled order of the training samples
	Batches    uint64    // mini-batches run so far
	Bump       []float64 // current weight bump per layer (0: not bumping)
	RNG        []byte    // the shuffling generator (rand.PCG's binary form)
	Run        EpochSums // the epoch in progress
	Best       *Model    // nil before the first validation
	BestEpoch  int
	History    []Epoch
}

// State returns a copy of the trainer's state that shares no memory with it.
func (t *Trainer) State() State {
	rng, err := t.src.MarshalBinary()
	if err != nil {
		panic("delgrad: " + err.Error()) // rand.PCG never fails to marshal
	}
	s := State{
		Opt: Adam{
			Beta1: t.opt.Beta1, Beta2: t.opt.Beta2, Eps: t.opt.Eps, Steps: t.opt.Steps,
			M: cloneRows(t.opt.M), V: cloneRows(t.opt.V),
		},
		EpochsDone: t.epochsDone, Pos: t.pos, Perm: slices.Clone(t.perm), Batches: t.batches,
		Bump: slices.Clone(t.bumpSize), RNG: rng, Run: t.sums, BestEpoch: t.bestEpoch,
		History: slices.Clone(t.history),
	}
	if t.best != nil {
		s.Best = t.best.Clone()
	}
	return s
}

// Restore sets the trainer's state to s (copied), so that it continues
// exactly where the trainer s came from stopped. The trainer must have the
// recipe, model and samples of that one; a state that does not fit them
// is refused and changes nothing.
func (t *Trainer) Restore(s State) error {
	switch {
	case len(s.Perm) != len(t.train):
		return newError(ErrState, "the state shuffles %d training samples, the run has %d", len(s.Perm), len(t.train))
	case len(s.Bump) != len(t.bumpSize):
		return newError(ErrState, "the state bumps %d layers, the network has %d", len(s.Bump), len(t.bumpSize))
	case s.Run.EvalPos > len(t.val):
		return newError(ErrState, "the state has validated %d samples, the run has %d", s.Run.EvalPos, len(t.val))
	case s.Pos < 0 || s.Pos > len(s.Perm):
		return newError(ErrState, "the state stands at sample %d of an epoch of %d", s.Pos, len(s.Perm))
	case s.BestEpoch < 0 || s.BestEpoch > len(s.History) || (s.Best == nil) != (s.BestEpoch == 0):
		return newError(ErrState, "the state's best epoch %d does not fit its %d epochs of history", s.BestEpoch, len(s.History))
	}
	if !sameShape(s.Opt.M, t.opt.M) || !sameShape(s.Opt.V, t.opt.V) {
		return newError(ErrState, "the state's optimiser does not fit the model's parameters")
	}
	src := new(rand.PCG)
	if err := src.UnmarshalBinary(s.RNG); err != nil {
		return newError(ErrState, "the state's shuffling generator: %v", err)
	}
	t.opt = &Adam{Beta1: s.Opt.Beta1, Beta2: s.Opt.Beta2, Eps: s.Opt.Eps, Steps: s.Opt.Steps, M: cloneRows(s.Opt.M), V: cloneRows(s.Opt.V)}
	t.epochsDone, t.pos, t.perm, t.batches = s.EpochsDone, s.Pos, slices.Clone(s.Perm), s.Batches
	copy(t.bumpSize, s.Bump)
	t.src, t.rng = src, rand.New(src)
	t.sums = s.Run
	t.history = slices.Clone(s.History)
	t.best, t.bestEpoch = nil, s.BestEpoch
	if s.Best != nil {
		t.best = s.Best.Clone()
	}
	return nil
}

// Config is the trainer's recipe.
func (t *Trainer) Config() Config { return t.cfg }

// SetEpochs changes how many epochs the run trains in all (to continue a
// finished run); at least the epochs done.
func (t *Trainer) SetEpochs(n int) { t.cfg.Epochs = max(n, t.epochsDone) }

// Model is the model being trained. Changing its parameters is allowed
// between steps (the page's edge editor) if Reprepare is called after.
func (t *Trainer) Model() *Model { return t.model }

// Substrate is the engine the forward passes run on.
func (t *Trainer) Substrate() Substrate { return t.sub }

// SetSubstrate makes sub the engine of all further passes and prepares it
// for the model; on error the trainer keeps its substrate.
func (t *Trainer) SetSubstrate(sub Substrate) error {
	TellInputLayout(sub, t.model)
	if err := sub.Prepare(t.model.Net); err != nil {
		t.sub.Prepare(t.model.Net)
		return err
	}
	t.sub = sub
	return nil
}

// Reprepare tells the substrate that the model's parameters changed
// outside training (an edit); a chip re-quantises.
func (t *Trainer) Reprepare() error { return t.sub.Prepare(t.model.Net) }

// Samples are the training and validation samples.
func (t *Trainer) Samples() (train, val []Sample) { return t.train, t.val }

// History is the metrics of every finished epoch, oldest first. The slice
// is the trainer's: read it, do not change it.
func (t *Trainer) History() []Epoch { return t.history }

// Best is the model after the epoch with the best validation accuracy and
// that epoch (nil, 0 before the first validation).
func (t *Trainer) Best() (*Model, int) { return t.best, t.bestEpoch }

// Batches is the number of mini-batches run so far.
func (t *Trainer) Batches() uint64 { return t.batches }

// SetWorkers sets the goroutines per mini-batch (results do not depend
// on it).
func (t *Trainer) SetWorkers(n int) { t.workers = max(1, n) }

// Workers is the goroutines per mini-batch.
func (t *Trainer) Workers() int { return t.workers }

// Err is the first error the substrate reported while preparing a changed
// network; the caller should stop training when it is set.
func (t *Trainer) Err() error { return t.failed }

// cloneRows copies a slice of rows.
func cloneRows(rows [][]float64) [][]float64 {
	out := make([][]float64, len(rows))
	for i, r := range rows {
		out[i] = slices.Clone(r)
	}
	return out
}

// sameShape reports whether a and b have rows of the same lengths.
func sameShape(a, b [][]float64) bool {
	return slices.EqualFunc(a, b, func(x, y []float64) bool { return len(x) == len(y) })
}

// Retune takes from cfg what a run may change while it trains: the loss,
// the learning rates and the batch size (the page's live settings). The
// rest of cfg is ignored.
func (t *Trainer) Retune(cfg Config) {
	t.cfg.Loss = cfg.Loss
	t.cfg.LRWeights = cfg.LRWeights
	t.cfg.LRDelays = cfg.LRDelays
	t.cfg.Batch = cfg.Batch
}

// EvalTrial keys the noise of evaluation sample j under key as the run's
// protocol does (Config.EvalTrial).
func (t *Trainer) EvalTrial(key uint64, j int) Trial { return t.cfg.EvalTrial(key, j) }
