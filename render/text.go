package render

import (
	"image/color"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// fonts caches font faces by style and pixel size; faces cache their glyphs,
// so they must be reused, not rebuilt each frame. The same faces measure
// text for the layout tests (natively) and for drawing (in the browser).
type fonts struct {
	regular, bold *opentype.Font
	faces         map[faceKey]font.Face
}

// faceKey names a face: its style and size in whole device pixels.
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

// face returns the face k.
func (f *fonts) face(k faceKey) font.Face {
	if fc, ok := f.faces[k]; ok {
		return fc
	}
	src := f.regular
	if k.bold {
		src = f.bold
	}
	fc, err := opentype.NewFace(src, &opentype.FaceOptions{Size: float64(k.px), DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		panic(err)
	}
	f.faces[k] = fc
	return fc
}

// key is the face of style st at scale (device pixels per CSS pixel).
func key(st textStyle, scale float64) faceKey {
	return faceKey{st.bold, int(math.Round(st.px * scale))}
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
	if s == "" {
		return
	}
	b := c.box(s, x, y, st)
	c.flush() // keep the order: shapes queued before this text lie below it
	c.placed = append(c.placed, b)
	// On whole pixels for crispness.
	c.surf.glyphs(s, math.Round(b.X), math.Round(b.Y), b.W, b.H, key(st, c.scale), st.color)
}

// textWidth is the advance of s in device pixels.
func (c *canvas) textWidth(s string, st textStyle) float64 {
	return fixedPx(font.MeasureString(c.fonts.face(key(st, c.scale)), s))
}

func fixedPx(v fixed.Int26_6) float64 { return float64(v) / 64 }
