package app

import (
	"math"
	"testing"
	"time"

	"delaylab/sim"
)

// TestReplayMatchesModel: every arrival is the presynaptic spike plus the
// edge's delay, and a neuron that fires sits at its threshold then.
func TestReplayMatchesModel(t *testing.T) {
	s, _ := newTestSession(t, nil)
	for range 20 {
		s.Step()
	}
	s.SelectSample(7)
	snap := s.Snapshot()
	r := snap.Replay
	n := snap.Net
	if r.Sample != 7 || r.Point != snap.Points[7] || r.Label != snap.Points[7].Label {
		t.Fatalf("replay of sample %d, point %+v", r.Sample, r.Point)
	}
	fired := 0
	for l := range n.Layers {
		L := &n.Layers[l]
		for i := range n.PreSize(l) {
			for k := range L.Size {
				want := r.Times[l][i] + L.Delay.Of(L.Delays, i, k, n.PreSize(l), L.Size)
				if got := r.Arrivals[l][i*L.Size+k]; got != want {
					t.Fatalf("layer %d edge %d→%d arrives at %v, want %v", l, i, k, got, want)
				}
			}
		}
		for k, T := range r.Times[l+1] {
			if math.IsInf(T, 1) {
				continue
			}
			fired++
			ws := sim.NewWorkspace(n)
			ws.Times = r.Times
			u, _ := ws.Potential(n, l, k, T)
			if math.Abs(u-n.Neuron.Threshold) > 1e-9 {
				t.Errorf("layer %d neuron %d: u(T) = %v, want ϑ = %v", l, k, u, n.Neuron.Threshold)
			}
		}
	}
	if fired == 0 {
		t.Fatal("no neuron fired")
	}
	if r.End < 3 || r.End > 12 {
		t.Errorf("replay end %v", r.End)
	}
	tr := r.Trace
	if tr.Neuron.Col != 2 || tr.Neuron.Index != r.Label || len(tr.T) != TracePoints || tr.Threshold != 1 {
		t.Errorf("default trace %+v, want the label's output neuron", tr.Neuron)
	}
}

func TestTracedNeuron(t *testing.T) {
	s, _ := newTestSession(t, nil)
	s.Hover(NeuronRef{Col: 1, Index: 4})
	if got := s.Snapshot().Replay.Trace; got.Neuron != (NeuronRef{1, 4}) || got.Pinned {
		t.Errorf("hover: %+v", got.Neuron)
	}
	if err := s.SelectNeuron(NeuronRef{Col: 1, Index: 9}); err != nil {
		t.Fatal(err)
	}
	s.Hover(NeuronRef{})
	if got := s.Snapshot().Replay.Trace; got.Neuron != (NeuronRef{1, 9}) || !got.Pinned {
		t.Errorf("pinned: %+v", got.Neuron)
	}
	s.Hover(NeuronRef{Col: 0, Index: 1}) // inputs have no membrane: ignored
	if got := s.Snapshot().Replay.Trace.Neuron; got != (NeuronRef{1, 9}) {
		t.Errorf("hovering an input changed the trace to %+v", got)
	}
}

func TestReplayClock(t *testing.T) {
	s, clk := newTestSession(t, nil)
	s.Frame(0)
	end := s.Snapshot().Replay.End
	for range 10 {
		clk.Advance(50 * time.Millisecond)
		s.Frame(0)
	}
	if got := s.Snapshot().Time; math.Abs(got-0.5*DefaultSpeed) > 1e-9 {
		t.Errorf("after 0.5 s: replay at %v, want %v", got, 0.5*DefaultSpeed)
	}
	clk.Advance(time.Hour) // a hidden tab: one frame advances at most maxFrameGap
	s.Frame(0)
	if got := s.Snapshot().Time; got > 0.5+maxFrameGap.Seconds()+1e-9 {
		t.Errorf("replay jumped to %v after a long gap", got)
	}
	s.SetReplaySpeed(0)
	s.SetReplayTime(99)
	if got := s.Snapshot().Time; got != end {
		t.Errorf("scrub beyond the end: %v, want %v", got, end)
	}
	s.SetReplaySpeed(2)
	for range 30 { // rests at the end for replayHold, then starts over
		clk.Advance(50 * time.Millisecond)
		s.Frame(0)
	}
	if got := s.Snapshot().Time; got >= end || got == 0 {
		t.Errorf("replay did not loop: at %v of %v", got, end)
	}
}

func TestPotentialsAtReplayTime(t *testing.T) {
	s, _ := newTestSession(t, nil)
	s.SetReplaySpeed(0)
	s.SetReplayTime(0)
	for _, l := range s.Snapshot().Potential {
		for _, u := range l {
			if u != 0 {
				t.Fatalf("potential %v at t = 0, before any input", u)
			}
		}
	}
	s.SetReplayTime(2.5)
	snap := s.Snapshot()
	nonzero := 0
	for _, l := range snap.Potential {
		for _, u := range l {
			if u != 0 {
				nonzero++
			}
		}
	}
	if nonzero == 0 {
		t.Error("no potential at t = 2.5")
	}
}

// TestSnapshotIsFrozen: training after a snapshot does not change it.
func TestSnapshotIsFrozen(t *testing.T) {
	s, clk := newTestSession(t, smallSettings(t))
	withCosts(s, clk, 10*time.Microsecond, 5*time.Microsecond, 100*time.Microsecond)
	snap := s.Snapshot()
	w := append([]float64(nil), snap.Net.Layers[0].Weights...)
	hist := len(snap.History)
	r := snap.Replay
	times := append([]float64(nil), r.Times[1]...)
	s.Play()
	for range 50 {
		s.Frame(20 * time.Millisecond)
	}
	if !equalFloats(w, snap.Net.Layers[0].Weights) || len(snap.History) != hist || !equalFloats(times, r.Times[1]) {
		t.Fatal("a snapshot changed when the session trained on")
	}
	if s.Snapshot().Version == snap.Version {
		t.Fatal("training did not change the version")
	}
}
