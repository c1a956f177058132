//go:build js

package render

import (
	"delaylab/app"
	"delaylab/render/layout"
)

// edgeClicked tells the page (Options.EdgeClick) which edge a click at p
// pinned, or that none is pinned any more.
func (g *Game) edgeClicked(p layout.Pt) {
	if g.opt.EdgeClick == nil {
		return
	}
	if e := g.view.pinned; e != nil {
		g.opt.EdgeClick(app.EdgeRef{Layer: e.Layer, Row: e.Row, Post: e.Post}, true, p.X/g.scale, p.Y/g.scale)
		return
	}
	g.opt.EdgeClick(app.EdgeRef{}, false, 0, 0)
}
