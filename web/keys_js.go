package web

import (
	"syscall/js"

	"delaylab/app"
)

// bindKeys installs the page's shortcuts: space plays and pauses, ? opens
// the help, Esc closes it. The listener runs in the capture phase on the
// window so it sees keys before Ebiten's canvas handler, which swallows
// every key (including Tab, which must move focus out of the canvas).
func (b *Bridge) bindKeys() {
	b.dom.on(js.Global(), "keydown", true, func(e js.Value) {
		key := e.Get("key").String()
		target := e.Get("target")
		tag := target.Get("tagName").String()
		onCanvas := tag == "CANVAS"
		inControl := tag == "INPUT" || tag == "SELECT" || tag == "TEXTAREA" || tag == "BUTTON"
		if !b.dom.el[idHelp].Get("hidden").Bool() {
			if key == "Escape" || key == "?" {
				e.Call("preventDefault")
				b.toggleHelp()
			}
			return
		}
		switch key {
		case " ":
			if inControl && !onCanvas {
				return // the control's own meaning of space (press a button, open a select)
			}
			e.Call("preventDefault")
			e.Call("stopImmediatePropagation")
			b.post(idPlay, (*app.Session).TogglePlay)
		case "?":
			if tag == "INPUT" && target.Get("type").String() == "text" {
				return
			}
			e.Call("preventDefault")
			e.Call("stopImmediatePropagation")
			b.toggleHelp()
		case "Tab":
			if onCanvas {
				e.Call("stopImmediatePropagation") // let the browser move focus
			}
		}
	})
}

// toggleHelp opens or closes the help panel, moving focus into it and back.
func (b *Bridge) toggleHelp() {
	help := b.dom.el[idHelp]
	if help.Get("hidden").Bool() {
		b.helpFrom = b.dom.doc.Get("activeElement")
		help.Set("hidden", false)
		b.dom.el[idHelpClose].Call("focus")
		return
	}
	help.Set("hidden", true)
	if b.helpFrom.Truthy() {
		b.helpFrom.Call("focus")
	}
}
