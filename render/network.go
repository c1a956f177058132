package render

import (
	"fmt"
	"math"

	"delaylab/app"
	"delaylab/render/layout"
)

// flashTime is how long, in τs of replay time, a neuron flashes after it
// fires.
const flashTime = 0.3

// drawNetwork draws the network view: edges coloured by weight, the
// replayed sample's spikes travelling along them for exactly their delays,
// discs filled with u(t)/ϑ, flashes at spikes and the winning output.
func (v *View) drawNetwork(c *canvas, s *app.Snapshot, p layout.Panel, g *layout.Net) {
	r := s.Replay
	n := s.Net
	verdict := ""
	if r.Predicted >= 0 && s.Time >= r.Times[len(n.Layers)][r.Predicted] {
		verdict = " · answer: " + s.ClassNames[r.Predicted]
		if r.Predicted == r.Label {
			verdict += " (right)"
		} else {
			verdict += " (wrong)"
		}
	}
	c.panel(p, "Network", fmt.Sprintf("%s · sample %d, a %s · t = %s%s",
		archName(n), r.Sample, s.ClassNames[r.Label], fmtTime(s.Time), verdict))

	v.netCaptions(c, s, p, g)

	// Edges, dimmest first is not needed: alpha blending of thin lines
	// reads well in any order.
	for l := range n.Layers {
		L := &n.Layers[l]
		wmax := 1e-9
		for _, w := range L.Weights {
			wmax = max(wmax, math.Abs(w))
		}
		for i := range g.Rows(l) {
			a := g.Row(l, i)
			for k, b := range g.Units[l+1] {
				w := L.Weights[i*L.Size+k]
				f := math.Abs(w) / wmax
				col := colExc
				if w < 0 {
					col = colInh
				}
				c.line(a, b, (0.4+2.2*f)*c.scale, withAlpha(col, 0.10+0.55*f))
			}
		}
	}
	for _, e := range []*edgeRef{v.pinned, v.hoverEdge} {
		if e != nil && e.valid(n) {
			c.line(g.Row(e.Layer, e.Row), g.Units[e.Layer+1][e.Post], 2.5*c.scale, colSelect)
		}
	}

	// Spikes in flight: row i's spike leaves at its time and reaches
	// neuron k at the arrival time, so it spends exactly the edge's delay
	// on the way. A zero delay shows as a brief glow along the edge.
	dot := max(g.R*0.32, 2*c.scale)
	for l := range n.Layers {
		L := &n.Layers[l]
		pre := r.Times[l]
		for i := range g.Rows(l) {
			var tp float64
			if i < len(pre) {
				tp = pre[i]
			} else {
				tp = L.BiasTimes[i-len(pre)]
			}
			if math.IsInf(tp, 1) || s.Time < tp {
				continue
			}
			for k := range L.Size {
				e := layout.Edge{Layer: l, Row: i, Post: k}
				ta := r.Arrivals[l][i*L.Size+k]
				switch {
				case ta > tp && s.Time < ta:
					c.disc(g.Along(e, (s.Time-tp)/(ta-tp)), dot, colSpike)
				case ta <= tp && s.Time-tp < 0.12:
					c.line(g.Along(e, 0), g.Along(e, 1), 1.5*c.scale, withAlpha(colSpike, 0.7))
				}
			}
		}
	}

	// Discs.
	traced := r.Trace.Neuron
	for col, units := range g.Units {
		for i, pt := range units {
			T := r.Times[col][i]
			fired := s.Time >= T
			c.disc(pt, g.R, colDisc)
			if col == 0 {
				if fired {
					c.disc(pt, g.R*0.8, withAlpha(colSpike, 0.75))
				}
			} else if u := s.Potential[col-1][i]; u > 0 {
				c.disc(pt, g.R*math.Sqrt(min(u, 1)), colFill)
			} else if u < 0 {
				c.disc(pt, g.R*math.Sqrt(min(-u, 1)), withAlpha(colFillNeg, 0.8))
			}
			rim, width := colRim, 1.2
			if fired && col > 0 {
				rim, width = colSpike, 2
			}
			c.ring(pt, g.R, width*c.scale, rim)
			if dt := s.Time - T; dt >= 0 && dt < flashTime {
				f := dt / flashTime
				c.ring(pt, g.R*(1.2+0.9*f)+2*c.scale, 3*c.scale*(1-f)+c.scale, withAlpha(colSpike, 1-f))
			}
			if col == traced.Col && i == traced.Index {
				c.ring(pt, g.R+4*c.scale, 1.5*c.scale, colSelect)
			}
		}
	}
	for l, bias := range g.Bias {
		for j, pt := range bias {
			d := g.R * 0.8
			c.rect(layout.Rect{X: pt.X - d, Y: pt.Y - d, W: 2 * d, H: 2 * d}, colRim)
			if s.Time >= n.Layers[l].BiasTimes[j] {
				c.rect(layout.Rect{X: pt.X - d/2, Y: pt.Y - d/2, W: d, H: d}, colSpike)
			}
		}
	}

	// Labels: feature names left of the inputs, class names right of the
	// outputs, and the verdict at the first output to fire.
	// Many input rows (the chip's copies) on a short panel get a smaller
	// font, down to 9 px; a label that would still touch its neighbour is
	// left out.
	in := textStyle{px: 12, color: colText, align: right}
	if len(g.Units[0]) > 1 {
		step := (g.Units[0][1].Y - g.Units[0][0].Y) / c.scale
		in.px = min(max(step/1.25, 9), 12)
	}
	// Clear of the widest pulse a firing input draws (below), which would
	// cross a label set close to the unit.
	labelX := g.R*2.1 + 5*c.scale
	for i, pt := range g.Units[0] {
		name := fmt.Sprint(i)
		if n := inputName(s, i); n != "" {
			name = n
		}
		c.textIfFree(name, pt.X-labelX, pt.Y, in, p.Frame)
	}
	last := len(n.Layers)
	for k, pt := range g.Units[last] {
		x := pt.X + g.R + 8*c.scale
		name := s.ClassNames[k]
		c.text(name, x, pt.Y, textStyle{px: 12, color: classColor(k)})
		if k == r.Predicted && s.Time >= r.Times[last][k] {
			c.ring(pt, g.R+7*c.scale, 2.5*c.scale, classColor(k))
			c.text("first!", x, pt.Y+14*c.scale, textStyle{px: 11, color: classColor(k)})
		} else if k == r.Label {
			c.text("label", x, pt.Y+14*c.scale, styleSmall)
		}
	}

	c.legend(p.Legend, []legendItem{
		{lineSwatch(colExc, 2), "excitatory", "w > 0"},
		{lineSwatch(colInh, 2), "inhibitory (width ~ |w|)", "w < 0"},
		{dotSwatch(colSpike, 3.5), "spike on its way (takes its delay)", "spike in flight"},
		{halfSwatch(), "fill = u(t)/θ", "u/θ"},
		{ringSwatch(colSpike, 6), "fired", ""},
		{ringSwatch(colSelect, 6), "traced below", "traced"},
	})
}

// edgeTooltip describes an edge: its weight and delay, and for the replayed
// sample when its spike arrives.
func edgeTooltip(s *app.Snapshot, e *edgeRef) []string {
	n := s.Net
	L := &n.Layers[e.Layer]
	nPre := n.PreSize(e.Layer)
	w := L.Weights[e.Row*L.Size+e.Post]
	d := L.Delay.Of(L.Delays, e.Row, e.Post, nPre, L.Size)
	lines := []string{
		rowName(s, e.Layer, e.Row) + " → " + neuronName(s, e.Layer+1, e.Post),
		fmt.Sprintf("weight %+.3f", w),
		fmt.Sprintf("delay %.3f τs (%s)", d, L.Delay),
	}
	if ta := s.Replay.Arrivals[e.Layer][e.Row*L.Size+e.Post]; math.IsInf(ta, 1) {
		lines = append(lines, "no spike: the sender is silent")
	} else {
		lines = append(lines, "spike arrives at "+fmtTime(ta))
	}
	return lines
}

// tooltip draws lines in a box next to p, kept inside bounds.
func (c *canvas) tooltip(p layout.Pt, lines []string, bounds layout.Rect) {
	w := 0.0
	for _, l := range lines {
		w = max(w, c.textWidth(l, styleLabel))
	}
	lh := 16 * c.scale
	box := layout.Rect{X: p.X + 14*c.scale, Y: p.Y + 10*c.scale, W: w + 16*c.scale, H: lh*float64(len(lines)) + 10*c.scale}
	if box.Right() > bounds.Right() {
		box.X = p.X - 14*c.scale - box.W
	}
	if box.Bottom() > bounds.Bottom() {
		box.Y = p.Y - 10*c.scale - box.H
	}
	c.rect(box, withAlpha(colBackground, 0.94))
	c.frame(box, c.scale, colSelect)
	for i, l := range lines {
		st := styleLabel
		if i == 0 {
			st.color = colSpike // the edge's name stands out as a heading
		}
		c.text(l, box.X+8*c.scale, box.Y+5*c.scale+lh*(float64(i)+0.5), st)
	}
}

// netCaptions names the columns above the discs (first line) and the
// delays between them (second line), in short forms where columns are
// close; a caption that would still cover another is left out.
func (v *View) netCaptions(c *canvas, s *app.Snapshot, p layout.Panel, g *layout.Net) {
	n := s.Net
	top := p.Body.Y + 7*c.scale
	line := 14 * c.scale
	gap := 1e9 // the narrowest distance between two columns
	for col := 1; col < len(g.Units); col++ {
		gap = min(gap, g.Units[col][0].X-g.Units[col-1][0].X)
	}
	name := func(col int, short bool) string {
		switch {
		case col == 0 && short:
			return "in"
		case col == 0:
			return "inputs"
		case col == len(n.Layers) && short:
			return "out"
		case col == len(n.Layers):
			return "outputs"
		case short:
			return fmt.Sprint(n.Layers[col-1].Size)
		}
		return fmt.Sprintf("hidden (%d)", n.Layers[col-1].Size)
	}
	dim := textStyle{px: 11, color: colDim, align: center}
	spike := textStyle{px: 11, color: colSpike, align: center}
	short := false
	for col := range g.Units {
		short = short || c.textWidth(name(col, false), dim) > gap-8*c.scale
	}
	for col := range g.Units {
		x := g.Units[col][0].X
		c.textIfFree(name(col, short), x, top, dim, p.Frame)
		if col > 0 {
			k := n.Layers[col-1].Delay
			mid := (g.Units[col-1][0].X + x) / 2
			c.textIfFree(c.first(spike, gap-6*c.scale, delayName(k), k.String()), mid, top+line, spike, p.Frame)
		}
	}
}
