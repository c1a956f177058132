//go:build js

package render

import (
	"image"
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"delaylab/dataset"
	"delaylab/render/layout"
)

// ebitenSurface draws on an Ebiten image.
type ebitenSurface struct {
	dst   *ebiten.Image
	fonts *fonts
	faces map[faceKey]*text.GoXFace
	dots  *dots
	vs    []ebiten.Vertex
}

// white is a white source pixel for the triangles (a sub-image away from
// the edges, so filtering never samples outside it).
var white = func() *ebiten.Image {
	img := ebiten.NewImage(3, 3)
	img.Fill(color.White)
	return img.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)
}()

func (e *ebitenSurface) triangles(vs []vertex, is []uint16) {
	e.vs = e.vs[:0]
	for _, v := range vs {
		e.vs = append(e.vs, ebiten.Vertex{
			DstX: v.X, DstY: v.Y, SrcX: 1.5, SrcY: 1.5,
			ColorR: v.R, ColorG: v.G, ColorB: v.B, ColorA: v.A,
		})
	}
	e.dst.DrawTriangles(e.vs, is, white, nil)
}

func (e *ebitenSurface) glyphs(s string, x, top, _, _ float64, k faceKey, col color.Color) {
	fc, ok := e.faces[k]
	if !ok {
		if e.faces == nil {
			e.faces = map[faceKey]*text.GoXFace{}
		}
		fc = text.NewGoXFace(e.fonts.face(k))
		e.faces[k] = fc
	}
	op := &text.DrawOptions{}
	op.GeoM.Translate(x, top)
	op.ColorScale.ScaleWithColor(col)
	text.Draw(e.dst, s, fc, op)
}

func (e *ebitenSurface) points(pts []dataset.Point, sq layout.Rect, scale float64) {
	if e.dots == nil {
		e.dots = &dots{}
	}
	e.dots.draw(e, pts, sq, scale)
}
