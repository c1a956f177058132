package app

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"delaylab/run"
)

// localEngine trains with run.Jobs, the code the Web Worker runs, one
// slice each time the session asks for a result.
type localEngine struct {
	jobs    run.Jobs
	id      uint64
	running bool
	held    bool  // hand out nothing (a slice still under way)
	fail    error // the engine's next answer is this error
	starts  int
}

func (e *localEngine) Start(file []byte, id uint64) {
	e.starts++
	e.id, e.running = id, true
	if err := e.jobs.Open(file); err != nil {
		e.fail = err
	}
}

func (e *localEngine) Stop() { e.running = false }

func (e *localEngine) Result() ([]byte, uint64, time.Duration, bool, error) {
	if e.fail != nil {
		return nil, 0, 0, false, e.fail
	}
	if e.held || !e.running || !e.jobs.Active() {
		return nil, 0, 0, false, nil
	}
	b, busy, err := e.jobs.Slice(EngineSlice)
	return b, e.id, busy, err == nil, err
}

// TestEngineTrainsTheSession: with an engine, playing trains through it
// (the frame itself trains nothing), the page follows every job, and the
// model ends bit for bit where the same number of steps on the page ends.
func TestEngineTrainsTheSession(t *testing.T) {
	set := PageSettings()
	set.Preset, set.Dataset = "yinyang-h30-ws", "xor"
	s, _ := newTestSession(t, &set)
	// A clock that moves 10 ms per reading: a 100-ms job is a few steps.
	t0 := time.Unix(0, 0)
	eng := &localEngine{jobs: run.Jobs{Now: func() time.Time { t0 = t0.Add(10 * time.Millisecond); return t0 }}}
	s.SetEngine(eng)
	if s.EngineName() != "worker" {
		t.Fatalf("engine %q", s.EngineName())
	}
	s.Post(func(s *Session) error { return s.Play() })
	for range 30 {
		s.Frame(time.Millisecond)
	}
	if eng.starts != 1 || s.Snapshot().Epoch < 1 {
		t.Fatalf("%d starts, epoch %d after 30 frames; want one start, training on", eng.starts, s.Snapshot().Epoch)
	}
	s.Post(func(s *Session) error { return s.Pause() })
	s.Frame(time.Millisecond)
	s.Frame(time.Millisecond)
	if eng.running {
		t.Fatal("the engine trains on after Pause")
	}
	trained := s.tr.Progress().TrainedTotal()

	local, _ := newTestSession(t, &set)
	for local.tr.Progress().TrainedTotal() < trained {
		local.rn.Step(1)
	}
	if !slices.Equal(s.Params(), local.Params()) {
		t.Fatalf("the engine's model differs from the page's after %d samples", trained)
	}
}

// TestEngineJobOfOldModelIsDropped: an edit while the engine trains wins;
// the engine's result, trained from the model before the edit, is thrown
// away, and the edited model goes to the engine.
func TestEngineJobOfOldModelIsDropped(t *testing.T) {
	s, _ := newTestSession(t, nil)
	eng := &localEngine{held: true}
	s.SetEngine(eng)
	s.Post(func(s *Session) error { return s.Play() })
	s.Frame(time.Millisecond) // starts the engine, which holds its result
	e := EdgeRef{Layer: 0, Row: 1, Post: 2}
	s.Post(func(s *Session) error { return s.SetEdge(e, 0.75, 0.5) })
	oldID := eng.id
	eng.held = false
	s.Frame(time.Millisecond) // the stale result arrives, the edit is sent
	if info, err := s.Edge(e); err != nil || info.Weight != 0.75 {
		t.Fatalf("after the stale result: edge %+v, %v; want the edit (weight 0.75) kept", info, err)
	}
	if eng.starts != 2 || eng.id == oldID {
		t.Fatalf("%d starts: the edited model was not sent to the engine", eng.starts)
	}
}

// TestEngineFailureFallsBack: a worker that fails hands training back to
// the page, which says so and no longer uses it.
func TestEngineFailureFallsBack(t *testing.T) {
	s, _ := newTestSession(t, nil)
	eng := &localEngine{}
	s.SetEngine(eng)
	s.Post(func(s *Session) error { return s.Play() })
	s.Frame(time.Millisecond)
	eng.fail = errors.New("out of memory")
	s.Frame(time.Millisecond)
	if s.EngineName() != "page" || !s.msgErr || !strings.Contains(s.message, "out of memory") {
		t.Fatalf("engine %q, message %q", s.EngineName(), s.message)
	}
	eng.fail = nil
	starts := eng.starts
	s.Post(func(s *Session) error { return s.Pause() }) // the fake clock never ends a page frame's training
	s.Frame(time.Millisecond)
	if eng.starts != starts {
		t.Fatal("the failed engine got another run")
	}
}

// TestEngineResultAfterPauseIsDropped: the model stays the one the user
// paused on; a result still on its way when Pause came is thrown away.
func TestEngineResultAfterPauseIsDropped(t *testing.T) {
	s, _ := newTestSession(t, nil)
	eng := &localEngine{held: true}
	s.SetEngine(eng)
	s.Post(func(s *Session) error { return s.Play() })
	s.Frame(time.Millisecond)
	s.Post(func(s *Session) error { return s.Pause() })
	eng.held = false
	eng.running = true // the worker has not seen the stop yet
	before := s.Params()
	s.Frame(time.Millisecond)
	if !slices.Equal(before, s.Params()) {
		t.Fatal("a result that arrived after Pause changed the model")
	}
}
