package app

import (
	"testing"

	"delaylab/sim"
)

// TestGradCheck: on the fresh flagship and after some training, for every
// delay kind, the exact gradients of the checked parameters agree with
// central finite differences to 1e-5, and the model is not touched.
func TestGradCheck(t *testing.T) {
	s, _ := newTestSession(t, nil)
	for _, kind := range []sim.DelayKind{sim.DelaySynaptic, sim.DelayAxonal, sim.DelayDendritic, sim.DelayNone} {
		if err := s.SetDelays(kind); err != nil {
			t.Fatal(err)
		}
		for round := range 2 {
			before := stateOf(s)
			rep, err := s.GradCheck(12, uint64(round+1))
			if err != nil {
				t.Fatal(err)
			}
			if !sameState(before, stateOf(s)) {
				t.Fatal("the gradient check changed the model")
			}
			delays := 0
			for _, r := range rep.Rows {
				if r.Delay {
					delays++
				}
			}
			t.Logf("%s round %d: %d rows (%d delays), %d skipped, max relative error %.2g", kind, round, len(rep.Rows), delays, rep.Skipped, rep.MaxRelErr)
			if len(rep.Rows) != 12 || (kind != sim.DelayNone && delays < 4) {
				t.Errorf("%s: %d rows, %d delays", kind, len(rep.Rows), delays)
			}
			if rep.MaxRelErr > 1e-5 {
				for _, r := range rep.Rows {
					t.Logf("%-28s %12.6g %12.6g %.2g", r.Param, r.Exact, r.FD, r.RelErr)
				}
				t.Errorf("%s: max relative error %g", kind, rep.MaxRelErr)
			}
			for range 20 {
				s.Step()
			}
		}
	}
}

func TestSetEdge(t *testing.T) {
	s, _ := newTestSession(t, smallSettings(t)) // synaptic
	e := EdgeRef{Layer: 0, Row: 2, Post: 3}
	v := s.version
	if err := s.SetEdge(e, 1.5, 0.75); err != nil {
		t.Fatal(err)
	}
	info, err := s.Edge(e)
	if err != nil || info.Weight != 1.5 || !info.HasDelay || abs(info.Delay-0.75) > 1e-9 || s.version == v {
		t.Fatalf("%+v %v", info, err)
	}
	before := stateOf(s)
	for _, bad := range []struct {
		e    EdgeRef
		w, d float64
	}{{EdgeRef{0, 9, 0}, 1, 1}, {e, nan(), 1}, {e, 1, -3}, {e, 1, 99}, {e, 1e6, 1}} {
		if err := s.SetEdge(bad.e, bad.w, bad.d); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
	if !sameState(before, stateOf(s)) {
		t.Fatal("a refused edit changed the model")
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
