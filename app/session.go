package app

import (
	"sync"
	"time"

	"delaylab/delgrad"
	"delaylab/run"
	"delaylab/sim"
)

// Options configure a new Session.
type Options struct {
	// Now is the clock the scheduler reads; nil means time.Now. Tests pass
	// a fake clock to make the budget deterministic.
	Now func() time.Time
	// Settings to start from; nil means PageSettings (the flagship preset).
	Settings *Settings
}

// NeuronRef names a neuron on the page: Col 0 is the input layer, Col l+1
// is network layer l (so the output layer is the last column).
type NeuronRef struct {
	Col, Index int
}

// Session is one user's DelayLab: settings, the model being trained, the
// selected sample and its replay, the decision map and the metrics. It is
// made of parts that each own their fields: the model (this file), the
// scheduler that paces training within frames (frame.go), the replay of
// the selected sample (replay.go), the decision map (decision.go), the
// substrate (substrate.go) and a compared model (compare.go). Commands
// stay methods of Session, so the page binds them in one place.
type Session struct {
	model
	scheduler
	replayView
	commands

	mapper mapper
	// mapRow computes one decision map row; tests replace it.
	mapRow func() bool

	remote remote // training in a Web Worker (engine.go)

	chip chipMode    // the substrate (substrate.go)
	cmp  *compareRun // a model trained beside this one (compare.go)
	// mu is held by Frame and Snapshot, so that TryExclusive can tell when
	// the session is between frames.
	mu sync.Mutex
}

// model is the run being trained and what is derived from it.
type model struct {
	settings Settings
	data     *data
	cache    map[string]*data
	// rn is the run being trained and tr its trainer (rn.Trainer()).
	rn *run.Run
	tr *delgrad.Trainer
	// version counts changes of the model's parameters; caches of things
	// derived from the model (replay, decision map, network copy) compare
	// against it.
	version uint64
	// test caches the test accuracy of epoch (and model version).
	test struct {
		epoch   int
		version uint64
		acc     float64
	}
	netCopy  *sim.Network
	featCopy []int // input row features of netCopy's model
	netVer   uint64
}

// commands is the queue of commands posted for the next frame and the
// message the last one left.
type commands struct {
	message string
	msgErr  bool
	queueMu sync.Mutex
	queue   []Command
	posted  func() // OnPost's
}

// Command is a change the page asks for; it runs on the session's goroutine.
type Command func(s *Session) error

// NewSession builds a session ready to play.
func NewSession(opt Options) (*Session, error) {
	s := &Session{chip: chipFromFile(nil)}
	s.now, s.cache, s.speed = opt.Now, map[string]*data{}, DefaultSpeed
	s.mapRow = s.mapper.row
	if s.now == nil {
		s.now = time.Now
	}
	set := PageSettings()
	if opt.Settings != nil {
		set = opt.Settings.Clone()
	}
	if err := s.rebuild(set); err != nil {
		return nil, err
	}
	return s, nil
}

// rebuild makes a fresh model and trainer for set. On error nothing changes.
func (s *Session) rebuild(set Settings) error {
	if err := set.Validate(); err != nil {
		return err
	}
	d := s.cache[set.Dataset]
	if s.data != nil && s.data.Spec.Name == set.Dataset {
		d = s.data // keep data that came from a file or an upload
	}
	if d == nil {
		var err error
		if d, err = loadData(set.Dataset); err != nil {
			return err
		}
	}
	cfg, err := set.Config(d.Classes)
	if err != nil {
		return err
	}
	sub, seed, err := s.substrateFor(set)
	if err != nil {
		return err
	}
	r, err := run.New(cfg, sub, seed, d)
	if err != nil {
		return err
	}
	s.install(set, r)
	return nil
}

// install makes r, with settings set, the session's model.
func (s *Session) install(set Settings, r *run.Run) {
	d := r.Data()
	s.cache[set.Dataset] = d
	s.settings = set.Clone()
	s.data = d
	s.rn, s.tr = r, r.Trainer()
	s.step = r.Step
	s.cost = costModel{}
	s.meter.reset()
	if s.sample >= len(d.Val) {
		s.sample = 0
	}
	s.traced, s.hovered = NeuronRef{}, NeuronRef{}
	s.replayT = 0
	s.mapper.reset()
	s.changed()
}

// changed records that the model's parameters changed.
func (s *Session) changed() {
	s.version++
	s.mapper.dirty = true
}

// Post queues a command for the next Frame. It is the only method that is
// safe to call from another goroutine, and it never blocks on training.
func (s *Session) Post(c Command) {
	s.queueMu.Lock()
	s.queue = append(s.queue, c)
	posted := s.posted
	s.queueMu.Unlock()
	if posted != nil {
		posted()
	}
}

// OnPost sets f to be called after every Post, on the posting goroutine: a
// page that rests while nothing goes on wakes up for the command. f must
// not block. Call it before the session's first Frame.
func (s *Session) OnPost(f func()) {
	s.queueMu.Lock()
	s.posted = f
	s.queueMu.Unlock()
}

// applyPending runs the queued commands in order and returns how many
// ran. A failing command's error becomes the page's message; the next
// success clears it.
func (s *Session) applyPending() int {
	s.queueMu.Lock()
	cmds := s.queue
	s.queue = nil
	s.queueMu.Unlock()
	for _, c := range cmds {
		if err := c(s); err == errQuiet {
			continue // PostQuiet: the message stays
		} else if err != nil {
			s.message, s.msgErr = err.Error(), true
		} else if s.msgErr {
			s.message, s.msgErr = "", false
		}
	}
	return len(cmds)
}

// Settings returns a copy of the current settings.
func (s *Session) Settings() Settings { return s.settings.Clone() }

// Run is the run of the current model, for callers (tests) that need more
// than the page shows. Changing it behind the session's back is the
// caller's responsibility.
func (s *Session) Run() *run.Run { return s.rn }

// Playing reports whether training runs on every frame.
func (s *Session) Playing() bool { return s.playing }
