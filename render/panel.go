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
	x := p.Title.X + c.textWidth(title, styleTitle) + 10*c.scale
	c.text(c.fit(sub, styleSub, p.Title.Right()-x), x, y, styleSub)
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
	short string // the label where space is short ("": the label)
}

// legend lays items out left to right along r, starting a new line when
// one would run past r's right edge. When the items do not fit in r's
// lines, it uses their short labels, and then leaves out the last items:
// a legend never spills into the next view.
func (c *canvas) legend(r layout.Rect, items []legendItem) {
	for _, short := range []bool{false, true} {
		for n := len(items); n > 0; n-- {
			if !short && n < len(items) {
				break // try the short labels before leaving items out
			}
			if pos, ok := c.legendFits(r, items[:n], short); ok {
				for i, it := range items[:n] {
					if it.mark != nil {
						it.mark(c, layout.Pt{X: pos[i].X + 9*c.scale, Y: pos[i].Y})
						pos[i].X += 22 * c.scale
					}
					c.text(legendLabel(it, short), pos[i].X, pos[i].Y, styleSmall)
				}
				return
			}
		}
	}
}

func legendLabel(it legendItem, short bool) string {
	if short && it.short != "" {
		return it.short
	}
	return it.label
}

// legendFits places items in r, line by line, and reports whether they
// fit; pos are the items' left ends and line middles.
func (c *canvas) legendFits(r layout.Rect, items []legendItem, short bool) ([]layout.Pt, bool) {
	lh := 18 * c.scale
	x, y := r.X, r.Y+lh/2
	pos := make([]layout.Pt, len(items))
	for i, it := range items {
		w := c.textWidth(legendLabel(it, short), styleSmall)
		if it.mark != nil {
			w += 22 * c.scale
		}
		if x > r.X && x+w > r.Right() {
			x, y = r.X, y+lh
		}
		if y+lh/2 > r.Bottom()+0.5 || x+w > r.Right()+0.5 {
			return nil, false
		}
		pos[i] = layout.Pt{X: x, Y: y}
		x += w + 14*c.scale
	}
	return pos, true
}
