package app

import (
	"errors"

	"delaylab/run"
)

// Keeping work across reloads: the page stores Save's bytes in the browser
// and opens them with Load when it starts. Two things here serve that.

// TryExclusive runs f if the session is between frames (no Frame or
// Snapshot running) and reports whether it ran; it never waits. It is for
// the rare caller on another goroutine that cannot wait for the next
// frame: a page that is being hidden gets no more frames, yet wants to
// save. f may call any method of s except Frame and Snapshot.
func (s *Session) TryExclusive(f func()) bool {
	if !s.mu.TryLock() {
		return false
	}
	defer s.mu.Unlock()
	f()
	return true
}

// StartFresh forgets everything: the page's opening settings and data,
// a fresh model, the ideal simulator, paused.
func (s *Session) StartFresh() error {
	set := PageSettings()
	d, err := loadData(set.Dataset)
	if err != nil {
		return err
	}
	cfg, err := set.Config(d.Classes)
	if err != nil {
		return err
	}
	r, err := run.New(cfg, run.Substrate{Name: run.Ideal}, 0, d)
	if err != nil {
		return err
	}
	s.cache = map[string]*data{}
	s.chip = chipFromFile(nil)
	s.cmp = nil
	s.install(set, r)
	s.playing = false
	s.sample = 0
	s.speed = DefaultSpeed
	s.message, s.msgErr = "Started fresh: a new model; your saved sessions are kept under Model.", false
	return nil
}

// errQuiet marks a command posted by PostQuiet.
var errQuiet = errors.New("app: quiet command")

// PostQuiet queues f for the next Frame like Post, but running it neither
// reports nor clears a message: for reading the session (saving, tests).
func (s *Session) PostQuiet(f func(s *Session)) {
	s.Post(func(s *Session) error { f(s); return errQuiet })
}

// Version counts changes of the model (parameters, training state
// excepted evaluation, settings, loads); what a saved copy compares with.
func (s *Session) Version() uint64 { return s.version }

// Notify shows an informative (non-error) message.
func (s *Session) Notify(msg string) { s.message, s.msgErr = msg, false }
