package app

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// The library is every session the browser keeps: one entry per model the
// user trained, opened from a file or from a share link. Opening something
// adds an entry and never overwrites another; the page autosaves into the
// current entry only. Entries are .dlab bytes under their own keys, with
// an index that lists them (name, data, architecture, epoch, accuracies,
// time), so the list shows without decoding any model.

// Store is where the library keeps its strings: the browser's
// localStorage, or a map in tests.
type Store interface {
	Get(key string) (value string, ok bool, err error)
	Set(key, value string) error
	Remove(key string) error
}

// Storage keys.
const (
	libraryIndexKey = "delaylab.library"
	libraryEntryKey = "delaylab.entry." // + entry id
	// legacySessionKey held the one saved session of earlier versions;
	// OpenLibrary turns it into an entry.
	legacySessionKey = "delaylab.session"
)

// LibraryEntry describes one saved session.
type LibraryEntry struct {
	ID      string    `json:"id"`
	Name    string    `json:"name"` // the preset or file it came from
	Data    string    `json:"data"`
	Arch    string    `json:"arch"`
	Epoch   int       `json:"epoch"`
	ValAcc  float64   `json:"val_acc"`  // NaN-free: 0 before the first epoch
	TestAcc float64   `json:"test_acc"` // of the last evaluation, 0 if none
	Saved   time.Time `json:"saved"`
	Bytes   int       `json:"bytes"`
}

// Label is the entry as one line of the page's list.
func (e LibraryEntry) Label() string {
	acc := ""
	if e.Epoch > 0 {
		acc = fmt.Sprintf(", val %.1f %%", 100*e.ValAcc)
		if e.TestAcc > 0 {
			acc += fmt.Sprintf(", test %.1f %%", 100*e.TestAcc)
		}
	}
	return fmt.Sprintf("%s · %s · %s · epoch %d%s · %s", e.Name, e.Data, e.Arch, e.Epoch, acc, e.Saved.Local().Format("Jan 2 15:04"))
}

// Library is the saved sessions and which one the page works on.
type Library struct {
	st      Store
	entries []LibraryEntry // newest save first
	current string         // "" until the session is first saved
	next    int
}

// ErrNoEntry is returned for an id the library does not have.
var ErrNoEntry = errors.New("no such saved session")

// OpenLibrary reads the library from st; a session saved by an earlier
// version becomes its first entry. A damaged index is an error (the page
// then saves nothing, so nothing is overwritten).
func OpenLibrary(st Store, now time.Time) (*Library, error) {
	l := &Library{st: st}
	text, ok, err := st.Get(libraryIndexKey)
	if err != nil {
		return nil, err
	}
	if ok {
		var idx struct {
			Entries []LibraryEntry `json:"entries"`
			Current string         `json:"current"`
			Next    int            `json:"next"`
		}
		if err := json.Unmarshal([]byte(text), &idx); err != nil {
			return nil, fmt.Errorf("the list of saved sessions is damaged (%v)", err)
		}
		l.entries, l.current, l.next = idx.Entries, idx.Current, idx.Next
	}
	if old, ok, err := st.Get(legacySessionKey); err == nil && ok {
		id := l.newID()
		if err := st.Set(libraryEntryKey+id, old); err != nil {
			return nil, err
		}
		l.entries = append([]LibraryEntry{{ID: id, Name: "saved session", Data: "?", Arch: "?", Saved: now, Bytes: len(old)}}, l.entries...)
		l.current = id
		if err := l.writeIndex(); err != nil {
			return nil, err
		}
		st.Remove(legacySessionKey)
	}
	return l, nil
}

func (l *Library) newID() string {
	l.next++
	return strconv.Itoa(l.next)
}

// Entries lists the saved sessions, the most recently saved first.
func (l *Library) Entries() []LibraryEntry { return slices.Clone(l.entries) }

// Current is the id of the entry the page saves into ("" if none yet).
func (l *Library) Current() string { return l.current }

// Entry returns the entry id.
func (l *Library) Entry(id string) (LibraryEntry, bool) {
	i := l.index(id)
	if i < 0 {
		return LibraryEntry{}, false
	}
	return l.entries[i], true
}

func (l *Library) index(id string) int {
	return slices.IndexFunc(l.entries, func(e LibraryEntry) bool { return e.ID == id })
}

// Save writes data as the current entry (a new one if there is none),
// described by e (its ID, Saved and Bytes are set here).
func (l *Library) Save(e LibraryEntry, data []byte, now time.Time) error {
	if l.current == "" || l.index(l.current) < 0 {
		return l.Add(e, data, now)
	}
	return l.put(l.current, e, data, now)
}

// Add writes data as a new entry and makes it the current one: what is
// opened from a file or a link never replaces another entry.
func (l *Library) Add(e LibraryEntry, data []byte, now time.Time) error {
	id := l.newID()
	if err := l.put(id, e, data, now); err != nil {
		l.next-- // nothing was added
		return err
	}
	l.current = id
	return l.writeIndex()
}

// put stores data under id, then the index with id's entry first.
func (l *Library) put(id string, e LibraryEntry, data []byte, now time.Time) error {
	text := base64.StdEncoding.EncodeToString(data)
	if err := l.st.Set(libraryEntryKey+id, text); err != nil {
		return err
	}
	e.ID, e.Saved, e.Bytes = id, now, len(text)
	if i := l.index(id); i >= 0 {
		l.entries = slices.Delete(l.entries, i, i+1)
	}
	l.entries = append([]LibraryEntry{e}, l.entries...)
	return l.writeIndex()
}

// Load returns the bytes of entry id.
func (l *Library) Load(id string) ([]byte, error) {
	if l.index(id) < 0 {
		return nil, ErrNoEntry
	}
	text, ok, err := l.st.Get(libraryEntryKey + id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("the saved session %s is gone from the browser's storage", id)
	}
	data, err := base64.StdEncoding.DecodeString(text)
	if err != nil {
		return nil, fmt.Errorf("the saved session %s is damaged (not base64)", id)
	}
	return data, nil
}

// SetCurrent makes id the entry the page saves into (after opening it).
func (l *Library) SetCurrent(id string) error {
	if l.index(id) < 0 {
		return ErrNoEntry
	}
	l.current = id
	return l.writeIndex()
}

// Detach leaves the current entry as it is: the next save starts a new
// entry (after Start fresh).
func (l *Library) Detach() error {
	l.current = ""
	return l.writeIndex()
}

// Delete removes entry id; deleting the current entry detaches the page
// from it (its next save makes a new entry).
func (l *Library) Delete(id string) error {
	i := l.index(id)
	if i < 0 {
		return ErrNoEntry
	}
	if err := l.st.Remove(libraryEntryKey + id); err != nil {
		return err
	}
	l.entries = slices.Delete(l.entries, i, i+1)
	if l.current == id {
		l.current = ""
	}
	return l.writeIndex()
}

func (l *Library) writeIndex() error {
	b, err := json.Marshal(struct {
		Entries []LibraryEntry `json:"entries"`
		Current string         `json:"current"`
		Next    int            `json:"next"`
	}{l.entries, l.current, l.next})
	if err != nil {
		return err
	}
	return l.st.Set(libraryIndexKey, string(b))
}

// Describe is the session as a library entry (without id and time).
func (s *Session) Describe() LibraryEntry {
	e := LibraryEntry{
		Name: s.settings.Preset, Data: dataLabel(s.data), Arch: archName(s.tr.Model().Net, "-"),
		Epoch: s.tr.Progress().Epochs,
	}
	if s.settings.Custom() {
		e.Name = "custom (from " + s.settings.Preset + ")"
	}
	if h := s.tr.History(); len(h) > 0 {
		e.ValAcc = h[len(h)-1].ValAcc
		e.TestAcc = s.testAccuracy()
	}
	return e
}
