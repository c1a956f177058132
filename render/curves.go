package render

import (
	"fmt"
	"image/color"
	"math"

	"delaylab/app"
	"delaylab/delgrad"
	"delaylab/render/layout"
)

// drawCurves draws accuracy and loss per epoch, with the parameter count and
// the training speed above them.
func (v *View) drawCurves(c *canvas, s *app.Snapshot, p layout.Panel) {
	c.panel(p, "Training", fmt.Sprintf("epoch %d of %d", s.Epoch, s.Epochs))
	b := p.Body
	y := b.Y + 8*c.scale
	rate := "paused"
	if s.Playing {
		rate = fmt.Sprintf("%s samples/s", thousands(s.SamplesPerSec))
	}
	c.text(rate, b.Right(), y, textStyle{px: 12, color: colText, align: right})
	room := b.W - c.textWidth(rate, styleLabel) - 12*c.scale
	c.text(c.first(styleLabel, room,
		fmt.Sprintf("%d parameters: %d weights + %d delays", s.Params(), s.Weights, s.Delays),
		fmt.Sprintf("%d parameters (%d delays)", s.Params(), s.Delays),
		fmt.Sprintf("%d parameters", s.Params())), b.X, y, styleLabel)

	// Below the plots: a line for the epoch labels.
	plots := layout.Rect{X: b.X, Y: b.Y + 24*c.scale, W: b.W, H: b.H - 24*c.scale - 22*c.scale}
	accR, lossR := plots.SplitY(0.55, 14*c.scale)
	h := s.History
	if len(h) == 0 {
		msg := "press play (space) to train; curves appear after the first epoch"
		if s.Playing {
			msg = fmt.Sprintf("first epoch: %.0f %%", 100*s.Progress)
		}
		st := textStyle{px: 12, color: colDim, align: center}
		c.text(c.fit(msg, st, b.W), b.X+b.W/2, b.Y+b.H/2, st)
	} else {
		v.accuracyPlot(c, h, s.TestAcc, accR)
		v.lossPlot(c, h, lossR)
	}
	c.legend(p.Legend, []legendItem{
		{lineSwatch(colTrain, 2), "train", ""},
		{lineSwatch(colVal, 2), "validation", ""},
		{nil, "accuracy (top), loss (bottom, log scale)", "loss: log scale"},
	})
}

// epochAxis spans at least 10 epochs so the first points do not fill the
// whole width.
func epochAxis(h []delgrad.Epoch, r layout.Rect, c *canvas) layout.Axis {
	return layout.Axis{Lo: 1, Hi: math.Max(10, float64(len(h))), From: r.X + 40*c.scale, To: r.Right() - 6*c.scale}
}

func (v *View) accuracyPlot(c *canvas, h []delgrad.Epoch, testAcc float64, r layout.Rect) {
	lo := 0.5
	for _, e := range h {
		lo = math.Min(lo, math.Floor(math.Min(e.TrainAcc, e.ValAcc)*10)/10)
	}
	ax := epochAxis(h, r, c)
	ay := layout.Axis{Lo: lo, Hi: 1, From: r.Bottom(), To: r.Y}
	c.rect(layout.Rect{X: ax.From, Y: r.Y, W: ax.To - ax.From, H: r.H}, colPanel)
	// Grid lines at the bottom, 100 % and 90 %; the 90 % label gives way
	// when the plot is too short for three.
	ticks := layout.Rect{X: r.X, Y: r.Y - 8*c.scale, W: r.W, H: r.H + 16*c.scale}
	for _, g := range []float64{lo, 1, 0.9} {
		yy := ay.Px(g)
		c.line(layout.Pt{X: ax.From, Y: yy}, layout.Pt{X: ax.To, Y: yy}, c.scale, colGrid)
		c.textIfFree(fmt.Sprintf("%.0f %%", 100*g), ax.From-4*c.scale, yy, textStyle{px: 11, color: colDim, align: right}, ticks)
	}
	curve(c, h, ax, ay, func(e delgrad.Epoch) float64 { return e.TrainAcc }, colTrain)
	curve(c, h, ax, ay, func(e delgrad.Epoch) float64 { return e.ValAcc }, colVal)
	last := h[len(h)-1]
	labels := []string{fmt.Sprintf("validation %.1f %%", 100*last.ValAcc), fmt.Sprintf("val %.1f %%", 100*last.ValAcc)}
	if !math.IsNaN(testAcc) {
		labels = append([]string{
			fmt.Sprintf("validation %.1f %% · test %.1f %%", 100*last.ValAcc, 100*testAcc),
			fmt.Sprintf("val %.1f %% · test %.1f %%", 100*last.ValAcc, 100*testAcc),
		}, labels...)
	}
	st := textStyle{px: 14, bold: true, color: colVal, align: right}
	c.text(c.first(st, ax.To-ax.From-8*c.scale, labels...), ax.To-4*c.scale, ay.Px(lo)-10*c.scale, st)
	c.textIfFree("accuracy", ax.From+4*c.scale, r.Y+8*c.scale, styleSmall, r)
}

func (v *View) lossPlot(c *canvas, h []delgrad.Epoch, r layout.Rect) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, e := range h {
		for _, l := range []float64{e.TrainLoss, e.ValLoss} {
			if l > 0 {
				lo, hi = math.Min(lo, math.Log10(l)), math.Max(hi, math.Log10(l))
			}
		}
	}
	if math.IsInf(lo, 1) {
		return
	}
	lo, hi = math.Floor(lo), math.Ceil(hi)
	if hi <= lo {
		hi = lo + 1
	}
	ax := epochAxis(h, r, c)
	ay := layout.Axis{Lo: lo, Hi: hi, From: r.Bottom(), To: r.Y}
	c.rect(layout.Rect{X: ax.From, Y: r.Y, W: ax.To - ax.From, H: r.H}, colPanel)
	labels := layout.Rect{X: r.X, Y: r.Y - 8*c.scale, W: r.W, H: r.H + 16*c.scale}
	for d := lo; d <= hi; d++ {
		yy := ay.Px(d)
		c.line(layout.Pt{X: ax.From, Y: yy}, layout.Pt{X: ax.To, Y: yy}, c.scale, colGrid)
		c.textIfFree(fmt.Sprintf("1e%d", int(d)), ax.From-4*c.scale, yy, textStyle{px: 11, color: colDim, align: right}, labels)
	}
	logOf := func(f func(delgrad.Epoch) float64) func(delgrad.Epoch) float64 {
		return func(e delgrad.Epoch) float64 { return math.Log10(math.Max(f(e), 1e-12)) }
	}
	curve(c, h, ax, ay, logOf(func(e delgrad.Epoch) float64 { return e.TrainLoss }), colTrain)
	curve(c, h, ax, ay, logOf(func(e delgrad.Epoch) float64 { return e.ValLoss }), colVal)
	c.textIfFree("loss", ax.From+4*c.scale, r.Y+8*c.scale, styleSmall, r)
	// Epoch ticks at 1 and at a round step, at most about eight of them.
	step := 1.0
	for _, st := range []float64{1, 2, 5, 10, 20, 50, 100} {
		if step = st; ax.Hi/st <= 8 {
			break
		}
	}
	ticks := layout.Rect{X: r.X, Y: r.Bottom(), W: r.W, H: 22 * c.scale}
	for e := 0.0; e <= ax.Hi; e += step {
		x := ax.Px(math.Max(e, 1))
		c.textIfFree(fmt.Sprintf("%g", math.Max(e, 1)), x, r.Bottom()+13*c.scale, textStyle{px: 11, color: colDim, align: center}, ticks)
	}
	c.textIfFree("epoch", ax.From-14*c.scale, r.Bottom()+13*c.scale, textStyle{px: 11, color: colDim, align: right}, ticks)
}

// curve draws one metric per epoch (a dot while there is only one).
func curve(c *canvas, h []delgrad.Epoch, ax, ay layout.Axis, f func(delgrad.Epoch) float64, col color.NRGBA) {
	pts := make([]layout.Pt, len(h))
	for i, e := range h {
		pts[i] = layout.Pt{X: ax.Px(float64(e.Epoch)), Y: ay.Px(f(e))}
	}
	if len(pts) == 1 {
		c.disc(pts[0], 3*c.scale, col)
		return
	}
	c.polyline(pts, 2*c.scale, col)
}

// thousands formats n with thin separators: 31 204.
func thousands(v float64) string {
	n := int(math.Round(v))
	s := fmt.Sprint(n)
	out := ""
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out += ","
		}
		out += string(r)
	}
	return out
}
