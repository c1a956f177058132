package app

import (
	"fmt"
	"time"
)

// scheduler paces training within the page's frames.
type scheduler struct {
	now func() time.Time
	// step advances training by up to n samples; it is the run's Step,
	// replaced in tests by a step of known cost.
	step      func(n int) int
	playing   bool
	cost      costModel
	meter     rateMeter
	lastFrame time.Time
}

// DefaultBudget is the training time per frame. At 60 frames per second it
// leaves half of each 16.7 ms frame to drawing and to the browser, so the
// page stays smooth while training gets about half of the wall time.
const DefaultBudget = 8 * time.Millisecond

// replayHold is how long the replay rests on its last frame before it
// starts again.
const replayHold = 1200 * time.Millisecond

// maxFrameGap caps the wall time one frame may advance the replay by, so a
// tab that was hidden for a minute does not jump to the end.
const maxFrameGap = 100 * time.Millisecond

// FrameStats reports what one Frame did.
type FrameStats struct {
	Steps       int // trainer steps (mini-batches or validation blocks)
	Samples     int // training samples
	EvalSamples int // validation samples
	MapRows     int // decision map rows
	// Busy is the time spent training and mapping, by the session's clock;
	// the scheduler keeps it within the budget.
	Busy time.Duration
	// OverBudget is set when one step alone was predicted to take longer
	// than the whole budget; the scheduler then runs exactly one step per
	// frame, so training still progresses (at a lower frame rate).
	OverBudget bool
	// Changed is set when the frame changed anything a snapshot shows: a
	// command ran, training stepped, the replay moved or a decision map
	// was finished. A frame without it need not be drawn again.
	Changed bool
}

// Frame applies queued commands, advances the replay by the wall time since
// the last frame, and then trains and computes the decision map for at most
// budget. Call it once per frame from the session's goroutine.
func (s *Session) Frame(budget time.Duration) FrameStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	start := s.now()
	commands := s.applyPending()
	var dt time.Duration
	if !s.lastFrame.IsZero() {
		dt = min(max(start.Sub(s.lastFrame), 0), maxFrameGap)
	}
	s.lastFrame = start
	replayT, shownMap := s.replayT, s.mapper.done
	s.advanceReplay(dt)

	var st FrameStats
	begin := s.now()
	deadline := begin.Add(budget)
	s.mapper.maybeStart(begin, s.playing, s.tr.Model(), s.version)
	if s.playing {
		end := deadline
		if s.mapper.job != nil {
			// Leave a quarter of the budget to the map, so it keeps up
			// with training instead of waiting for a pause.
			end = deadline.Add(-budget / 4)
		}
		s.trainCompare(begin, end) // a compared model takes its half first
		if s.remote.engine == nil {
			s.train(end, budget, &st)
		}
	}
	var remoteBusy time.Duration
	if s.remote.engine != nil {
		remoteBusy = s.trainRemote(&st) // also collects a job the pause left
	}
	trained := s.now()
	for s.mapper.job != nil {
		now := s.now()
		if d, ok := s.cost.mapRow.predict(1); ok && now.Add(d).After(deadline) {
			break
		}
		s.mapRow()
		s.cost.mapRow.observe(1, s.now().Sub(now))
		st.MapRows++
	}
	end := s.now()
	st.Busy = end.Sub(begin)
	busy := trained.Sub(begin)
	if s.remote.engine != nil {
		busy = remoteBusy // training ran in the engine, not here
	}
	s.meter.add(end, st.Samples, busy, s.playing)
	st.Changed = commands > 0 || st.Steps > 0 || st.Samples > 0 || s.replayT != replayT || s.mapper.done != shownMap
	return st
}

// Busy reports whether the next Frame has anything to do: commands are
// queued, training plays, the replay moves (or rests before it starts
// over), or a decision map is being computed or due. A page whose session
// is not busy, and whose pointer and window did not change, may skip the
// frame altogether: nothing on it would change.
func (s *Session) Busy() bool {
	s.queueMu.Lock()
	queued := len(s.queue)
	s.queueMu.Unlock()
	return queued > 0 || s.playing || s.speed != 0 || s.mapper.job != nil || s.mapper.dirty
}

// train runs trainer steps until the next one is predicted to end after
// deadline.
func (s *Session) train(deadline time.Time, budget time.Duration, st *FrameStats) {
	for s.playing {
		now := s.now()
		p := s.tr.Progress()
		eval, units := p.Validating, p.NextStep
		e, other := &s.cost.train, &s.cost.eval
		if eval {
			e, other = other, e
		}
		d, ok := e.predict(units)
		if !ok {
			// The first step of its kind: guess from the other kind.
			d, ok = other.predict(units)
		}
		if st.Steps == 0 {
			// A frame's first step always runs: that guarantees progress
			// and keeps the cost model fed (a prediction that never gets
			// tested could stall training for good). It may eat into the
			// map's share; only a step longer than the whole budget is an
			// overrun, and then it is the frame's only step.
			st.OverBudget = ok && d > budget
		} else if !ok || now.Add(d).After(deadline) {
			return
		}
		n := s.step(1)
		e.observe(n, s.now().Sub(now))
		st.Steps++
		if eval {
			st.EvalSamples += n
		} else {
			st.Samples += n
			s.changed()
		}
		if s.tr.Done() {
			s.finished()
		}
		if st.OverBudget {
			return
		}
	}
}

// finished stops playing at the recipe's last epoch and says so; Play
// trains on.
func (s *Session) finished() {
	s.playing = false
	s.message, s.msgErr = fmt.Sprintf("Finished: all %d epochs are trained. Press Play to train on.", s.tr.Config().Epochs), false
}

// advanceReplay moves the replay on by dt of wall time at the replay speed,
// resting at the end for replayHold before it starts over.
func (s *Session) advanceReplay(dt time.Duration) {
	if s.speed == 0 {
		return
	}
	end := s.currentReplay().End
	if s.replayT >= end {
		s.hold += dt
		if s.hold >= replayHold {
			s.replayT, s.hold = 0, 0
		}
		return
	}
	s.replayT = min(s.replayT+dt.Seconds()*s.speed, end)
}
