//go:build js

package render

import (
	"sync"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"delaylab/app"
	"delaylab/render/layout"
)

// Pointer event kinds, as the page reports them (see Game.Pointer).
const (
	PointerMove  = "move"
	PointerDown  = "down"
	PointerUp    = "up"
	PointerLeave = "leave"
)

type pointerEvent struct {
	kind string
	p    layout.Pt // device pixels
}

// pointerQueue holds events between updates. In the browser the page
// forwards DOM pointer events, because a click that starts and ends
// between two frames — common when the frame rate is low — never shows up
// in Ebiten's per-frame button state.
type pointerQueue struct {
	mu     sync.Mutex
	events []pointerEvent
	used   bool // events arrive: ignore Ebiten's own mouse state
}

// Pointer reports a pointer event at (x, y) in CSS pixels from the
// canvas's top left. It is safe to call from any goroutine.
func (g *Game) Pointer(kind string, x, y float64) {
	q := &g.pointer
	q.mu.Lock()
	q.events = append(q.events, pointerEvent{kind, layout.Pt{X: x, Y: y}}) // CSS pixels until drained
	q.used = true
	q.mu.Unlock()
	g.Wake()
}

// drain returns the queued events, or synthesises them from Ebiten's mouse
// state when the page forwards none (a native window).
func (g *Game) drain() []pointerEvent {
	q := &g.pointer
	q.mu.Lock()
	ev, used := q.events, q.used
	q.events = nil
	q.mu.Unlock()
	if used {
		for i := range ev {
			ev[i].p.X *= g.scale
			ev[i].p.Y *= g.scale
		}
		return ev
	}
	x, y := ebiten.CursorPosition()
	p := layout.Pt{X: float64(x), Y: float64(y)}
	ev = append(ev, pointerEvent{PointerMove, p})
	if inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft) {
		ev = append(ev, pointerEvent{PointerDown, p})
	}
	if inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonLeft) {
		ev = append(ev, pointerEvent{PointerUp, p})
	}
	return ev
}

// input turns pointer events into hover state and session commands, using
// the geometry of the last drawn frame (what the user sees). It reports
// whether the picture must change for them: what the pointer is over, the
// pinned edge or the cursor changed (commands it posts change the session,
// which the session's frame reports).
func (g *Game) input() bool {
	v := g.view
	events := g.drain()
	if v.page.Scale == 0 || !g.have {
		return false // nothing drawn yet
	}
	before := g.hoverState()
	for _, e := range events {
		switch e.kind {
		case PointerLeave:
			g.inside = false
			g.dragging = false
		case PointerMove:
			g.inside, g.at = true, e.p
			if g.dragging {
				g.scrub(e.p)
			}
		case PointerDown:
			g.inside, g.at = true, e.p
			g.click(e.p)
		case PointerUp:
			g.dragging = false
		}
	}
	if len(events) == 0 && !g.inside {
		return false
	}
	hovered, cursor := g.hover()
	g.s.Hover(hovered)
	ebiten.SetCursorShape(cursor)
	g.hovered, g.cursor = hovered, cursor
	return g.hoverState() != before
}

// hoverState is what the pointer shows on the picture: the hovered neuron
// (its membrane trace), edge (its tooltip) and data point, the pinned edge
// and the cursor.
type hoverState struct {
	neuron          app.NeuronRef
	edge, pinned    layout.Edge
	hasEdge, hasPin bool
	point           int
	cursor          ebiten.CursorShapeType
}

func (g *Game) hoverState() hoverState {
	v := g.view
	h := hoverState{neuron: g.hovered, point: v.hoverPoint, cursor: g.cursor}
	if v.hoverEdge != nil {
		h.edge, h.hasEdge = v.hoverEdge.Edge, true
	}
	if v.pinned != nil {
		h.pinned, h.hasPin = v.pinned.Edge, true
	}
	return h
}

// hover finds what is under the pointer.
func (g *Game) hover() (app.NeuronRef, ebiten.CursorShapeType) {
	v := g.view
	v.hoverEdge, v.hoverPoint = nil, -1
	if !g.inside {
		return app.NeuronRef{}, ebiten.CursorShapeDefault
	}
	p := g.at
	switch {
	case v.page.Network.Body.Contains(p):
		if col, i, ok := v.net.NeuronAt(p); ok {
			return app.NeuronRef{Col: col, Index: i}, ebiten.CursorShapePointer
		}
		if e, ok := v.net.EdgeAt(p); ok {
			v.hoverEdge = &edgeRef{e}
			return app.NeuronRef{}, ebiten.CursorShapePointer
		}
	case v.page.Square.Contains(p):
		if i, ok := g.pointAt(p); ok {
			v.hoverPoint = i
			return app.NeuronRef{}, ebiten.CursorShapePointer
		}
	default:
		if _, ok := v.timeAt(p, &g.snap); ok {
			return app.NeuronRef{}, ebiten.CursorShapeCrosshair
		}
	}
	return app.NeuronRef{}, ebiten.CursorShapeDefault
}

// click acts on a press at p.
func (g *Game) click(p layout.Pt) {
	v := g.view
	s := &g.snap
	if v.page.Network.Body.Contains(p) {
		if col, i, ok := v.net.NeuronAt(p); ok {
			if col == 0 {
				return // inputs have no membrane to trace
			}
			ref := app.NeuronRef{Col: col, Index: i}
			if tr := s.Replay.Trace; tr.Pinned && tr.Neuron == ref {
				g.s.Post(func(s *app.Session) error { return s.UnpinNeuron() })
			} else {
				g.s.Post(func(s *app.Session) error { return s.SelectNeuron(ref) })
			}
			return
		}
		if e, ok := v.net.EdgeAt(p); ok {
			if v.pinned != nil && v.pinned.Edge == e {
				v.pinned = nil
			} else {
				v.pinned = &edgeRef{e}
			}
			g.edgeClicked(p)
			return
		}
	}
	if i, ok := g.pointAt(p); ok {
		g.s.Post(func(s *app.Session) error { return s.SelectSample(i) })
		return
	}
	if _, ok := v.timeAt(p, s); ok {
		g.dragging = true
		g.scrub(p)
		return
	}
	if v.pinned != nil {
		v.pinned = nil
		g.edgeClicked(p)
	}
}

// pointAt is the data point within a few pixels of p in the decision map.
func (g *Game) pointAt(p layout.Pt) (int, bool) {
	v := g.view
	if !v.page.Square.Contains(p) {
		return 0, false
	}
	pts := g.snap.Points
	return layout.NearestPoint(v.page.Square, p, len(pts), func(i int) (float64, float64) { return pts[i].X, pts[i].Y }, 8*v.page.Scale)
}

// scrub moves the replay to the time under p.
func (g *Game) scrub(p layout.Pt) {
	ax, ok := g.view.timeAt(p, &g.snap)
	if !ok {
		// Dragging past the plot's ends pins the time to them.
		ax = layout.TimeAxis(g.view.page.RasterBody, g.snap.Replay.End, g.view.page.Scale)
	}
	t := min(max(ax.Value(p.X), 0), g.snap.Replay.End)
	g.s.Post(func(s *app.Session) error {
		if err := s.SetReplaySpeed(0); err != nil {
			return err
		}
		return s.SetReplayTime(t)
	})
}

// timeAt reports whether p is over the raster or the trace, whose x axis
// is replay time, and that axis.
func (v *View) timeAt(p layout.Pt, s *app.Snapshot) (layout.Axis, bool) {
	for _, body := range []layout.Rect{v.page.RasterBody, v.page.TraceBody} {
		ax := layout.TimeAxis(body, s.Replay.End, v.page.Scale)
		if body.Contains(p) && p.X >= ax.From {
			return ax, true
		}
	}
	return layout.Axis{}, false
}
