package render

import (
	"image/color"
	"math"

	// Ebiten's text/v2 would need github.com/go-text/typesetting, which
	// go.mod does not have; the v1 package draws golang.org/x/image faces.
	"github.com/hajimehoshi/ebiten/v2/text" //nolint:staticcheck
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
)

// fonts caches font faces by style and pixel size; faces cache their glyphs,
// so they must be reused, not rebuilt each frame.
type fonts struct {
	regular, bold *opentype.Font
	faces         map[faceKey]font.Face
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
	return &fonts{regular: r, bold: b, faces: map[faceKey]font.Face{}}
}

// face returns the face of size px (device pixels, rounded).
func (f *fonts) face(px float64, bold bool) font.Face {
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
	f.faces[k] = fc
	return fc
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
	w := float64(font.MeasureString(fc, s)) / 64
	switch st.align {
	case center:
		x -= w / 2
	case right:
		x -= w
	}
	m := fc.Metrics()
	base := y + float64(m.Ascent-m.Descent)/64/2
	c.flush() // keep the order: shapes queued before this text lie below it
	text.Draw(c.dst, s, fc, int(math.Round(x)), int(math.Round(base)), st.color)
}

// textWidth is the advance of s in device pixels.
func (c *canvas) textWidth(s string, st textStyle) float64 {
	return float64(font.MeasureString(c.fonts.face(st.px*c.scale, st.bold), s)) / 64
}
