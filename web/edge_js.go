package web

import (
	"errors"
	"fmt"
	"math"
	"syscall/js"

	"delaylab/app"
)

// The edge editor: clicking an edge of the network view opens a small form
// next to it with the edge's weight and delay; Apply sets them
// (Session.SetEdge) and the replay and the decision map follow.

func (b *Bridge) bindEdge() {
	d := b.dom
	form := d.el[idEdgeForm]
	b.m.focusEdge = js.FuncOf(func(js.Value, []js.Value) any {
		if !form.Get("hidden").Bool() {
			d.el[idEdgeWeight].Call("focus")
		}
		return nil
	})
	d.on(form, "submit", false, func(e js.Value) {
		e.Call("preventDefault")
		if !b.m.edgeOpen {
			return
		}
		ref := b.m.edge
		wText, dText := d.value(idEdgeWeight), d.value(idEdgeDelay)
		b.post(idEdgeWeight, func(s *app.Session) error {
			changed, err := s.EditEdge(ref, wText, dText)
			if fe := (*app.EdgeFieldError)(nil); errors.As(err, &fe) && fe.Delay {
				return blame(idEdgeDelay, err)
			} else if err != nil {
				return err
			}
			info, _ := s.Edge(ref)
			switch {
			case !changed:
				s.Notify(fmt.Sprintf("Edge %s is unchanged.", s.EdgeName(ref)))
			case info.HasDelay:
				s.Notify(fmt.Sprintf("Edge %s set: weight %s, delay %s τs.", s.EdgeName(ref), app.EdgeText(info.Weight), app.EdgeText(info.Delay)))
			default:
				s.Notify(fmt.Sprintf("Edge %s set: weight %s.", s.EdgeName(ref), app.EdgeText(info.Weight)))
			}
			b.fillEdge(s, ref)
			return nil
		})
	})
	d.on(d.el[idEdgeClose], "click", false, func(js.Value) { b.postCloseEdge() })
}

// postCloseEdge closes the editor at the next frame. Focus inside it would
// be lost with it, so it moves to the page (where Space plays again).
func (b *Bridge) postCloseEdge() {
	if f := b.dom.el[idEdgeForm]; f.Call("contains", b.dom.doc.Get("activeElement")).Bool() {
		b.dom.doc.Get("activeElement").Call("blur")
	}
	b.s.PostQuiet(func(*app.Session) { b.closeEdge() })
}

// EdgeClick opens the editor for a pinned edge at (x, y) (CSS pixels) or
// closes it; render calls it on the game goroutine (render.Options).
func (b *Bridge) EdgeClick(e app.EdgeRef, pinned bool, x, y float64) {
	if !pinned {
		b.closeEdge()
		return
	}
	if err := b.fillEdge(b.s, e); err != nil {
		b.closeEdge()
		return
	}
	form := b.dom.el[idEdgeForm]
	win := js.Global()
	w, h := win.Get("innerWidth").Float(), win.Get("innerHeight").Float()
	left := math.Max(8, math.Min(x+14, w-240))
	top := math.Max(8, math.Min(y+14, h-190))
	st := form.Get("style")
	st.Set("left", fmt.Sprintf("%.0fpx", left))
	st.Set("top", fmt.Sprintf("%.0fpx", top))
	form.Set("hidden", false)
	b.m.edgeOpen = true
	// Focus the weight once the click's events are over: a resting page
	// handles the pointer-down inside its event (render/rest.go), and the
	// mouse-down that follows would move the focus to the canvas.
	js.Global().Call("setTimeout", b.m.focusEdge, 0)
}

// fillEdge writes e's weight and delay into the form (game goroutine).
func (b *Bridge) fillEdge(s *app.Session, e app.EdgeRef) error {
	info, err := s.Edge(e)
	if err != nil {
		return err
	}
	d := b.dom
	b.m.edge = e
	if isEdgeField(b.invalid) {
		b.clearInvalid() // the fields show the edge as it is
	}
	d.el[idEdgeTitle].Set("textContent", "Edge "+s.EdgeName(e))
	d.el[idEdgeWeight].Set("value", app.EdgeText(info.Weight))
	del := d.el[idEdgeDelay]
	note := ""
	if info.HasDelay {
		del.Set("disabled", false)
		del.Set("value", app.EdgeText(info.Delay))
		rng := fmt.Sprintf("%g to %g τs", info.MinDelay, info.MaxDelay)
		if math.IsInf(info.MaxDelay, 1) {
			rng = fmt.Sprintf("at least %g τs", info.MinDelay)
		}
		note = fmt.Sprintf("Delay: %s (%s)", info.Kind, rng)
		if info.Shared > 1 {
			note += fmt.Sprintf(", shared by %d edges", info.Shared)
		}
		note += "."
	} else {
		del.Set("disabled", true)
		del.Set("value", "")
		note = "This connection has no delay parameter."
	}
	d.el[idEdgeNote].Set("textContent", note)
	return nil
}

// closeEdge hides the editor (game goroutine).
func (b *Bridge) closeEdge() {
	if isEdgeField(b.invalid) {
		b.clearInvalid()
	}
	b.m.edgeOpen = false
	b.dom.el[idEdgeForm].Set("hidden", true)
}
