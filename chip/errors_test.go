package chip

import (
	"errors"
	"strings"
	"testing"

	"delaylab/sim"
)

// TestErrorsAreTyped: a bad knob, setting list, effect, a network that
// does not fit or asks for delays the chip lacks gives a typed error of
// the right kind whose Reason carries no package name.
func TestErrorsAreTyped(t *testing.T) {
	net := func(inputs, hidden int, kind sim.DelayKind) *sim.Network {
		n := &sim.Network{Neuron: sim.DefaultNeuron(), Inputs: inputs, Layers: []sim.Layer{
			{Size: hidden, Delay: kind, Weights: make([]float64, inputs*hidden), Delays: make([]float64, kind.Count(inputs, hidden))},
			{Size: 3, Weights: make([]float64, hidden*3)},
		}}
		return n
	}
	prepare := func(c Config, n *sim.Network) error {
		s, err := NewSubstrate(c, 1)
		if err != nil {
			return err
		}
		return s.Prepare(n)
	}
	cases := []struct {
		name string
		kind error
		err  func() error
	}{
		{"knob", ErrConfig, func() error { _, err := DefaultConfig().Set("loudness", "3"); return err }},
		{"knob value", ErrConfig, func() error { _, err := DefaultConfig().Apply("spike-jitter=lots"); return err }},
		{"list", ErrConfig, func() error { _, err := DefaultConfig().Apply("spike-jitter"); return err }},
		{"effect", ErrConfig, func() error { _, err := ParseEffects("gremlins"); return err }},
		{"config", ErrConfig, func() error { c := DefaultConfig(); c.TauMicros = -1; return c.Validate() }},
		{"capacity", ErrCapacity, func() error { c := DefaultConfig(); c.Circuits = 10; return prepare(c, net(4, 30, sim.DelayNone)) }},
		{"copies", ErrCapacity, func() error { c := DefaultConfig(); c.InputCopies = 3; return prepare(c, net(4, 5, sim.DelayNone)) }},
		{"delay kind", ErrDelayKind, func() error { return prepare(DefaultConfig(), net(4, 5, sim.DelaySynaptic)) }},
	}
	for _, tc := range cases {
		err := tc.err()
		var r interface{ Reason() string }
		if err == nil || !errors.Is(err, tc.kind) || !errors.As(err, &r) {
			t.Errorf("%s: %v is not a typed error of kind %v", tc.name, err, tc.kind)
			continue
		}
		if reason := r.Reason(); reason == "" || strings.Contains(reason, "chip:") || err.Error() != "chip: "+reason {
			t.Errorf("%s: Error %q, Reason %q", tc.name, err.Error(), reason)
		}
	}
}
