package layout

import "math"

func sqrt(v float64) float64 { return math.Sqrt(v) }

// Panel is one view: a frame with a title line at the top, a legend strip
// at the bottom and the drawing area (Body) between them.
type Panel struct {
	Frame, Title, Body, Legend Rect
}

// Page is the arrangement of the four views on the canvas.
type Page struct {
	// Scale is device pixels per CSS pixel: fonts, strokes and radii grow
	// with it so the page looks the same on high-density screens.
	Scale float64
	// Area is the part of the canvas the views use (right of the controls).
	Area Rect
	// On a wide area, Network and Map fill the top row, Raster (with the
	// membrane Trace below it in the same panel) and Curves the bottom
	// row; on a narrow one they are stacked (see stacked).
	Network, Map, Raster, Curves Panel
	// RasterBody and TraceBody split Raster.Body.
	RasterBody, TraceBody Rect
	// Square is the decision map's plotting square inside Map.Body.
	Square Rect
}

// Sizes in CSS pixels, multiplied by Scale.
const (
	pad         = 10
	gap         = 10
	titleHeight = 24
	legendLine  = 18
	timeLabels  = 30
)

// Compute lays the views out on a canvas of w×h device pixels, the part
// in covers left to the HTML controls.
func Compute(w, h float64, in Insets, scale float64) Page {
	if scale <= 0 {
		scale = 1
	}
	p := Page{Scale: scale}
	s := func(v float64) float64 { return v * scale }
	p.Area = Rect{in.Left, in.Top, max(w-in.Left, 0), max(h-in.Top, 0)}.Inset(s(pad))
	if p.Area.W < s(narrowArea) {
		p.stacked(scale)
	} else {
		p.grid(scale)
	}
	sq := min(p.Map.Body.W, p.Map.Body.H)
	c := p.Map.Body.Center()
	p.Square = Rect{c.X - sq/2, c.Y - sq/2, sq, sq}
	p.RasterBody, p.TraceBody = p.Raster.Body.SplitY(0.5, s(titleHeight))
	p.TraceBody.H = max(p.TraceBody.H-s(timeLabels), 0) // room for the time axis labels
	return p
}

// narrowArea is the width (CSS pixels) below which the views are stacked
// instead of in a 2×2 grid: two side by side would be narrower than
// their text (a phone held upright).
const narrowArea = 560

// grid puts the network and the map in the top row, the raster and the
// curves in the bottom one.
func (p *Page) grid(scale float64) {
	s := func(v float64) float64 { return v * scale }
	top, bottom := p.Area.SplitY(0.57, s(gap))
	// The decision map wants a square body; give it as much width as the
	// top row's height allows, but never more than 45 % of the row.
	chrome := s(titleHeight + legendLine*2 + 2*pad)
	side := max(min(top.H-chrome, top.W*0.45-s(2*pad)), 0)
	netR, mapR := top.SplitX(top.W-side-s(2*pad)-s(gap), s(gap))
	p.Network = panel(netR, scale, 2)
	p.Map = panel(mapR, scale, 2)
	rasR, curR := bottom.SplitX(bottom.W*0.55, s(gap))
	p.Raster = panel(rasR, scale, 1)
	p.Curves = panel(curR, scale, 1)
}

// stacked puts the network, then the raster, each the whole width, and
// the map beside the curves at the bottom.
func (p *Page) stacked(scale float64) {
	s := func(v float64) float64 { return v * scale }
	netR, rest := p.Area.SplitY(0.36, s(gap))
	rasR, bottom := rest.SplitY(0.46, s(gap))
	mapR, curR := bottom.SplitX((bottom.W-s(gap))/2, s(gap))
	p.Network = panel(netR, scale, 2)
	p.Raster = panel(rasR, scale, 1)
	p.Map = panel(mapR, scale, 2)
	p.Curves = panel(curR, scale, 2)
}

// panel divides a frame into title, body and legend.
func panel(r Rect, scale float64, legendLines int) Panel {
	in := r.Inset(pad * scale)
	th := titleHeight * scale
	lh := legendLine * float64(legendLines) * scale
	return Panel{
		Frame:  r,
		Title:  Rect{in.X, in.Y, in.W, th},
		Body:   Rect{in.X, in.Y + th, in.W, max(in.H-th-lh, 0)},
		Legend: Rect{in.X, in.Bottom() - lh, in.W, lh},
	}
}

// captionHeight is the two lines above the discs that name the layers
// and their delays.
const captionHeight = 32

// NetBody is where the network's discs go: the network panel's body less
// the caption line at its top.
func (p *Page) NetBody() Rect {
	b := p.Network.Body
	c := captionHeight * p.Scale
	return Rect{b.X, b.Y + c, b.W, max(b.H-c, 0)}
}
