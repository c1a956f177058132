//go:build js

package render

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"delaylab/dataset"
	"delaylab/render/layout"
)

// dots draws the data points of the decision map: a thousand small discs
// in one draw call. Each point is two textured quads — a dark halo, then a
// white disc tinted with the class colour — cut from a sprite drawn once
// for the current size. Building a thousand feathered discs from vertices
// instead took half a second on the first frame in WebAssembly.
type dots struct {
	sprite   *ebiten.Image
	r, scale float64
	size     int // sprite cell size in pixels
	vs       []ebiten.Vertex
	is       []uint16
}

// ensure draws the sprite for dots of radius r: the halo in the left cell,
// the white disc in the right one.
func (d *dots) ensure(r, scale float64) {
	if d.sprite != nil && d.r == r && d.scale == scale {
		return
	}
	if d.sprite != nil {
		d.sprite.Deallocate()
	}
	halo := r + 0.9*scale
	d.size = int(math.Ceil(2*halo)) + 2
	d.r, d.scale = r, scale
	d.sprite = ebiten.NewImage(2*d.size, d.size)
	c := &canvas{surf: &ebitenSurface{dst: d.sprite}, scale: scale}
	mid := float64(d.size) / 2
	c.disc(layout.Pt{X: mid, Y: mid}, halo, withAlpha(colBackground, 0.85))
	c.disc(layout.Pt{X: float64(d.size) + mid, Y: mid}, r, colSelect)
	c.flush()
}

// draw draws pts inside the map square sq on e.
func (d *dots) draw(e *ebitenSurface, pts []dataset.Point, sq layout.Rect, scale float64) {
	d.ensure(max(2.2*scale, sq.W/260), scale)
	d.vs, d.is = d.vs[:0], d.is[:0]
	half := float64(d.size) / 2
	for _, p := range pts {
		at := layout.MapToScreen(sq, p.X, p.Y)
		// Whole pixels: the sprite is drawn 1:1 with the nearest filter.
		x, y := math.Round(at.X-half), math.Round(at.Y-half)
		d.quad(x, y, 0, colBackground)
		d.quad(x, y, d.size, classColor(p.Label))
		if len(d.vs) > 60000 {
			d.flush(e)
		}
	}
	d.flush(e)
}

// quad adds one sprite cell (at column offset sx) at (x, y), tinted col.
func (d *dots) quad(x, y float64, sx int, col color.NRGBA) {
	s := float64(d.size)
	i := uint16(len(d.vs))
	r, g, b := float32(col.R)/255, float32(col.G)/255, float32(col.B)/255
	if sx == 0 {
		r, g, b = 1, 1, 1 // the halo keeps its own colour
	}
	for _, v := range [4][2]float64{{0, 0}, {1, 0}, {1, 1}, {0, 1}} {
		d.vs = append(d.vs, ebiten.Vertex{
			DstX: float32(x + v[0]*s), DstY: float32(y + v[1]*s),
			SrcX: float32(float64(sx) + v[0]*s), SrcY: float32(v[1] * s),
			ColorR: r, ColorG: g, ColorB: b, ColorA: 1,
		})
	}
	d.is = append(d.is, i, i+1, i+2, i, i+2, i+3)
}

func (d *dots) flush(e *ebitenSurface) {
	if len(d.is) > 0 {
		e.dst.DrawTriangles(d.vs, d.is, d.sprite, nil)
	}
	d.vs, d.is = d.vs[:0], d.is[:0]
}
