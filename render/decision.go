package render

import (
	"fmt"

	"delaylab/app"
	"delaylab/render/layout"
)

// mapMesh draws the decision map as a grid of vertices at the cell
// centres, coloured by the predicted class (darker where the network is
// less sure); the GPU blends the colours between them, so boundaries are
// smooth. A mesh needs no texture upload and no filtering shader, which
// Ebiten would compile (slowly, in WebAssembly) on first use.
func (c *canvas) mapMesh(m *app.DecisionMap, sq layout.Rect) {
	n := m.Size
	c.reserve(n * n)
	first := len(c.vs)
	cell := sq.W / float64(n)
	for iy := range n {
		for ix := range n {
			i := iy*n + ix
			col := mix(colBackground, classColor(int(m.Class[i])), 0.28+0.37*float64(m.Margin[i]))
			// Cells are centred on their vertex; the outer ring of
			// vertices sits on the square's edge so the map fills it.
			x := sq.X + (float64(ix)+0.5)*cell
			y := sq.Bottom() - (float64(iy)+0.5)*cell
			if ix == 0 {
				x = sq.X
			} else if ix == n-1 {
				x = sq.Right()
			}
			if iy == 0 {
				y = sq.Bottom()
			} else if iy == n-1 {
				y = sq.Y
			}
			c.vertex(x, y, col, 1)
		}
	}
	for iy := range n - 1 {
		for ix := range n - 1 {
			a := uint16(first + iy*n + ix)
			c.quad(a, a+1, a+1+uint16(n), a+uint16(n))
		}
	}
}

// drawMap draws the decision map with the validation points and the
// selected sample.
func (v *View) drawMap(c *canvas, s *app.Snapshot, p layout.Panel, sq layout.Rect) {
	sub := "computing…"
	if s.Map != nil {
		sub = "predicted class over the input square"
		if s.Map.Version != s.Version {
			sub += " (updating)"
		}
	}
	c.panel(p, "Decision map", sub)
	c.rect(sq, colPanel)
	if s.Map != nil {
		c.mapMesh(s.Map, sq)
	}
	c.points(s.Points, sq)
	c.frame(sq, c.scale, colBorder)

	// The selected sample, and the point under the mouse.
	sel := s.Points[s.Sample]
	at := layout.MapToScreen(sq, sel.X, sel.Y)
	c.ring(at, 8*c.scale, 2.5*c.scale, colSelect)
	c.line(layout.Pt{X: at.X - 14*c.scale, Y: at.Y}, layout.Pt{X: at.X - 9*c.scale, Y: at.Y}, 1.5*c.scale, colSelect)
	c.line(layout.Pt{X: at.X + 9*c.scale, Y: at.Y}, layout.Pt{X: at.X + 14*c.scale, Y: at.Y}, 1.5*c.scale, colSelect)
	if v.hoverPoint >= 0 && v.hoverPoint < len(s.Points) {
		h := s.Points[v.hoverPoint]
		hp := layout.MapToScreen(sq, h.X, h.Y)
		c.ring(hp, 6*c.scale, 1.5*c.scale, withAlpha(colSelect, 0.7))
		c.tooltip(hp, []string{
			fmt.Sprintf("sample %d: %s", v.hoverPoint, s.ClassNames[h.Label]),
			fmt.Sprintf("x %.2f, y %.2f", h.X, h.Y),
			"click to replay it",
		}, p.Frame)
	}
	items := []legendItem{}
	for k, name := range s.ClassNames {
		items = append(items, legendItem{squareSwatch(classColor(k)), name, ""})
	}
	items = append(items,
		legendItem{nil, "background: predicted class, brighter = surer", "bright = sure"},
		legendItem{ringSwatch(colSelect, 5), "replayed sample", "replayed"})
	c.legend(p.Legend, items)
}
