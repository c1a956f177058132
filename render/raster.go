package render

import (
	"fmt"
	"math"

	"delaylab/app"
	"delaylab/render/layout"
)

// drawRaster draws the spike raster of every layer for the replayed sample
// and, below it on the same time axis, the membrane trace of one neuron.
func (v *View) drawRaster(c *canvas, s *app.Snapshot, pg *layout.Page) {
	r := s.Replay
	p := pg.Raster
	c.panel(p, "Spikes and membrane", fmt.Sprintf("sample %d · every first spike, and u(t) of one neuron", r.Sample))
	ax := layout.TimeAxis(pg.RasterBody, r.End, c.scale)

	// Raster: one row per unit, layers separated by a gap.
	body := pg.RasterBody
	rows := 0
	for _, ts := range r.Times {
		rows += len(ts)
	}
	gaps := float64(len(r.Times) - 1)
	rowH := (body.H - gaps*6*c.scale) / float64(max(rows, 1))
	y := body.Y
	last := len(r.Times) - 1
	for col, ts := range r.Times {
		name := "hidden"
		switch col {
		case 0:
			name = "inputs"
		case last:
			name = "outputs"
		}
		h := rowH * float64(len(ts))
		c.rect(layout.Rect{X: ax.From, Y: y, W: ax.To - ax.From, H: h}, colPanel)
		c.text(name, ax.From-6*c.scale, y+h/2, textStyle{px: 11, color: colDim, align: right})
		silent := 0
		for i, t := range ts {
			if math.IsInf(t, 1) {
				silent++
				continue
			}
			mark := colSpike
			if col == last {
				mark = classColor(i)
			}
			x := ax.Px(t)
			yy := y + rowH*(float64(i)+0.5)
			half := max(rowH*0.45, 1.5*c.scale)
			alpha := 0.35
			if s.Time >= t {
				alpha = 1 // spikes already replayed are bright
			}
			c.line(layout.Pt{X: x, Y: yy - half}, layout.Pt{X: x, Y: yy + half}, 2*c.scale, withAlpha(mark, alpha))
		}
		if silent > 0 {
			c.text(fmt.Sprintf("%d silent", silent), ax.To-2*c.scale, y+h/2, textStyle{px: 11, color: colDim, align: right})
		}
		y += h + 6*c.scale
	}
	v.timeCursor(c, s, ax, body)

	v.drawTrace(c, s, pg.TraceBody, layout.TimeAxis(pg.TraceBody, r.End, c.scale))

	c.legend(p.Legend, []legendItem{
		{tickSwatch(colSpike), "spike (bright once replayed)", "spike"},
		{lineSwatch(colFill, 2), "u(t)", ""},
		{dashSwatch(colText), "threshold θ", "θ"},
		{lineSwatch(colSelect, 1.5), "replay time (click or drag to move)", "now (drag)"},
	})
}

// drawTrace draws u(t) of the traced neuron with its threshold; the curve
// is faded after the first crossing, since only the first spike counts.
func (v *View) drawTrace(c *canvas, s *app.Snapshot, body layout.Rect, ax layout.Axis) {
	tr := s.Replay.Trace
	how := "hover a neuron to trace it, click to pin"
	if tr.Pinned {
		how = "pinned (click it again to unpin)"
	}
	st := textStyle{px: 11, color: colText}
	c.text(c.first(st, body.Right()-ax.From,
		fmt.Sprintf("u(t) of %s · %s", neuronName(s, tr.Neuron.Col, tr.Neuron.Index), how),
		fmt.Sprintf("u(t) of %s", neuronName(s, tr.Neuron.Col, tr.Neuron.Index))),
		ax.From, body.Y-10*c.scale, st)
	// Scale to the threshold and the curve up to the spike: after it the
	// potential may climb far (there is no reset), which only the first
	// crossing makes irrelevant; that part is clipped.
	lo, hi := -0.3*tr.Threshold, 1.3*tr.Threshold
	for j, u := range tr.U {
		if tr.T[j] <= tr.Spike {
			lo, hi = min(lo, u*1.05), max(hi, u*1.05)
		}
	}
	ay := layout.Axis{Lo: lo, Hi: hi, From: body.Bottom() - 2*c.scale, To: body.Y + 4*c.scale}
	c.rect(layout.Rect{X: ax.From, Y: body.Y, W: ax.To - ax.From, H: body.H}, colPanel)
	zero := ay.Px(0)
	c.line(layout.Pt{X: ax.From, Y: zero}, layout.Pt{X: ax.To, Y: zero}, c.scale, colGrid)
	th := ay.Px(tr.Threshold)
	c.dashed(ax.From, ax.To, th, 1.5*c.scale, colText)
	// With its value: in the Go font a lone θ reads as the 0 below it.
	c.text(fmt.Sprintf("θ=%.3g", tr.Threshold), ax.From-6*c.scale, th, textStyle{px: 11, color: colText, align: right})
	if math.Abs(zero-th) > 14*c.scale {
		c.text("0", ax.From-6*c.scale, zero, textStyle{px: 11, color: colDim, align: right})
	}

	var before, after []layout.Pt
	for j, t := range tr.T {
		u := min(max(tr.U[j], lo), hi)
		pt := layout.Pt{X: ax.Px(t), Y: ay.Px(u)}
		if t <= tr.Spike {
			before = append(before, pt)
		} else {
			if len(after) == 0 && len(before) > 0 {
				after = append(after, before[len(before)-1])
			}
			after = append(after, pt)
		}
	}
	c.polyline(before, 2*c.scale, colFill)
	c.polyline(after, 1.5*c.scale, withAlpha(colFill, 0.3))
	if !math.IsInf(tr.Spike, 1) {
		x := ax.Px(tr.Spike)
		c.line(layout.Pt{X: x, Y: body.Y}, layout.Pt{X: x, Y: body.Bottom()}, 1.5*c.scale, withAlpha(colSpike, 0.8))
		st := textStyle{px: 11, color: colSpike}
		if label := "spike " + fmtTime(tr.Spike); x+4*c.scale+c.textWidth(label, st) <= ax.To {
			c.text(label, x+4*c.scale, body.Y+8*c.scale, st)
		} else {
			st.align = right // no room right of the spike: write it on its left
			c.text(label, x-4*c.scale, body.Y+8*c.scale, st)
		}
	} else {
		c.text("silent: never reaches θ", ax.To-4*c.scale, body.Y+8*c.scale, textStyle{px: 11, color: colDim, align: right})
	}
	// Integer time ticks below the trace.
	// The unit goes first, at the right end of the axis; a tick label
	// that would cover it is left out.
	below := layout.Rect{X: body.X, Y: body.Bottom(), W: body.W, H: 30 * c.scale}
	c.text("τs", ax.To, body.Bottom()+23*c.scale, textStyle{px: 11, color: colDim, align: right})
	for t := 0.0; t <= s.Replay.End+1e-9; t++ {
		x := ax.Px(t)
		c.line(layout.Pt{X: x, Y: body.Bottom()}, layout.Pt{X: x, Y: body.Bottom() + 4*c.scale}, c.scale, colDim)
		c.textIfFree(fmt.Sprintf("%g", t), x, body.Bottom()+11*c.scale, textStyle{px: 11, color: colDim, align: center}, below)
	}
	v.timeCursor(c, s, ax, body)
}

// timeCursor marks the replay time, kept inside the plot: the replay's
// clock may stand past the axis's end (a sample whose last spike comes
// early, as in Spirals).
func (v *View) timeCursor(c *canvas, s *app.Snapshot, ax layout.Axis, body layout.Rect) {
	x := min(max(ax.Px(s.Time), ax.From), ax.To)
	c.line(layout.Pt{X: x, Y: body.Y}, layout.Pt{X: x, Y: body.Bottom()}, 1.5*c.scale, withAlpha(colSelect, 0.8))
}
