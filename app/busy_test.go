package app

import (
	"testing"
	"time"
)

// TestBusyAndChanged: a paused session with the replay stopped settles —
// once its decision map is done, Busy is false and frames change nothing —
// and each kind of work makes it busy again and its frame a change.
func TestBusyAndChanged(t *testing.T) {
	s, clk := newTestSession(t, smallSettings(t))
	withCosts(s, clk, 30*time.Microsecond, 10*time.Microsecond, 600*time.Microsecond)
	if err := s.SetReplaySpeed(0); err != nil {
		t.Fatal(err)
	}
	settle := func(what string) {
		t.Helper()
		for range 1000 {
			if !s.Busy() {
				break
			}
			clk.Advance(16 * time.Millisecond)
			s.Frame(DefaultBudget)
		}
		if s.Busy() {
			t.Fatalf("%s: still busy after 1000 frames", what)
		}
		clk.Advance(16 * time.Millisecond)
		if st := s.Frame(DefaultBudget); st.Changed {
			t.Fatalf("%s: a frame of a settled session reports a change: %+v", what, st)
		}
	}
	settle("fresh")
	if s.Snapshot().Map == nil {
		t.Fatal("settled before its decision map was finished")
	}

	// A command, even one that fails, is a change: it may show a message.
	s.Post(func(s *Session) error { return s.SelectSample(3) })
	if !s.Busy() {
		t.Error("a queued command does not make the session busy")
	}
	if st := s.Frame(DefaultBudget); !st.Changed {
		t.Error("applying a command is no change")
	}
	settle("after selecting a sample")

	// A step trains and changes the model, so a new map is due.
	s.Post((*Session).Step)
	s.Frame(DefaultBudget)
	if !s.Busy() {
		t.Error("after a step no decision map is due")
	}
	settle("after a step")
	if m := s.Snapshot().Map; m == nil || m.Version != s.version {
		t.Error("settled before the map of the stepped model was finished")
	}

	// The replay moving is a change on every frame; resting at its end
	// keeps the session busy (it starts over) but changes nothing.
	if err := s.SetReplaySpeed(MaxSpeed); err != nil {
		t.Fatal(err)
	}
	moved, rested := 0, 0
	for range 200 {
		if !s.Busy() {
			t.Fatal("a playing replay is not busy")
		}
		clk.Advance(50 * time.Millisecond)
		if s.Frame(DefaultBudget).Changed {
			moved++
		} else {
			rested++
		}
	}
	if moved == 0 || rested == 0 {
		t.Errorf("replay: %d frames moved, %d rested; want both", moved, rested)
	}
	if err := s.SetReplaySpeed(0); err != nil {
		t.Fatal(err)
	}
	settle("replay stopped")

	// Playing is busy and every frame trains.
	if err := s.Play(); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		clk.Advance(16 * time.Millisecond)
		if !s.Busy() || !s.Frame(DefaultBudget).Changed {
			t.Fatal("a playing frame is not busy or changes nothing")
		}
	}
	s.Pause()
	settle("paused")
}

// TestPacerRest: frames skipped while the page rests do not count as one
// long frame period, so the first budget after a rest is what it was.
func TestPacerRest(t *testing.T) {
	p := NewPacer()
	clk := newFakeClock()
	var before time.Duration
	for range 60 {
		before = p.Budget(clk.Now())
		clk.Advance(time.Second / 30)
	}
	p.Rest()
	clk.Advance(20 * time.Second)
	if got := p.Budget(clk.Now()); got != before {
		t.Errorf("after a rest the budget is %v, want %v as before it", got, before)
	}
	// Without Rest the same gap would have stretched it.
	q := NewPacer()
	for range 60 {
		q.Budget(clk.Now())
		clk.Advance(time.Second / 30)
	}
	clk.Advance(20 * time.Second)
	if got := q.Budget(clk.Now()); got <= before {
		t.Errorf("a gap without Rest gives %v, not more than %v: the test proves nothing", got, before)
	}
}
