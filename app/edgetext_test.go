package app

import (
	"errors"
	"math"
	"testing"

	"delaylab/sim"
)

func TestEdgeText(t *testing.T) {
	for v, want := range map[float64]string{
		0.14322049013: "0.1432", -1.234567: "-1.235", 2: "2", 0.05: "0.05", 12.3456: "12.35", 0: "0", 2.5e-5: "2.5e-05",
	} {
		if got := EdgeText(v); got != want {
			t.Errorf("EdgeText(%v) = %q, want %q", v, got, want)
		}
	}
}

// TestEditEdge: the editor's texts change what was changed, and nothing
// else — not by the rounding of what it shows.
func TestEditEdge(t *testing.T) {
	s, _ := newTestSession(t, smallSettings(t)) // synaptic delays
	e := EdgeRef{Layer: 0, Row: 2, Post: 3}
	info, err := s.Edge(e)
	if err != nil {
		t.Fatal(err)
	}
	w, d := EdgeText(info.Weight), EdgeText(info.Delay)
	if w == EdgeText(info.Weight+1e-3) || len(w) > 7 {
		t.Fatalf("weight %v shows as %q: the test needs a value that rounds", info.Weight, w)
	}

	before := stateOf(s)
	if changed, err := s.EditEdge(e, w, " "+d+" "); err != nil || changed {
		t.Fatalf("applying the shown texts: changed %v, %v", changed, err)
	}
	if !sameState(before, stateOf(s)) {
		t.Fatal("applying the shown texts changed the model")
	}

	// A new weight with the delay as shown: θ stays bit for bit.
	theta := s.tr.Model().Theta[0][s.thetaIndex(e)]
	if changed, err := s.EditEdge(e, "0.5", d); err != nil || !changed {
		t.Fatalf("a new weight: changed %v, %v", changed, err)
	}
	got, _ := s.Edge(e)
	if got.Weight != 0.5 || s.tr.Model().Theta[0][s.thetaIndex(e)] != theta || s.version == before.version {
		t.Fatalf("after weight 0.5: %+v, θ %v → %v", got, theta, s.tr.Model().Theta[0][s.thetaIndex(e)])
	}

	// A new delay with the weight as shown.
	if changed, err := s.EditEdge(e, EdgeText(0.5), "0.75"); err != nil || !changed {
		t.Fatalf("a new delay: changed %v, %v", changed, err)
	}
	if got, _ = s.Edge(e); got.Weight != 0.5 || math.Abs(got.Delay-0.75) > 1e-9 {
		t.Fatalf("after delay 0.75: %+v", got)
	}

	// Bad texts are refused and change nothing.
	before = stateOf(s)
	for _, bad := range [][2]string{{"heavy", d}, {"0.5", "soon"}, {"", "0.75"}, {"0.5", "-3"}, {"1e6", "0.75"}} {
		if _, err := s.EditEdge(e, bad[0], bad[1]); err == nil {
			t.Errorf("weight %q, delay %q accepted", bad[0], bad[1])
		}
	}
	if !sameState(before, stateOf(s)) {
		t.Fatal("a refused edit changed the model")
	}

	// An edge without a delay: its delay text does not matter.
	if err := s.SetDelay(1, sim.DelayNone); err != nil {
		t.Fatal(err)
	}
	plain := EdgeRef{Layer: 1, Row: 0, Post: 0}
	if pi, err := s.Edge(plain); err != nil || pi.HasDelay {
		t.Fatalf("layer 2 without delays: %+v, %v", pi, err)
	}
	if changed, err := s.EditEdge(plain, "0.25", "whatever"); err != nil || !changed {
		t.Fatalf("an undelayed edge: changed %v, %v", changed, err)
	}
	if pi, _ := s.Edge(plain); pi.Weight != 0.25 {
		t.Fatalf("undelayed edge weight %v, want 0.25", pi.Weight)
	}
}

// TestEditEdgeBlamesField: a refused edit names the field at fault.
func TestEditEdgeBlamesField(t *testing.T) {
	s, _ := newTestSession(t, smallSettings(t))
	e := EdgeRef{Layer: 0, Row: 2, Post: 3}
	info, _ := s.Edge(e)
	w, d := EdgeText(info.Weight), EdgeText(info.Delay)
	for _, tc := range []struct {
		weight, delay string
		delayAtFault  bool
	}{{"heavy", d, false}, {"1e6", d, false}, {w, "soon", true}, {w, "-3", true}, {"0.5", "99", true}} {
		_, err := s.EditEdge(e, tc.weight, tc.delay)
		var fe *EdgeFieldError
		if !errors.As(err, &fe) || fe.Delay != tc.delayAtFault || !errors.Is(err, ErrSetting) {
			t.Errorf("weight %q, delay %q: %v (%#v), want the delay at fault: %v", tc.weight, tc.delay, err, fe, tc.delayAtFault)
		}
	}
}

func TestFieldMessage(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{badSetting("batch size %q is not a whole number", "x"), `Batch size "x" is not a whole number.`},
		{badSetting("hidden layer 1 has 0 neurons"), "Hidden layer 1 has 0 neurons."},
		{errors.New("the chip cannot run this network!"), "The chip cannot run this network!"},
		{badSetting("τm must equal τs."), "τm must equal τs."},
	} {
		if got := FieldMessage(tc.err); got != tc.want {
			t.Errorf("FieldMessage(%q) = %q, want %q", tc.err, got, tc.want)
		}
	}
}
