package app

import (
	"errors"
	"fmt"

	"delaylab/checkpoint"
	"delaylab/delgrad"
	"delaylab/run"
)

// ShareFragment returns the URL fragment (without the "#") that carries
// the current model, its recipe and its data set: "m=..." (see
// checkpoint.ShareFragment). Weights and delays travel as float32; the
// training state and the chip instance do not travel. An uploaded data
// set cannot travel either, so its models have no share link.
func (s *Session) ShareFragment() (string, error) {
	if s.data.Spec.Name == CSVDataset {
		return "", errors.New("a share link cannot carry an uploaded data set: download the checkpoint instead")
	}
	cfg := s.tr.Config()
	return checkpoint.ShareFragment(&checkpoint.Share{
		Model: s.tr.Model(), Config: &cfg, Data: s.data.Spec, Coding: s.data.Coding,
	})
}

// LoadShare replaces the model by the one a share link carries (frag is
// "m=...", "#m=..." or a whole link). It starts a fresh optimiser at
// epoch 0 with the link's recipe, on the session's substrate. On any
// error it returns a *LinkError and the session stays as it was.
func (s *Session) LoadShare(frag string) error {
	sh, err := checkpoint.ParseShareFragment(frag)
	if err != nil {
		return &LinkError{Err: err}
	}
	if err := s.loadShare(sh); err != nil {
		return &LinkError{Err: &unfitError{err}}
	}
	s.message, s.msgErr = fmt.Sprintf("Opened the shared model: %s.", s.describe()), false
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
	s.install(set, r)
	s.playing = false
	return nil
}
