package web

import (
	"errors"
	"slices"
	"strings"
	"syscall/js"

	"delaylab/app"
)

// Errors beside the control that caused them. When a control's command is
// refused, the control keeps the value the user gave (the settings sync
// skips it), is marked aria-invalid, and the message is said right after
// it (after its row, for a pair of fields), in an element its aria-describedby names, scrolled into view: the
// page's message box at the top may be far out of sight of a field low in
// the panel. The message box says it too. The mark goes when a command
// from that control succeeds, or when the settings change otherwise (every
// control then shows a setting in force). One control at a time is
// invalid: when another one is refused, the first shows its setting again.

// fieldErrorID is the element that says the message beside the field.
const fieldErrorID = "field-error"

// fieldError is an error that blames a control other than the one whose
// command it came from (a chip seed refused when the substrate changed).
type fieldError struct {
	id  string
	err error
}

func (e *fieldError) Error() string { return e.err.Error() }
func (e *fieldError) Unwrap() error { return e.err }

// blame makes err the fault of control id.
func blame(id string, err error) error { return &fieldError{id: id, err: err} }

// markInvalid records that the command posted by control by failed with
// err (game goroutine).
func (b *Bridge) markInvalid(s *app.Session, by string, err error) {
	at := by
	if fe := (*fieldError)(nil); errors.As(err, &fe) {
		at = fe.id
	}
	prev := b.invalid
	b.invalid, b.invalidBy, b.fieldMsg = at, by, app.FieldMessage(err)
	if prev != "" && prev != at {
		// The earlier refused value is given up: show its setting again.
		b.writeSettings(s.Settings(), at)
		b.m.chipKey = "" // syncChip writes the substrate's
		if at != idSample {
			b.sample = -1 // Publish writes the replay's
		}
		if at != idSpeed {
			b.speed = -1
		}
		if isEdgeField(prev) && !isEdgeField(at) && b.m.edgeOpen {
			b.fillEdge(s, b.m.edge)
		}
	}
}

// clearInvalid removes the mark (game goroutine).
func (b *Bridge) clearInvalid() { b.invalid, b.invalidBy, b.fieldMsg = "", "", "" }

func isEdgeField(id string) bool { return id == idEdgeWeight || id == idEdgeDelay }

// publishInvalid shows the mark and the message beside the invalid
// control, and takes them off the one marked before (game goroutine, on
// every update; it touches the page only when they changed).
func (b *Bridge) publishInvalid() {
	key := b.invalid + "\x00" + b.fieldMsg
	if key == b.shownErr {
		return
	}
	doc := b.dom.doc
	msg := doc.Call("getElementById", fieldErrorID)
	if prev, _, _ := strings.Cut(b.shownErr, "\x00"); prev != "" {
		if el := doc.Call("getElementById", prev); el.Truthy() {
			el.Call("removeAttribute", "aria-invalid")
			describedBy(el, false)
		}
	}
	b.shownErr = key
	el := js.Null()
	if b.invalid != "" {
		el = doc.Call("getElementById", b.invalid)
	}
	if !el.Truthy() {
		if msg.Truthy() {
			msg.Set("hidden", true)
		}
		return
	}
	if !msg.Truthy() {
		msg = doc.Call("createElement", "div")
		msg.Set("id", fieldErrorID)
		msg.Set("className", "field-error")
	}
	msg.Set("textContent", b.fieldMsg)
	msg.Set("hidden", false)
	// After the field, or after the pair of fields it shares a row with,
	// so that the message has the panel's width.
	at := el.Call("closest", ".pair")
	if !at.Truthy() {
		at = el
	}
	at.Call("after", msg)
	el.Call("setAttribute", "aria-invalid", "true")
	describedBy(el, true)
	msg.Call("scrollIntoView", map[string]any{"block": "nearest"})
}

// describedBy adds the field message to el's aria-describedby, or takes
// it off, keeping the hints it names.
func describedBy(el js.Value, on bool) {
	var ids []string
	if v := el.Call("getAttribute", "aria-describedby"); !v.IsNull() {
		ids = strings.Fields(v.String())
	}
	ids = slices.DeleteFunc(ids, func(id string) bool { return id == fieldErrorID })
	if on {
		ids = append(ids, fieldErrorID)
	}
	if len(ids) == 0 {
		el.Call("removeAttribute", "aria-describedby")
		return
	}
	el.Call("setAttribute", "aria-describedby", strings.Join(ids, " "))
}
