package delgrad

// Progress is where a trainer stands in its run, in samples, so that
// callers (progress bars, frame schedulers, the page's epoch bar) need not
// read the trainer's bookkeeping.
type Progress struct {
	Epochs     int  // completed epochs
	Trained    int  // training samples done in the epoch under way
	TrainSize  int  // training samples per epoch
	Validating bool // the epoch's validation pass is under way
	Validated  int  // validation samples done in it
	ValSize    int  // validation samples per epoch
	// NextStep is how many samples the next Step(1) processes: a
	// mini-batch, or a block of the validation pass (at least 1).
	NextStep int
}

// Progress reports where the trainer stands.
func (t *Trainer) Progress() Progress {
	p := Progress{
		Epochs: t.epochsDone, Trained: t.pos, TrainSize: len(t.perm),
		Validating: t.sums.Evaluating, Validated: t.sums.EvalPos, ValSize: len(t.val),
	}
	if p.Validating {
		p.NextStep = max(1, min(evalBlock, p.ValSize-p.Validated))
	} else {
		p.NextStep = max(1, min(t.cfg.Batch, p.TrainSize-p.Trained))
	}
	return p
}

// Done is the samples of work (training and validation) done since the
// run began.
func (p Progress) Done() int { return p.Epochs*(p.TrainSize+p.ValSize) + p.Trained + p.Validated }

// TrainedTotal is the training samples done since the run began.
func (p Progress) TrainedTotal() int { return p.Epochs*p.TrainSize + p.Trained }

// LeftInEpoch is the samples of work left until the epoch under way ends.
func (p Progress) LeftInEpoch() int {
	if p.Validating {
		return p.ValSize - p.Validated
	}
	return p.TrainSize - p.Trained + p.ValSize
}

// EpochFraction is how far the epoch under way has trained, in [0, 1]
// (1 while it validates).
func (p Progress) EpochFraction() float64 {
	switch {
	case p.Validating:
		return 1
	case p.TrainSize == 0:
		return 0
	}
	return float64(p.Trained) / float64(p.TrainSize)
}

// UnderWay reports whether an epoch has started but not finished.
func (p Progress) UnderWay() bool { return p.Trained > 0 || p.Validating }
