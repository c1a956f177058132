package chip

import (
	"math"
	"strconv"
	"strings"
)

// A knob is one numeric field of Config under a command-line name, so that
// ablations and noise studies can change the model without new code.
type knob struct {
	name  string
	about string
	f     func(*Config) *float64 // float fields
	i     func(*Config) *int     // int fields
}

var knobs = []knob{
	{name: "tau-us", about: "model time unit in µs", f: func(c *Config) *float64 { return &c.TauMicros }},
	{name: "circuits", about: "neuron circuits (0: unlimited)", i: func(c *Config) *int { return &c.Circuits }},
	{name: "input-copies", about: "input rows per feature", i: func(c *Config) *int { return &c.InputCopies }},
	{name: "weight-scale", about: "LSB per model weight unit (0: analog)", f: func(c *Config) *float64 { return &c.WeightScale }},
	{name: "weight-max", about: "largest synapse value in LSB", i: func(c *Config) *int { return &c.WeightMax }},
	{name: "threshold-offset-mean", about: "fixed-pattern threshold offset mean", f: func(c *Config) *float64 { return &c.ThresholdOffsetMean }},
	{name: "threshold-offset-std", about: "fixed-pattern threshold offset std", f: func(c *Config) *float64 { return &c.ThresholdOffsetStd }},
	{name: "threshold-trial-std", about: "per-batch threshold noise std", f: func(c *Config) *float64 { return &c.ThresholdTrialStd }},
	{name: "tau-mem-std", about: "relative τm spread", f: func(c *Config) *float64 { return &c.TauMemStd }},
	{name: "tau-syn-std", about: "relative τs spread", f: func(c *Config) *float64 { return &c.TauSynStd }},
	{name: "gain-std", about: "relative synaptic gain spread", f: func(c *Config) *float64 { return &c.GainStd }},
	{name: "spike-jitter", about: "spike-time jitter std in τ", f: func(c *Config) *float64 { return &c.SpikeJitter }},
	{name: "timestamp-grid-us", about: "timestamp resolution in µs (0: none)", f: func(c *Config) *float64 { return &c.TimestampGrid }},
	{name: "window", about: "observation window in τ (inf: none)", f: func(c *Config) *float64 { return &c.Window }},
	{name: "delay-offset-us", about: "delay element latency beyond its ticks, µs", f: func(c *Config) *float64 { return &c.DelayOffset }},
	{name: "delay-tick-us", about: "delay element tick in µs (0: no grid)", f: func(c *Config) *float64 { return &c.DelayTick }},
	{name: "delay-tick-min", about: "smallest refractory setting", i: func(c *Config) *int { return &c.DelayTickMin }},
	{name: "delay-tick-max", about: "largest refractory setting", i: func(c *Config) *int { return &c.DelayTickMax }},
	{name: "delay-offset-std-us", about: "delay element offset spread in µs", f: func(c *Config) *float64 { return &c.DelayOffsetStd }},
	{name: "delay-jitter", about: "delay jitter std in τ", f: func(c *Config) *float64 { return &c.DelayJitter }},
	{name: "delay-drop", about: "probability a delay element drops a spike", f: func(c *Config) *float64 { return &c.DelayDrop }},
}

// KnobNames lists the names Set accepts, each with its meaning.
func KnobNames() []string {
	out := make([]string, len(knobs))
	for i, k := range knobs {
		out[i] = k.name + " (" + k.about + ")"
	}
	return out
}

// Set returns c with the knob called name set to value (integers for the
// integer knobs, "inf" allowed), validated; c is never changed.
func (c Config) Set(name, value string) (Config, error) {
	for _, k := range knobs {
		if k.name != name {
			continue
		}
		if k.i != nil {
			n, err := strconv.Atoi(value)
			if err != nil {
				return c, newError(ErrConfig, "%s = %q is not an integer", name, value)
			}
			*k.i(&c) = n
		} else {
			v, err := strconv.ParseFloat(value, 64)
			if err != nil || math.IsNaN(v) {
				return c, newError(ErrConfig, "%s = %q is not a number", name, value)
			}
			*k.f(&c) = v
		}
		if err := c.Validate(); err != nil {
			return c, err
		}
		return c, nil
	}
	return c, newError(ErrConfig, "no knob %q (knobs: %s)", name, knobList())
}

// Apply applies a comma-separated list of name=value settings in order,
// e.g. "threshold-trial-std=0.08,spike-jitter=0.01". The empty list is no
// change. On error c is returned unchanged.
func (c Config) Apply(settings string) (Config, error) {
	out := c
	for _, s := range splitList(settings) {
		name, value, ok := strings.Cut(s, "=")
		if !ok {
			return c, newError(ErrConfig, "%q is not name=value", s)
		}
		var err error
		if out, err = out.Set(strings.TrimSpace(name), strings.TrimSpace(value)); err != nil {
			return c, err
		}
	}
	return out, nil
}

// ParseEffects reads a comma-separated list of effect names (as
// Effect.String spells them).
func ParseEffects(list string) ([]Effect, error) {
	var out []Effect
	for _, name := range splitList(list) {
		found := false
		for _, e := range Effects() {
			if e.String() == name {
				out, found = append(out, e), true
				break
			}
		}
		if !found {
			names := make([]string, 0, numEffects)
			for _, e := range Effects() {
				names = append(names, e.String())
			}
			return nil, newError(ErrConfig, "no effect %q (effects: %s)", name, strings.Join(names, ", "))
		}
	}
	return out, nil
}

func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func knobList() string {
	names := make([]string, len(knobs))
	for i, k := range knobs {
		names[i] = k.name
	}
	return strings.Join(names, ", ")
}
