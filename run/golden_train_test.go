package run

import (
	"testing"

	"delaylab/dataset"
	"delaylab/delgrad"
)

// trainGolden trains g and returns its history and final model.
func trainGolden(t *testing.T, g goldenRun) ([]delgrad.Epoch, *delgrad.Model) {
	t.Helper()
	cfg, err := delgrad.Preset(g.preset)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Epochs = g.epochs
	if cfg.Protocol, err = delgrad.ParseProtocol(g.protocol); err != nil {
		t.Fatal(err)
	}
	spec := dataset.DefaultSpec(cfg.Dataset)
	spec.Train, spec.Validation, spec.Test = g.train, g.train/5, g.train/5
	data, err := LoadData(spec, dataset.DefaultCoding())
	if err != nil {
		t.Fatal(err)
	}
	s, err := ForRecipe(cfg)
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(cfg, s, 7, data)
	if err != nil {
		t.Fatal(err)
	}
	r.Trainer().SetWorkers(2)
	for !r.Done() {
		r.RunEpoch()
	}
	return r.History(), r.Model()
}
