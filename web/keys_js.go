package web

import (
	"syscall/js"

	"delaylab/app"
)

// bindKeys installs the page's shortcuts: space plays and pauses, ? opens
// the help, Esc closes it or the edge editor; while the help is open, Tab
// keeps the focus inside it. The listener runs in the capture phase on the
// window so it sees keys before Ebiten's canvas handler, which swallows
// every key (including Tab, which must move focus out of the canvas), and
// before a focused button, which space would otherwise press again.
func (b *Bridge) bindKeys() {
	help := b.dom.el[idHelp]
	b.dom.on(js.Global(), "keydown", true, func(e js.Value) {
		key := e.Get("key").String()
		target := e.Get("target")
		onCanvas := target.Get("tagName").String() == "CANVAS"
		if !help.Get("hidden").Bool() {
			switch key {
			case "Escape", "?":
				e.Call("preventDefault")
				b.toggleHelp()
			case "Tab":
				e.Call("preventDefault")
				b.cycleHelpFocus(e.Get("shiftKey").Bool())
			}
			return // inside the dialog every other key means what it always does
		}
		if e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() || e.Get("altKey").Bool() {
			return // the browser's shortcuts
		}
		switch key {
		case " ":
			if keepsSpace(target) {
				return
			}
			e.Call("preventDefault")
			e.Call("stopImmediatePropagation")
			if !e.Get("repeat").Bool() { // holding space toggles once
				b.post(idPlay, (*app.Session).TogglePlay)
			}
		case "?":
			if typesText(target) {
				return
			}
			e.Call("preventDefault")
			e.Call("stopImmediatePropagation")
			b.toggleHelp()
		case "Escape":
			if !b.dom.el[idEdgeForm].Get("hidden").Bool() {
				e.Call("preventDefault")
				b.postCloseEdge()
			}
		case "Tab":
			if onCanvas {
				e.Call("stopImmediatePropagation") // let the browser move focus
			}
		}
	})
	// Focus that leaves the open help (a click beside the box, a screen
	// reader's own navigation) comes back to it: the page behind is inert
	// while the dialog is open.
	b.dom.on(b.dom.doc, "focusin", false, func(e js.Value) {
		if !help.Get("hidden").Bool() && !help.Call("contains", e.Get("target")).Bool() {
			b.dom.el[idHelpClose].Call("focus")
		}
	})
}

// typesText reports whether el takes typed text, where space and ? are
// characters: a text or number field, a text area, an editable element.
func typesText(el js.Value) bool {
	if el.Get("isContentEditable").Truthy() {
		return true
	}
	switch el.Get("tagName").String() {
	case "TEXTAREA":
		return true
	case "INPUT":
		switch el.Get("type").String() {
		case "button", "submit", "reset", "checkbox", "radio", "range", "file", "color", "image":
			return false
		}
		return true
	}
	return false
}

// keepsSpace reports whether space must keep its meaning on el: typing in
// a field, opening a select's list and ticking a checkbox, for which no
// other key serves. A focused button does not keep it (Enter presses it),
// so space plays and pauses after a click on Reset too.
func keepsSpace(el js.Value) bool {
	if typesText(el) {
		return true
	}
	switch el.Get("tagName").String() {
	case "SELECT":
		return true
	case "INPUT":
		t := el.Get("type").String()
		return t == "checkbox" || t == "radio"
	}
	return false
}

// focusable is what Tab visits inside the help.
const focusable = `a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])`

// cycleHelpFocus moves the focus to the next (or, backwards, the previous)
// focusable element of the help, from the last one round to the first.
func (b *Bridge) cycleHelpFocus(backwards bool) {
	list := b.dom.el[idHelp].Call("querySelectorAll", focusable)
	n := list.Length()
	if n == 0 {
		return
	}
	active := b.dom.doc.Get("activeElement")
	at := -1
	for i := range n {
		if list.Index(i).Equal(active) {
			at = i
		}
	}
	next := 0
	switch {
	case at < 0 && backwards:
		next = n - 1
	case at >= 0 && backwards:
		next = (at - 1 + n) % n
	case at >= 0:
		next = (at + 1) % n
	}
	list.Index(next).Call("focus")
}

// toggleHelp opens or closes the help panel, moving focus into it and back
// to where it was.
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
