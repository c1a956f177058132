//go:build js

package render

import (
	"time"

	"delaylab/render/layout"
)

// The page at rest. Paused, with the replay stopped and the pointer still,
// nothing on the page changes, and drawing the same picture again cost
// most of a core under a software renderer. So Draw draws only a dirty
// picture (game.go); and since even an empty requestAnimationFrame loop
// costs a headless Chromium about 6 % of a core, Update does not return
// while nothing goes on: it waits for a wake-up, and without its return
// Ebiten asks the browser for no further frame. Anything that may change
// the picture wakes it: a posted command (every control, key, hook and
// canvas click goes through Session.Post), a pointer event, a resize (the
// page posts one) or the time of the page's timed work (Options.Due).

// Wake ends a rest, or makes the next one end at once. It is safe to call
// from any goroutine and never blocks.
func (g *Game) Wake() {
	select {
	case g.wake <- struct{}{}:
	default: // a wake-up is pending already
	}
}

// sense takes in the pointer's events and what the controls cover, and reports
// whether the picture must change for them.
func (g *Game) sense() bool {
	moved := g.input()
	var inset layout.Insets
	if g.opt.Insets != nil {
		inset = g.opt.Insets().Scaled(g.scale)
	}
	if inset != g.inset {
		g.inset, moved = inset, true
	}
	return moved
}

// atRest reports whether this frame would change nothing: something is
// drawn, the picture is up to date, the pointer and the panel did not
// move, the session has no work and the page no work due now.
func (g *Game) atRest(moved bool) bool {
	if !g.have || moved || g.dirty || g.s.Busy() {
		return false
	}
	if g.opt.Due != nil {
		if at := g.opt.Due(); !at.IsZero() && !time.Now().Before(at) {
			return false
		}
	}
	return true
}

// rest waits for a wake-up or for the page's next timed work. The time it
// rests is no frame period: the pacer must not count it.
func (g *Game) rest() {
	g.opt.Pacer.Rest()
	var due <-chan time.Time
	if g.opt.Due != nil {
		if at := g.opt.Due(); !at.IsZero() {
			t := time.NewTimer(time.Until(at))
			defer t.Stop()
			due = t.C
		}
	}
	select {
	case <-g.wake:
	case <-due:
	}
}
