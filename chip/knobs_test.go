package chip

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestApplySettings(t *testing.T) {
	base := DefaultConfig()
	got, err := base.Apply("threshold-trial-std=0.1, window=inf,delay-tick-min=60,input-copies=1")
	if err != nil {
		t.Fatal(err)
	}
	want := base
	want.ThresholdTrialStd, want.Window, want.DelayTickMin, want.InputCopies = 0.1, math.Inf(1), 60, 1
	if got != want {
		t.Errorf("Apply: %+v, want %+v", got, want)
	}
	if same, err := base.Apply(""); err != nil || same != base {
		t.Errorf("empty list changed the config (%v)", err)
	}
	// Every knob reaches its own field: setting it to an unusual value
	// changes exactly one field of the config.
	for _, k := range knobs {
		value := "0.5"
		if k.i != nil {
			value = "70" // inside the delay tick range, unlike any default
		}
		c, err := base.Set(k.name, value)
		if err != nil {
			t.Errorf("%s=%s: %v", k.name, value, err)
			continue
		}
		if c == base {
			t.Errorf("%s=%s changed nothing", k.name, value)
		}
	}
}

func TestApplyRejects(t *testing.T) {
	base := DefaultConfig()
	for list, msg := range map[string]string{
		"threshold-trial-std=0.1,nope=1": `no knob "nope"`,
		"window=-1":                      "Window = -1 must be positive",
		"circuits=1.5":                   `circuits = "1.5" is not an integer`,
		"gain-std=NaN":                   `gain-std = "NaN" is not a number`,
		"gain-std":                       `"gain-std" is not name=value`,
		"delay-drop=2":                   "DelayDrop = 2 must be a probability",
	} {
		got, err := base.Apply(list)
		if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), msg) {
			t.Errorf("Apply(%q): error %v, want one containing %q", list, err, msg)
		}
		if got != base {
			t.Errorf("Apply(%q) changed the config on error", list)
		}
	}
}

func TestParseEffects(t *testing.T) {
	all := Effects()
	names := make([]string, len(all))
	for i, e := range all {
		names[i] = e.String()
	}
	got, err := ParseEffects(strings.Join(names, ","))
	if err != nil || len(got) != len(all) {
		t.Fatalf("ParseEffects(all): %v, %v", got, err)
	}
	for i := range all {
		if got[i] != all[i] {
			t.Errorf("effect %d: %v, want %v", i, got[i], all[i])
		}
	}
	if _, err := ParseEffects("window,wobble"); err == nil || !strings.Contains(err.Error(), `no effect "wobble"`) {
		t.Errorf("unknown effect: %v", err)
	}
	if got, err := ParseEffects(" "); err != nil || len(got) != 0 {
		t.Errorf("empty list: %v, %v", got, err)
	}
}
