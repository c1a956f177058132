package layout

// Net is the geometry of the network view: one column of discs per layer,
// inputs on the left, outputs on the right.
type Net struct {
	Body Rect
	// Units[c][i] is the centre of unit i of column c (0: the inputs,
	// c = l+1: network layer l).
	Units [][]Pt
	// Bias[l][j] is the centre of bias spike j that feeds network layer l;
	// it sits below the units of column l.
	Bias [][]Pt
	// R is the disc radius, the same for all columns so sizes compare.
	R float64
	// Scale is device pixels per CSS pixel.
	Scale float64
}

// Edge names a synapse: from presynaptic row Row (a unit of the column
// before, or a bias spike after them) to neuron Post of network layer Layer.
type Edge struct {
	Layer, Row, Post int
}

// Space for the labels beside the first and last columns, in CSS pixels.
const (
	leftLabels  = 44
	rightLabels = 78
	maxSpacing  = 56
	maxRadius   = 13
	minRadius   = 2.5
)

// Network places the discs of a network with the given column sizes (inputs
// first) and bias spikes per network layer (nil: none) inside body.
func Network(body Rect, sizes []int, bias []int, scale float64) Net {
	g := Net{Body: body, Scale: scale}
	if len(sizes) < 2 {
		return g
	}
	x0 := body.X + leftLabels*scale
	x1 := body.Right() - rightLabels*scale
	colGap := (x1 - x0) / float64(len(sizes)-1)
	// Each column spreads its own discs over the height; the radius comes
	// from the densest column so all discs are alike.
	slots := func(c int) int {
		n := sizes[c]
		if c < len(bias) {
			n += bias[c] // bias spikes feeding layer c sit in column c
		}
		return n
	}
	minSp := maxSpacing * scale
	for c := range sizes {
		minSp = min(minSp, body.H/float64(max(slots(c), 1)))
	}
	g.R = min(max(minSp*0.38, minRadius*scale), maxRadius*scale, colGap*0.2)
	for c := range sizes {
		n := slots(c)
		sp := min(body.H/float64(max(n, 1)), maxSpacing*scale)
		y := body.Y + body.H/2 - sp*float64(n)/2 + sp/2
		x := x0 + colGap*float64(c)
		var units []Pt
		for range sizes[c] {
			units = append(units, Pt{x, y})
			y += sp
		}
		g.Units = append(g.Units, units)
		if c < len(sizes)-1 {
			var b []Pt
			if c < len(bias) {
				for range bias[c] {
					b = append(b, Pt{x, y})
					y += sp
				}
			}
			g.Bias = append(g.Bias, b)
		}
	}
	return g
}

// Row is the position of presynaptic row i of network layer l: a unit of
// column l, or a bias spike after them.
func (g *Net) Row(l, i int) Pt {
	if i < len(g.Units[l]) {
		return g.Units[l][i]
	}
	return g.Bias[l][i-len(g.Units[l])]
}

// Rows is the number of presynaptic rows of network layer l.
func (g *Net) Rows(l int) int { return len(g.Units[l]) + len(g.Bias[l]) }

// NeuronAt returns the unit whose disc (with a small margin, so tiny discs
// stay clickable) contains p.
func (g *Net) NeuronAt(p Pt) (col, i int, ok bool) {
	hit := g.R + 3*g.Scale
	best := hit * hit
	for c, units := range g.Units {
		for j, u := range units {
			dx, dy := p.X-u.X, p.Y-u.Y
			if d := dx*dx + dy*dy; d <= best {
				best, col, i, ok = d, c, j, true
			}
		}
	}
	return col, i, ok
}

// EdgeAt returns the edge nearest to p within a few pixels, ignoring the
// parts hidden under the discs. Neurons take precedence: ask NeuronAt first.
func (g *Net) EdgeAt(p Pt) (Edge, bool) {
	tol := 4 * g.Scale
	best, found := tol, Edge{}
	ok := false
	for l := 0; l+1 < len(g.Units); l++ {
		for i := range g.Rows(l) {
			a := g.Row(l, i)
			// Columns are vertical lines: skip whole layers p is not between.
			if p.X < a.X || p.X > g.Units[l+1][0].X {
				break
			}
			for k, b := range g.Units[l+1] {
				if d := distToSegment(p, a, b); d <= best && !nearEnd(p, a, b, g.R) {
					best, found, ok = d, Edge{l, i, k}, true
				}
			}
		}
	}
	return found, ok
}

// nearEnd reports whether p is within r of either end of a–b.
func nearEnd(p, a, b Pt, r float64) bool {
	d := func(q Pt) float64 { return (p.X-q.X)*(p.X-q.X) + (p.Y-q.Y)*(p.Y-q.Y) }
	return d(a) < r*r || d(b) < r*r
}

// Along is the point a fraction f of the way along an edge's visible part
// (from the rim of the presynaptic disc to the rim of the target's).
func (g *Net) Along(e Edge, f float64) Pt {
	a, b := g.Row(e.Layer, e.Row), g.Units[e.Layer+1][e.Post]
	dx, dy := b.X-a.X, b.Y-a.Y
	l := sqrt(dx*dx + dy*dy)
	if l <= 2*g.R {
		return Pt{a.X + f*dx, a.Y + f*dy}
	}
	ux, uy := dx/l, dy/l
	s := g.R + f*(l-2*g.R)
	return Pt{a.X + ux*s, a.Y + uy*s}
}
