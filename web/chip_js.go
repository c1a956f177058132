package web

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"delaylab/app"
	"delaylab/checkpoint"
	"delaylab/run"
)

// Chip mode: the Substrate panel switches training between the ideal
// simulator and a chip model — the authors' or the realistic one (its seed
// draws the instance, the slider scales its noise); the network view then shows the quantised weights.
// With "side by side" on, the panel shows how the same network does on
// both, refreshed after every epoch and after every change.

// compareKey identifies what a comparison was computed for.
type compareKey struct {
	epoch   int
	version uint64
	chip    app.ChipSettings
}

func (b *Bridge) bindChip() {
	d := b.dom
	apply := func(id string) func(js.Value) {
		return func(js.Value) {
			model := d.value(idSubstrate)
			sub, _ := run.ParseSubstrate(model)
			on, realistic := sub.OnChip(), sub.Realistic()
			off := b.effectsOff()
			seedText, noiseText := d.value(idChipSeed), d.value(idChipNoise)
			b.post(id, func(s *app.Session) error {
				seed, err := app.ParseNamedSeed("chip seed", seedText)
				if err != nil {
					return blame(idChipSeed, err) // whichever control was changed
				}
				noise, err := app.ParseFloat("chip noise", noiseText)
				if err != nil {
					return err
				}
				return s.SetChip(app.ChipSettings{On: on, Seed: seed, Noise: noise, Realistic: realistic, Off: off})
			})
		}
	}
	d.on(d.el[idSubstrate], "change", false, apply(idSubstrate))
	d.on(d.el[idChipSeed], "change", false, apply(idChipSeed))
	d.on(d.el[idChipNoise], "change", false, apply(idChipNoise))
	d.on(d.el[idChipEffects], "change", false, apply(idChipEffects))
	d.on(d.el[idChipNoise], "input", false, func(js.Value) {
		d.el[idChipNoiseOut].Set("textContent", "×"+d.value(idChipNoise))
	})
	d.on(d.el[idChipCompare], "change", false, func(js.Value) {
		on := d.el[idChipCompare].Get("checked").Bool()
		b.s.PostQuiet(func(*app.Session) {
			b.m.chipOn = on
			b.m.compared = compareKey{epoch: -1}
			d.el[idChipCompareOut].Set("hidden", !on)
		})
	})
}

// syncChip shows the substrate settings in the controls when they changed
// (a file was opened, another control's refused value was given up).
func (b *Bridge) syncChip() {
	c := b.s.Chip()
	key := fmt.Sprintf("%v|%s|%s", c, b.settings, b.invalid)
	if key == b.m.chipKey {
		return
	}
	b.m.chipKey = key
	d := b.dom
	sub := run.Ideal
	switch {
	case c.On && c.Realistic:
		sub = run.ChipRealistic
	case c.On:
		sub = run.Chip
	}
	// A refused value stays on show in its control (fielderror_js.go).
	put := func(id, v string) {
		if id != b.invalid {
			d.el[id].Set("value", v)
		}
	}
	put(idSubstrate, sub)
	put(idChipSeed, strconv.FormatUint(c.Seed, 10))
	put(idChipNoise, ftoa(c.Noise))
	d.el[idChipNoiseOut].Set("textContent", "×"+d.value(idChipNoise))
	d.setAttr(idStatus, "data-substrate", sub)
	b.showEffects()
}

// showEffects draws one checkbox per effect of the chosen chip model
// (checked: on), and records the ones switched off on the status line.
func (b *Bridge) showEffects() {
	var html strings.Builder
	var off []string
	for _, e := range b.s.ChipEffects() {
		if !e.Present {
			continue
		}
		checked := ""
		if e.On {
			checked = " checked"
		} else {
			off = append(off, e.Name)
		}
		fmt.Fprintf(&html, `<label class="check"><input type="checkbox" data-bit="%d" data-effect="%s"%s> %s</label>`,
			e.Bit, e.Name, checked, htmlEscape(e.Label))
	}
	b.dom.el[idChipEffects].Set("innerHTML", html.String())
	b.dom.setAttr(idStatus, "data-chip-off", strings.Join(off, ","))
}

// effectsOff reads the effects the checkboxes switch off.
func (b *Bridge) effectsOff() uint32 {
	var off uint32
	boxes := b.dom.el[idChipEffects].Call("querySelectorAll", "input[data-bit]")
	for i := range boxes.Length() {
		box := boxes.Index(i)
		if !box.Get("checked").Bool() {
			bit, _ := strconv.ParseUint(box.Get("dataset").Get("bit").String(), 10, 32)
			off |= uint32(bit)
		}
	}
	return off
}

// compareEvery is the least time between two comparisons of a model that
// changes while paused (an edit after another).
const compareEvery = 300 * time.Millisecond

// maybeCompare refreshes the side-by-side comparison: after each epoch,
// after a change of the substrate, and after any other change of the
// model once training pauses (at most once a second while it runs).
func (b *Bridge) maybeCompare(s *app.Snapshot) {
	m := b.m
	if !m.chipOn {
		return
	}
	key := compareKey{epoch: s.Epoch, version: s.Version, chip: b.s.Chip()}
	if key == m.compared {
		return
	}
	if s.Playing && key.epoch == m.compared.epoch && key.chip == m.compared.chip {
		return // only epochs count while training runs
	}
	if time.Since(m.compareAt) < compareEvery && key.chip == m.compared.chip {
		m.compareDue = true // Busy keeps frames coming until its time
		return
	}
	m.compared, m.compareAt, m.compareDue = key, time.Now(), false
	ideal, chip, err := b.s.CompareSubstrates()
	out := b.dom.el[idChipCompareOut]
	pct := func(v float64) string {
		if math.IsNaN(v) {
			return "—"
		}
		return fmt.Sprintf("%.1f %%", 100*v)
	}
	c := key.chip
	model := "Chip"
	if c.Realistic {
		model = "Realistic chip"
	}
	extra := ""
	n := 0
	for _, e := range b.s.ChipEffects() {
		if e.Present && !e.On {
			n++
		}
	}
	if n > 0 {
		extra = fmt.Sprintf(", %d effect%s off", n, map[bool]string{true: "s"}[n > 1])
	}
	note := ""
	if err != nil {
		note = `<p class="hint">The chip cannot run this network: ` + htmlEscape(checkpoint.Reason(err)) + `</p>`
	}
	out.Set("innerHTML", fmt.Sprintf(`<table><thead><tr><th>Same network on</th><th>validation</th></tr></thead><tbody>`+
		`<tr><td>Ideal simulator</td><td>%s</td></tr><tr><td>%s (seed %d, noise ×%s%s)</td><td>%s</td></tr></tbody></table>%s`,
		pct(ideal), model, c.Seed, ftoa(c.Noise), extra, pct(chip), note))
	out.Call("setAttribute", "data-ideal", strconv.FormatFloat(ideal, 'f', 4, 64))
	out.Call("setAttribute", "data-chip", strconv.FormatFloat(chip, 'f', 4, 64))
	out.Call("setAttribute", "data-epoch", strconv.Itoa(s.Epoch))
}
