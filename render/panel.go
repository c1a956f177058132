//go:build js

package render

import (
	"image/color"

	"delaylab/render/layout"
)

// Text styles shared by the views, sizes in CSS pixels.
var (
	styleTitle = textStyle{px: 14, bold: true, color: colText}
	styleSub   = textStyle{px: 12, color: colDim}
	styleLabel = textStyle{px: 12, color: colText}
	styleSmall = textStyle{px: 11, color: colDim}
)

// panel draws a view's frame and its title line: a bold title and a dim
// subtitle after it. Panels are outlined, not filled: every full-size fill
// is a pass over the screen, which software renderers pay for in frame rate.
func (c *canvas) panel(p layout.Panel, title, sub string) {
	c.frame(p.Frame, c.scale, colBorder)
	y := p.Title.Y + p.Title.H/2
	c.text(title, p.Title.X, y, styleTitle)
	if sub != "" {
		c.text(sub, p.Title.X+c.textWidth(title, styleTitle)+10*c.scale, y, styleSub)
	}
}

// swatch draws a legend's sample mark centred at p.
type swatch func(c *canvas, p layout.Pt)

func lineSwatch(col color.Color, width float64) swatch {
	return func(c *canvas, p layout.Pt) {
		d := 9 * c.scale
		c.line(layout.Pt{X: p.X - d, Y: p.Y}, layout.Pt{X: p.X + d, Y: p.Y}, width*c.scale, col)
	}
}

func dotSwatch(col color.Color, r float64) swatch {
	return func(c *canvas, p layout.Pt) { c.disc(p, r*c.scale, col) }
}

func ringSwatch(col color.Color, r float64) swatch {
	return func(c *canvas, p layout.Pt) { c.ring(p, r*c.scale, 1.5*c.scale, col) }
}

func squareSwatch(col color.Color) swatch {
	return func(c *canvas, p layout.Pt) {
		d := 6 * c.scale
		c.rect(layout.Rect{X: p.X - d, Y: p.Y - d, W: 2 * d, H: 2 * d}, col)
	}
}

func tickSwatch(col color.Color) swatch {
	return func(c *canvas, p layout.Pt) {
		d := 6 * c.scale
		c.line(layout.Pt{X: p.X, Y: p.Y - d}, layout.Pt{X: p.X, Y: p.Y + d}, 2*c.scale, col)
	}
}

func dashSwatch(col color.Color) swatch {
	return func(c *canvas, p layout.Pt) {
		d := 9 * c.scale
		c.dashed(p.X-d, p.X+d, p.Y, 1.5*c.scale, col)
	}
}

// halfSwatch is a disc half filled: "fill = membrane potential".
func halfSwatch() swatch {
	return func(c *canvas, p layout.Pt) {
		r := 6 * c.scale
		c.disc(p, r, colDisc)
		c.disc(p, r*0.7, colFill)
		c.ring(p, r, c.scale, colRim)
	}
}

type legendItem struct {
	mark  swatch // nil: text only
	label string
}

// legend lays items out left to right along r, starting a new line when
// one would run past r's right edge.
func (c *canvas) legend(r layout.Rect, items []legendItem) {
	lh := 18 * c.scale
	x, y := r.X, r.Y+lh/2
	for _, it := range items {
		w := c.textWidth(it.label, styleSmall)
		if it.mark != nil {
			w += 22 * c.scale
		}
		if x > r.X && x+w > r.Right() {
			x, y = r.X, y+lh
		}
		if it.mark != nil {
			it.mark(c, layout.Pt{X: x + 9*c.scale, Y: y})
			x += 22 * c.scale
		}
		c.text(it.label, x, y, styleSmall)
		x += c.textWidth(it.label, styleSmall) + 14*c.scale
	}
}
