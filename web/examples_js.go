package web

import (
	"fmt"
	"syscall/js"

	"delaylab/app"
	"delaylab/assets"
)

// The Examples menu under Model: the trained runs compiled into the page
// (package assets), each with its sentence under the menu. Open example
// opens the chosen one exactly as opening its .dlab file does
// (Session.Load), so it becomes a new entry in the saved sessions and
// replaces none; the message then names the example and its figures.

// bindExamples fills the menu and binds it.
func (b *Bridge) bindExamples() {
	d := b.dom
	sel := d.el[idExamples]
	var names, titles []string
	for _, e := range assets.All() {
		names, titles = append(names, e.Name), append(titles, e.Title)
	}
	d.options(sel, names, titles)
	about := func() {
		e, err := assets.Lookup(d.value(idExamples))
		text := ""
		if err == nil {
			text = fmt.Sprintf("%s Test accuracy when it was made: %.1f %%.", e.About, 100*e.TestAccuracy())
		}
		d.el[idExampleAbout].Set("textContent", text)
	}
	about()
	d.on(sel, "change", false, func(js.Value) { about() })
	d.on(d.el[idExampleOpen], "click", false, func(js.Value) {
		name := d.value(idExamples)
		b.post(idExampleOpen, func(s *app.Session) error { return b.openExample(s, name) })
	})
}

// openExample opens example name in s; a command.
func (b *Bridge) openExample(s *app.Session, name string) error {
	e, err := assets.Lookup(name)
	if err != nil {
		return err
	}
	if err := s.Load(e.FileName(), e.Bytes()); err != nil {
		return err
	}
	b.m.store.opened() // a new entry in the library: it replaces no other
	b.closeEdge()
	got := s.Describe()
	s.Notify(fmt.Sprintf("Opened the example %s (%s): epoch %d, validation %.1f %%, test %.1f %% (%d/%d). It is saved in this browser as a new entry; Play trains it further.",
		e.Name, e.Title, got.Epoch, 100*got.ValAcc, 100*e.TestAccuracy(), e.TestRight, e.TestTotal))
	return nil
}
