package app

import (
	"strings"
	"testing"
	"time"

	"delaylab/chip"
	"delaylab/delgrad"
)

// TestCompare: a compared preset trains beside the model, each in about
// half of the frames' training time, and reports its parameter count and
// curve.
func TestCompare(t *testing.T) {
	set, _ := PresetSettings("yinyang-h30-w")
	s, clk := newTestSession(t, &set)
	if err := s.StartCompare("yinyang-h5-ws"); err != nil {
		t.Fatal(err)
	}
	if err := s.StartCompare("no-such-preset"); err == nil {
		t.Error("an unknown preset accepted")
	}
	withCosts(s, clk, 10*time.Microsecond, 5*time.Microsecond, 100*time.Microsecond)
	real := s.cmp.step
	s.cmp.step = func(n int) int { k := real(n); clk.Advance(time.Duration(k) * 5 * time.Microsecond); return k }
	s.Play()
	a, b, ok := s.Comparison()
	for i := 0; ok && (len(a.History) < 1 || len(b.History) < 1) && i < 20000; i++ {
		s.Frame(20 * time.Millisecond)
		a, b, ok = s.Comparison()
	}
	if !ok || len(a.History) < 1 || len(b.History) < 1 {
		t.Fatalf("after many frames: %d and %d epochs", len(a.History), len(b.History))
	}
	if a.Params() != 210 || b.Params() != 70 {
		t.Errorf("params %d and %d, want 210 and 70", a.Params(), b.Params())
	}
	t.Logf("A %s: %v; B %s: %v", a.Name, a.History[0].ValAcc, b.Name, b.History[0].ValAcc)
	s.StopCompare()
	if _, _, ok := s.Comparison(); ok {
		t.Error("still comparing")
	}
}

// TestCompareOnTheChip: in chip mode the compared model trains on the
// same chip instance, with the same noise and under the same protocol, so
// chip-yinyang-w beside chip-yinyang-wa is the paper's contrast; changing
// the chip starts the comparison over on the new one, and a preset the
// chip cannot run is refused with the chip's reason.
func TestCompareOnTheChip(t *testing.T) {
	set, _ := PresetSettings("chip-yinyang-wa")
	s, _ := newTestSession(t, &set)
	if err := s.ApplyPreset("chip-yinyang-wa"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetProtocol("authors"); err != nil {
		t.Fatal(err)
	}
	if err := s.StartCompare("chip-yinyang-w"); err != nil {
		t.Fatal(err)
	}
	same := func() {
		t.Helper()
		main, ok1 := s.tr.Substrate().(*chip.Substrate)
		cmp, ok2 := s.cmp.tr.Substrate().(*chip.Substrate)
		if !ok1 || !ok2 {
			t.Fatalf("substrates %T and %T, want both on the chip", s.tr.Substrate(), s.cmp.tr.Substrate())
		}
		if main.Instance().Seed() != cmp.Instance().Seed() || main.Instance().Config() != cmp.Instance().Config() {
			t.Fatalf("chips %d and %d differ", main.Instance().Seed(), cmp.Instance().Seed())
		}
		if s.cmp.tr.Config().Protocol != delgrad.AuthorsProtocol {
			t.Fatalf("compared protocol %v", s.cmp.tr.Config().Protocol)
		}
	}
	same()
	a, b, _ := s.Comparison()
	if !strings.Contains(a.Name, "chip 0") || !strings.Contains(b.Name, "authors protocol") {
		t.Errorf("names %q and %q should say where and how they train", a.Name, b.Name)
	}
	c := s.Chip()
	c.Seed = 9
	if err := s.SetChip(c); err != nil {
		t.Fatal(err)
	}
	s.trainCompare(s.now(), s.now())
	same()
	if seed := s.cmp.tr.Substrate().(*chip.Substrate).Instance().Seed(); seed != 9 {
		t.Fatalf("comparison still on chip %d", seed)
	}
	if err := s.StartCompare("yinyang-h30-ws"); err == nil || !strings.Contains(err.Error(), "τm = τs") {
		t.Fatalf("a τm = 2τs preset under the authors' protocol: %v", err)
	}
	if err := s.SetProtocol("ours"); err != nil {
		t.Fatal(err)
	}
	err := s.StartCompare("yinyang-h30-ws")
	if err == nil || !strings.Contains(err.Error(), "chip cannot run yinyang-h30-ws") {
		t.Fatalf("synaptic delays on the chip: %v", err)
	}
}
