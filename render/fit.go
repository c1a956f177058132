package render

import (
	"strings"

	"delaylab/render/layout"
)

// Fitting text into the space a screen size leaves: the canvas remembers
// the box of every text it drew this frame, so a label of low priority
// (a tick, a caption) can be left out where it would cover another, and
// long lines can be cut to the width they have.

// box is where text s drawn at (x, y) in style st lies: aligned on x as st
// says, its line box (ascent to descent) centred on y.
func (c *canvas) box(s string, x, y float64, st textStyle) layout.Rect {
	w := c.textWidth(s, st)
	switch st.align {
	case center:
		x -= w / 2
	case right:
		x -= w
	}
	m := c.fonts.face(key(st, c.scale)).Metrics()
	h := fixedPx(m.Ascent + m.Descent)
	return layout.Rect{X: x, Y: y - h/2, W: w, H: h}
}

// free reports whether r covers no text drawn so far this frame.
func (c *canvas) free(r layout.Rect) bool {
	for _, p := range c.placed {
		if r.Overlaps(p) {
			return false
		}
	}
	return true
}

// textIfFree draws s like text, unless it would cover a text already
// drawn or leave bounds; it reports whether it drew.
func (c *canvas) textIfFree(s string, x, y float64, st textStyle, bounds layout.Rect) bool {
	b := c.box(s, x, y, st)
	if !c.free(b) || !b.Within(bounds) {
		return false
	}
	c.text(s, x, y, st)
	return true
}

// fit is s cut at a word (or, failing that, a character) so that it is at
// most w device pixels wide in st, with "…" where it was cut; "" when not
// even the ellipsis fits.
func (c *canvas) fit(s string, st textStyle, w float64) string {
	if c.textWidth(s, st) <= w {
		return s
	}
	const ell = "…"
	words := strings.Fields(s)
	for n := len(words) - 1; n > 0; n-- {
		t := strings.TrimRight(strings.Join(words[:n], " "), " ·,:") + ell
		if c.textWidth(t, st) <= w {
			return t
		}
	}
	r := []rune(s)
	for n := len(r) - 1; n > 0; n-- {
		if t := string(r[:n]) + ell; c.textWidth(t, st) <= w {
			return t
		}
	}
	return ""
}

// first is the first of the texts that is at most w wide in st, or "".
func (c *canvas) first(st textStyle, w float64, texts ...string) string {
	for _, t := range texts {
		if c.textWidth(t, st) <= w {
			return t
		}
	}
	return ""
}
