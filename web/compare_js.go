package web

import (
	"fmt"
	"strconv"
	"strings"
	"syscall/js"

	"delaylab/app"
)

// The Compare panel: a preset trained beside the model (Session.StartCompare),
// with both validation curves drawn together and their parameter counts.

// Colours of the two curves: the page's accent for the model, the
// validation green of the canvas for the compared one.
const (
	colourA = "#ffd84d"
	colourB = "#4dd6c8"
)

func (b *Bridge) bindCompare() {
	d := b.dom
	d.on(d.el[idCompare], "change", false, func(js.Value) {
		name := d.value(idCompare)
		b.post(idCompare, func(s *app.Session) error {
			if name == "" {
				return s.StopCompare()
			}
			if err := s.StartCompare(name); err != nil {
				return err
			}
			s.Notify(fmt.Sprintf("Comparing with %s: both train while you play, each in half of the time.", name))
			return nil
		})
	})
}

// publishCompare fills the preset list once and redraws the chart when an
// epoch ends in either run.
func (b *Bridge) publishCompare(s *app.Snapshot) {
	d := b.dom
	sel := d.el[idCompare]
	if sel.Get("options").Length() == 1 {
		for _, p := range s.Presets {
			o := d.doc.Call("createElement", "option")
			o.Set("value", p.Name)
			o.Set("textContent", p.Name)
			o.Set("title", p.Description)
			sel.Call("appendChild", o)
		}
	}
	a, c, ok := b.s.Comparison()
	key := ""
	if ok {
		key = fmt.Sprintf("%s|%s|%d|%d", a.Name, c.Name, len(a.History), len(c.History))
	}
	if key == b.m.compareKey {
		return
	}
	b.m.compareKey = key
	out := d.el[idCompareOut]
	if !ok {
		out.Set("hidden", true)
		if sel.Get("value").String() != "" && b.invalid != idCompare {
			sel.Set("value", "")
		}
		return
	}
	out.Set("innerHTML", compareChart(a, c))
	out.Set("hidden", false)
	out.Call("setAttribute", "data-a-epochs", strconv.Itoa(len(a.History)))
	out.Call("setAttribute", "data-b-epochs", strconv.Itoa(len(c.History)))
	out.Call("setAttribute", "data-a-params", strconv.Itoa(a.Params()))
	out.Call("setAttribute", "data-b-params", strconv.Itoa(c.Params()))
}

// compareChart draws both validation-accuracy curves as SVG, with a key
// giving each model's parameter count and last accuracy.
func compareChart(a, c app.CompareRun) string {
	const w, h, left, right, top, bottom = 270.0, 130.0, 30.0, 6.0, 6.0, 16.0
	epochs := max(len(a.History), len(c.History), 5)
	x := func(e int) float64 { return left + (w-left-right)*float64(e-1)/float64(max(epochs-1, 1)) }
	y := func(acc float64) float64 { return top + (h-top-bottom)*(1-acc) }
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg viewBox="0 0 %g %g" role="img" aria-label="Validation accuracy per epoch of both models">`, w, h)
	for _, g := range []float64{0, 0.5, 0.9, 1} {
		fmt.Fprintf(&sb, `<line x1="%g" x2="%g" y1="%.1f" y2="%.1f" stroke="#2a3442"/>`, left, w-right, y(g), y(g))
		fmt.Fprintf(&sb, `<text x="%g" y="%.1f" fill="#8b98a8" font-size="9" text-anchor="end">%.0f%%</text>`, left-3, y(g)+3, 100*g)
	}
	fmt.Fprintf(&sb, `<text x="%g" y="%g" fill="#8b98a8" font-size="9">epoch 1</text>`, left, h-3)
	fmt.Fprintf(&sb, `<text x="%g" y="%g" fill="#8b98a8" font-size="9" text-anchor="end">%d</text>`, w-right, h-3, epochs)
	for _, r := range []struct {
		run    app.CompareRun
		colour string
	}{{a, colourA}, {c, colourB}} {
		var pts []string
		for _, e := range r.run.History {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(e.Epoch), y(e.ValAcc)))
		}
		if n := len(r.run.History); n > 0 {
			if n == 1 {
				pts = append(pts, pts[0])
			}
			fmt.Fprintf(&sb, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`,
				strings.Join(pts, " "), r.colour)
			last := r.run.History[n-1]
			fmt.Fprintf(&sb, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>`, x(last.Epoch), y(last.ValAcc), r.colour)
		}
	}
	sb.WriteString(`</svg>`)
	for _, r := range []struct {
		run    app.CompareRun
		colour string
	}{{a, colourA}, {c, colourB}} {
		acc := "—"
		if n := len(r.run.History); n > 0 {
			acc = fmt.Sprintf("%.1f %%", 100*r.run.History[n-1].ValAcc)
		}
		fmt.Fprintf(&sb, `<div class="key"><i style="background:%s"></i><span>%s: <b>%d</b> parameters (%d weights, %d delays), validation %s</span></div>`,
			r.colour, htmlEscape(r.run.Name), r.run.Params(), r.run.Weights, r.run.Delays, acc)
	}
	return sb.String()
}
