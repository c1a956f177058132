package delgrad

import (
	"errors"
	"math"
	"strings"
	"testing"

	"delaylab/sim"
)

// TestErrorsAreTyped: a bad recipe, loss, preset, protocol, model,
// sample or saved state gives an *Error of the right kind; its Reason
// carries no package name, so the page shows it without cutting text.
func TestErrorsAreTyped(t *testing.T) {
	preset := func() Config { c, _ := Preset("yinyang-h30-wa"); return c }
	trainer := func() *Trainer {
		tr, err := NewTrainer(preset(), yinyangSamples(t, "train", 20), yinyangSamples(t, "validation", 10), &Ideal{})
		if err != nil {
			t.Fatal(err)
		}
		return tr
	}
	cases := []struct {
		name string
		kind error
		err  func() error
	}{
		{"hidden", ErrConfig, func() error { c := preset(); c.Hidden[0] = 0; return c.Validate() }},
		{"batch", ErrConfig, func() error { c := preset(); c.Batch = -1; return c.Validate() }},
		{"loss", ErrName, func() error { _, err := ParseLoss("simse:x"); return err }},
		{"preset", ErrName, func() error { _, err := Preset("nope"); return err }},
		{"protocol", ErrName, func() error { _, err := ParseProtocol("theirs"); return err }},
		{"convention", ErrName, func() error { _, err := ParseProtocol("ours+nothing"); return err }},
		{"theta", ErrModel, func() error {
			m := trainer().Model().Clone()
			m.Theta[0][0] = math.NaN()
			return m.Validate()
		}},
		{"theta shape", sim.ErrShape, func() error { m := trainer().Model().Clone(); m.Theta = m.Theta[:1]; return m.Validate() }},
		{"no samples", ErrSamples, func() error { _, err := NewTrainer(preset(), nil, nil, &Ideal{}); return err }},
		{"sample", ErrSamples, func() error {
			_, err := NewTrainer(preset(), []Sample{{Features: []float64{1}, Label: 0}}, nil, &Ideal{})
			return err
		}},
		{"state", ErrState, func() error { s := trainer().State(); s.Perm = s.Perm[1:]; return trainer().Restore(s) }},
	}
	for _, tc := range cases {
		err := tc.err()
		var r interface{ Reason() string }
		if err == nil || !errors.Is(err, tc.kind) || !errors.As(err, &r) {
			t.Errorf("%s: %v is not a typed error of kind %v", tc.name, err, tc.kind)
			continue
		}
		if reason := r.Reason(); reason == "" || strings.Contains(reason, "delgrad:") || strings.Contains(reason, "sim:") ||
			!strings.HasSuffix(err.Error(), reason) {
			t.Errorf("%s: Error %q, Reason %q", tc.name, err.Error(), reason)
		}
	}
}
