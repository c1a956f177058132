package web

import (
	"strconv"
	"time"

	"delaylab/app"
)

// The page at rest: the renderer draws no frame in which nothing changed
// and rests while nothing goes on (render/rest.go), so a paused page costs
// almost nothing. The bridge has its part in that: it says when it has
// work due at a time (Due), it wakes the renderer when the window is
// resized (Bind), and it hears of every drawn frame (Drawn), for the
// status line's frame count and for delaylab.nextFrame().

// Due returns when the page has work due that waits for a time rather
// than for a change, or the zero time for none: the next save of a changed
// model (autosaveEvery after the last), or a comparison that waited for
// compareEvery. A page at rest wakes up for it; without this, a model
// changed just before the page came to rest would never be saved.
func (b *Bridge) Due() time.Time {
	var at time.Time
	st := &b.m.store
	if st.lib != nil && (st.force || b.s.Version() != st.saved) {
		at = st.at.Add(autosaveEvery)
	}
	if b.m.compareDue {
		if c := b.m.compareAt.Add(compareEvery); at.IsZero() || c.Before(at) {
			at = c
		}
	}
	return at
}

// Drawn records a drawn frame (game goroutine): the status shows how many,
// and the Promises of delaylab.nextFrame() waiting for it settle.
func (b *Bridge) Drawn(frames int) {
	b.dom.setAttr(idStatus, "data-frames", strconv.Itoa(frames))
	for _, resolve := range b.frameWaiters {
		resolve.Invoke(frames)
	}
	b.frameWaiters = nil
}

// nextFrame is delaylab.nextFrame(): a Promise of the next drawn frame's
// number. Its command counts as a change, so that frame is drawn even on a
// page at rest, and it is drawn after every command posted before it: a
// test that changed a control and awaits it sees the change on screen.
func (b *Bridge) nextFrame() any {
	p, resolve := promise()
	b.s.PostQuiet(func(*app.Session) { b.frameWaiters = append(b.frameWaiters, resolve) })
	return p
}
