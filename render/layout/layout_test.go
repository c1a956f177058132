package layout

import (
	"math"
	"testing"
)

func TestPageTilesWithoutOverlap(t *testing.T) {
	for _, tc := range []struct{ w, h, inset, scale float64 }{
		{1400, 900, 320, 1}, {2800, 1800, 640, 2}, {1024, 700, 300, 1},
	} {
		p := Compute(tc.w, tc.h, Insets{Left: tc.inset}, tc.scale)
		panels := []Panel{p.Network, p.Map, p.Raster, p.Curves}
		for i, a := range panels {
			if a.Frame.X < tc.inset || a.Frame.Right() > tc.w || a.Frame.Y < 0 || a.Frame.Bottom() > tc.h {
				t.Errorf("%v: panel %d %+v leaves the canvas area", tc, i, a.Frame)
			}
			if a.Body.W <= 0 || a.Body.H <= 0 {
				t.Errorf("%v: panel %d has an empty body", tc, i)
			}
			for j, b := range panels[i+1:] {
				if overlap(a.Frame, b.Frame) {
					t.Errorf("%v: panels %d and %d overlap", tc, i, i+1+j)
				}
			}
		}
		if s := p.Square; math.Abs(s.W-s.H) > 1e-9 || !inside(s, p.Map.Body) {
			t.Errorf("%v: map square %+v not a square inside %+v", tc, s, p.Map.Body)
		}
		if overlap(p.RasterBody, p.TraceBody) {
			t.Errorf("%v: raster and trace overlap", tc)
		}
	}
}

func overlap(a, b Rect) bool {
	return a.X < b.Right() && b.X < a.Right() && a.Y < b.Bottom() && b.Y < a.Bottom()
}

func inside(a, b Rect) bool {
	const eps = 1e-9
	return a.X >= b.X-eps && a.Y >= b.Y-eps && a.Right() <= b.Right()+eps && a.Bottom() <= b.Bottom()+eps
}

func TestNetworkHitTests(t *testing.T) {
	body := Rect{100, 50, 600, 400}
	g := Network(body, []int{4, 30, 3}, nil, 1)
	if len(g.Units) != 3 || len(g.Units[1]) != 30 || g.R <= 0 {
		t.Fatalf("geometry %+v", g)
	}
	for c, units := range g.Units {
		for i, u := range units {
			if !body.Contains(u) {
				t.Fatalf("unit %d/%d at %+v outside the body", c, i, u)
			}
			col, j, ok := g.NeuronAt(Pt{u.X + g.R*0.5, u.Y})
			if !ok || col != c || j != i {
				t.Errorf("NeuronAt next to unit %d/%d: %d/%d %v", c, i, col, j, ok)
			}
		}
	}
	if _, _, ok := g.NeuronAt(Pt{body.X + 1, body.Y + 1}); ok {
		t.Error("a neuron in an empty corner")
	}
	// The midpoint of every edge finds that edge (or one crossing it there
	// at the same distance, which cannot happen at these midpoints).
	for l := range 2 {
		for i := range g.Rows(l) {
			for k := range g.Units[l+1] {
				e := Edge{l, i, k}
				m := g.Along(e, 0.5)
				got, ok := g.EdgeAt(m)
				if !ok {
					t.Fatalf("no edge at the midpoint of %+v", e)
				}
				a, b := g.Row(got.Layer, got.Row), g.Units[got.Layer+1][got.Post]
				if distToSegment(m, a, b) > 1e-9 {
					t.Errorf("midpoint of %+v found %+v", e, got)
				}
			}
		}
	}
	if _, ok := g.EdgeAt(Pt{body.X + 2, body.Bottom() - 2}); ok {
		t.Error("an edge in an empty corner")
	}
}

func TestNetworkBias(t *testing.T) {
	g := Network(Rect{0, 0, 600, 400}, []int{4, 10, 3}, []int{1, 1}, 1)
	if len(g.Bias) != 2 || len(g.Bias[0]) != 1 || g.Rows(0) != 5 || g.Rows(1) != 11 {
		t.Fatalf("bias geometry %+v", g.Bias)
	}
	if b := g.Row(0, 4); b.X != g.Units[0][0].X || b.Y <= g.Units[0][3].Y {
		t.Errorf("bias row at %+v, want below the inputs", b)
	}
}

func TestAlongRunsRimToRim(t *testing.T) {
	g := Network(Rect{0, 0, 600, 400}, []int{4, 30, 3}, nil, 1)
	e := Edge{1, 3, 2}
	a, b := g.Row(1, 3), g.Units[2][2]
	d := func(p, q Pt) float64 { return math.Hypot(p.X-q.X, p.Y-q.Y) }
	if got := d(g.Along(e, 0), a); math.Abs(got-g.R) > 1e-9 {
		t.Errorf("start %v from the centre, want the radius %v", got, g.R)
	}
	if got := d(g.Along(e, 1), b); math.Abs(got-g.R) > 1e-9 {
		t.Errorf("end %v from the centre, want the radius %v", got, g.R)
	}
}

func TestMapRoundTrip(t *testing.T) {
	sq := Rect{500, 40, 300, 300}
	for _, v := range [][2]float64{{0, 0}, {1, 1}, {0.25, 0.8}} {
		p := MapToScreen(sq, v[0], v[1])
		x, y := ScreenToMap(sq, p)
		if math.Abs(x-v[0]) > 1e-12 || math.Abs(y-v[1]) > 1e-12 {
			t.Errorf("%v → %+v → %v, %v", v, p, x, y)
		}
	}
	if p := MapToScreen(sq, 0, 0); p.Y != sq.Bottom() {
		t.Errorf("y = 0 at %v, want the bottom %v", p.Y, sq.Bottom())
	}
	pts := [][2]float64{{0.1, 0.1}, {0.5, 0.5}, {0.9, 0.2}}
	xy := func(i int) (float64, float64) { return pts[i][0], pts[i][1] }
	target := MapToScreen(sq, 0.5, 0.5)
	if i, ok := NearestPoint(sq, Pt{target.X + 3, target.Y - 2}, len(pts), xy, 8); !ok || i != 1 {
		t.Errorf("NearestPoint = %d %v, want 1", i, ok)
	}
	if _, ok := NearestPoint(sq, Pt{sq.X + 150, sq.Y + 10}, len(pts), xy, 8); ok {
		t.Error("NearestPoint found a point far away")
	}
}

func TestAxis(t *testing.T) {
	a := TimeAxis(Rect{0, 0, 500, 100}, 6, 1)
	if a.Px(0) != a.From || a.Px(6) != a.To || math.Abs(a.Value(a.Px(2.5))-2.5) > 1e-12 {
		t.Errorf("axis %+v", a)
	}
}

// TestArrangementFollowsWidth: wide windows get the column of controls and
// the 2×2 grid, narrow ones the bar and, on a phone, the stacked views.
func TestArrangementFollowsWidth(t *testing.T) {
	if in := ControlsFor(1400, 900); in.Left != PanelWidth || in.Top != 0 {
		t.Errorf("1400 px: controls %+v, want a column", in)
	}
	if in := ControlsFor(768, 1024); in.Left != 0 || in.Top != BarHeight {
		t.Errorf("768 px: controls %+v, want a bar", in)
	}
	grid := Compute(768, 1024-BarHeight, ControlsFor(768, 1024), 1)
	if !(grid.Network.Frame.Y == grid.Map.Frame.Y && grid.Raster.Frame.Y > grid.Network.Frame.Bottom()) {
		t.Errorf("tablet: not a 2×2 grid: %+v", grid)
	}
	phone := Compute(780, 1688, ControlsFor(390, 844).Scaled(2), 2)
	if phone.Area.Y != 2*BarHeight+2*pad {
		t.Errorf("phone: views start at %v, want below the bar", phone.Area.Y)
	}
	if !(phone.Network.Frame.W == phone.Area.W && phone.Raster.Frame.W == phone.Area.W &&
		phone.Raster.Frame.Y > phone.Network.Frame.Bottom() && phone.Map.Frame.Y > phone.Raster.Frame.Bottom() &&
		phone.Map.Frame.Y == phone.Curves.Frame.Y) {
		t.Errorf("phone: views not stacked (network, spikes, then map beside curves): %+v", phone)
	}
	if ax := TimeAxis(phone.TraceBody, 4, 2); ax.To <= ax.From {
		t.Errorf("phone: the time axis runs backwards: %+v", ax)
	}
}
