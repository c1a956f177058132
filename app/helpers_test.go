package app

import (
	"math"
	"reflect"
	"testing"
	"time"
)

// fakeClock is a clock that moves only when told to.
type fakeClock struct{ t time.Time }

func newFakeClock() *fakeClock { return &fakeClock{t: time.Unix(1_700_000_000, 0)} }

func (c *fakeClock) Now() time.Time          { return c.t }
func (c *fakeClock) Advance(d time.Duration) { c.t = c.t.Add(d) }

// newTestSession is the page's default session on a fake clock.
func newTestSession(t testing.TB, set *Settings) (*Session, *fakeClock) {
	t.Helper()
	clk := newFakeClock()
	s, err := NewSession(Options{Now: clk.Now, Settings: set})
	if err != nil {
		t.Fatal(err)
	}
	return s, clk
}

// reopened saves s and opens the file (named name) in a fresh session, as
// a user downloading and opening a model does.
func reopened(t testing.TB, s *Session, name string) *Session {
	t.Helper()
	b, err := s.Save()
	if err != nil {
		t.Fatal(err)
	}
	o, _ := newTestSession(t, nil)
	if err := o.Load(name, b); err != nil {
		t.Fatal(err)
	}
	return o
}

// smallSettings is a quick network for tests that do not need the flagship.
func smallSettings(t testing.TB) *Settings {
	t.Helper()
	set, err := PresetSettings("yinyang-h5-ws")
	if err != nil {
		t.Fatal(err)
	}
	return &set
}

// modelState captures what "the model was left as it was" means.
type modelState struct {
	version  uint64
	weights  [][]float64
	theta    [][]float64
	settings Settings
	batches  uint64
	epochs   int
}

func stateOf(s *Session) modelState {
	st := modelState{version: s.version, settings: s.Settings(), batches: s.tr.Batches(), epochs: s.tr.Progress().Epochs}
	for l := range s.tr.Model().Net.Layers {
		st.weights = append(st.weights, append([]float64(nil), s.tr.Model().Net.Layers[l].Weights...))
		st.theta = append(st.theta, append([]float64(nil), s.tr.Model().Theta[l]...))
	}
	return st
}

func sameState(a, b modelState) bool {
	if a.version != b.version || a.batches != b.batches || a.epochs != b.epochs {
		return false
	}
	if !sameSettings(a.settings, b.settings) || len(a.weights) != len(b.weights) {
		return false
	}
	for l := range a.weights {
		if !equalFloats(a.weights[l], b.weights[l]) || !equalFloats(a.theta[l], b.theta[l]) {
			return false
		}
	}
	return true
}

func sameSettings(a, b Settings) bool { return reflect.DeepEqual(a, b) }

func equalFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func nan() float64 { return math.NaN() }
