package web

import "syscall/js"

// bindDrawer makes the Settings button open and close the drawer of
// settings on narrow windows, and keeps the canvas's insets up to date
// when the bar changes height (a message appears, the window turns).
func (b *Bridge) bindDrawer() {
	d := b.dom
	panel, toggle := d.el[idPanel], d.el[idDrawer]
	set := func(open bool) {
		panel.Get("classList").Call("toggle", "open", open)
		toggle.Call("setAttribute", "aria-expanded", map[bool]string{true: "true", false: "false"}[open])
	}
	d.on(toggle, "click", false, func(js.Value) {
		set(!panel.Get("classList").Call("contains", "open").Bool())
	})
	// Esc closes an open drawer (the help dialog handles its own Esc).
	d.on(js.Global(), "keydown", false, func(e js.Value) {
		if e.Get("key").String() == "Escape" && panel.Get("classList").Call("contains", "open").Bool() &&
			d.el[idHelp].Get("hidden").Bool() {
			set(false)
			toggle.Call("focus")
		}
	})
	if ro := js.Global().Get("ResizeObserver"); ro.Truthy() {
		fn := js.FuncOf(func(js.Value, []js.Value) any { b.measureInset(); return nil })
		d.funcs = append(d.funcs, fn)
		obs := ro.New(fn)
		obs.Call("observe", d.el[idRunBar])
		obs.Call("observe", panel)
	}
}
