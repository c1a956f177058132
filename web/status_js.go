package web

import (
	"cmp"
	"fmt"
	"math"
	"strconv"
	"strings"
	"syscall/js"

	"delaylab/app"
	"delaylab/delgrad"
)

// Publish shows the session's state in the page: the status line and its
// data attributes (which the browser tests read), the message box, the
// play button, and the controls whenever the settings changed. It runs on
// the game goroutine after every update.
func (b *Bridge) Publish(s *app.Snapshot, st app.PageStats) {
	d := b.dom
	if !b.canvasSet {
		b.fixCanvas()
	}
	last, haveEpoch := s.Last()
	val := ""
	if haveEpoch {
		val = strconv.FormatFloat(last.ValAcc, 'f', 4, 64)
	}
	d.set(idStatus, "textContent", statusLine(s))
	d.setAttr(idStatus, "data-epoch", strconv.Itoa(s.Epoch))
	d.setAttr(idStatus, "data-val-acc", val)
	test := ""
	if !math.IsNaN(s.TestAcc) {
		test = strconv.FormatFloat(s.TestAcc, 'f', 4, 64)
	}
	d.setAttr(idStatus, "data-test-acc", test)
	d.setAttr(idStatus, "data-params", strconv.Itoa(s.Params()))
	d.setAttr(idStatus, "data-weights", strconv.Itoa(s.Weights))
	d.setAttr(idStatus, "data-delays", strconv.Itoa(s.Delays))
	d.setAttr(idStatus, "data-playing", b01(s.Playing))
	d.setAttr(idStatus, "data-samples-per-sec", strconv.Itoa(int(s.SamplesPerSec)))
	d.setAttr(idStatus, "data-compute-rate", strconv.Itoa(int(s.ComputeRate)))
	d.setAttr(idStatus, "data-engine", s.Engine)
	d.setAttr(idStatus, "data-sample", strconv.Itoa(s.Sample))
	d.setAttr(idStatus, "data-time", strconv.FormatFloat(s.Time, 'f', 3, 64))
	d.setAttr(idStatus, "data-version", strconv.FormatUint(s.Version, 10))
	d.setAttr(idStatus, "data-fps", strconv.FormatFloat(st.FPS, 'f', 1, 64))
	d.setAttr(idStatus, "data-update-ms", strconv.FormatFloat(st.UpdateMS, 'f', 1, 64))
	d.setAttr(idStatus, "data-draw-ms", strconv.FormatFloat(st.DrawMS, 'f', 1, 64))

	d.set(idMessageText, "textContent", s.Message)
	d.setAttr(idMessage, "data-error", b01(s.IsError))
	d.setHidden(idMessage, s.Message == "")
	d.setAttr(idStatus, "data-error", b01(s.IsError))

	play := "Play"
	if s.Playing {
		play = "Pause"
	}
	d.set(idPlay, "textContent", play)
	d.setAttr(idPlay, "aria-pressed", strconv.FormatBool(s.Playing))

	b.syncSettings(s)
	b.publishInvalid()

	if s.Sample != b.sample {
		b.sample = s.Sample
		d.el[idSample].Set("value", s.Sample)
		d.el[idSample].Set("max", len(s.Points)-1)
	}
	if s.Speed != b.speed {
		b.speed = s.Speed
		d.el[idSpeed].Set("value", ftoa(s.Speed))
	}
	d.set(idTime, "max", strconv.FormatFloat(s.Replay.End, 'f', 2, 64))
	if !b.scrubbing.Load() {
		d.set(idTime, "value", strconv.FormatFloat(s.Time, 'f', 2, 64))
	}
	d.set(idTimeOut, "textContent", fmt.Sprintf("%.2f τs", s.Time))
	b.publishModel(s)
}

// FirstFrame marks the page ready: the first frame is drawn. It records
// when, in milliseconds since navigation started (performance.now()).
func (b *Bridge) FirstFrame() {
	perf := js.Global().Get("performance")
	now := perf.Call("now").Float()
	b.dom.setAttr(idStatus, "data-first-frame-ms", strconv.Itoa(int(now)))
	b.dom.setAttr(idStatus, "data-boot", bootPhases(perf))
	b.dom.setAttr(idStatus, "data-ready", "1")
	js.Global().Get("document").Call("getElementById", "placeholder").Set("hidden", true)
}

// Mark records a boot phase as a performance mark; FirstFrame lists them.
func Mark(name string) {
	js.Global().Get("performance").Call("mark", name)
}

// bootPhases lists the performance marks as "name=ms" in time order.
func bootPhases(perf js.Value) string {
	marks := perf.Call("getEntriesByType", "mark")
	var parts []string
	for i := range marks.Length() {
		m := marks.Index(i)
		parts = append(parts, fmt.Sprintf("%s=%d", m.Get("name").String(), int(m.Get("startTime").Float())))
	}
	return strings.Join(parts, " ")
}

// statusLine is the human-readable status.
func statusLine(s *app.Snapshot) string {
	params := fmt.Sprintf("%d parameters", s.Params())
	if s.Batches == 0 && s.Epoch == 0 && !s.Playing { // a shared model has epochs but no batches here
		return fmt.Sprintf("Ready: %s. Press Play or the space bar.", params)
	}
	line := fmt.Sprintf("Epoch %d", s.Epoch)
	if s.Progress > 0 {
		line += fmt.Sprintf(" (%.0f %%)", 100*s.Progress)
	}
	if last, ok := s.Last(); ok {
		line += fmt.Sprintf(" · validation %.1f %%", 100*last.ValAcc)
	}
	if s.Playing && s.SamplesPerSec > 0 {
		line += fmt.Sprintf(" · %.0f samples/s", s.SamplesPerSec)
	}
	return line + " · " + params
}

// syncSettings writes the settings into the controls when they changed.
func (b *Bridge) syncSettings(s *app.Snapshot) {
	set := s.Settings
	key := fmt.Sprintf("%+v", set)
	if key == b.settings {
		return
	}
	b.settings = key
	b.clearInvalid() // every control now shows a setting in force
	d := b.dom
	if d.el[idPreset].Get("options").Length() == 0 {
		var names, labels []string
		for _, p := range s.Presets {
			names = append(names, p.Name)
			labels = append(labels, p.Name)
		}
		d.options(d.el[idPreset], names, labels)
		for i, p := range s.Presets {
			d.el[idPreset].Get("options").Index(i).Set("title", p.Description)
		}
	}
	b.writeSettings(set, "")
}

// writeSettings writes set into the controls, all but skip (a control
// whose refused value stays on show, see fielderror_js.go).
func (b *Bridge) writeSettings(set app.Settings, skip string) {
	d := b.dom
	put := func(id string, v any) {
		if id != skip {
			d.doc.Call("getElementById", id).Set("value", v)
		}
	}
	// Settings that differ from their preset show as "custom (preset)".
	if skip != idPreset {
		sel := d.el[idPreset]
		if old := sel.Call("querySelector", `option[value=""]`); !old.IsNull() {
			old.Call("remove")
		}
		if set.Custom() {
			o := d.doc.Call("createElement", "option")
			o.Set("value", "")
			o.Set("textContent", "custom (from "+set.Preset+")")
			sel.Call("appendChild", o)
			sel.Set("value", "")
		} else {
			sel.Set("value", set.Preset)
		}
	}
	put(idDataset, set.Dataset)
	put(idHidden, joinInts(set.Hidden))
	if len(set.Delays) != b.layers {
		b.layers = len(set.Delays)
		b.buildDelaySelects(b.layers)
	}
	for l, k := range set.Delays {
		put(fmt.Sprintf("delay-%d", l), k.String())
	}
	put(idNeuron, ftoa(set.TauRatio))
	protocol := cmp.Or(set.Protocol, "ours")
	d.ensureOption(idProtocol, protocol)
	put(idProtocol, protocol)
	d.ensureOption(idLoss, set.Loss)
	if l, err := delgrad.ParseLoss(set.Loss); err == nil {
		// Its name, not its code (simse:0.3), also for losses the list lacks.
		if o := d.el[idLoss].Call("querySelector", fmt.Sprintf(`option[value=%q]`, set.Loss)); !o.IsNull() {
			o.Set("textContent", l.Describe())
		}
	}
	put(idLoss, set.Loss)
	put(idLRWeights, ftoa(set.LRWeights))
	put(idLRDelays, ftoa(set.LRDelays))
	put(idBatch, set.Batch)
	put(idSeed, strconv.FormatUint(set.Seed, 10))
}

// fixCanvas adjusts the canvas Ebiten created: out of the tab order (it is
// a picture driven by the mouse; every action has an HTML control) and
// described for screen readers.
func (b *Bridge) fixCanvas() {
	c := b.dom.doc.Call("querySelector", "body > canvas")
	if !c.Truthy() {
		return
	}
	c.Call("setAttribute", "tabindex", "-1")
	c.Call("setAttribute", "role", "img")
	c.Call("setAttribute", "aria-label", "DelayLab views: network replay, decision map, spike raster with membrane trace, training curves")
	b.bindPointer(c)
	b.canvasSet = true
}

func b01(v bool) string {
	if v {
		return "1"
	}
	return "0"
}
