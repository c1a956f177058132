package render

import (
	"image/color"
	"math"

	"delaylab/dataset"
	"delaylab/render/layout"
)

// canvas is the destination image with the primitives every view uses;
// sizes passed to them are in device pixels.
//
// Shapes are antialiased by feathering, not by Ebiten's AntiAlias option:
// each shape carries a one-pixel rim whose vertex alpha falls to zero, and
// the GPU interpolates it. Ebiten's option renders into a double-size
// offscreen buffer that is composited whenever a non-antialiased draw
// (every glyph) follows, which in a software-rendered browser (SwiftShader)
// cost seconds per frame. Feathered shapes are ordinary triangles from one
// white source, so Ebiten batches hundreds of them, and the glyphs, into a
// few draw calls.
//
// The canvas builds the geometry and places the text; a surface puts it
// on the screen (Ebiten in the browser) or records it (the layout tests,
// which run natively).
type canvas struct {
	surf  surface
	scale float64 // device pixels per CSS pixel
	fonts *fonts
	vs    []vertex
	is    []uint16
	// placed are the boxes of the texts drawn this frame (fit.go).
	placed []layout.Rect
}

// vertex is a corner of a triangle: a position in device pixels and a
// straight (not premultiplied) colour with components in [0, 1].
type vertex struct {
	X, Y       float32
	R, G, B, A float32
}

// vertex appends a vertex of colour col at alpha fraction a of col's alpha
// and returns its index.
func (c *canvas) vertex(x, y float64, col color.NRGBA, a float64) uint16 {
	c.vs = append(c.vs, vertex{
		X: float32(x), Y: float32(y),
		R: float32(col.R) / 255, G: float32(col.G) / 255, B: float32(col.B) / 255,
		A: float32(a * float64(col.A) / 255),
	})
	return uint16(len(c.vs) - 1)
}

func (c *canvas) quad(a, b, cc, d uint16) { c.is = append(c.is, a, b, cc, a, cc, d) }

// flush draws the pending triangles.
func (c *canvas) flush() {
	if len(c.is) > 0 {
		c.surf.triangles(c.vs, c.is)
	}
	c.vs, c.is = c.vs[:0], c.is[:0]
}

// reserve flushes if n more vertices would overflow 16-bit indices.
func (c *canvas) reserve(n int) {
	if len(c.vs)+n > 60000 {
		c.flush()
	}
}

func nrgba(col color.Color) color.NRGBA {
	return color.NRGBAModel.Convert(col).(color.NRGBA)
}

// thin makes widths below a pixel a one-pixel line of lower opacity, which
// looks the same and keeps the feather well formed.
func thin(w float64) (width, alpha float64) {
	if w < 1 {
		return 1, w
	}
	return w, 1
}

// line draws a segment of the given width with butt ends.
func (c *canvas) line(a, b layout.Pt, width float64, col color.Color) {
	dx, dy := b.X-a.X, b.Y-a.Y
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	w, alpha := thin(width)
	nx, ny := -dy/l, dx/l
	k := nrgba(col)
	c.reserve(8)
	offs := [4]float64{w/2 + 0.5, w/2 - 0.5, -(w/2 - 0.5), -(w/2 + 0.5)}
	as := [4]float64{0, alpha, alpha, 0}
	var ia, ib [4]uint16
	for j, o := range offs {
		ia[j] = c.vertex(a.X+nx*o, a.Y+ny*o, k, as[j])
		ib[j] = c.vertex(b.X+nx*o, b.Y+ny*o, k, as[j])
	}
	for j := range 3 {
		c.quad(ia[j], ib[j], ib[j+1], ia[j+1])
	}
}

// segments is how many sides a circle of radius r needs to look round.
func segments(r float64) int { return min(max(int(r*1.5)+10, 12), 72) }

// disc draws a filled circle.
func (c *canvas) disc(p layout.Pt, r float64, col color.Color) {
	if r <= 0 {
		return
	}
	k := nrgba(col)
	alpha := 1.0
	if r < 0.5 {
		alpha, r = r/0.5, 0.5
	}
	n := segments(r)
	c.reserve(2*n + 1)
	center := c.vertex(p.X, p.Y, k, alpha)
	first := len(c.vs)
	for j := range n {
		s, co := math.Sincos(2 * math.Pi * float64(j) / float64(n))
		c.vertex(p.X+co*(r-0.5), p.Y+s*(r-0.5), k, alpha)
		c.vertex(p.X+co*(r+0.5), p.Y+s*(r+0.5), k, 0)
	}
	for j := range n {
		in0, out0 := uint16(first+2*j), uint16(first+2*j+1)
		jn := (j + 1) % n
		in1, out1 := uint16(first+2*jn), uint16(first+2*jn+1)
		c.is = append(c.is, center, in0, in1)
		c.quad(in0, out0, out1, in1)
	}
}

// ring draws a circle's outline of the given width centred on radius r.
func (c *canvas) ring(p layout.Pt, r, width float64, col color.Color) {
	w, alpha := thin(width)
	k := nrgba(col)
	radii := [4]float64{r - w/2 - 0.5, r - w/2 + 0.5, r + w/2 - 0.5, r + w/2 + 0.5}
	as := [4]float64{0, alpha, alpha, 0}
	radii[0] = max(radii[0], 0)
	n := segments(r + w/2)
	c.reserve(4 * n)
	first := len(c.vs)
	for j := range n {
		s, co := math.Sincos(2 * math.Pi * float64(j) / float64(n))
		for q := range 4 {
			c.vertex(p.X+co*radii[q], p.Y+s*radii[q], k, as[q])
		}
	}
	for j := range n {
		jn := (j + 1) % n
		for q := range 3 {
			a, b := uint16(first+4*j+q), uint16(first+4*j+q+1)
			d, e := uint16(first+4*jn+q), uint16(first+4*jn+q+1)
			c.quad(a, b, e, d)
		}
	}
}

// rect fills an axis-aligned rectangle (no feather: edges are straight).
func (c *canvas) rect(r layout.Rect, col color.Color) {
	if r.W <= 0 || r.H <= 0 {
		return
	}
	k := nrgba(col)
	c.reserve(4)
	a := c.vertex(r.X, r.Y, k, 1)
	b := c.vertex(r.Right(), r.Y, k, 1)
	cc := c.vertex(r.Right(), r.Bottom(), k, 1)
	d := c.vertex(r.X, r.Bottom(), k, 1)
	c.quad(a, b, cc, d)
}

// frame outlines a rectangle.
func (c *canvas) frame(r layout.Rect, width float64, col color.Color) {
	c.rect(layout.Rect{X: r.X, Y: r.Y, W: r.W, H: width}, col)
	c.rect(layout.Rect{X: r.X, Y: r.Bottom() - width, W: r.W, H: width}, col)
	c.rect(layout.Rect{X: r.X, Y: r.Y + width, W: width, H: r.H - 2*width}, col)
	c.rect(layout.Rect{X: r.Right() - width, Y: r.Y + width, W: width, H: r.H - 2*width}, col)
}

// polyline strokes the points in order with mitred joins, so a curve of
// many short segments has no seams or overlaps.
func (c *canvas) polyline(pts []layout.Pt, width float64, col color.NRGBA) {
	if len(pts) < 2 {
		return
	}
	w, alpha := thin(width)
	offs := [4]float64{w/2 + 0.5, w/2 - 0.5, -(w/2 - 0.5), -(w/2 + 0.5)}
	as := [4]float64{0, alpha, alpha, 0}
	normal := func(a, b layout.Pt) (float64, float64) {
		dx, dy := b.X-a.X, b.Y-a.Y
		l := math.Hypot(dx, dy)
		if l == 0 {
			return 0, 0
		}
		return -dy / l, dx / l
	}
	c.reserve(4 * len(pts))
	first := len(c.vs)
	for i, p := range pts {
		var nx, ny float64
		switch {
		case i == 0:
			nx, ny = normal(p, pts[1])
		case i == len(pts)-1:
			nx, ny = normal(pts[i-1], p)
		default:
			ax, ay := normal(pts[i-1], p)
			bx, by := normal(p, pts[i+1])
			nx, ny = ax+bx, ay+by
			l := math.Hypot(nx, ny)
			if l < 1e-9 {
				nx, ny = ax, ay
			} else {
				// Miter: lengthen the offset by 1/cos of half the turn,
				// capped so sharp turns do not spike.
				nx, ny = nx/l, ny/l
				m := 1 / max(nx*bx+ny*by, 0.5)
				nx, ny = nx*m, ny*m
			}
		}
		for q := range 4 {
			c.vertex(p.X+nx*offs[q], p.Y+ny*offs[q], col, as[q])
		}
	}
	for i := range len(pts) - 1 {
		for q := range 3 {
			a := uint16(first + 4*i + q)
			c.quad(a, a+1, a+5, a+4)
		}
	}
}

// dashed draws a dashed horizontal line from x0 to x1 at y.
func (c *canvas) dashed(x0, x1, y, width float64, col color.Color) {
	dash := 6 * c.scale
	for x := x0; x < x1; x += 2 * dash {
		c.line(layout.Pt{X: x, Y: y}, layout.Pt{X: min(x+dash, x1), Y: y}, width, col)
	}
}

// points draws data points inside the map square sq, above the shapes
// queued so far.
func (c *canvas) points(pts []dataset.Point, sq layout.Rect) {
	c.flush()
	c.surf.points(pts, sq, c.scale)
}
