package sim

import (
	"math"
	"testing"
)

// TestSameBits: sameBits and sameWords tell slices apart by their bits,
// not their values.
func TestSameBits(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		a, b []float64
		want bool
	}{
		{nil, nil, true},
		{nil, []float64{}, true},
		{[]float64{1, 2, 3}, []float64{1, 2, 3}, true},
		{[]float64{1, 2, 3}, []float64{1, 2}, false},
		{[]float64{1, 2, 3}, []float64{1, 2, math.Nextafter(3, 4)}, false},
		{[]float64{0}, []float64{math.Copysign(0, -1)}, false},
		{[]float64{nan}, []float64{nan}, true},
		{[]float64{math.Inf(1), 5}, []float64{math.Inf(1), 5}, true},
		{[]float64{1, 2, 3, 4, 5, 6}, []float64{1, 2, 3, 4, 5, 6}, true},
		{[]float64{1, 2, 3, 4, 5, 6}, []float64{1, 2, 3, 4, 5, 7}, false},
		{[]float64{1, 2, 3, 4, 5, 6}, []float64{1, 2, 3, 9, 5, 6}, false},
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8}, []float64{1, 2, 3, 4, 5, 6, 7, 8}, true},
	} {
		if got := sameBits(c.a, c.b); got != c.want {
			t.Errorf("sameBits(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := sameWords(c.a, c.b); got != c.want {
			t.Errorf("sameWords(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
