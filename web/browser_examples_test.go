//go:build browser && !js

package web

// Browser test of the Examples menu under Model: an example opens as its
// file would, with its figures on the page, and joins the saved sessions
// without touching another.

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"delaylab/assets"
	"delaylab/checkpoint"
)

// TestOpenExample: with a trained session saved in the browser, choose
// the spirals example (its sentence shows under the menu) and open it: the
// status shows the example's epoch and validation accuracy, the message
// names it with its recorded test accuracy, and the library gets a new
// entry while the saved session stays byte for byte. A second example
// then adds a third entry and leaves the first example's alone.
func TestOpenExample(t *testing.T) {
	p := openAt(t, pageURL(t), 4*time.Minute)
	p.set("preset", "yinyang-h5-ws", "change")
	p.waitFor(`document.getElementById("status").dataset.params === "70"`, 10*time.Second)
	p.trainEpochs(1)
	p.saveNow()
	before := p.library()
	if len(before.Entries) != 1 {
		p.fatalf("after training: library %+v, want one entry", before)
	}
	stored := func(id string) string {
		return eval[string](p, fmt.Sprintf(`localStorage.getItem("delaylab.entry.%s") || ""`, id))
	}
	saved := stored(before.Current)

	open := func(name string) (assets.Example, *checkpoint.File) {
		t.Helper()
		ex, err := assets.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := checkpoint.Unmarshal(ex.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		p.set("examples", name, "change")
		if got := eval[string](p, `document.getElementById("example-about").textContent`); got != fmt.Sprintf("%s Test accuracy when it was made: %.1f %%.", ex.About, 100*ex.TestAccuracy()) {
			p.fatalf("under the menu: %q, want %s's sentence and accuracy", got, name)
		}
		p.clearMessageIfShown()
		p.click("example-open")
		msg := p.waitMessage("Opened the example "+name+" ("+ex.Title+")", false)
		t.Logf("%s: %s", name, msg)
		last := f.History[len(f.History)-1]
		if want := fmt.Sprintf("epoch %d, validation %.1f %%, test %.1f %% (%d/%d)", f.Train.EpochsDone, 100*last.ValAcc, 100*ex.TestAccuracy(), ex.TestRight, ex.TestTotal); !strings.Contains(msg, want) {
			p.fatalf("the message %q does not say %q", msg, want)
		}
		if got := p.status("epoch"); got != strconv.Itoa(f.Train.EpochsDone) {
			p.fatalf("the status shows epoch %s, want the example's %d", got, f.Train.EpochsDone)
		}
		if got, want := p.status("valAcc"), strconv.FormatFloat(last.ValAcc, 'f', 4, 64); got != want {
			p.fatalf("the status shows validation accuracy %s, want the example's %s", got, want)
		}
		return ex, f
	}

	_, sp := open("spirals")
	p.waitFor(`JSON.parse(localStorage.getItem("delaylab.library")).entries.length === 2`, 10*time.Second)
	lib := p.library()
	if lib.Current == before.Current {
		p.fatalf("the example was saved over the session: %+v", lib)
	}
	if got := stored(before.Current); got != saved {
		p.fatalf("the saved session changed when the example opened (%d bytes, were %d)", len(got), len(saved))
	}
	for _, e := range lib.Entries {
		if e.ID == lib.Current && e.Epoch != sp.Train.EpochsDone {
			p.fatalf("the example's entry is at epoch %d, want %d", e.Epoch, sp.Train.EpochsDone)
		}
		if e.ID == before.Current && e.Epoch != before.Entries[0].Epoch {
			p.fatalf("the saved session's entry changed: %+v", e)
		}
	}

	first := lib.Current
	firstStored := stored(first)
	open("xor")
	p.waitFor(`JSON.parse(localStorage.getItem("delaylab.library")).entries.length === 3`, 10*time.Second)
	if lib := p.library(); lib.Current == first || lib.Current == before.Current {
		p.fatalf("the second example was saved over another entry: %+v", lib)
	}
	if stored(first) != firstStored || stored(before.Current) != saved {
		p.fatalf("opening a second example changed an entry")
	}
}

// clearMessageIfShown dismisses the message if one is shown.
func (p *tab) clearMessageIfShown() {
	p.t.Helper()
	if !eval[bool](p, `document.getElementById("message").hidden`) {
		p.clearMessage()
	}
}
