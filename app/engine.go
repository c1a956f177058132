package app

import (
	"time"

	"delaylab/checkpoint"
	"delaylab/run"
)

// Engine trains the session's run away from the session's goroutine: in
// the page, a Web Worker running the same engine (sim, delgrad, chip,
// checkpoint, run) as a second WebAssembly module, so that training gets
// a whole core while the page draws and answers at any frame rate.
//
// The session sends the run as a checkpoint; the engine trains it without
// pause and sends it back as a checkpoint about every EngineSlice, until
// the session sends another run (the user changed the model) or stops it.
// A checkpoint resumes training exactly, so a run trained this way is bit
// for bit the run trained here.
type Engine interface {
	// Start makes the run in file, tagged id, the one the engine trains.
	Start(file []byte, id uint64)
	// Stop ends training (results already on their way still come).
	Stop()
	// Result hands out the newest result that arrived since the last call
	// (older ones are superseded): the checkpoint, the id of the run it
	// continues and the time the engine spent training since its last
	// result; or the error of an engine that failed.
	Result() (file []byte, id uint64, busy time.Duration, ok bool, err error)
}

// EngineSlice is how often the engine sends the run back: often enough
// that the model on the page (its replay, map and curves) follows training
// about ten times a second, seldom enough that the round trip costs little
// (about 2 ms of the engine's 100, BenchmarkJobOverhead).
const EngineSlice = 100 * time.Millisecond

// remote is the session's use of an Engine.
type remote struct {
	engine  Engine
	running bool
	id      uint64 // the run the engine trains
	version uint64 // the model version that run continues
}

// SetEngine makes e train the session's model while it plays (nil: train
// on the session's goroutine, within each frame's budget). Call it on the
// session's goroutine (PostQuiet).
func (s *Session) SetEngine(e Engine) { s.remote = remote{engine: e} }

// EngineName says where training runs: "worker" or "page".
func (s *Session) EngineName() string {
	if s.remote.engine != nil {
		return "worker"
	}
	return "page"
}

// trainRemote takes the engine's newest model if it continues the
// session's model unchanged, sends the model again when the user changed
// it, and starts or stops the engine with Play and Pause. It returns the
// engine's training time since the last frame.
func (s *Session) trainRemote(st *FrameStats) (busy time.Duration) {
	r := &s.remote
	if b, id, took, ok, err := r.engine.Result(); err != nil {
		s.fallBack("the background worker stopped (" + err.Error() + ")")
		return 0
	} else if ok && id == r.id && s.version == r.version && r.running && s.playing {
		// Only while playing: after Pause the model stays the one the
		// user paused on, and results still on their way are dropped.
		n, err := s.adopt(b)
		if err != nil {
			s.fallBack(checkpoint.Reason(err))
			return 0
		}
		st.Samples += n
		busy = took
		r.version = s.version
	}
	switch {
	case s.playing && !s.tr.Done() && (!r.running || s.version != r.version):
		b, err := checkpoint.Marshal(s.rn.File(checkpoint.Meta{Program: Program}))
		if err != nil {
			s.fallBack(checkpoint.Reason(err))
			return busy
		}
		r.id++
		r.engine.Start(b, r.id)
		r.running, r.version = true, s.version
	case r.running && (!s.playing || s.tr.Done()):
		r.engine.Stop()
		r.running = false
	}
	return busy
}

// fallBack trains in the page from now on and says why.
func (s *Session) fallBack(why string) {
	if s.remote.running {
		s.remote.engine.Stop()
	}
	s.remote = remote{}
	s.message, s.msgErr = "Training moved back into the page: "+why+".", true
}

// adopt makes the trained checkpoint b the session's run, keeping
// everything the user looks at (sample, traced neuron, replay time), and
// reports how many training samples it added.
func (s *Session) adopt(b []byte) (int, error) {
	f, err := checkpoint.Unmarshal(b)
	if err != nil {
		return 0, err
	}
	rn, err := run.OpenOn(f, s.data)
	if err != nil {
		return 0, err
	}
	before := s.tr.Progress().TrainedTotal()
	s.rn, s.tr = rn, rn.Trainer()
	s.step = rn.Step
	s.changed()
	if s.tr.Done() {
		s.finished()
	}
	return s.tr.Progress().TrainedTotal() - before, nil
}
