package render

import (
	"image/color"

	"delaylab/dataset"
	"delaylab/render/layout"
)

// surface is where a canvas's drawing goes. The browser's surface draws
// with Ebiten (surface_ebiten.go); the layout tests' surface records the
// text boxes, so the views' real drawing code is checked natively for
// overlaps at every screen size.
type surface interface {
	// triangles draws indexed triangles of flat-coloured vertices.
	triangles(vs []vertex, is []uint16)
	// glyphs draws s with its line box's top left corner at (x, top) in
	// face f; w and h are the box's size as the canvas measured it.
	glyphs(s string, x, top, w, h float64, f faceKey, col color.Color)
	// points draws the decision map's data points inside sq.
	points(pts []dataset.Point, sq layout.Rect, scale float64)
}
