package layout

// Map coordinates: the unit square of the data, y pointing up as in the
// data's own plots.

// MapToScreen maps a data point (x, y in [0,1]) into the square.
func MapToScreen(sq Rect, x, y float64) Pt {
	return Pt{sq.X + x*sq.W, sq.Y + (1-y)*sq.H}
}

// ScreenToMap is the inverse of MapToScreen.
func ScreenToMap(sq Rect, p Pt) (x, y float64) {
	return (p.X - sq.X) / sq.W, 1 - (p.Y-sq.Y)/sq.H
}

// NearestPoint returns the index of the point nearest to p on the screen,
// if one lies within maxDist pixels; xy(i) gives point i's data coordinates.
func NearestPoint(sq Rect, p Pt, n int, xy func(i int) (x, y float64), maxDist float64) (int, bool) {
	best, idx := maxDist*maxDist, -1
	for i := range n {
		x, y := xy(i)
		q := MapToScreen(sq, x, y)
		dx, dy := q.X-p.X, q.Y-p.Y
		if d := dx*dx + dy*dy; d <= best {
			best, idx = d, i
		}
	}
	return idx, idx >= 0
}

// Axis maps a value range onto a pixel range.
type Axis struct {
	Lo, Hi   float64 // values
	From, To float64 // pixels; To < From for an upward y axis
}

// Px is the pixel position of value v.
func (a Axis) Px(v float64) float64 {
	if a.Hi == a.Lo {
		return a.From
	}
	return a.From + (v-a.Lo)/(a.Hi-a.Lo)*(a.To-a.From)
}

// Value is the value at pixel position px.
func (a Axis) Value(px float64) float64 {
	if a.To == a.From {
		return a.Lo
	}
	return a.Lo + (px-a.From)/(a.To-a.From)*(a.Hi-a.Lo)
}

// TimeAxis is the time axis shared by the raster and the trace, so a spike
// and its threshold crossing line up: the plot's width less room for the
// row labels on the left.
func TimeAxis(body Rect, end, scale float64) Axis {
	return Axis{Lo: 0, Hi: end, From: body.X + 44*scale, To: body.Right() - 8*scale}
}
