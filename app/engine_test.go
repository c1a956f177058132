package app

import (
	"errors"
	"slices"
	"testing"
	"time"

	"delaylab/run"
)

// localEngine runs each job on the spot, with run.Jobs, the code the Web
// Worker runs; done says whether a job's result is handed out yet.
type localEngine struct {
	jobs   run.Jobs
	file   []byte
	busy   time.Duration
	err    error
	ready  bool
	held   bool // keep the result back (a job still running)
	starts int
}

func (e *localEngine) Train(file []byte, budget time.Duration) {
	e.starts++
	e.file, e.busy, e.err = e.jobs.Train(file, budget)
	e.ready = true
}

func (e *localEngine) Result() ([]byte, time.Duration, bool, error) {
	if !e.ready || e.held {
		return nil, 0, false, nil
	}
	e.ready = false
	return e.file, e.busy, true, e.err
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
	if eng.starts < 10 || s.Snapshot().Epoch < 1 {
		t.Fatalf("%d jobs, epoch %d after 30 frames", eng.starts, s.Snapshot().Epoch)
	}
	s.Post(func(s *Session) error { return s.Pause() })
	s.Frame(time.Millisecond) // collects the job under way
	s.Frame(time.Millisecond)
	trained := s.tr.Progress().TrainedTotal()

	local, _ := newTestSession(t, &set)
	for local.tr.Progress().TrainedTotal() < trained {
		local.rn.Step(1)
	}
	if !slices.Equal(s.Params(), local.Params()) {
		t.Fatalf("the engine's model differs from the page's after %d samples", trained)
	}
}

// TestEngineJobOfOldModelIsDropped: an edit while a job runs wins; the
// job's result, trained from the model before the edit, is thrown away.
func TestEngineJobOfOldModelIsDropped(t *testing.T) {
	s, _ := newTestSession(t, nil)
	eng := &localEngine{held: true}
	s.SetEngine(eng)
	s.Post(func(s *Session) error { return s.Play() })
	s.Frame(time.Millisecond) // starts a job, held back
	e := EdgeRef{Layer: 0, Row: 1, Post: 2}
	s.Post(func(s *Session) error { return s.SetEdge(e, 0.75, 0.5) })
	s.Frame(time.Millisecond)
	eng.held = false
	s.Frame(time.Millisecond) // the stale result arrives
	if info, err := s.Edge(e); err != nil || info.Weight != 0.75 {
		t.Fatalf("after the stale job: edge %+v, %v; want the edit (weight 0.75) kept", info, err)
	}
}

// TestEngineFailureFallsBack: a worker that fails hands training back to
// the page, which says so and trains on.
func TestEngineFailureFallsBack(t *testing.T) {
	s, _ := newTestSession(t, nil)
	eng := &localEngine{}
	s.SetEngine(eng)
	s.Post(func(s *Session) error { return s.Play() })
	s.Frame(time.Millisecond)
	eng.err = errors.New("out of memory")
	eng.ready = true
	s.Frame(time.Millisecond)
	if s.EngineName() != "page" || !s.msgErr {
		t.Fatalf("engine %q, message %q", s.EngineName(), s.message)
	}
}
