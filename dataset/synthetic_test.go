package dataset

import (
	"math"
	"slices"
	"testing"
)

var synthetic = []struct {
	name  string
	gen   func(int, uint64, float64) []Point
	noise float64
}{
	{"xor", Xor, defaultXorNoise},
	{"circles", Circles, defaultCirclesNoise},
	{"spirals", Spirals, defaultSpiralsNoise},
}

func TestSynthetic(t *testing.T) {
	const n = 2000
	for _, c := range synthetic {
		for _, noise := range []float64{0, c.noise, 1} {
			a := c.gen(n, 1, noise)
			if len(a) != n {
				t.Fatalf("%s: got %d points, want %d", c.name, len(a), n)
			}
			if !slices.Equal(a, c.gen(n, 1, noise)) {
				t.Errorf("%s noise %v: same seed gave different points", c.name, noise)
			}
			if slices.Equal(a, c.gen(n, 2, noise)) {
				t.Errorf("%s noise %v: seeds 1 and 2 gave the same points", c.name, noise)
			}
			var counts [2]int
			for i, p := range a {
				if msg := p.check(); msg != "" || p.Label > 1 {
					t.Fatalf("%s noise %v: point %d %+v invalid: %s", c.name, noise, i, p, msg)
				}
				counts[p.Label]++
			}
			// Labels are fair coin flips: 2000 draws stay within ±4.5σ
			// (σ ≈ 22) of 1000 except with negligible probability.
			if d := counts[0] - n/2; d < -100 || d > 100 {
				t.Errorf("%s noise %v: class counts %v are unbalanced", c.name, noise, counts)
			}
		}
	}
}

// TestSyntheticShape checks that the noiseless sets have the geometry their
// documentation promises, so a bug that e.g. swaps the classes fails.
func TestSyntheticShape(t *testing.T) {
	for _, p := range Xor(500, 3, 0) {
		onDiagonal := p.X == p.Y
		if (p.Label == 0) != onDiagonal || (p.X != 0.25 && p.X != 0.75) {
			t.Fatalf("xor: noiseless point %+v is not at its class's blob centre", p)
		}
	}
	for _, p := range Circles(500, 3, 0) {
		r := math.Hypot(p.X-0.5, p.Y-0.5)
		if in := r <= 0.25+1e-12; in != (p.Label == 0) || r > 0.5+1e-12 || (p.Label == 1 && r < 0.35-1e-12) {
			t.Fatalf("circles: noiseless point %+v at radius %v is in the wrong region", p, r)
		}
	}
	for _, p := range Spirals(500, 3, 0) {
		r := math.Hypot(p.X-0.5, p.Y-0.5)
		if r < 0.05-1e-12 || r > 0.45+1e-12 {
			t.Fatalf("spirals: noiseless point %+v at radius %v is off the arms", p, r)
		}
		// Invert r = 0.05 + 0.4t to find where on the arm the point must lie.
		t0 := (r - 0.05) / 0.4
		phi := 2*math.Pi*spiralTurns*t0 + math.Pi*float64(p.Label)
		if d := math.Hypot(p.X-0.5-r*math.Cos(phi), p.Y-0.5-r*math.Sin(phi)); d > 1e-9 {
			t.Fatalf("spirals: noiseless point %+v is %v away from arm %d", p, d, p.Label)
		}
	}
}

func TestSyntheticPanicsOnBadNoise(t *testing.T) {
	for _, c := range synthetic {
		for _, noise := range []float64{-0.1, math.NaN(), math.Inf(1)} {
			func() {
				defer func() {
					if recover() == nil {
						t.Errorf("%s(noise %v) did not panic", c.name, noise)
					}
				}()
				c.gen(1, 1, noise)
			}()
		}
	}
}
