package app

import (
	"testing"
	"time"

	"delaylab/dataset"
	"delaylab/delgrad"
	"delaylab/sim"
)

func TestDecisionMapMatchesPredict(t *testing.T) {
	s, _ := newTestSession(t, smallSettings(t))
	for range 30 {
		s.Step()
	}
	for range 100 {
		s.Frame(time.Hour)
		if m := s.Snapshot().Map; m != nil && m.Version == s.version {
			break
		}
	}
	m := s.Snapshot().Map
	if m == nil || m.Version != s.version {
		t.Fatal("no map of the current model")
	}
	ws := sim.NewWorkspace(s.tr.Model().Net)
	coding := dataset.DefaultCoding()
	seen := map[int8]bool{}
	for _, cell := range [][2]int{{0, 0}, {47, 0}, {0, 47}, {24, 24}, {10, 37}} {
		ix, iy := cell[0], cell[1]
		p := dataset.Point{X: (float64(ix) + 0.5) / MapSize, Y: (float64(iy) + 0.5) / MapSize}
		ws.Forward(s.tr.Model().Net, s.tr.Model().InputTimes(nil, coding.Encode(nil, p)))
		want := delgrad.Predict(ws.Output())
		if got := m.Class[iy*MapSize+ix]; int(got) != want {
			t.Errorf("cell %v: class %d, want %d", cell, got, want)
		}
	}
	for _, c := range m.Class {
		seen[c] = true
	}
	if len(seen) < 2 {
		t.Errorf("map has a single class after training: %v", seen)
	}
}

// TestMapWhilePlayingIsThrottled: while training plays, a new map starts at
// most every mapInterval.
func TestMapWhilePlayingIsThrottled(t *testing.T) {
	s, clk := newTestSession(t, smallSettings(t))
	withCosts(s, clk, 10*time.Microsecond, 5*time.Microsecond, 200*time.Microsecond)
	s.Play()
	maps := map[uint64]bool{}
	for range 300 { // 300 frames of 16 ms: 4.8 s
		clk.Advance(8 * time.Millisecond)
		s.Frame(8 * time.Millisecond)
		if m := s.Snapshot().Map; m != nil {
			maps[m.Version] = true
		}
	}
	if n := len(maps); n < 5 || n > int(4800*time.Millisecond/mapInterval)+1 {
		t.Errorf("%d maps in 4.8 s, want a few per second at most every %v", n, mapInterval)
	}
}
