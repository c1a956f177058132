package web

import (
	"fmt"
	"strconv"
	"strings"
	"syscall/js"

	"delaylab/app"
)

// GradCheckParams is how many parameters one gradient check compares.
const gradCheckParams = 12

func (b *Bridge) bindGradCheck() {
	d := b.dom
	d.on(d.el[idGradCheck], "click", false, func(js.Value) { b.post(idGradCheck, b.gradCheck) })
}

// gradCheck runs the check and shows its table; a command.
func (b *Bridge) gradCheck(s *app.Session) error {
	b.m.gradSeed++
	rep, err := s.GradCheck(gradCheckParams, b.m.gradSeed)
	if err != nil {
		return err
	}
	var h strings.Builder
	h.WriteString(`<table><thead><tr><th>parameter</th><th>exact</th><th>finite diff.</th><th>rel. err.</th></tr></thead><tbody>`)
	for _, r := range rep.Rows {
		class := "ok"
		if r.RelErr > 1e-5 {
			class = "bad"
		}
		fmt.Fprintf(&h, `<tr><td title="%[1]s">%[1]s</td><td title="%.12g">%.3g</td><td title="%.12g">%.3g</td><td class="%s">%.1e</td></tr>`,
			htmlEscape(shortParam(r.Param)), r.Exact, r.Exact, r.FD, r.FD, class, r.RelErr)
	}
	fmt.Fprintf(&h, `</tbody><caption>w: weight, d: delay. Mean loss %.4g over %d training samples; central differences with h = %g on the ideal simulator. Largest relative error %.1e.`,
		rep.Loss, rep.Batch, rep.H, rep.MaxRelErr)
	if rep.Skipped > 0 {
		fmt.Fprintf(&h, ` %d parameters drawn were skipped: a vanishing gradient, or a kink within ±h.`, rep.Skipped)
	}
	h.WriteString(`</caption></table>`)
	out := b.dom.el[idGradCheckOut]
	out.Set("innerHTML", h.String())
	out.Set("hidden", false)
	out.Call("setAttribute", "data-max-rel-err", strconv.FormatFloat(rep.MaxRelErr, 'e', 3, 64))
	out.Call("setAttribute", "data-rows", strconv.Itoa(len(rep.Rows)))
	s.Notify(fmt.Sprintf("Gradient check: %d parameters, largest relative error %.1e.", len(rep.Rows), rep.MaxRelErr))
	return nil
}

// shortParam is "w in 2 → h 17" for "weight in 2 → h 17", "d …" for a delay.
func shortParam(p string) string {
	if rest, ok := strings.CutPrefix(p, "weight "); ok {
		return "w " + rest
	}
	if rest, ok := strings.CutPrefix(p, "delay "); ok {
		return "d " + strings.ReplaceAll(rest, "(all)", "all")
	}
	return p
}
