package app

import (
	"fmt"

	"delaylab/delgrad"
	"delaylab/sim"
)

// Commands. Each returns an error for an invalid request and then changes
// nothing. Changing the data, the architecture, the delays, the neuron or
// the seed starts a new model; the loss, the learning rates and the batch
// size apply to the next mini-batch of the model being trained.

// ApplyPreset replaces every setting by a reference recipe's.
func (s *Session) ApplyPreset(name string) error {
	set, err := PresetSettings(name)
	if err != nil {
		return SettingError(err)
	}
	// The protocol is the user's choice, kept across presets that allow it.
	if set.Protocol = s.settings.Protocol; set.Validate() != nil {
		set.Protocol = delgrad.Protocol(0).String()
	}
	// The preset names its substrate (substrate.go).
	old := s.chip
	s.chip = s.chip.forPreset(set.Preset)
	if err := s.rebuild(set); err != nil {
		s.chip = old
		return err
	}
	return nil
}

// SetProtocol chooses the training protocol ("ours" or "authors", or any
// delgrad.ParseProtocol form) and starts a new model trained under it.
func (s *Session) SetProtocol(p string) error {
	return s.edit(func(set *Settings) { set.Protocol = p })
}

// edit rebuilds the model with a modified copy of the settings.
func (s *Session) edit(change func(*Settings)) error {
	set := s.settings.Clone()
	change(&set)
	return s.rebuild(set)
}

// SetDataset switches to another data set.
func (s *Session) SetDataset(name string) error {
	return s.edit(func(set *Settings) { set.Dataset = name })
}

// SetHidden sets the hidden layer sizes. Layers keep their delay kinds; a
// new hidden layer takes the first layer's kind and the output layer keeps
// its own.
func (s *Session) SetHidden(sizes []int) error {
	return s.edit(func(set *Settings) {
		old := set.Delays
		kinds := make([]sim.DelayKind, len(sizes)+1)
		for i := range kinds {
			switch {
			case i == len(kinds)-1:
				kinds[i] = old[len(old)-1]
			case i < len(old)-1:
				kinds[i] = old[i]
			default:
				kinds[i] = old[0]
			}
		}
		set.Hidden = append([]int{}, sizes...)
		set.Delays = kinds
	})
}

// SetDelay sets the delay kind of layer l (0: inputs → first layer).
func (s *Session) SetDelay(l int, kind sim.DelayKind) error {
	if l < 0 || l >= len(s.settings.Delays) {
		return badSetting("no layer %d (the network has %d)", l+1, len(s.settings.Delays))
	}
	return s.edit(func(set *Settings) { set.Delays[l] = kind })
}

// SetDelays sets the delay kind of every layer.
func (s *Session) SetDelays(kind sim.DelayKind) error {
	return s.edit(func(set *Settings) {
		for l := range set.Delays {
			set.Delays[l] = kind
		}
	})
}

// SetTauRatio chooses the neuron: τm/τs = 1 or 2.
func (s *Session) SetTauRatio(r float64) error {
	return s.edit(func(set *Settings) { set.TauRatio = r })
}

// SetSeed sets the seed of the initial weights and of the shuffling.
func (s *Session) SetSeed(seed uint64) error {
	return s.edit(func(set *Settings) { set.Seed = seed })
}

// live applies a change that the trainer can take mid-run.
func (s *Session) live(change func(*Settings)) error {
	set := s.settings.Clone()
	change(&set)
	cfg, err := set.Config(s.data.Classes)
	if err != nil {
		return err
	}
	s.settings = set
	s.tr.Retune(cfg)
	s.cost = costModel{} // a batch of another size costs another time
	return nil
}

// SetLoss sets the loss (delgrad.ParseLoss form).
func (s *Session) SetLoss(loss string) error {
	return s.live(func(set *Settings) { set.Loss = loss })
}

// SetLRWeights sets the learning rate of the weights.
func (s *Session) SetLRWeights(lr float64) error {
	return s.live(func(set *Settings) { set.LRWeights = lr })
}

// SetLRDelays sets the learning rate of the delays.
func (s *Session) SetLRDelays(lr float64) error {
	return s.live(func(set *Settings) { set.LRDelays = lr })
}

// SetBatch sets the mini-batch size.
func (s *Session) SetBatch(n int) error {
	return s.live(func(set *Settings) { set.Batch = n })
}

// Play starts training on every frame. After the recipe's last epoch it
// goes on: the run gets as many epochs again as the recipe has.
func (s *Session) Play() error {
	s.continuePastEnd()
	s.playing = true
	return nil
}

// continuePastEnd extends a finished run by the recipe's number of epochs
// (the learning-rate schedule simply carries on), and says so.
func (s *Session) continuePastEnd() {
	if !s.tr.Done() {
		return
	}
	more := 300
	if cfg, err := s.settings.Config(s.data.Classes); err == nil && cfg.Epochs > 0 {
		more = cfg.Epochs
	}
	done := s.tr.Progress().Epochs
	s.tr.SetEpochs(done + more)
	s.message, s.msgErr = fmt.Sprintf("Training goes on past epoch %d: %d more epochs (the learning-rate schedule carries on).", done, more), false
}

// Pause stops training; the model stays as it is.
func (s *Session) Pause() error { s.playing = false; return nil }

// TogglePlay is the space bar.
func (s *Session) TogglePlay() error {
	if s.playing {
		return s.Pause()
	}
	return s.Play()
}

// Step trains one mini-batch, and finishes the epoch's validation pass if
// that batch ended the epoch, so the curves show the epoch at once.
func (s *Session) Step() error {
	s.continuePastEnd()
	s.playing = false
	for s.tr.Progress().Validating {
		s.step(1)
	}
	s.step(1)
	for s.tr.Progress().Validating {
		s.step(1)
	}
	s.changed()
	return nil
}

// Reset draws a fresh model from the current settings and pauses.
func (s *Session) Reset() error {
	if err := s.rebuild(s.settings); err != nil {
		return err
	}
	s.playing = false
	return nil
}

// SelectSample chooses the validation sample to replay.
func (s *Session) SelectSample(i int) error {
	if i < 0 || i >= len(s.data.Val) {
		return badSetting("sample %d (want 0 to %d)", i, len(s.data.Val)-1)
	}
	s.sample = i
	s.replayT = 0
	return nil
}

// checkNeuron reports whether ref names a neuron with a membrane (not an input).
func (s *Session) checkNeuron(ref NeuronRef) error {
	n := s.tr.Model().Net
	if ref.Col < 1 || ref.Col > len(n.Layers) || ref.Index < 0 || ref.Index >= n.Layers[ref.Col-1].Size {
		return badSetting("no neuron %d in column %d", ref.Index, ref.Col)
	}
	return nil
}

// SelectNeuron pins the neuron whose membrane trace is shown.
func (s *Session) SelectNeuron(ref NeuronRef) error {
	if err := s.checkNeuron(ref); err != nil {
		return err
	}
	s.traced = ref
	return nil
}

// UnpinNeuron returns the trace to its default (the label's output).
func (s *Session) UnpinNeuron() error { s.traced = NeuronRef{}; return nil }

// Hover shows the trace of the neuron under the mouse while it is there;
// a zero NeuronRef (or an input) ends the hover.
func (s *Session) Hover(ref NeuronRef) {
	if s.checkNeuron(ref) != nil {
		ref = NeuronRef{}
	}
	s.hovered = ref
}

// DefaultSpeed is the replay speed the page opens with, in τs per second.
const DefaultSpeed = 1.0

// MaxSpeed bounds the replay speed.
const MaxSpeed = 8.0

// SetReplayTime moves the replay to time t (in τs, clamped to the replay).
func (s *Session) SetReplayTime(t float64) error {
	if !finite(t) {
		return badSetting("replay time %v", t)
	}
	end := s.currentReplay().End
	s.replayT = min(max(t, 0), end)
	s.hold = 0
	return nil
}

// SetReplaySpeed sets how fast the replay runs, in τs per second; 0 stops it.
func (s *Session) SetReplaySpeed(v float64) error {
	if !(v >= 0 && v <= MaxSpeed) {
		return badSetting("replay speed %v (want 0 to %v)", v, MaxSpeed)
	}
	s.speed = v
	return nil
}

// ClearMessage hides the current message.
func (s *Session) ClearMessage() error { s.message, s.msgErr = "", false; return nil }
