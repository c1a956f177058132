package app

import (
	"fmt"
	"time"

	"delaylab/checkpoint"
	"delaylab/run"
)

// Engine trains the session's run away from the session's goroutine: in
// the page, a Web Worker running the same engine (sim, delgrad, chip,
// checkpoint, run) as a second WebAssembly module, so that training gets
// a whole core while the page draws and answers at any frame rate.
//
// A job is the run as a checkpoint; the engine opens it, trains for about
// the budget and sends the checkpoint back. A checkpoint resumes training
// exactly, so a run trained in jobs is bit for bit the run trained here.
type Engine interface {
	// Train starts a job; the session starts one only when none runs.
	Train(file []byte, budget time.Duration)
	// Result reports the job's outcome once it is done: the trained
	// checkpoint and the time the engine spent training, or the error.
	Result() (file []byte, busy time.Duration, done bool, err error)
}

// EngineJob is how long the engine trains per job: short enough that the
// model on the page (its replay, map and curves) follows training about
// ten times a second, long enough that the round trip costs little.
const EngineJob = 100 * time.Millisecond

// remote is the session's use of an Engine.
type remote struct {
	engine  Engine
	running bool
	version uint64 // the model version the running job started from
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

// trainRemote takes a finished job's model if the session's model has not
// changed since it started, and starts the next job while playing.
func (s *Session) trainRemote(st *FrameStats) (busy time.Duration) {
	r := &s.remote
	if r.running {
		b, took, done, err := r.engine.Result()
		if !done {
			return 0
		}
		r.running = false
		if err != nil {
			// The worker failed: train here from now on, and say so.
			r.engine = nil
			s.message, s.msgErr = "Training moved back into the page: the background worker stopped ("+err.Error()+").", true
			return 0
		}
		if s.version == r.version {
			if n, err := s.adopt(b); err != nil {
				r.engine = nil
				s.message, s.msgErr = "Training moved back into the page: "+checkpoint.Reason(err)+".", true
				return 0
			} else {
				st.Samples += n
				busy = took
			}
		}
	}
	if s.playing && !s.tr.Done() {
		b, err := checkpoint.Marshal(s.rn.File(checkpoint.Meta{Program: Program}))
		if err != nil {
			r.engine = nil
			return busy
		}
		r.engine.Train(b, EngineJob)
		r.running, r.version = true, s.version
	}
	return busy
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
		s.playing = false
		s.message, s.msgErr = fmt.Sprintf("Finished: all %d epochs are trained. Press Play to train on.", s.tr.Config().Epochs), false
	}
	return s.tr.Progress().TrainedTotal() - before, nil
}
