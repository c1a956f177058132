package render

import (
	"slices"

	"delaylab/app"
	"delaylab/render/layout"
	"delaylab/sim"
)

// View draws snapshots and remembers what the mouse is over; it is the
// renderer's only state.
type View struct {
	fonts  *fonts
	canvas canvas
	surf   surface // where the drawing goes (kept: it caches faces and sprites)

	page   layout.Page
	net    layout.Net
	netKey netKey

	hoverEdge  *edgeRef
	pinned     *edgeRef // an edge clicked to keep its tooltip
	hoverPoint int      // data point under the mouse, −1: none
}

// edgeRef is an edge the mouse chose.
type edgeRef struct{ layout.Edge }

// valid reports whether the edge still exists in n (the architecture may
// have changed since it was chosen).
func (e *edgeRef) valid(n *sim.Network) bool {
	return e.Layer < len(n.Layers) && e.Row < n.Rows(e.Layer) && e.Post < n.Layers[e.Layer].Size
}

// netKey is what the network geometry depends on.
type netKey struct {
	body  layout.Rect
	sizes string
}

// NewView returns a view with the page's fonts loaded.
func NewView() *View {
	return &View{fonts: newFonts(), hoverPoint: -1}
}

// paint draws s on a w×h device-pixel screen, leaving what in covers to
// the HTML controls, at scale device pixels per CSS pixel.
func (v *View) paint(surf surface, s *app.Snapshot, w, h float64, in layout.Insets, scale float64) {
	v.page = layout.Compute(w, h, in, scale)
	v.updateNet(s)
	c := &v.canvas
	c.surf, c.scale, c.fonts = surf, scale, v.fonts
	c.placed = c.placed[:0]
	defer c.flush()
	v.drawMap(c, s, v.page.Map, v.page.Square)
	v.drawNetwork(c, s, v.page.Network, &v.net)
	v.drawRaster(c, s, &v.page)
	v.drawCurves(c, s, v.page.Curves)
	for _, e := range []*edgeRef{v.hoverEdge, v.pinned} {
		if e != nil && e.valid(s.Net) {
			at := v.net.Along(e.Edge, 0.5)
			c.tooltip(at, edgeTooltip(s, e), v.page.Network.Frame)
			break
		}
	}
}

// updateNet recomputes the network geometry when the body or the
// architecture changed.
func (v *View) updateNet(s *app.Snapshot) {
	sizes := []int{s.Net.Inputs}
	var bias []int
	for _, L := range s.Net.Layers {
		sizes = append(sizes, L.Size)
		bias = append(bias, len(L.BiasTimes))
	}
	body := v.page.NetBody()
	key := netKey{body: body, sizes: fmtInts(slices.Concat(sizes, bias))}
	if key == v.netKey && v.net.Units != nil {
		return
	}
	v.net = layout.Network(body, sizes, bias, v.page.Scale)
	v.netKey = key
}

func fmtInts(a []int) string {
	b := make([]byte, 0, 4*len(a))
	for _, n := range a {
		b = append(b, byte(n), byte(n>>8), ',')
	}
	return string(b)
}
