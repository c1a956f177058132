package chip_test

import (
	"math"
	"testing"

	"delaylab/chip"
)

// TestQuantiseOnGrid: every weight of the 6-bit grid maps to itself, and
// to its own hardware value, bit for bit.
func TestQuantiseOnGrid(t *testing.T) {
	c := chip.DefaultConfig()
	for k := -63; k <= 63; k++ {
		w := float64(k) / 30
		if got := c.HardwareWeight(w); got != k {
			t.Errorf("HardwareWeight(%d/30) = %d, want %d", k, got, k)
		}
		if got := c.Quantise(w); got != w {
			t.Errorf("Quantise(%d/30) = %v, want %v", k, got, w)
		}
	}
}

func TestQuantiseRoundsAndClips(t *testing.T) {
	c := chip.DefaultConfig()
	for _, tc := range []struct {
		w    float64
		want int
	}{
		{0, 0}, {0.4 / 30, 0}, {0.6 / 30, 1}, {-0.6 / 30, -1},
		{10.49 / 30, 10}, {10.51 / 30, 11}, {-10.51 / 30, -11},
		{2.5 / 30, 2}, {3.5 / 30, 4}, // halves to even, as torch.round
		{2.1, 63}, {2.11, 63}, {5, 63}, {1e300, 63}, {math.Inf(1), 63},
		{-2.1, -63}, {-7, -63}, {math.Inf(-1), -63}, {math.NaN(), 0},
	} {
		if got := c.HardwareWeight(tc.w); got != tc.want {
			t.Errorf("HardwareWeight(%v) = %d, want %d", tc.w, got, tc.want)
		}
		if q := c.Quantise(tc.w); !math.IsNaN(tc.w) && q != float64(tc.want)/30 {
			t.Errorf("Quantise(%v) = %v, want %d/30", tc.w, q, tc.want)
		}
	}
	if q := c.Without(chip.WeightGrid).Quantise(3.14159); q != 3.14159 {
		t.Errorf("without the weight grid Quantise changed 3.14159 to %v", q)
	}
}

func TestRowsSplitSign(t *testing.T) {
	for _, tc := range []struct {
		w        int
		exc, inh uint8
	}{{0, 0, 0}, {1, 1, 0}, {63, 63, 0}, {-1, 0, 1}, {-63, 0, 63}, {17, 17, 0}, {-40, 0, 40}} {
		e, i := chip.Rows(tc.w)
		if e != tc.exc || i != tc.inh {
			t.Errorf("Rows(%d) = %d, %d; want %d, %d", tc.w, e, i, tc.exc, tc.inh)
		}
	}
}

// TestDelayElements checks delay = 2 µs + ticks/8 µs with
// ticks = round((d·6 µs − 2 µs)·8) clipped to [50, 250] (docs/science.md §9:
// 8.25–33.25 µs).
func TestDelayElements(t *testing.T) {
	c := chip.DefaultConfig()
	for _, tc := range []struct {
		d     float64 // τ
		ticks int
		us    float64 // realised, µs
	}{
		{2, 80, 12}, {2.5, 104, 15}, {3.5, 152, 21}, {2.75, 116, 16.5},
		{2.501, 104, 15},             // 15.006 µs: 104.048 ticks
		{2.0 + 1.0/48, 81, 12.125},   // one tick (1/48 τ) above 2 τ
		{0, 50, 8.25}, {1, 50, 8.25}, // clipped below: 8.25 µs = 1.375 τ
		{6, 250, 33.25}, {100, 250, 33.25},
	} {
		if got := c.DelayTicks(tc.d); got != tc.ticks {
			t.Errorf("DelayTicks(%v) = %d, want %d", tc.d, got, tc.ticks)
		}
		if got := c.ElementDelay(tc.d, 0); math.Abs(got-tc.us/6) > 1e-15 {
			t.Errorf("ElementDelay(%v) = %v τ, want %v µs = %v τ", tc.d, got, tc.us, tc.us/6)
		}
	}
	// An offset error shifts the delay by itself.
	if got := c.ElementDelay(2.5, 0.3); math.Abs(got-15.3/6) > 1e-15 {
		t.Errorf("ElementDelay(2.5, +0.3 µs) = %v, want %v", got, 15.3/6)
	}
	// Without the grid the element realises the model delay exactly.
	ideal := c.Without(chip.DelayGrid)
	for _, d := range []float64{0, 1e-9, 0.3, 2.123456789, 7} {
		if ideal.DelayTicks(d) != -1 || ideal.ElementDelay(d, 0) != d {
			t.Errorf("without grid: ticks %d, delay %v for %v", ideal.DelayTicks(d), ideal.ElementDelay(d, 0), d)
		}
	}
}
