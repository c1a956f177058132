//go:build js

package render

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
)

// fonts caches font faces by style and pixel size; faces cache their glyphs,
// so they must be reused, not rebuilt each frame.
type fonts struct {
	regular, bold *opentype.Font
	faces         map[faceKey]*text.GoXFace
}

type faceKey struct {
	bold bool
	px   int
}

func newFonts() *fonts {
	r, err := opentype.Parse(goregular.TTF)
	if err != nil {
		panic(err) // an embedded font that does not parse is a build error
	}
	b, err := opentype.Parse(gobold.TTF)
	if err != nil {
		panic(err)
	}
	return &fonts{regular: r, bold: b, faces: map[faceKey]*text.GoXFace{}}
}

// face returns the face of size px (device pixels, rounded).
func (f *fonts) face(px float64, bold bool) *text.GoXFace {
	k := faceKey{bold, int(math.Round(px))}
	if fc, ok := f.faces[k]; ok {
		return fc
	}
	src := f.regular
	if bold {
		src = f.bold
	}
	fc, err := opentype.NewFace(src, &opentype.FaceOptions{Size: float64(k.px), DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		panic(err)
	}
	xf := text.NewGoXFace(fc)
	f.faces[k] = xf
	return xf
}

// align says which point of a text's box (x, y) names.
type align int

const (
	left align = iota
	center
	right
)

// textStyle is the look of one piece of text.
type textStyle struct {
	px    float64 // size in CSS pixels (scaled by the canvas)
	bold  bool
	color color.Color
	align align
}

// text draws s at x (aligned as st says) with its vertical middle at y.
func (c *canvas) text(s string, x, y float64, st textStyle) {
	fc := c.fonts.face(st.px*c.scale, st.bold)
	w := text.Advance(s, fc)
	switch st.align {
	case center:
		x -= w / 2
	case right:
		x -= w
	}
	// text/v2 places the top of the line box at the origin; centre the
	// box between ascent and descent on y, on whole pixels for crispness.
	m := fc.Metrics()
	top := y - (m.HAscent+m.HDescent)/2
	c.flush() // keep the order: shapes queued before this text lie below it
	op := &text.DrawOptions{}
	op.GeoM.Translate(math.Round(x), math.Round(top))
	op.ColorScale.ScaleWithColor(st.color)
	text.Draw(c.dst, s, fc, op)
}

// textWidth is the advance of s in device pixels.
func (c *canvas) textWidth(s string, st textStyle) float64 {
	return text.Advance(s, c.fonts.face(st.px*c.scale, st.bold))
}
