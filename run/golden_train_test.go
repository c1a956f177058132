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
	data, err := dataset.Generate(spec)
	if err != nil {
		t.Fatal(err)
	}
	coding := dataset.DefaultCoding()
	train := delgrad.MakeSamples(coding.EncodeAll(data.Train))
	val := delgrad.MakeSamples(coding.EncodeAll(data.Validation))
	s, err := ForRecipe(cfg)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := s.New(7, nil)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := delgrad.NewTrainer(cfg, train, val, sub)
	if err != nil {
		t.Fatal(err)
	}
	tr.SetWorkers(2)
	for !tr.Done() {
		tr.RunEpoch()
	}
	return tr.History(), tr.Model()
}
