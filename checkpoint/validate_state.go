package checkpoint

import (
	"fmt"
	"math/rand/v2"
)

// validate checks the state against the model and the number of epochs
// in the history.
func (t *TrainState) validate(m *Model, history int) error {
	L := len(m.Layers)
	if t.BestEpoch < 0 || t.BestEpoch > history {
		return &FormatError{Path: "train.best_epoch", Msg: fmt.Sprintf("%d is outside the history's epochs 0..%d", t.BestEpoch, history)}
	}
	if (t.Best == nil) != (t.BestEpoch == 0) {
		return &FormatError{Path: "train.best", Msg: "the best model and its epoch must both be present or both absent"}
	}
	if t.Best != nil {
		if err := t.Best.validate("train.best"); err != nil {
			return err
		}
		if err := sameArch("train.best", t.Best, m); err != nil {
			return err
		}
	}
	for _, s := range []struct {
		path string
		v    int
	}{
		{"train.epochs_done", t.EpochsDone}, {"train.run.correct", t.Run.Correct}, {"train.run.seen", t.Run.Seen},
		{"train.run.bumps", t.Run.Bumps}, {"train.run.eval_pos", t.Run.EvalPos}, {"train.run.eval_right", t.Run.EvalRight},
		{"train.adam.steps", t.Adam.Steps},
	} {
		if err := checkNonNegative(s.path, s.v); err != nil {
			return err
		}
	}
	if err := checkCount("number of train.perm", len(t.Perm), maxSamples); err != nil {
		return err
	}
	if t.Pos < 0 || t.Pos > len(t.Perm) {
		return &FormatError{Path: "train.pos", Msg: fmt.Sprintf("%d is outside 0..%d", t.Pos, len(t.Perm))}
	}
	seen := make([]bool, len(t.Perm))
	for i, v := range t.Perm {
		if v < 0 || v >= len(t.Perm) || seen[v] {
			return &FormatError{Path: fmt.Sprintf("train.perm[%d]", i), Msg: fmt.Sprintf("%d: not a permutation of 0..%d", v, len(t.Perm)-1)}
		}
		seen[v] = true
	}
	if err := checkLen("train.bump", len(t.Bump), L); err != nil {
		return err
	}
	if err := checkAllFinite("train.bump", t.Bump); err != nil {
		return err
	}
	var pcg rand.PCG
	if err := pcg.UnmarshalBinary(t.RNG); err != nil {
		return &FormatError{Path: "train.rng", Msg: "not a PCG generator state"}
	}
	if err := checkFloats("train.run", "loss", t.Run.Loss, "eval_loss", t.Run.EvalLoss); err != nil {
		return err
	}
	a := &t.Adam
	if err := checkFloats("train.adam", "beta1", a.Beta1, "beta2", a.Beta2, "eps", a.Eps); err != nil {
		return err
	}
	if !(a.Beta1 >= 0 && a.Beta1 < 1 && a.Beta2 >= 0 && a.Beta2 < 1 && a.Eps >= 0) {
		return &FormatError{Path: "train.adam", Msg: fmt.Sprintf("betas %v, %v and ε %v, want betas in [0, 1) and ε ≥ 0", a.Beta1, a.Beta2, a.Eps)}
	}
	for _, s := range []struct {
		name string
		v    [][]float64
	}{{"m", a.M}, {"v", a.V}} {
		p := "train.adam." + s.name
		if err := checkLen(p, len(s.v), 2*L); err != nil {
			return err
		}
		for g, mom := range s.v {
			pg := fmt.Sprintf("%s[%d]", p, g)
			want := len(m.Layers[g/2].Weights)
			if g%2 == 1 {
				want = len(m.Layers[g/2].Theta)
			}
			if err := checkLen(pg, len(mom), want); err != nil {
				return err
			}
			if err := checkAllFinite(pg, mom); err != nil {
				return err
			}
			if s.name == "v" {
				for i, v := range mom {
					if v < 0 {
						return &FormatError{Path: fmt.Sprintf("%s[%d]", pg, i), Msg: fmt.Sprintf("second moment %v is negative", v)}
					}
				}
			}
		}
	}
	return nil
}

// maxSamples bounds split sizes and the training permutation, as the
// dataset package bounds generated data.
const maxSamples = 1_000_000

func (d *Data) validate() error {
	for _, s := range []struct{ path, v string }{{"data.name", d.Name}, {"data.path", d.Path}} {
		if err := checkText(s.path, s.v); err != nil {
			return err
		}
	}
	for _, s := range []struct {
		path string
		v    int
	}{{"data.train", d.Train}, {"data.validation", d.Validation}, {"data.test", d.Test}} {
		if err := checkNonNegative(s.path, s.v); err != nil {
			return err
		}
		if s.v > maxSamples {
			return &LimitError{What: s.path, Got: s.v, Max: maxSamples}
		}
	}
	if err := checkFloats("data", "noise", d.Noise, "t_early", d.TEarly, "t_late", d.TLate); err != nil {
		return err
	}
	if len(d.Points) > MaxPoints {
		return &LimitError{What: "number of data.points", Got: len(d.Points), Max: MaxPoints}
	}
	for i, p := range d.Points {
		if p.X >= 0 && p.X <= 1 && p.Y >= 0 && p.Y <= 1 && p.Label >= 0 && p.Label <= 9 {
			continue
		}
		path := fmt.Sprintf("data.points[%d]", i)
		if err := checkFloats(path, "x", p.X, "y", p.Y); err != nil {
			return err
		}
		if p.X < 0 || p.X > 1 || p.Y < 0 || p.Y > 1 {
			return &FormatError{Path: path, Msg: fmt.Sprintf("(%v, %v) is outside the unit square", p.X, p.Y)}
		}
		return &FormatError{Path: path + ".label", Msg: fmt.Sprintf("%d is not in 0..9", p.Label)}
	}
	return nil
}

func (c *ChipState) validate() error {
	if err := checkText("chip.substrate", c.Substrate); err != nil {
		return err
	}
	k := &c.Config
	if !(k.Window > 0) {
		return &FormatError{Path: "chip.config.window", Msg: fmt.Sprintf("%v, want > 0 (+Inf: no window)", k.Window)}
	}
	if err := checkFloats("chip.config", "tau_us", k.TauMicros, "weight_scale", k.WeightScale,
		"threshold_offset_mean", k.ThresholdOffsetMean, "threshold_offset_std", k.ThresholdOffsetStd,
		"threshold_trial_std", k.ThresholdTrialStd, "tau_mem_std", k.TauMemStd, "tau_syn_std", k.TauSynStd,
		"gain_std", k.GainStd, "spike_jitter", k.SpikeJitter, "timestamp_grid_us", k.TimestampGrid,
		"delay_offset_us", k.DelayOffset, "delay_tick_us", k.DelayTick, "delay_offset_std_us", k.DelayOffsetStd,
		"delay_jitter", k.DelayJitter, "delay_drop", k.DelayDrop, "adc_rate_per_us", k.ADCRate); err != nil {
		return err
	}
	if err := c.ChipConfig().Validate(); err != nil {
		return wrapInvalid("chip.config", err)
	}
	return nil
}

func (e *Epoch) validate(path string) error {
	if err := checkNonNegative(path+".epoch", e.Epoch); err != nil {
		return err
	}
	if err := checkNonNegative(path+".bumps", e.Bumps); err != nil {
		return err
	}
	return checkFloats(path, "train_loss", e.TrainLoss, "train_acc", e.TrainAcc, "val_loss", e.ValLoss,
		"val_acc", e.ValAcc, "lr_scale", e.LRScale)
}
