package run

import (
	"delaylab/delgrad"
	"delaylab/sim"
)

// EvalTrial is how an evaluation keys its chip noise: key 0 with the runs
// of the recipe's protocol (delgrad.Config.EvalTrial), or of DelayLab's
// own protocol when there is no recipe.
func EvalTrial(cfg *delgrad.Config) func(key uint64, j int) delgrad.Trial {
	if cfg == nil {
		return delgrad.EvalTrial
	}
	return cfg.EvalTrial
}

// Forward runs every sample through the prepared substrate sub as model m
// lays out its inputs, sample j as trial(0, j), and calls visit with the
// sample's index and the workspace holding its spike times. It is the one
// evaluation loop of the page and the command line.
func Forward(sub delgrad.Substrate, m *delgrad.Model, samples []delgrad.Sample, trial func(key uint64, j int) delgrad.Trial, visit func(j int, ws *sim.Workspace)) {
	ws := sim.NewWorkspace(m.Net)
	var in []float64
	for j, s := range samples {
		in = m.InputTimes(in, s.Features)
		sub.Forward(in, ws, trial(0, j))
		visit(j, ws)
	}
}

// Predictions is the class m predicts for every sample on sub (the first
// output to fire, −1 if none does).
func Predictions(sub delgrad.Substrate, m *delgrad.Model, samples []delgrad.Sample, trial func(key uint64, j int) delgrad.Trial) []int {
	out := make([]int, len(samples))
	Forward(sub, m, samples, trial, func(j int, ws *sim.Workspace) { out[j] = delgrad.Predict(ws.Output()) })
	return out
}
