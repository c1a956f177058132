package app

import (
	"delaylab/dataset"
	"delaylab/delgrad"
	"delaylab/run"
	"delaylab/sim"
	"math"
)

// Snapshot is everything the page draws, frozen at one moment. Its slices
// and pointers are either fresh copies or immutable, so it may be kept and
// read while the session trains on; it must not be modified.
type Snapshot struct {
	Settings Settings
	Presets  []Preset

	Playing  bool
	Finished bool    // every configured epoch is trained
	Epoch    int     // completed epochs
	Epochs   int     // configured epochs
	Progress float64 // fraction of the current epoch's training samples seen
	Batches  uint64  // mini-batches so far

	// Weights and Delays count the trainable parameters (docs/science.md §8).
	Weights, Delays int
	// SamplesPerSec is training samples per second of wall time, the
	// figure a user experiences; ComputeRate is per second spent training.
	SamplesPerSec, ComputeRate float64
	// Engine is where training runs: "worker" (a Web Worker) or "page".
	Engine string

	Message string
	IsError bool

	Version uint64       // counts model changes
	Net     *sim.Network // copy of the model's network
	// InputFeature is the coded feature (0 x, 1 y, 2 1−x, 3 1−y) each
	// input row carries: tiled copies (x,y,1−x,1−y,x,…) or, under the
	// authors' input layout, interleaved ones (x,x,x,x,x,y,…).
	InputFeature []int
	Classes      int
	ClassNames   []string
	Points       []dataset.Point // validation points, shared and immutable
	Sample       int             // selected validation point

	Replay    *Replay
	Time      float64     // replay time, τs
	Speed     float64     // replay speed, τs per second
	Potential [][]float64 // u(Time)/ϑ per network layer and neuron

	Map     *DecisionMap // nil until the first map is finished
	History []delgrad.Epoch
	// TestAcc is the accuracy on the test split after the last finished
	// epoch (NaN before the first).
	TestAcc float64
}

// Params is the total number of trainable parameters.
func (s Snapshot) Params() int { return s.Weights + s.Delays }

// Last returns the most recent finished epoch.
func (s Snapshot) Last() (delgrad.Epoch, bool) {
	if len(s.History) == 0 {
		return delgrad.Epoch{}, false
	}
	return s.History[len(s.History)-1], true
}

// pagePresets is computed once: the preset table never changes.
var pagePresets = Presets()

// Snapshot captures the session for drawing.
func (s *Session) Snapshot() Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tr
	if s.netCopy == nil || s.netVer != s.version {
		s.netCopy, s.netVer = s.quantised(t.Model().Net.Clone()), s.version
		s.featCopy = inputFeatures(t.Model())
	}
	r := s.currentReplay()
	w, d := t.Model().ParamCount()
	progress := t.Progress().EpochFraction()
	return Snapshot{
		Settings:      s.settings.Clone(),
		Presets:       pagePresets,
		Playing:       s.playing,
		Finished:      t.Done(),
		Epoch:         t.Progress().Epochs,
		Epochs:        t.Config().Epochs,
		Progress:      progress,
		Batches:       t.Batches(),
		Weights:       w,
		Delays:        d,
		SamplesPerSec: s.meter.rate,
		Engine:        s.EngineName(),
		ComputeRate:   s.meter.computeRate,
		Message:       s.message,
		IsError:       s.msgErr,
		Version:       s.version,
		Net:           s.netCopy,
		InputFeature:  s.featCopy,
		Classes:       s.data.Classes,
		ClassNames:    ClassNames(s.data.Spec.Name, s.data.Classes),
		Points:        s.data.ValPoints,
		Sample:        s.sample,
		Replay:        r,
		Time:          s.replayT,
		Speed:         s.speed,
		Potential:     s.potentials(s.replayT),
		Map:           s.mapper.done,
		History:       append([]delgrad.Epoch(nil), t.History()...),
		TestAcc:       s.testAccuracy(),
	}
}

// testAccuracy is the current model's accuracy on the test split, computed
// again when an epoch ends (or the paused model was edited), not every
// frame; NaN before the first epoch.
func (s *Session) testAccuracy() float64 {
	p := s.tr.Progress()
	if p.Epochs == 0 {
		return math.NaN()
	}
	if s.test.epoch != p.Epochs || (!s.playing && s.test.version != s.version) {
		_, s.test.acc = s.rn.Evaluate(run.TestSplit)
		s.test.epoch, s.test.version = p.Epochs, s.version
	}
	return s.test.acc
}

// inputFeatures is m's feature of each input row.
func inputFeatures(m *delgrad.Model) []int {
	out := make([]int, m.Net.Inputs)
	for r := range out {
		out[r] = m.FeatureOf(r)
	}
	return out
}
