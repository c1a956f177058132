package web

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall/js"

	"delaylab/app"
	"delaylab/render/layout"
	"delaylab/sim"
)

// Bridge binds the page's controls to a session and reports its state.
type Bridge struct {
	s   *app.Session
	dom *dom

	// What the controls cover (math.Float64bits, CSS px): written by
	// measureInset, read by the renderer's goroutine.
	insetLeft, insetTop atomic.Uint64

	// Owned by the game goroutine (set in commands and Publish).
	invalid   string // id of the control whose refused value is on show
	invalidBy string // id of the control whose command was refused
	fieldMsg  string // what is said beside it
	shownErr  string // the invalid control and message on show
	settings  string // the settings last shown in the controls
	sample    int
	speed     float64
	layers    int
	canvasSet bool
	helpFrom  js.Value // element focused before the help opened
	// frameWaiters are the resolve functions of delaylab.nextFrame()
	// Promises, settled when the next frame is drawn (rest_js.go).
	frameWaiters []js.Value

	scrubbing atomic.Bool // the user holds the time slider
	pointer   func(kind string, x, y float64)

	m *model // the Substrate and Model panels (model_js.go)
}

// Bind connects the page's controls to s. Call Release when done.
func Bind(s *app.Session) *Bridge {
	b := &Bridge{s: s, dom: newDOM(), sample: -1, speed: -1, layers: -1}
	d := b.dom
	b.measureInset()
	d.on(js.Global(), "resize", false, func(js.Value) { b.measureInset() })
	b.bindDrawer()
	b.startEngine()

	click := func(id string, c app.Command) {
		d.on(d.el[id], "click", false, func(js.Value) { b.post(id, c) })
	}
	click(idPlay, (*app.Session).TogglePlay)
	click(idStep, (*app.Session).Step)
	click(idReset, (*app.Session).Reset)
	click(idMessageClose, (*app.Session).ClearMessage)
	d.on(d.el[idHelpOpen], "click", false, func(js.Value) { b.toggleHelp() })
	d.on(d.el[idHelpClose], "click", false, func(js.Value) { b.toggleHelp() })
	d.on(d.el[idHelp], "click", false, func(e js.Value) {
		if e.Get("target").Equal(d.el[idHelp]) { // a click on the backdrop
			b.toggleHelp()
		}
	})

	// change binds a control whose new value becomes a command.
	change := func(id string, cmd func(v string) app.Command) {
		d.on(d.el[id], "change", false, func(js.Value) { b.post(id, cmd(d.value(id))) })
	}
	change(idPreset, func(v string) app.Command {
		return func(s *app.Session) error {
			if v == "" {
				return nil // "custom": the settings as they are
			}
			return s.ApplyPreset(v)
		}
	})
	change(idDataset, func(v string) app.Command {
		return func(s *app.Session) error { return s.SetDataset(v) }
	})
	change(idHidden, func(v string) app.Command {
		return func(s *app.Session) error {
			h, err := app.ParseHidden(v)
			if err != nil {
				return err
			}
			return s.SetHidden(h)
		}
	})
	change(idNeuron, func(v string) app.Command {
		return func(s *app.Session) error {
			r, err := app.ParseFloat("neuron τm/τs", v)
			if err != nil {
				return err
			}
			return s.SetTauRatio(r)
		}
	})
	change(idProtocol, func(v string) app.Command {
		return func(s *app.Session) error { return s.SetProtocol(v) }
	})
	change(idLoss, func(v string) app.Command {
		return func(s *app.Session) error { return s.SetLoss(v) }
	})
	floatCmd := func(name string, set func(*app.Session, float64) error) func(string) app.Command {
		return func(v string) app.Command {
			return func(s *app.Session) error {
				f, err := app.ParseFloat(name, v)
				if err != nil {
					return err
				}
				return set(s, f)
			}
		}
	}
	intCmd := func(name string, set func(*app.Session, int) error) func(string) app.Command {
		return func(v string) app.Command {
			return func(s *app.Session) error {
				n, err := app.ParseInt(name, v)
				if err != nil {
					return err
				}
				return set(s, n)
			}
		}
	}
	change(idLRWeights, floatCmd("weight learning rate", (*app.Session).SetLRWeights))
	change(idLRDelays, floatCmd("delay learning rate", (*app.Session).SetLRDelays))
	change(idBatch, intCmd("batch size", (*app.Session).SetBatch))
	change(idSeed, func(v string) app.Command {
		return func(s *app.Session) error {
			seed, err := app.ParseSeed(v)
			if err != nil {
				return err
			}
			return s.SetSeed(seed)
		}
	})
	change(idSample, intCmd("sample", (*app.Session).SelectSample))
	change(idSpeed, floatCmd("replay speed", (*app.Session).SetReplaySpeed))

	// The delay selects are rebuilt with the layers; listen on their
	// container.
	d.on(d.el[idDelays], "change", false, func(e js.Value) {
		t := e.Get("target")
		id := t.Get("id").String()
		var l int
		if _, err := fmt.Sscanf(id, "delay-%d", &l); err != nil {
			return
		}
		v := t.Get("value").String()
		b.post(id, func(s *app.Session) error {
			k, err := sim.ParseDelayKind(v)
			if err != nil {
				return app.SettingError(err)
			}
			return s.SetDelay(l, k)
		})
	})

	// Scrubbing takes the replay over: it stops the replay's clock so the
	// chosen moment stays on screen.
	d.on(d.el[idTime], "input", false, func(js.Value) {
		b.scrubbing.Store(true)
		v := d.value(idTime)
		b.post(idTime, func(s *app.Session) error {
			t, err := app.ParseFloat("replay time", v)
			if err != nil {
				return err
			}
			if err := s.SetReplaySpeed(0); err != nil {
				return err
			}
			return s.SetReplayTime(t)
		})
	})
	d.on(d.el[idTime], "change", false, func(js.Value) { b.scrubbing.Store(false) })

	b.bindKeys()
	b.bindModel()
	return b
}

// post queues c for the game loop; if it fails, the control id (or the
// one its error blames) is marked invalid, with the message beside it,
// until a command from it succeeds (fielderror_js.go).
func (b *Bridge) post(id string, c app.Command) {
	b.s.Post(func(s *app.Session) error {
		err := c(s)
		if err != nil {
			b.markInvalid(s, id, err)
		} else if b.invalid == id || b.invalidBy == id {
			b.clearInvalid()
		}
		return err
	})
}

// measureInset reads how far the controls reach into the window: the
// panel's right edge when it is a column at the left, the bar's bottom
// edge when the controls are a bar at the top (narrow windows; the drawer
// opens over the views and does not count).
func (b *Bridge) measureInset() {
	r := b.dom.el[idPanel].Call("getBoundingClientRect")
	var in layout.Insets
	if w := js.Global().Get("innerWidth").Float(); r.Get("width").Float() >= 0.9*w {
		in.Top = b.dom.el[idRunBar].Call("getBoundingClientRect").Get("bottom").Float()
	} else {
		in.Left = r.Get("right").Float()
	}
	b.insetLeft.Store(math.Float64bits(in.Left))
	b.insetTop.Store(math.Float64bits(in.Top))
	// For the browser tests: what the renderer leaves to the controls.
	body := js.Global().Get("document").Get("body")
	body.Call("setAttribute", "data-inset-left", strconv.FormatFloat(in.Left, 'f', 1, 64))
	body.Call("setAttribute", "data-inset-top", strconv.FormatFloat(in.Top, 'f', 1, 64))
	// A command, though it does nothing: it wakes a resting page to draw
	// the new geometry (render/rest.go); Ebiten's own frame for a resize
	// waits for that.
	b.s.PostQuiet(func(*app.Session) {})
}

// Insets is what the controls cover of the canvas, in CSS pixels.
func (b *Bridge) Insets() layout.Insets {
	return layout.Insets{Left: math.Float64frombits(b.insetLeft.Load()), Top: math.Float64frombits(b.insetTop.Load())}
}

// OnPointer forwards the canvas's pointer events to f as "move", "down",
// "up" or "leave" with CSS pixel coordinates; the renderer does the hit
// testing. Call it before the game starts.
func (b *Bridge) OnPointer(f func(kind string, x, y float64)) { b.pointer = f }

// bindPointer listens to the canvas Ebiten created.
func (b *Bridge) bindPointer(canvas js.Value) {
	if b.pointer == nil {
		return
	}
	send := func(kind string) func(e js.Value) {
		return func(e js.Value) {
			r := canvas.Call("getBoundingClientRect")
			b.pointer(kind, e.Get("clientX").Float()-r.Get("left").Float(), e.Get("clientY").Float()-r.Get("top").Float())
		}
	}
	b.dom.on(canvas, "pointermove", false, send("move"))
	b.dom.on(canvas, "pointerdown", false, send("down"))
	b.dom.on(canvas, "pointerleave", false, send("leave"))
	// A drag may end outside the canvas.
	b.dom.on(js.Global(), "pointerup", false, send("up"))
}

// Release frees the bridge's JavaScript callbacks.
func (b *Bridge) Release() { b.dom.release() }

// Fatal shows an error that stopped the page.
func (b *Bridge) Fatal(err error) {
	d := b.dom
	d.set(idMessageText, "textContent", "DelayLab stopped: "+err.Error())
	d.setAttr(idMessage, "data-error", "1")
	d.setHidden(idMessage, false)
	d.setAttr(idStatus, "data-ready", "0")
}

// delayLabel names layer l's connection for its select.
func delayLabel(l, layers int) string {
	from, to := "inputs", "outputs"
	if l > 0 {
		from = "hidden"
		if layers > 2 {
			from = fmt.Sprintf("hidden %d", l)
		}
	}
	if l < layers-1 {
		to = "hidden"
		if layers > 2 {
			to = fmt.Sprintf("hidden %d", l+1)
		}
	}
	return "Delays " + from + " → " + to
}

// buildDelaySelects makes one labelled select per layer.
func (b *Bridge) buildDelaySelects(layers int) {
	d := b.dom
	box := d.el[idDelays]
	box.Set("innerHTML", "")
	kinds := []string{"none", "axonal", "dendritic", "synaptic"}
	labels := []string{"none", "axonal (one per sender)", "dendritic (one per receiver)", "synaptic (one per connection)"}
	for l := range layers {
		id := fmt.Sprintf("delay-%d", l)
		lab := d.doc.Call("createElement", "label")
		lab.Set("htmlFor", id)
		lab.Set("textContent", delayLabel(l, layers))
		sel := d.doc.Call("createElement", "select")
		sel.Set("id", id)
		d.options(sel, kinds, labels)
		box.Call("appendChild", lab)
		box.Call("appendChild", sel)
	}
}

// joinInts is "30, 20".
func joinInts(a []int) string {
	s := make([]string, len(a))
	for i, n := range a {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}
