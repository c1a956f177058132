package sim

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// TestErrorsAreTyped: every way a network, a neuron or a name can be wrong
// gives an *Error of the right kind whose Reason carries no package name
// and whose Error is "sim: " and the Reason.
func TestErrorsAreTyped(t *testing.T) {
	good := func() *Network {
		n := &Network{Neuron: DefaultNeuron(), Inputs: 2, Layers: []Layer{{Size: 1, Weights: []float64{1, 1}}}}
		return n
	}
	cases := []struct {
		name string
		kind error
		err  func() error
	}{
		{"no inputs", ErrShape, func() error { n := good(); n.Inputs = 0; return n.Validate() }},
		{"no layers", ErrShape, func() error { n := good(); n.Layers = nil; return n.Validate() }},
		{"weights", ErrShape, func() error { n := good(); n.Layers[0].Weights = []float64{1}; return n.Validate() }},
		{"NaN weight", ErrValue, func() error { n := good(); n.Layers[0].Weights[1] = math.NaN(); return n.Validate() }},
		{"tau", ErrNeuron, func() error { n := good(); n.Neuron.TauSyn = -1; return n.Validate() }},
		{"leak", ErrNeuron, func() error { n := good(); n.Neuron.Leak = math.Inf(1); return n.Validate() }},
		{"delay kind", ErrName, func() error { _, err := ParseDelayKind("sideways"); return err }},
		{"shape helper", ErrShape, func() error { return ShapeError("%d rows", 3) }},
	}
	for _, tc := range cases {
		err := tc.err()
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, tc.kind) {
			t.Errorf("%s: %v is not an *Error of kind %v", tc.name, err, tc.kind)
			continue
		}
		if strings.Contains(e.Reason(), "sim:") || err.Error() != "sim: "+e.Reason() || e.Reason() == "" {
			t.Errorf("%s: Error %q, Reason %q", tc.name, err.Error(), e.Reason())
		}
	}
}
