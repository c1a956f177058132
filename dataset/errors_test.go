package dataset

import (
	"errors"
	"strings"
	"testing"
)

// TestErrorsAreTyped: a bad data name, split, size, noise or CSV gives a
// typed error whose Reason carries no package name.
func TestErrorsAreTyped(t *testing.T) {
	cases := []struct {
		name string
		err  func() error
	}{
		{"name", func() error { _, _, err := Parse("moons"); return err }},
		{"split", func() error { _, _, err := Parse("yinyang:all"); return err }},
		{"path", func() error { _, _, err := Parse("csv:"); return err }},
		{"sizes", func() error { s := DefaultSpec("xor"); s.Train = -3; _, err := Generate(s); return err }},
		{"noise", func() error { s := DefaultSpec("xor"); s.Noise = 2; _, err := Generate(s); return err }},
		{"no points", func() error { _, err := Generate(DefaultSpec("csv")); return err }},
		{"csv", func() error { _, err := ReadCSV(strings.NewReader("x,y,label\n0.1,0.2,cat\n")); return err }},
	}
	for _, tc := range cases {
		err := tc.err()
		var r interface{ Reason() string }
		if err == nil || !errors.As(err, &r) {
			t.Errorf("%s: %v is not a typed error", tc.name, err)
			continue
		}
		var ce *CSVError
		if !errors.Is(err, ErrSpec) && !errors.As(err, &ce) {
			t.Errorf("%s: %v is neither ErrSpec nor a *CSVError", tc.name, err)
		}
		if reason := r.Reason(); reason == "" || strings.Contains(reason, "dataset:") || err.Error() != "dataset: "+reason {
			t.Errorf("%s: Error %q, Reason %q", tc.name, err.Error(), reason)
		}
	}
}
