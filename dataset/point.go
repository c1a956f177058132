package dataset

import (
	"fmt"
	"math"
)

// Point is one labelled sample in the unit square [0,1]².
type Point struct {
	X, Y  float64
	Label int
}

// maxLabel is the largest label a Point may carry. Ten classes are plenty for
// 2-D toy problems and keep a label one readable digit in CSV files.
const maxLabel = 9

// check reports why p is not a valid sample, or "" if it is. It is shared by
// ReadCSV, WriteCSV and Generate so that all three accept exactly the same
// points.
func (p Point) check() string {
	if msg := checkCoord("x", p.X); msg != "" {
		return msg
	}
	if msg := checkCoord("y", p.Y); msg != "" {
		return msg
	}
	if p.Label < 0 || p.Label > maxLabel {
		return fmt.Sprintf("label %d is not in 0..%d", p.Label, maxLabel)
	}
	return ""
}

func checkCoord(name string, v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Sprintf("%s %v is not finite", name, v)
	}
	if v < 0 || v > 1 {
		return fmt.Sprintf("%s %v is outside [0,1]; spike coding expects the unit square", name, v)
	}
	return ""
}

// numClasses returns the largest label in pts plus one, or 0 for no points.
func numClasses(pts ...[]Point) int {
	n := 0
	for _, s := range pts {
		for _, p := range s {
			n = max(n, p.Label+1)
		}
	}
	return n
}
