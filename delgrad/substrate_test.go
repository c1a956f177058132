package delgrad

import (
	"math"
	"slices"
	"testing"

	"delaylab/sim"
)

// TestIdealSeesPreparedEdits: the ideal substrate's passes skip the
// synaptic caches' check until the next Prepare, so an edit in place (the
// page's edge editor, an optimiser step) followed by Prepare must reach
// the very workspaces that cached the old parameters, and give what a
// fresh workspace gives.
func TestIdealSeesPreparedEdits(t *testing.T) {
	train := yinyangSamples(t, "train", 40)
	cfg, _ := Preset("yinyang-h30-ws")
	tr, err := NewTrainer(cfg, train, nil, &Ideal{})
	if err != nil {
		t.Fatal(err)
	}
	m := tr.Model()
	sub := &Ideal{}
	if err := sub.Prepare(m.Net); err != nil {
		t.Fatal(err)
	}
	ws := sim.NewWorkspace(m.Net)
	var in []float64
	outputs := func(ws *sim.Workspace, forward func([]float64)) [][]float64 {
		var out [][]float64
		for _, s := range train {
			in = m.InputTimes(in, s.Features)
			forward(in)
			out = append(out, slices.Clone(ws.Output()))
		}
		return out
	}
	before := outputs(ws, func(in []float64) { sub.Forward(in, ws, Trial{}) })
	for l := range m.Net.Layers {
		L := &m.Net.Layers[l]
		for i := range L.Weights {
			L.Weights[i] *= 1.5
		}
		m.SetDelay(l, 0, 0.9)
	}
	if err := sub.Prepare(m.Net); err != nil {
		t.Fatal(err)
	}
	got := outputs(ws, func(in []float64) { sub.Forward(in, ws, Trial{}) })
	fresh := sim.NewWorkspace(m.Net)
	want := outputs(fresh, func(in []float64) { fresh.Forward(m.Net, in) })
	same := func(a, b [][]float64) bool {
		return slices.EqualFunc(a, b, func(x, y []float64) bool {
			return slices.EqualFunc(x, y, func(p, q float64) bool { return math.Float64bits(p) == math.Float64bits(q) })
		})
	}
	if same(before, want) {
		t.Fatal("the edit changed no output spike; the test needs another edit")
	}
	if !same(got, want) {
		t.Fatalf("after the edit and Prepare, the substrate's workspace gives %v, a fresh one %v", got[:3], want[:3])
	}
}
