package app

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"delaylab/delgrad"
	"delaylab/sim"
)

// TestPresetRoundTrip: the settings of a preset rebuild exactly the
// preset's configuration, so the page trains the published recipe.
func TestPresetRoundTrip(t *testing.T) {
	for _, p := range Presets() {
		set, err := PresetSettings(p.Name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := set.Config(3)
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		want, _ := delgrad.Preset(p.Name)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got config\n%+v\nwant\n%+v", p.Name, got, want)
		}
	}
}

func TestPresetsOfferedArePageRunnable(t *testing.T) {
	names := map[string]bool{}
	for _, p := range Presets() {
		names[p.Name] = true
	}
	for _, want := range []string{"yinyang-h30-w", "yinyang-h30-wa", "yinyang-h30-ws", "yinyang-h5-ws", "fastdeep-yinyang"} {
		if !names[want] {
			t.Errorf("preset %s not offered", want)
		}
	}
	if !names["chip-yinyang-wa"] {
		t.Error("chip preset not offered, but the page has a chip substrate")
	}
}

func TestConfigStretchesPerLayerLists(t *testing.T) {
	set := PageSettings()
	set.Hidden = []int{10, 8, 6}
	set.Delays = []sim.DelayKind{sim.DelayAxonal, sim.DelayNone, sim.DelayDendritic, sim.DelaySynaptic}
	c, err := set.Config(2)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Sizes(); !reflect.DeepEqual(got, []int{4, 10, 8, 6, 2}) {
		t.Errorf("sizes %v", got)
	}
	if len(c.WeightInit) != 4 || len(c.BumpFraction) != 4 || len(c.LRWeights) != 4 || len(c.LRDelays) != 4 {
		t.Fatalf("per-layer lists not stretched: %+v", c)
	}
	if c.BumpFraction[0] != 0.3 || c.BumpFraction[3] != 0 {
		t.Errorf("bump fractions %v: hidden layers take the preset's hidden entry, the output its own", c.BumpFraction)
	}
}

func TestValidateRejects(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*Settings)
	}{
		{"dataset", func(s *Settings) { s.Dataset = "mnist" }},
		{"zero hidden", func(s *Settings) { s.Hidden = []int{0}; s.Delays = s.Delays[:2] }},
		{"huge hidden", func(s *Settings) { s.Hidden = []int{MaxHiddenSize + 1} }},
		{"too many layers", func(s *Settings) {
			s.Hidden = []int{2, 2, 2, 2}
			s.Delays = make([]sim.DelayKind, 5)
		}},
		{"delay count", func(s *Settings) { s.Delays = s.Delays[:1] }},
		{"delay kind", func(s *Settings) { s.Delays[0] = 9 }},
		{"tau ratio", func(s *Settings) { s.TauRatio = 1.5 }},
		{"loss", func(s *Settings) { s.Loss = "hinge" }},
		{"negative lr", func(s *Settings) { s.LRWeights = -0.1 }},
		{"NaN lr", func(s *Settings) { s.LRDelays = nan() }},
		{"batch 0", func(s *Settings) { s.Batch = 0 }},
		{"batch huge", func(s *Settings) { s.Batch = MaxBatch + 1 }},
	} {
		set := PageSettings()
		tc.edit(&set)
		err := set.Validate()
		if !errors.Is(err, ErrSetting) {
			t.Errorf("%s: got %v, want an ErrSetting", tc.name, err)
		}
	}
	set := PageSettings()
	if err := set.Validate(); err != nil {
		t.Errorf("page settings: %v", err)
	}
}

func TestParseHidden(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []int
		ok   bool
	}{
		{"30", []int{30}, true},
		{" 30, 20 ", []int{30, 20}, true},
		{"30 20", []int{30, 20}, true},
		{"", nil, false},
		{"  ", nil, false},
		{"abc", nil, false},
		{"30,,x", nil, false},
		{"-5", nil, true}, // parses; Validate rejects it
	} {
		got, err := ParseHidden(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("ParseHidden(%q): err %v", tc.in, err)
			continue
		}
		if tc.want != nil && !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseHidden(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
	if _, err := ParseFloat("learning rate", "0.01x"); !errors.Is(err, ErrSetting) {
		t.Errorf("ParseFloat: %v", err)
	}
	if _, err := ParseSeed("-1"); !errors.Is(err, ErrSetting) {
		t.Errorf("ParseSeed: %v", err)
	}
}

// TestSetProtocol: the protocol is a setting that starts a new model
// trained under it, survives a download and reopening, is kept across
// presets that allow it, and is refused with a reason where it cannot work
// (the authors' gradient needs τm = τs), leaving the model unchanged.
func TestSetProtocol(t *testing.T) {
	set, _ := PresetSettings("chip-yinyang-w")
	s, _ := newTestSession(t, &set)
	if err := s.SetProtocol("authors"); err != nil {
		t.Fatal(err)
	}
	if s.tr.Config().Protocol != delgrad.AuthorsProtocol || s.Settings().Protocol != "authors" {
		t.Fatalf("protocol %v / %q", s.tr.Config().Protocol, s.Settings().Protocol)
	}
	if o := reopened(t, s, "run.dlab"); o.tr.Config().Protocol != delgrad.AuthorsProtocol || o.Settings().Protocol != "authors" {
		t.Fatalf("reopened with protocol %v / %q", o.tr.Config().Protocol, o.Settings().Protocol)
	}
	if err := s.ApplyPreset("chip-yinyang-wa"); err != nil || s.tr.Config().Protocol != delgrad.AuthorsProtocol {
		t.Fatalf("preset change: %v, protocol %v", err, s.tr.Config().Protocol)
	}
	if err := s.ApplyPreset("yinyang-h5-ws"); err != nil || s.tr.Config().Protocol != 0 {
		t.Fatalf("a τm = 2τs preset keeps protocol %v (%v)", s.tr.Config().Protocol, err)
	}
	before := stateOf(s)
	err := s.SetProtocol("authors")
	if !errors.Is(err, ErrSetting) || !strings.Contains(err.Error(), "τm = τs") {
		t.Fatalf("authors' protocol with τm = 2τs: %v", err)
	}
	if !sameState(before, stateOf(s)) {
		t.Fatal("a refused protocol changed the model")
	}
	if err := s.SetProtocol("mine"); !errors.Is(err, ErrSetting) {
		t.Fatalf("unknown protocol: %v", err)
	}
}

// TestCustom: a preset's settings are not custom, with another seed,
// data set or protocol neither; a changed architecture or rate is.
func TestCustom(t *testing.T) {
	s, err := PresetSettings("yinyang-h30-ws")
	if err != nil {
		t.Fatal(err)
	}
	if s.Custom() {
		t.Fatal("the preset's own settings are custom")
	}
	s.Seed, s.Dataset, s.Protocol = 9, "circles", "authors"
	if s.Custom() {
		t.Fatal("another seed, data set or protocol made the recipe custom")
	}
	h := s.Clone()
	h.Hidden = []int{20}
	lr := s.Clone()
	lr.LRDelays *= 2
	if !h.Custom() || !lr.Custom() {
		t.Fatal("changed hidden sizes or learning rate not custom")
	}
}
