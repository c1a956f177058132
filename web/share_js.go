package web

import (
	"fmt"
	"strings"
	"syscall/js"

	"delaylab/app"
)

// Share links: the Share link button puts the page's address with the
// model in the fragment (#m=...) into a text field and on the clipboard.
// A fragment never leaves the browser, so nothing is sent to a server.
// Opening such an address (or pasting one into this tab) loads the model.

func (b *Bridge) bindShare() {
	d := b.dom
	d.on(d.el[idShare], "click", false, func(js.Value) { b.post(idShare, b.share) })
	d.on(d.el[idShareLink], "focus", false, func(js.Value) { d.el[idShareLink].Call("select") })
	d.on(js.Global(), "hashchange", false, func(js.Value) { b.loadFromHash() })
}

// share makes the link; a command, on the game goroutine.
func (b *Bridge) share(s *app.Session) error {
	frag, err := s.ShareFragment()
	if err != nil {
		return fmt.Errorf("Cannot make a share link: %v.", err)
	}
	loc := js.Global().Get("location")
	link := loc.Get("origin").String() + loc.Get("pathname").String() + "#" + frag
	b.m.mu.Lock()
	b.m.shareLink = link
	b.m.mu.Unlock()
	d := b.dom
	d.el[idShareLink].Set("value", link)
	d.el[idShareBox].Set("hidden", false)
	d.el[idShareNote].Set("textContent", "")
	s.Notify(fmt.Sprintf("Share link ready (%d characters). It carries the model in the address itself: nothing is sent to a server.", len(link)))
	go b.copyLink(link)
	return nil
}

// copyLink puts link on the clipboard and says whether it worked. It
// blocks: run it on its own goroutine.
func (b *Bridge) copyLink(link string) {
	note := b.dom.el[idShareNote]
	clip := js.Global().Get("navigator").Get("clipboard")
	if !clip.Truthy() {
		note.Set("textContent", "(copy it from here)")
		return
	}
	var err error
	if e := try(func() { _, err = await(clip.Call("writeText", link)) }); e != nil {
		err = e
	}
	if err != nil {
		note.Set("textContent", "(copy it from here)")
		return
	}
	note.Set("textContent", "(copied)")
}

// loadFromHash opens the model of a share link in the address, if there
// is one, as a new entry of the saved sessions (it replaces none). The
// fragment is removed afterwards, whether the link opened or not: a reload
// then restores the saved session, and a damaged link is not tried again.
// A damaged link changes nothing: the model on the page stays, and so do
// the saved sessions.
func (b *Bridge) loadFromHash() bool {
	loc := js.Global().Get("location")
	hash := loc.Get("hash").String()
	if !strings.HasPrefix(hash, "#m=") {
		return false
	}
	b.post(idShare, func(s *app.Session) error {
		h := js.Global().Get("history")
		h.Call("replaceState", nil, "", loc.Get("pathname").String()+loc.Get("search").String())
		if err := s.LoadShare(hash); err != nil {
			return err
		}
		b.m.store.opened()
		b.closeEdge()
		return nil
	})
	return true
}
