package web

import (
	"fmt"
	"strings"
	"syscall/js"
	"time"

	"delaylab/app"
)

// The saved sessions: the page keeps a library of sessions in the
// browser's localStorage (app.Library). It saves the session it works on
// into its own entry, every autosaveEvery while the model changes and when
// the page is hidden; opening a file or a share link makes a new entry, so
// nothing the user made is overwritten. Opening the page reopens the entry
// worked on last; the list under Model reopens any other. Start fresh
// and Delete ask first. When storage is full or not available, a warning
// says so and training goes on.

// autosaveEvery is the least time between two saves while training.
const autosaveEvery = 5 * time.Second

// storage is the state of the saved sessions (game goroutine).
type storage struct {
	ls    js.Value // window.localStorage; undefined when not available
	lib   *app.Library
	saved uint64 // the session version last saved
	at    time.Time
	// force asks for a save at the next frame even if the model did not
	// change since the last one (something was opened: keep it).
	force bool
	// addNext makes the next save a new entry: the session holds a model
	// opened from a file or a link, not the one of the current entry.
	addNext bool
	listed  string // the entries last shown in the list, to skip redraws
	warning string
}

// opened records that the session now holds something opened from a file
// or a link: it is saved at once, as a new entry.
func (st *storage) opened() { st.force, st.addNext = true, true }

// localStore is app.Store over localStorage; every call is guarded, since
// storage can throw (full, disabled, private mode).
type localStore struct{ ls js.Value }

func (s localStore) Get(key string) (string, bool, error) {
	var v js.Value
	if err := try(func() { v = s.ls.Call("getItem", key) }); err != nil {
		return "", false, err
	}
	if v.Type() != js.TypeString {
		return "", false, nil
	}
	return v.String(), true, nil
}

func (s localStore) Set(key, value string) error {
	return try(func() { s.ls.Call("setItem", key, value) })
}

func (s localStore) Remove(key string) error {
	return try(func() { s.ls.Call("removeItem", key) })
}

// bindStorage opens the library and reopens its current entry. With off
// (the page's address has ?fresh) the page neither restores nor saves:
// the saved sessions stay as they are, for the next ordinary visit.
func (b *Bridge) bindStorage(off bool) {
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
	if st.ls.Truthy() {
		lib, err := app.OpenLibrary(localStore{st.ls}, time.Now())
		if err != nil {
			// Saving now could overwrite what the damaged index lists.
			st.ls = js.Undefined()
			b.warnStorage(err)
		} else {
			st.lib = lib
			if id := lib.Current(); id != "" {
				b.reopen(id, "the session saved in this browser")
			}
		}
	}
	b.showLibrary()
	d := b.dom
	d.on(d.el[idStartFresh], "click", false, func(js.Value) {
		if !confirmed("Start over with a fresh model? Your saved sessions stay in the list under Model.") {
			return
		}
		b.post(idStartFresh, b.startFresh)
	})
	d.on(d.el[idLibraryOpen], "click", false, func(js.Value) {
		if id := d.el[idLibrary].Get("value").String(); id != "" {
			b.reopen(id, "")
		}
	})
	d.on(d.el[idLibraryDelete], "click", false, func(js.Value) {
		sel := d.el[idLibrary]
		id := sel.Get("value").String()
		if id == "" || st.lib == nil {
			return
		}
		label := sel.Get("options").Index(sel.Get("selectedIndex").Int()).Get("textContent").String()
		if !confirmed("Delete this saved session from the browser?\n\n" + label + "\n\nThis cannot be undone (Download keeps a copy).") {
			return
		}
		b.post(idLibraryDelete, func(s *app.Session) error {
			if err := st.lib.Delete(id); err != nil {
				return err
			}
			b.showLibrary()
			s.Notify("Deleted the saved session. The model on the page stays; it is saved as a new entry when it changes.")
			return nil
		})
	})
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

// confirmed asks the user with the browser's confirm dialog.
func confirmed(question string) bool {
	return js.Global().Call("confirm", question).Truthy()
}

// reopen opens entry id of the library and makes it the one saved into;
// name names it in messages ("" for its list label). A damaged entry
// changes nothing on the page, and the page stops saving into it.
func (b *Bridge) reopen(id, name string) {
	st := &b.m.store
	b.post(idLibrary, func(s *app.Session) error {
		e, _ := st.lib.Entry(id)
		if name == "" {
			name = "the saved session " + e.Name + " (epoch " + fmt.Sprint(e.Epoch) + ")"
		}
		data, err := st.lib.Load(id)
		if err == nil {
			err = s.Load(name, data)
		}
		if err != nil {
			if st.lib.Current() == id {
				st.lib.Detach() // never save over what could not be read
			}
			return err
		}
		if err := st.lib.SetCurrent(id); err != nil {
			return err
		}
		st.saved, st.force, st.addNext = s.Version(), false, false
		b.closeEdge()
		b.showLibrary()
		return nil
	})
}

// autosave saves the session if it changed and the last save is old
// enough (or now is set). It runs on the game goroutine, or from a JS
// event under Session.TryExclusive.
func (b *Bridge) autosave(now bool) {
	st := &b.m.store
	if st.lib == nil {
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
	e := b.s.Describe()
	if st.addNext {
		err = st.lib.Add(e, data, t)
	} else {
		err = st.lib.Save(e, data, t)
	}
	if err != nil {
		b.warnStorage(err)
		return
	}
	st.saved, st.addNext = v, false
	if st.warning != "" {
		st.warning = ""
		b.dom.el[idStorageWarning].Set("hidden", true)
	}
	b.showLibrary()
	cur, _ := st.lib.Entry(st.lib.Current())
	b.dom.el[idAutosave].Set("textContent", fmt.Sprintf("Saved in this browser at %s (%.0f kB).", t.Format("15:04:05"), float64(cur.Bytes)/1000))
}

// showLibrary lists the saved sessions, the current one chosen.
func (b *Bridge) showLibrary() {
	st := &b.m.store
	sel := b.dom.el[idLibrary]
	var entries []app.LibraryEntry
	cur := ""
	if st.lib != nil {
		entries, cur = st.lib.Entries(), st.lib.Current()
	}
	var key strings.Builder
	for _, e := range entries {
		key.WriteString(e.ID + "\x00" + e.Label() + "\x00")
	}
	key.WriteString("current:" + cur)
	if key.String() == st.listed {
		return
	}
	st.listed = key.String()
	sel.Set("innerHTML", "")
	if len(entries) == 0 {
		opt := b.dom.doc.Call("createElement", "option")
		opt.Set("value", "")
		opt.Set("textContent", "nothing saved yet")
		sel.Call("appendChild", opt)
	}
	for _, e := range entries {
		opt := b.dom.doc.Call("createElement", "option")
		opt.Set("value", e.ID)
		label := e.Label()
		if e.ID == cur {
			label = "● " + label + " (on the page)"
		}
		opt.Set("textContent", label)
		opt.Set("selected", e.ID == cur)
		sel.Call("appendChild", opt)
	}
	empty := len(entries) == 0
	sel.Set("disabled", empty)
	b.dom.el[idLibraryOpen].Set("disabled", empty)
	b.dom.el[idLibraryDelete].Set("disabled", empty)
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

// startFresh starts over with the page's opening model; a command. The
// saved sessions stay: the fresh model becomes a new entry once it
// changes.
func (b *Bridge) startFresh(s *app.Session) error {
	if err := s.StartFresh(); err != nil {
		return err
	}
	st := &b.m.store
	if st.lib != nil {
		if err := st.lib.Detach(); err != nil {
			b.warnStorage(err)
		}
	}
	st.saved, st.force, st.addNext = s.Version(), false, false
	b.closeEdge()
	b.showLibrary()
	b.dom.el[idShareBox].Set("hidden", true)
	b.dom.el[idGradCheckOut].Set("hidden", true)
	b.dom.el[idAutosave].Set("textContent", "The fresh model is saved as a new entry as soon as it changes; your other sessions are kept.")
	return nil
}
