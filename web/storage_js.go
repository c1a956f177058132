package web

import (
	"encoding/base64"
	"fmt"
	"strings"
	"syscall/js"
	"time"

	"delaylab/app"
)

// The saved session: the page keeps its .dlab bytes (base64) in the
// browser's localStorage, every autosaveEvery while the model changes and
// when the page is hidden (switching tabs, closing it); opening the page
// restores them. "Start fresh" clears them. When storage is full or not
// available, a warning says so and training goes on.

// storageKey is the localStorage entry of the saved session.
const storageKey = "delaylab.session"

// autosaveEvery is the least time between two saves while training.
const autosaveEvery = 5 * time.Second

// storage is the state of the saved session (game goroutine).
type storage struct {
	ls    js.Value // window.localStorage; undefined when not available
	saved uint64   // the session version last saved
	at    time.Time
	// force asks for a save at the next frame even if the model did not
	// change since the last one (something was opened: keep it).
	force   bool
	warning string
}

// bindStorage finds localStorage, restores the saved session if restore
// is set and there is one, and saves when the page is hidden. With off
// (the page's address has ?fresh) the page neither restores nor saves:
// the saved session stays as it is, for the next ordinary visit.
func (b *Bridge) bindStorage(restore, off bool) {
	st := &b.m.store
	st.saved = b.s.Version() // the opening model needs no saving
	st.at = time.Now()
	if off {
		st.ls = js.Undefined()
		b.dom.el[idAutosave].Set("textContent", "Not saved: this page was opened with ?fresh.")
	} else if err := try(func() { st.ls = js.Global().Get("localStorage") }); err != nil || !st.ls.Truthy() {
		st.ls = js.Undefined()
		b.warnStorage(fmt.Errorf("storage is not available (%v)", err))
	}
	if restore && st.ls.Truthy() {
		var saved js.Value
		if err := try(func() { saved = st.ls.Call("getItem", storageKey) }); err != nil {
			b.warnStorage(err)
		} else if saved.Type() == js.TypeString {
			b.restore(saved.String())
		}
	}
	d := b.dom
	d.on(d.el[idStartFresh], "click", false, func(js.Value) { b.post(idStartFresh, b.startFresh) })
	hidden := func(js.Value) {
		if !d.doc.Get("hidden").Bool() {
			return
		}
		// Frames stop while the page is hidden, so a posted command would
		// wait until it is shown again: save now, if the session is
		// between frames (in a browser it always is when an event runs).
		if !b.s.TryExclusive(func() { b.autosave(true) }) {
			st.force = true
		}
	}
	d.on(d.doc, "visibilitychange", false, hidden)
	d.on(js.Global(), "pagehide", false, hidden)
}

// restore opens the saved session (base64 text).
func (b *Bridge) restore(text string) {
	const name = "the session saved in this browser"
	data, err := base64.StdEncoding.DecodeString(text)
	b.post(idStartFresh, func(s *app.Session) error {
		if err != nil {
			return &app.FileError{Name: name, What: "open", Err: fmt.Errorf("it is not base64: %v", err)}
		}
		if err := s.Load(name, data); err != nil {
			return err
		}
		b.m.store.saved = s.Version() // it is what is saved
		return nil
	})
}

// autosave saves the session if it changed and the last save is old
// enough (or now is set). It runs on the game goroutine, or from a JS
// event under Session.TryExclusive.
func (b *Bridge) autosave(now bool) {
	st := &b.m.store
	if !st.ls.Truthy() {
		return
	}
	v := b.s.Version()
	if v == st.saved && !st.force {
		return
	}
	t := time.Now()
	if !now && !st.force && t.Sub(st.at) < autosaveEvery {
		return
	}
	st.force = false
	st.at = t
	data, err := b.s.Save()
	if err != nil {
		b.warnStorage(err)
		return
	}
	text := base64.StdEncoding.EncodeToString(data)
	if err := try(func() { st.ls.Call("setItem", storageKey, text) }); err != nil {
		b.warnStorage(err)
		return
	}
	st.saved = v
	if st.warning != "" {
		st.warning = ""
		b.dom.el[idStorageWarning].Set("hidden", true)
	}
	b.dom.el[idAutosave].Set("textContent", fmt.Sprintf("Saved in this browser at %s (%.0f kB).", t.Format("15:04:05"), float64(len(text))/1000))
}

// warnStorage shows that the session is not being saved.
func (b *Bridge) warnStorage(err error) {
	st := &b.m.store
	msg := fmt.Sprintf("Your work is not being saved in this browser: %s. Training goes on; use Download to keep the model.",
		strings.TrimSuffix(err.Error(), "."))
	if msg == st.warning {
		return
	}
	st.warning = msg
	w := b.dom.el[idStorageWarning]
	w.Set("textContent", msg)
	w.Set("hidden", false)
	b.dom.el[idAutosave].Set("textContent", "Not saved in this browser.")
}

// startFresh forgets the saved session and starts over; a command.
func (b *Bridge) startFresh(s *app.Session) error {
	if err := s.StartFresh(); err != nil {
		return err
	}
	st := &b.m.store
	if st.ls.Truthy() {
		if err := try(func() { st.ls.Call("removeItem", storageKey) }); err != nil {
			b.warnStorage(err)
		}
	}
	st.saved, st.force = s.Version(), false
	b.closeEdge()
	b.dom.el[idShareBox].Set("hidden", true)
	b.dom.el[idGradCheckOut].Set("hidden", true)
	b.dom.el[idAutosave].Set("textContent", "Nothing saved yet: the session is saved as soon as it changes.")
	return nil
}
