package app

import (
	"testing"
	"time"
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
