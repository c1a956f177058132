package app

import (
	"strconv"
	"strings"
)

// The edge editor's fields. A weight of 0.14322049013 reads better as
// 0.1432, so the editor shows values rounded to EdgeDigits significant
// digits. Rounding what is shown must not change the model: a field that
// still reads what the editor showed keeps the exact value behind it.

// EdgeDigits is how many significant digits the edge editor shows.
const EdgeDigits = 4

// EdgeText is how the edge editor shows a weight or a delay.
func EdgeText(v float64) string { return strconv.FormatFloat(v, 'g', EdgeDigits, 64) }

// EditEdge applies the edge editor's texts to e. A text that reads as
// EdgeText of the edge's current value leaves that value exactly as it is
// (a shared delay is not even set again); when both do, nothing changes
// and changed is false. delay is ignored for an edge without a delay. An
// error is an *EdgeFieldError naming the field at fault.
func (s *Session) EditEdge(e EdgeRef, weight, delay string) (changed bool, err error) {
	info, err := s.Edge(e)
	if err != nil {
		return false, err
	}
	w, wSame := info.Weight, strings.TrimSpace(weight) == EdgeText(info.Weight)
	if !wSame {
		if w, err = ParseFloat("weight", weight); err != nil {
			return false, edgeField(false, err)
		}
		if err := checkEdgeWeight(w); err != nil {
			return false, edgeField(false, err)
		}
	}
	d, dSame := info.Delay, !info.HasDelay || strings.TrimSpace(delay) == EdgeText(info.Delay)
	if !dSame {
		if d, err = ParseFloat("delay", delay); err != nil {
			return false, edgeField(true, err)
		}
		if err := checkEdgeDelay(info, d); err != nil {
			return false, edgeField(true, err)
		}
	}
	if wSame && dSame {
		return false, nil
	}
	return true, edgeField(false, s.setEdge(e, info, w, d, !dSame))
}
