package render

import (
	"fmt"

	"delaylab/app"
	"delaylab/sim"
)

// inputNames are the four coded features of a 2-D point.
var inputNames = []string{"x", "y", "1−x", "1−y"}

// inputName is the feature input row i carries ("x", …, with the copy
// number after the first copy: "x #2", "x #3", …; not a superscript,
// which reads as a power), or "" when unknown.
func inputName(s *app.Snapshot, i int) string {
	if i >= len(s.InputFeature) || s.InputFeature[i] >= len(inputNames) {
		return ""
	}
	f, copyNo := s.InputFeature[i], 0
	for r := range i {
		if s.InputFeature[r] == f {
			copyNo++
		}
	}
	if copyNo == 0 {
		return inputNames[f]
	}
	return fmt.Sprintf("%s #%d", inputNames[f], copyNo+1)
}

// neuronName is how legends and tooltips call unit i of column col.
func neuronName(s *app.Snapshot, col, i int) string {
	last := len(s.Net.Layers)
	switch {
	case col == 0 && inputName(s, i) != "":
		return "input " + inputName(s, i)
	case col == 0:
		return fmt.Sprintf("input %d", i)
	case col == last && i < len(s.ClassNames):
		return "output " + s.ClassNames[i]
	case last == 2:
		return fmt.Sprintf("hidden %d", i)
	}
	return fmt.Sprintf("hidden%d %d", col, i)
}

// rowName names presynaptic row i of network layer l (a unit or a bias).
func rowName(s *app.Snapshot, l, i int) string {
	if n := s.Net.PreSize(l); i >= n {
		return fmt.Sprintf("bias %d", i-n)
	}
	return neuronName(s, l, i)
}

// delayName describes a layer's delays for a column caption.
func delayName(k sim.DelayKind) string {
	if k == sim.DelayNone {
		return "no delays"
	}
	return k.String() + " delays"
}

// archName is "4-30-3".
func archName(n *sim.Network) string {
	s := fmt.Sprint(n.Inputs)
	for _, L := range n.Layers {
		s += fmt.Sprintf("-%d", L.Size)
	}
	return s
}

// fmtTime formats a time in τs.
func fmtTime(t float64) string { return fmt.Sprintf("%.2f τs", t) }
