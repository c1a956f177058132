package run

import (
	"fmt"

	"delaylab/checkpoint"
	"delaylab/delgrad"
)

// Run is one training run: a recipe trained on its data by a trainer whose
// forward passes run on a substrate (the ideal simulator or a chip
// instance). It is the only place where these are put together, so a run
// started in the page, on the command line or in a sweep is the same run.
type Run struct {
	data     *Data
	sub      Substrate
	chipSeed uint64
	tr       *delgrad.Trainer
}

// New starts a run of recipe cfg on substrate sub (the chip instance drawn
// from chipSeed) with fresh parameters drawn from cfg.Seed. data nil means
// cfg's data set with its reference splits and coding.
func New(cfg delgrad.Config, sub Substrate, chipSeed uint64, data *Data) (*Run, error) {
	return start(cfg, nil, sub, chipSeed, data)
}

// FromModel starts a run of recipe cfg from the parameters of m (a shared
// or imported network), with a fresh optimiser.
func FromModel(cfg delgrad.Config, m *delgrad.Model, sub Substrate, chipSeed uint64, data *Data) (*Run, error) {
	return start(cfg, m, sub, chipSeed, data)
}

func start(cfg delgrad.Config, m *delgrad.Model, sub Substrate, chipSeed uint64, data *Data) (*Run, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if !sub.OnChip() {
		chipSeed = 0 // the ideal simulator has no instances
	}
	if data == nil {
		var err error
		if data, err = DefaultData(cfg.Dataset); err != nil {
			return nil, err
		}
	}
	engine, err := sub.New(chipSeed, nil)
	if err != nil {
		return nil, err
	}
	var tr *delgrad.Trainer
	if m == nil {
		tr, err = delgrad.NewTrainer(cfg, data.Train, data.Val, engine)
	} else {
		tr, err = delgrad.ResumeTrainer(cfg, m, nil, data.Train, data.Val, engine)
	}
	if err != nil {
		return nil, err
	}
	return &Run{data: data, sub: sub, chipSeed: chipSeed, tr: tr}, nil
}

// Open continues the run a checkpoint holds, on the file's data set and
// chip instance, exactly where it stopped.
func Open(f *checkpoint.File) (*Run, error) { return OpenOn(f, nil) }

// OpenOn is Open with the file's data already at hand (nil: generate it
// from the file's spec); data must be made from the file's spec and coding.
func OpenOn(f *checkpoint.File, data *Data) (*Run, error) {
	sub, seed, err := FileSubstrate(f.Chip)
	if err != nil {
		return nil, err
	}
	if data == nil {
		spec, coding := f.Dataset()
		if data, err = LoadData(spec, coding); err != nil {
			return nil, &ContextError{Context: "data set", Err: err}
		}
	}
	engine, err := sub.New(seed, nil)
	if err != nil {
		return nil, err
	}
	tr, err := f.Resume(data.Train, data.Val, engine)
	if err != nil {
		return nil, err
	}
	return &Run{data: data, sub: sub, chipSeed: seed, tr: tr}, nil
}

// FileSubstrate is the substrate and chip seed a checkpoint records (nil:
// the ideal simulator). The file's chip model is kept exactly, also when
// it is not one of the named ones (an ablation).
func FileSubstrate(cs *checkpoint.ChipState) (Substrate, uint64, error) {
	if cs == nil {
		return Substrate{Name: Ideal}, 0, nil
	}
	s, err := ParseSubstrate(cs.Substrate)
	if err != nil {
		return Substrate{}, 0, &ContextError{Context: "chip", Err: err}
	}
	if !s.OnChip() {
		return Substrate{}, 0, fmt.Errorf("chip: the file records a chip state for substrate %q", cs.Substrate)
	}
	s.Chip = cs.ChipConfig()
	return s, cs.Seed, nil
}

// File is the run as a checkpoint: everything needed to continue it.
func (r *Run) File(meta checkpoint.Meta) *checkpoint.File {
	f := checkpoint.FromTrainer(r.tr, r.data.Spec, r.data.Coding, meta)
	f.Chip = r.sub.State(r.chipSeed)
	return f
}

// Trainer is the run's trainer, for what the run does not wrap (the
// page's edge editor and replays read and change its model).
func (r *Run) Trainer() *delgrad.Trainer { return r.tr }

// Data is the run's data.
func (r *Run) Data() *Data { return r.data }

// Substrate is what the run's forward passes run on, and the chip seed.
func (r *Run) Substrate() (Substrate, uint64) { return r.sub, r.chipSeed }

// Config is the run's recipe.
func (r *Run) Config() delgrad.Config { return r.tr.Config() }

// Model is the model being trained.
func (r *Run) Model() *delgrad.Model { return r.tr.Model() }

// Step does about n samples of work (see delgrad.Trainer.Step).
func (r *Run) Step(n int) int { return r.tr.Step(n) }

// RunEpoch trains until the epoch under way ends and returns its metrics.
func (r *Run) RunEpoch() delgrad.Epoch { return r.tr.RunEpoch() }

// Progress is where the run stands.
func (r *Run) Progress() delgrad.Progress { return r.tr.Progress() }

// Done reports whether the recipe's epochs are trained.
func (r *Run) Done() bool { return r.tr.Done() }

// History is the metrics of every finished epoch (the trainer's slice:
// read only).
func (r *Run) History() []delgrad.Epoch { return r.tr.History() }

// Evaluate is the mean loss and accuracy of the current model on split s,
// with the chip noise of an evaluation after training (trial batch 0).
func (r *Run) Evaluate(s Split) (loss, acc float64) { return r.tr.Evaluate(r.data.Samples(s)) }

// EvaluateModel is Evaluate for another model of the run's shape (the
// best epoch's).
func (r *Run) EvaluateModel(m *delgrad.Model, s Split) (loss, acc float64) {
	return r.tr.EvaluateModel(m, r.data.Samples(s))
}

// Predictions is the class the current model predicts for every sample of
// split s (−1 where no output fires).
func (r *Run) Predictions(s Split) []int {
	cfg := r.tr.Config()
	return Predictions(r.tr.Substrate(), r.tr.Model(), r.data.Samples(s), EvalTrial(&cfg))
}

// SetSubstrate moves the run to another substrate (the chip instance of
// chipSeed) and keeps its model: training goes on from where it is. A
// network the substrate cannot run is refused and nothing changes.
func (r *Run) SetSubstrate(sub Substrate, chipSeed uint64) error {
	engine, err := sub.New(chipSeed, nil)
	if err != nil {
		return err
	}
	if err := r.tr.SetSubstrate(engine); err != nil {
		return err
	}
	if !sub.OnChip() {
		chipSeed = 0
	}
	r.sub, r.chipSeed = sub, chipSeed
	return nil
}
