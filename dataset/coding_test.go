package dataset

import (
	"slices"
	"testing"
)

func TestEncode(t *testing.T) {
	c := DefaultCoding()
	if c != (Coding{TEarly: 0.15, TLate: 2.0}) {
		t.Fatalf("DefaultCoding() = %+v, want {0.15 2}", c)
	}
	for _, tc := range []struct {
		p    Point
		want []float64
	}{
		// Endpoints map exactly onto the window edges.
		{Point{X: 0, Y: 1}, []float64{0.15, 2, 2, 0.15}},
		{Point{X: 1, Y: 0}, []float64{2, 0.15, 0.15, 2}},
		// 0.15 + 0.5·1.85 = 1.075 rounds to the float64 nearest 1.075.
		{Point{X: 0.5, Y: 0.5}, []float64{1.075, 1.075, 1.075, 1.075}},
		// 0.15 + 0.25·1.85 = 0.6125 and 0.15 + 0.75·1.85 = 1.5375, both
		// correctly rounded in float64.
		{Point{X: 0.25, Y: 0.75}, []float64{0.6125, 1.5375, 1.5375, 0.6125}},
	} {
		got := c.Encode(nil, tc.p)
		if !slices.Equal(got, tc.want) {
			t.Errorf("Encode(%+v) = %v, want %v", tc.p, got, tc.want)
		}
	}

	// Encode appends and leaves the existing prefix alone.
	dst := []float64{-1}
	dst = Coding{TEarly: 1, TLate: 3}.Encode(dst, Point{X: 0.5, Y: 0.25})
	if want := []float64{-1, 2, 1.5, 2, 2.5}; !slices.Equal(dst, want) {
		t.Errorf("Encode appended %v, want %v", dst, want)
	}
	if len(dst)-1 != Features {
		t.Errorf("Encode appended %d values, want Features = %d", len(dst)-1, Features)
	}
}

func TestEncodeAll(t *testing.T) {
	pts := []Point{{X: 0.25, Y: 0.5, Label: 1}, {X: 1, Y: 0, Label: 2}}
	c := DefaultCoding()
	f, l := c.EncodeAll(pts)
	for i, p := range pts {
		want := c.Encode(nil, p)
		for j := range want {
			if f[i][j] != want[j] {
				t.Fatalf("point %d feature %d: %v, want %v", i, j, f[i][j], want[j])
			}
		}
		if l[i] != p.Label || len(f[i]) != Features || cap(f[i]) != Features {
			t.Fatalf("point %d: label %d len %d cap %d", i, l[i], len(f[i]), cap(f[i]))
		}
	}
}
