package app

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// mapStore is a Store in memory; fail makes Set fail (a full storage).
type mapStore struct {
	m    map[string]string
	fail bool
}

func (s *mapStore) Get(k string) (string, bool, error) { v, ok := s.m[k]; return v, ok, nil }
func (s *mapStore) Set(k, v string) error {
	if s.fail {
		return errors.New("QuotaExceededError")
	}
	s.m[k] = v
	return nil
}
func (s *mapStore) Remove(k string) error { delete(s.m, k); return nil }

// TestLibraryNeverOverwrites: saves go to the current entry; what is added
// becomes a new entry and leaves the others as they were; the library
// reads back from its store; a full store changes nothing.
func TestLibraryNeverOverwrites(t *testing.T) {
	st := &mapStore{m: map[string]string{}}
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	l, err := OpenLibrary(st, now)
	if err != nil || len(l.Entries()) != 0 || l.Current() != "" {
		t.Fatalf("empty library: %+v, %v", l, err)
	}
	if err := l.Save(LibraryEntry{Name: "trained", Epoch: 20}, []byte("model A epoch 20"), now); err != nil {
		t.Fatal(err)
	}
	a := l.Current()
	if err := l.Save(LibraryEntry{Name: "trained", Epoch: 21}, []byte("model A epoch 21"), now); err != nil || l.Current() != a || len(l.Entries()) != 1 {
		t.Fatalf("a second save made another entry (%v)", err)
	}
	if err := l.Add(LibraryEntry{Name: "shared"}, []byte("model B"), now); err != nil {
		t.Fatal(err)
	}
	b := l.Current()
	if b == a || len(l.Entries()) != 2 {
		t.Fatalf("opening a link did not add an entry: %+v", l.Entries())
	}
	if data, err := l.Load(a); err != nil || string(data) != "model A epoch 21" {
		t.Fatalf("entry A after adding B: %q, %v", data, err)
	}
	// Reopened from the store.
	l2, err := OpenLibrary(st, now)
	if err != nil || l2.Current() != b || len(l2.Entries()) != 2 {
		t.Fatalf("reopened: %+v, %v", l2.Entries(), err)
	}
	if e, ok := l2.Entry(a); !ok || e.Epoch != 21 {
		t.Fatalf("entry A reads back as %+v", e)
	}
	// A full store: the add fails and the library is as it was.
	st.fail = true
	if err := l2.Add(LibraryEntry{Name: "C"}, []byte("model C"), now); err == nil {
		t.Fatal("add to a full store succeeded")
	}
	st.fail = false
	if l2.Current() != b || len(l2.Entries()) != 2 {
		t.Fatalf("a failed add changed the library: %+v", l2.Entries())
	}
	// Delete, and detach.
	if err := l2.Delete(b); err != nil || l2.Current() != "" || len(l2.Entries()) != 1 {
		t.Fatalf("delete current: %v, %+v", err, l2.Entries())
	}
	if _, err := l2.Load(b); !errors.Is(err, ErrNoEntry) {
		t.Fatalf("deleted entry loads: %v", err)
	}
	if _, ok := st.m[libraryEntryKey+b]; ok {
		t.Fatal("the deleted entry's bytes stay in storage")
	}
}

// TestLibraryMigratesAndRefusesDamage: a session saved by an earlier
// version becomes an entry; a damaged index is an error, not an empty
// library that the next save would overwrite.
func TestLibraryMigratesAndRefusesDamage(t *testing.T) {
	st := &mapStore{m: map[string]string{legacySessionKey: "AAAA"}}
	l, err := OpenLibrary(st, time.Now())
	if err != nil || len(l.Entries()) != 1 || l.Current() == "" {
		t.Fatalf("migration: %+v, %v", l, err)
	}
	if _, ok := st.m[legacySessionKey]; ok {
		t.Fatal("the old key stays")
	}
	st.m[libraryIndexKey] = "{not json"
	if _, err := OpenLibrary(st, time.Now()); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("damaged index: %v", err)
	}
}

// TestDescribe: the session describes itself for the list.
func TestDescribe(t *testing.T) {
	s, _ := newTestSession(t, nil)
	e := s.Describe()
	if e.Name == "" || e.Data == "" || !strings.Contains(e.Arch, "-") || e.Epoch != 0 {
		t.Fatalf("%+v", e)
	}
	if !strings.Contains(e.Label(), "epoch 0") {
		t.Fatalf("label %q", e.Label())
	}
}
