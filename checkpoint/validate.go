package checkpoint

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"delaylab/delgrad"
	"delaylab/sim"
)

// Validate checks everything Decode checks after decoding: every string
// and size within the limits, every slice the length the architecture
// gives it, every number finite (the chip's Window excepted, which may be
// +Inf), the recipe consistent with the model, the training state with
// both, and every setting one that delgrad (and chip) accept. It reports
// the first problem as a *FormatError, *ShapeError, *ValueError or
// *LimitError.
func (f *File) Validate() error {
	if err := f.Meta.validate(); err != nil {
		return err
	}
	if err := f.Model.validate("model"); err != nil {
		return err
	}
	if err := f.Config.validate(&f.Model); err != nil {
		return err
	}
	if f.Train != nil {
		if err := f.Train.validate(&f.Model, len(f.History)); err != nil {
			return err
		}
	}
	if err := f.Data.validate(); err != nil {
		return err
	}
	if f.Chip != nil {
		if err := f.Chip.validate(); err != nil {
			return err
		}
	}
	for i := range f.History {
		if err := f.History[i].validate(fmt.Sprintf("history[%d]", i)); err != nil {
			return err
		}
	}
	return nil
}

func checkText(path, s string) error {
	if len(s) > MaxText {
		return &LimitError{What: "length of " + path, Got: len(s), Max: MaxText}
	}
	return nil
}

func checkLen(what string, got, want int) error {
	if got != want {
		return &ShapeError{What: "len(" + what + ")", Got: got, Want: want}
	}
	return nil
}

// checkCount checks a size that must lie in 1..limit.
func checkCount(what string, n, limit int) error {
	if n > limit {
		return &LimitError{What: what, Got: n, Max: limit}
	}
	if n < 1 {
		return &FormatError{Path: what, Msg: fmt.Sprintf("%d, want at least 1", n)}
	}
	return nil
}

func checkNonNegative(path string, n int) error {
	if n < 0 {
		return &FormatError{Path: path, Msg: fmt.Sprintf("%d is negative", n)}
	}
	return nil
}

// checkFloats checks named scalars (name, value, name, value...) for
// finiteness, in order.
func checkFloats(prefix string, named ...any) error {
	for i := 0; i+1 < len(named); i += 2 {
		if v := named[i+1].(float64); math.IsNaN(v) || math.IsInf(v, 0) {
			return &ValueError{Path: prefix + "." + named[i].(string), Value: v}
		}
	}
	return nil
}

// wrapInvalid turns an error of delgrad, sim or chip about a setting into
// a *FormatError at path.
func wrapInvalid(path string, err error) error {
	msg := err.Error()
	for _, p := range []string{"delgrad: config: ", "delgrad: ", "sim: ", "chip: "} {
		msg = strings.TrimPrefix(msg, p)
	}
	return &FormatError{Path: path, Msg: msg}
}

func (m *Meta) validate() error {
	if err := checkText("meta.name", m.Name); err != nil {
		return err
	}
	return checkText("meta.program", m.Program)
}

func (n *Neuron) validate(path string) error {
	if err := checkFloats(path, "tau_syn", n.TauSyn, "tau_mem", n.TauMem, "threshold", n.Threshold, "leak", n.Leak, "c", n.C); err != nil {
		return err
	}
	if err := n.sim().Validate(); err != nil {
		return wrapInvalid(path, err)
	}
	return nil
}

func (d *DelayParam) validate(path string) error {
	if _, ok := delayModeOf(d.Mode); !ok {
		return &FormatError{Path: path + ".mode", Msg: fmt.Sprintf("unknown delay parametrisation %q (want sigmoid or clip)", clipText(d.Mode))}
	}
	if err := checkFloats(path, "shift", d.Shift, "scale", d.Scale); err != nil {
		return err
	}
	if !(d.Shift >= 0) {
		return &FormatError{Path: path + ".shift", Msg: fmt.Sprintf("%v is negative", d.Shift)}
	}
	if d.Mode == "sigmoid" && !(d.Scale > 0) {
		return &FormatError{Path: path + ".scale", Msg: fmt.Sprintf("%v, want > 0 for sigmoid delays", d.Scale)}
	}
	return nil
}

// clipText shortens a string read from a file for an error message.
func clipText(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

func delayModeOf(name string) (delgrad.DelayMode, bool) {
	switch name {
	case "sigmoid":
		return delgrad.DelaySigmoid, true
	case "clip":
		return delgrad.DelayClip, true
	}
	return 0, false
}

func lossKindOf(name string) (delgrad.LossKind, bool) {
	switch name {
	case "simse":
		return delgrad.LossSIMSE, true
	case "ttfs":
		return delgrad.LossTTFS, true
	case "mse":
		return delgrad.LossMSE, true
	}
	return 0, false
}

var lossKindNames = [...]string{delgrad.LossSIMSE: "simse", delgrad.LossTTFS: "ttfs", delgrad.LossMSE: "mse"}

func delayKindOf(path, name string) (sim.DelayKind, error) {
	k, err := sim.ParseDelayKind(name)
	if err != nil {
		return 0, &FormatError{Path: path, Msg: fmt.Sprintf("unknown delay kind %q (want none, axonal, dendritic or synaptic)", clipText(name))}
	}
	return k, nil
}

// preSize is the number of presynaptic units of layer l.
func (m *Model) preSize(l int) int {
	if l == 0 {
		return m.Features * m.Copies
	}
	return m.Layers[l-1].Size
}

// thetaCount is the number of delay parameters of layer l, as in
// delgrad.Model.ThetaCount; the layer's delay kind must be valid.
func (m *Model) thetaCount(l int) int {
	k, _ := sim.ParseDelayKind(m.Layers[l].Delay)
	if l == 0 && m.TieInputDelays && m.Copies > 1 && k == sim.DelayAxonal {
		return m.Features
	}
	return k.Count(m.preSize(l), m.Layers[l].Size)
}

// validateArch checks everything but the weights and delay parameters.
func (m *Model) validateArch(path string) error {
	if err := m.Neuron.validate(path + ".neuron"); err != nil {
		return err
	}
	if err := checkCount(path+".features", m.Features, MaxNeurons); err != nil {
		return err
	}
	if err := checkCount(path+".copies", m.Copies, MaxNeurons); err != nil {
		return err
	}
	if err := checkCount(path+" input rows (features × copies)", m.Features*m.Copies, MaxNeurons); err != nil {
		return err
	}
	if err := m.Delay.validate(path + ".delay"); err != nil {
		return err
	}
	if err := checkCount("number of "+path+".layers", len(m.Layers), MaxLayers); err != nil {
		return err
	}
	for l := range m.Layers {
		L := &m.Layers[l]
		p := fmt.Sprintf("%s.layers[%d]", path, l)
		if err := checkCount(p+".size", L.Size, MaxNeurons); err != nil {
			return err
		}
		if _, err := delayKindOf(p+".delay", L.Delay); err != nil {
			return err
		}
		if len(L.BiasTimes) > MaxNeurons {
			return &LimitError{What: "number of " + p + ".bias_times", Got: len(L.BiasTimes), Max: MaxNeurons}
		}
		if err := checkAllFinite(p+".bias_times", L.BiasTimes); err != nil {
			return err
		}
	}
	return nil
}

// validate checks the architecture and the parameters.
func (m *Model) validate(path string) error {
	if err := m.validateArch(path); err != nil {
		return err
	}
	for l := range m.Layers {
		L := &m.Layers[l]
		p := fmt.Sprintf("%s.layers[%d]", path, l)
		rows := m.preSize(l) + len(L.BiasTimes)
		if err := checkLen(p+".weights", len(L.Weights), rows*L.Size); err != nil {
			return err
		}
		if err := checkAllFinite(p+".weights", L.Weights); err != nil {
			return err
		}
		if err := checkLen(p+".theta", len(L.Theta), m.thetaCount(l)); err != nil {
			return err
		}
		if err := checkAllFinite(p+".theta", L.Theta); err != nil {
			return err
		}
	}
	return nil
}

// sameArch checks that a (at path) has the architecture of the model m;
// both must be valid.
func sameArch(path string, a, m *Model) error {
	shape := func(what string, got, want int) error {
		if got != want {
			return &ShapeError{What: path + "." + what, Got: got, Want: want}
		}
		return nil
	}
	if err := shape("features", a.Features, m.Features); err != nil {
		return err
	}
	if err := shape("copies", a.Copies, m.Copies); err != nil {
		return err
	}
	if err := shape("len(layers)", len(a.Layers), len(m.Layers)); err != nil {
		return err
	}
	for l := range a.Layers {
		A, M := &a.Layers[l], &m.Layers[l]
		p := fmt.Sprintf("layers[%d]", l)
		if err := shape(p+".size", A.Size, M.Size); err != nil {
			return err
		}
		if err := shape("len("+p+".bias_times)", len(A.BiasTimes), len(M.BiasTimes)); err != nil {
			return err
		}
		if A.Delay != M.Delay {
			return &FormatError{Path: path + "." + p + ".delay", Msg: fmt.Sprintf("%q, but the model's is %q", A.Delay, M.Delay)}
		}
	}
	if a.Neuron != m.Neuron || a.Delay != m.Delay || a.TieInputDelays != m.TieInputDelays {
		return &FormatError{Path: path, Msg: "neuron, delay parametrisation or delay tying differ from the model's"}
	}
	return nil
}

// validate checks the recipe and that its architecture is the model's.
func (c *Config) validate(m *Model) error {
	for _, s := range []struct{ path, v string }{
		{"config.name", c.Name}, {"config.description", c.Description},
		{"config.dataset", c.Dataset}, {"config.substrate", c.Substrate},
	} {
		if err := checkText(s.path, s.v); err != nil {
			return err
		}
	}
	L := len(m.Layers)
	shape := func(what string, got, want int) error {
		if got != want {
			return &ShapeError{What: what, Got: got, Want: want}
		}
		return nil
	}
	if err := shape("config.features", c.Features, m.Features); err != nil {
		return err
	}
	if err := shape("config.copies", c.Copies, m.Copies); err != nil {
		return err
	}
	if err := checkLen("config.hidden", len(c.Hidden), L-1); err != nil {
		return err
	}
	for i, h := range c.Hidden {
		if err := shape(fmt.Sprintf("config.hidden[%d]", i), h, m.Layers[i].Size); err != nil {
			return err
		}
	}
	if err := shape("config.outputs", c.Outputs, m.Layers[L-1].Size); err != nil {
		return err
	}
	if err := checkLen("config.delays", len(c.Delays), L); err != nil {
		return err
	}
	for l, name := range c.Delays {
		p := fmt.Sprintf("config.delays[%d]", l)
		if _, err := delayKindOf(p, name); err != nil {
			return err
		}
		if name != m.Layers[l].Delay {
			return &FormatError{Path: p, Msg: fmt.Sprintf("%q, but the model's layer %d has %q delays", name, l, m.Layers[l].Delay)}
		}
	}
	if c.TieInputDelays != m.TieInputDelays {
		return &FormatError{Path: "config.tie_input_delays", Msg: fmt.Sprintf("%v, but the model's is %v", c.TieInputDelays, m.TieInputDelays)}
	}
	p, err := delgrad.ParseProtocol(c.Protocol)
	if err != nil {
		return &FormatError{Path: "config.protocol", Msg: clipText(err.Error())}
	}
	if p.Has(delgrad.InterleavedCopies) != m.InterleavedCopies {
		return &FormatError{Path: "config.protocol", Msg: fmt.Sprintf("%q, but the model's interleaved_copies is %v", clipText(c.Protocol), m.InterleavedCopies)}
	}
	if err := c.Neuron.validate("config.neuron"); err != nil {
		return err
	}
	if len(c.Bias) > 0 {
		if err := checkLen("config.bias", len(c.Bias), L); err != nil {
			return err
		}
		for l, b := range c.Bias {
			p := fmt.Sprintf("config.bias[%d]", l)
			if len(b) > MaxNeurons {
				return &LimitError{What: "number of " + p, Got: len(b), Max: MaxNeurons}
			}
			if err := checkAllFinite(p, b); err != nil {
				return err
			}
		}
	}
	if _, ok := lossKindOf(c.Loss.Kind); !ok {
		return &FormatError{Path: "config.loss.kind", Msg: fmt.Sprintf("unknown loss %q (want simse, ttfs or mse)", clipText(c.Loss.Kind))}
	}
	lo := &c.Loss
	if err := checkFloats("config.loss", "delta_t", lo.DeltaT, "tau0", lo.Tau0, "tau1", lo.Tau1, "alpha", lo.Alpha, "t_correct", lo.TCorrect, "t_wrong", lo.TWrong); err != nil {
		return err
	}
	for _, s := range []struct {
		path string
		v    []float64
	}{{"config.lr_weights", c.LRWeights}, {"config.lr_delays", c.LRDelays}, {"config.bump_fraction", c.BumpFraction}} {
		if err := checkLen(s.path, len(s.v), L); err != nil {
			return err
		}
		if err := checkAllFinite(s.path, s.v); err != nil {
			return err
		}
	}
	if err := checkLen("config.weight_init", len(c.WeightInit), L); err != nil {
		return err
	}
	for l, n := range c.WeightInit {
		if err := checkFloats(fmt.Sprintf("config.weight_init[%d]", l), "mu", n.Mu, "sigma", n.Sigma); err != nil {
			return err
		}
	}
	if err := c.Delay.validate("config.delay"); err != nil {
		return err
	}
	if err := checkFloats("config", "step_gamma", c.StepGamma, "delay_init.mu", c.DelayInit.Mu, "delay_init.sigma", c.DelayInit.Sigma,
		"bump_start", c.BumpStart, "max_dw_norm", c.MaxDWNorm); err != nil {
		return err
	}
	dc := c.delgrad()
	if err := dc.Validate(); err != nil {
		return wrapInvalid("config", err)
	}
	return nil
}

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
