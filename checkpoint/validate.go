package checkpoint

import (
	"fmt"
	"math"

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
// a *FormatError at path, keeping the original for errors.Is and As.
func wrapInvalid(path string, err error) error {
	return &FormatError{Path: path, Msg: Reason(err), Err: err}
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
		return &FormatError{Path: "config.protocol", Msg: clipText(Reason(err)), Err: err}
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
