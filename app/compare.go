package app

import (
	"fmt"
	"time"

	"delaylab/checkpoint"
	"delaylab/delgrad"
	"delaylab/run"
)

// Compare: a second configuration (a preset) trained beside the session's
// model, on the same data, on the same substrate (the ideal simulator, or
// the same chip instance with the same noise) under the same training
// protocol, and within the same frame budget (each gets half of the
// training time while both train), so their curves and parameter counts
// can be shown together — e.g. 30 hidden neurons with weights only beside
// 5 hidden neurons with synaptic delays, or chip-yinyang-w beside
// chip-yinyang-wa on one chip.

// compareRun is the second model.
type compareRun struct {
	preset string
	set    Settings
	data   *data
	chip   chipMode         // the substrate it was started on
	tr     *delgrad.Trainer // the run's trainer
	cost   costModel
	// step is tr.Step; tests replace it by a step of known cost.
	step func(n int) int
}

// CompareRun describes one of the two compared models.
type CompareRun struct {
	Name            string // preset, architecture and delays
	Weights, Delays int
	Epochs          int // configured epochs
	History         []delgrad.Epoch
}

// Params is the number of trainable parameters.
func (r CompareRun) Params() int { return r.Weights + r.Delays }

// StartCompare trains the preset's configuration beside the model, from a
// fresh start, on the session's data. It trains while the session plays.
func (s *Session) StartCompare(preset string) error {
	set, err := PresetSettings(preset)
	if err != nil {
		return SettingError(err)
	}
	c, err := s.newCompare(preset, set)
	if err != nil {
		return err
	}
	s.cmp = c
	return nil
}

func (s *Session) newCompare(preset string, set Settings) (*compareRun, error) {
	set.Dataset = s.data.Spec.Name
	set.Protocol = s.settings.Protocol
	if err := set.Validate(); err != nil {
		return nil, err
	}
	cfg, err := set.Config(s.data.Classes)
	if err != nil {
		return nil, err
	}
	sub, seed, err := s.substrateFor(set)
	if err != nil {
		return nil, SettingError(err)
	}
	r, err := run.New(cfg, sub, seed, s.data)
	if err != nil {
		if s.chip.On {
			return nil, fmt.Errorf("%w: the chip cannot run %s: %s", ErrSetting, preset, checkpoint.Reason(err))
		}
		return nil, err
	}
	return &compareRun{preset: preset, set: set, data: s.data, chip: s.chip, tr: r.Trainer(), step: r.Step}, nil
}

// StopCompare ends the comparison.
func (s *Session) StopCompare() error { s.cmp = nil; return nil }

// Comparison returns the session's model (A) and the compared one (B);
// ok is false when nothing is compared.
func (s *Session) Comparison() (a, b CompareRun, ok bool) {
	c := s.cmp
	if c == nil {
		return CompareRun{}, CompareRun{}, false
	}
	run := func(name string, tr *delgrad.Trainer) CompareRun {
		w, d := tr.Model().ParamCount()
		return CompareRun{
			Name: name + " · " + archName(tr.Model().Net, " "), Weights: w, Delays: d, Epochs: tr.Config().Epochs,
			History: append([]delgrad.Epoch(nil), tr.History()...),
		}
	}
	on := ""
	if s.chip.On {
		on = fmt.Sprintf(" · chip %d", s.chip.Seed)
	}
	if p := s.settings.Protocol; p != "" && p != "ours" {
		on += " · " + p + " protocol"
	}
	return run(s.settings.Preset+on, s.tr), run(c.preset+on, c.tr), true
}

// trainCompare trains the compared model for the first half of the time
// from begin to end. When the session's data, substrate or protocol
// changed, the comparison starts over with them.
func (s *Session) trainCompare(begin, end time.Time) {
	c := s.cmp
	if c == nil {
		return
	}
	if c.data != s.data || c.chip != s.chip || c.set.Protocol != s.settings.Protocol {
		n, err := s.newCompare(c.preset, c.set)
		if err != nil {
			s.cmp = nil
			return
		}
		s.cmp, c = n, n
	}
	half := begin.Add(end.Sub(begin) / 2)
	for steps := 0; !c.tr.Done(); steps++ {
		now := s.now()
		p := c.tr.Progress()
		e, units := &c.cost.train, p.NextStep
		if p.Validating {
			e = &c.cost.eval
		}
		if d, ok := e.predict(units); steps > 0 && (!ok || now.Add(d).After(half)) {
			return
		}
		n := c.step(1)
		e.observe(n, s.now().Sub(now))
		if s.now().After(half) {
			return
		}
	}
}
