package app

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"delaylab/checkpoint"
	"delaylab/delgrad"
	"delaylab/run"
)

// ShareFragment returns the URL fragment (without the "#") that carries
// the current model, its recipe, its data set and its training record
// (epochs, accuracies, curves): "m=..." (see checkpoint.ShareFragment).
// Weights and delays travel as float32; the optimiser's state and the
// chip instance do not travel. An uploaded data set cannot travel either,
// so its models have no share link.
func (s *Session) ShareFragment() (string, error) {
	if s.data.Spec.Name == CSVDataset {
		return "", errors.New("a share link cannot carry an uploaded data set: download the checkpoint instead")
	}
	cfg := s.tr.Config()
	return checkpoint.ShareFragment(&checkpoint.Share{
		Model: s.tr.Model(), Config: &cfg, Data: s.data.Spec, Coding: s.data.Coding, Record: s.record(),
	})
}

// record is the training record a share link carries, nil before the
// first epoch. (A model opened from a link without curves has no history
// and shares again without its validation accuracy.)
func (s *Session) record() *checkpoint.ShareRecord {
	n := s.tr.Progress().Epochs
	if n == 0 {
		return nil
	}
	r := &checkpoint.ShareRecord{Epochs: n, ValAcc: math.NaN(), TestAcc: s.testAccuracy()}
	if h := s.tr.History(); len(h) == n {
		r.History = h
		r.ValAcc = h[n-1].ValAcc
	}
	return r
}

// LoadShare replaces the model by the one a share link carries (frag is
// "m=...", "#m=..." or a whole link). It starts a fresh optimiser with the
// link's recipe, on the session's substrate, at the epoch the link's
// record says, with its curves as the history and its test accuracy as
// the sharer measured it (until the model changes). On any error it
// returns a *LinkError and the session stays as it was.
func (s *Session) LoadShare(frag string) error {
	sh, err := checkpoint.ParseShareFragment(frag)
	if err != nil {
		return &LinkError{Err: err}
	}
	if err := s.loadShare(sh); err != nil {
		return &LinkError{Err: &unfitError{err}}
	}
	trained := ""
	if r := sh.Record; r != nil && r.Epochs > 0 {
		trained = fmt.Sprintf(", trained %d epoch%s", r.Epochs, map[bool]string{true: "s"}[r.Epochs != 1])
		var acc []string
		if !math.IsNaN(r.ValAcc) {
			acc = append(acc, fmt.Sprintf("validation %.1f %%", 100*r.ValAcc))
		}
		if !math.IsNaN(r.TestAcc) {
			acc = append(acc, fmt.Sprintf("test %.1f %%", 100*r.TestAcc))
		}
		if len(acc) > 0 {
			trained += ": " + strings.Join(acc, ", ")
		}
	}
	s.message, s.msgErr = fmt.Sprintf("Opened the shared model: %s%s.", s.describe(), trained), false
	return nil
}

func (s *Session) loadShare(sh *checkpoint.Share) error {
	d, err := s.dataFor(sh.Data, sh.Coding)
	if err != nil {
		return fmt.Errorf("its data set: %w", err)
	}
	var cfg delgrad.Config
	if sh.Config != nil {
		cfg = *sh.Config
	} else {
		page := PageSettings()
		base, err := page.Config(d.Classes)
		if err != nil {
			return err
		}
		cfg = checkpoint.FitConfig(base, sh.Model)
	}
	cfg.Dataset = d.Spec.Name
	set, err := settingsOf(cfg, sh.Model, d.Spec.Name)
	if err != nil {
		return err
	}
	sub, seed, err := s.substrateFor(set)
	if err != nil {
		return err
	}
	r, err := run.FromModel(cfg, sh.Model, sub, seed, d)
	if err != nil {
		return err
	}
	rec := sh.Record
	if rec != nil && rec.Epochs > 0 {
		// The trainer's own state, fresh but for the epochs done and the
		// history: the optimiser starts anew, the schedule goes on.
		st := r.Trainer().State()
		st.EpochsDone = rec.Epochs
		st.History = make([]delgrad.Epoch, len(rec.History))
		for i, e := range rec.History {
			e.LRScale = cfg.LRScale(i)
			st.History[i] = e
		}
		if err := r.Trainer().Restore(st); err != nil {
			return err
		}
	}
	s.install(set, r)
	s.playing = false
	if rec != nil && rec.Epochs > 0 && !math.IsNaN(rec.TestAcc) {
		s.test.epoch, s.test.version, s.test.acc = rec.Epochs, s.version, rec.TestAcc
	}
	return nil
}
