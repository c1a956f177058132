package web

import (
	"strconv"
	"syscall/js"
)

// dom is the little of the DOM the bridge uses, with every js.Func it
// creates kept for Release.
type dom struct {
	doc   js.Value
	el    map[string]js.Value
	funcs []js.Func
	// attr caches the last value written per (element, attribute), so
	// unchanged status is not rewritten into the DOM on every frame.
	attr map[string]string
}

func newDOM() *dom {
	d := &dom{doc: js.Global().Get("document"), el: map[string]js.Value{}, attr: map[string]string{}}
	for _, id := range elementIDs {
		d.el[id] = d.doc.Call("getElementById", id)
	}
	return d
}

// on adds an event listener to target; f runs in the JS event callback
// and must not block.
func (d *dom) on(target js.Value, event string, capture bool, f func(e js.Value)) {
	fn := js.FuncOf(func(this js.Value, args []js.Value) any {
		f(args[0])
		return nil
	})
	d.funcs = append(d.funcs, fn)
	target.Call("addEventListener", event, fn, capture)
}

func (d *dom) release() {
	for _, f := range d.funcs {
		f.Release()
	}
	d.funcs = nil
}

func (d *dom) value(id string) string { return d.el[id].Get("value").String() }

// set writes a property of element id if it changed since the last write.
func (d *dom) set(id, prop, v string) {
	k := id + "." + prop
	if old, ok := d.attr[k]; ok && old == v {
		return
	}
	d.attr[k] = v
	d.el[id].Set(prop, v)
}

// setAttr is set for attributes (data-*, aria-*); "" removes it.
func (d *dom) setAttr(id, name, v string) {
	k := id + "@" + name
	if old, ok := d.attr[k]; ok && old == v {
		return
	}
	d.attr[k] = v
	if v == "" {
		d.el[id].Call("removeAttribute", name)
	} else {
		d.el[id].Call("setAttribute", name, v)
	}
}

func (d *dom) setHidden(id string, hidden bool) {
	d.setAttr(id, "hidden", map[bool]string{true: "hidden"}[hidden])
}

// options replaces the options of a select.
func (d *dom) options(sel js.Value, values, labels []string) {
	sel.Set("innerHTML", "")
	for i, v := range values {
		o := d.doc.Call("createElement", "option")
		o.Set("value", v)
		o.Set("textContent", labels[i])
		sel.Call("appendChild", o)
	}
}

// ensureOption adds value to a select's options if it is missing, so a
// setting that came from a preset can always be shown.
func (d *dom) ensureOption(id, value string) {
	sel := d.el[id]
	opts := sel.Get("options")
	for i := range opts.Length() {
		if opts.Index(i).Get("value").String() == value {
			return
		}
	}
	o := d.doc.Call("createElement", "option")
	o.Set("value", value)
	o.Set("textContent", value)
	sel.Call("appendChild", o)
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
