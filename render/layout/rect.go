package layout

// Pt is a point on the screen.
type Pt struct{ X, Y float64 }

// Rect is an axis-aligned rectangle: top-left corner, width and height.
type Rect struct{ X, Y, W, H float64 }

// Contains reports whether p lies inside r (edges included).
func (r Rect) Contains(p Pt) bool {
	return p.X >= r.X && p.X <= r.X+r.W && p.Y >= r.Y && p.Y <= r.Y+r.H
}

// Overlaps reports whether r and o share inner points (touching edges do
// not count).
func (r Rect) Overlaps(o Rect) bool {
	return r.X < o.Right() && o.X < r.Right() && r.Y < o.Bottom() && o.Y < r.Bottom()
}

// Within reports whether r lies inside o (edges included).
func (r Rect) Within(o Rect) bool {
	return r.X >= o.X && r.Y >= o.Y && r.Right() <= o.Right() && r.Bottom() <= o.Bottom()
}

// Inset shrinks r by d on every side (never below zero size).
func (r Rect) Inset(d float64) Rect {
	w, h := max(r.W-2*d, 0), max(r.H-2*d, 0)
	return Rect{r.X + d, r.Y + d, w, h}
}

// Right and Bottom are the far edges.
func (r Rect) Right() float64  { return r.X + r.W }
func (r Rect) Bottom() float64 { return r.Y + r.H }

// Center is the middle of r.
func (r Rect) Center() Pt { return Pt{r.X + r.W/2, r.Y + r.H/2} }

// SplitY cuts r horizontally at fraction f of its height, leaving gap
// between the parts.
func (r Rect) SplitY(f, gap float64) (top, bottom Rect) {
	h := (r.H - gap) * f
	return Rect{r.X, r.Y, r.W, h}, Rect{r.X, r.Y + h + gap, r.W, r.H - h - gap}
}

// SplitX cuts r vertically at width w (left part), leaving gap.
func (r Rect) SplitX(w, gap float64) (left, right Rect) {
	return Rect{r.X, r.Y, w, r.H}, Rect{r.X + w + gap, r.Y, r.W - w - gap, r.H}
}

// distToSegment is the distance from p to the segment a–b.
func distToSegment(p, a, b Pt) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = ((p.X-a.X)*dx + (p.Y-a.Y)*dy) / l2
		t = min(max(t, 0), 1)
	}
	ex, ey := a.X+t*dx-p.X, a.Y+t*dy-p.Y
	return sqrt(ex*ex + ey*ey)
}
