//go:build browser && !js

package web

// Browser tests of the saved sessions (the library): the sequences in
// which a user used to lose work, replayed exactly, with the entries the
// browser keeps checked afterwards.

import (
	"encoding/json"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// libraryIndex is what the page keeps in localStorage["delaylab.library"].
type libraryIndex struct {
	Entries []struct {
		ID    string `json:"id"`
		Name  string `json:"name"`
		Epoch int    `json:"epoch"`
	} `json:"entries"`
	Current string `json:"current"`
}

func (p *tab) library() libraryIndex {
	p.t.Helper()
	var idx libraryIndex
	text := eval[string](p, `localStorage.getItem("delaylab.library") || "{}"`)
	if err := json.Unmarshal([]byte(text), &idx); err != nil {
		p.fatalf("library index %q: %v", text, err)
	}
	return idx
}

// saveNow saves the session at once, as hiding the page does.
func (p *tab) saveNow() {
	p.t.Helper()
	eval[bool](p, `(() => {
		Object.defineProperty(document, "hidden", {configurable: true, get: () => true});
		document.dispatchEvent(new Event("visibilitychange"));
		delete document.hidden;
		return true;
	})()`)
}

// navigate loads url in this tab as a new page load (also when only the
// fragment differs from the address shown).
func (p *tab) navigate(url string) {
	p.t.Helper()
	for _, u := range []string{"about:blank", url} {
		if err := chromedp.Do(p.ctx, chromedp.Navigate(u)); err != nil {
			p.fatalf("navigate %s: %v", u, err)
		}
	}
	p.waitReady()
}

// TestDamagedLinkKeepsWork: train to epoch 20 so it autosaves, then open
// /#m=garbage in the same browser: the saved model is on the page, the
// message says the link is damaged, the fragment is gone, the next
// autosave does not overwrite the saved session, and the plain address
// still opens epoch 20.
func TestDamagedLinkKeepsWork(t *testing.T) {
	p := openAt(t, pageURL(t), 4*time.Minute)
	p.set("preset", "yinyang-h5-ws", "change")
	p.waitFor(`document.getElementById("status").dataset.params === "70"`, 10*time.Second)
	p.trainEpochs(20)
	epoch := p.status("epoch")

	p.saveNow()
	before := p.library()
	if len(before.Entries) != 1 || strconv.Itoa(before.Entries[0].Epoch) != epoch {
		p.fatalf("after training: library %+v, want one entry at epoch %s", before, epoch)
	}

	p.navigate(pageURL(t) + "#m=garbage")
	msg := p.waitMessage("damaged", true)
	t.Logf("damaged link: %s", msg)
	if got := p.status("epoch"); got != epoch {
		p.fatalf("after the damaged link the page shows epoch %s, want the saved %s", got, epoch)
	}
	if h := eval[string](p, `location.hash`); h != "" {
		p.fatalf("the damaged fragment stayed in the address: %q", h)
	}
	p.trainEpochs(mustAtoi(t, epoch) + 1) // more training: the session changes and saves
	p.saveNow()
	after := p.library()
	if len(after.Entries) != 1 || after.Current != before.Current || after.Entries[0].Epoch <= before.Entries[0].Epoch {
		p.fatalf("after the damaged link and more training: library %+v (before %+v)", after, before)
	}
	p.navigate(pageURL(t))
	p.waitMessage("Opened the session saved in this browser", false)
	if got := p.status("epoch"); got != strconv.Itoa(after.Entries[0].Epoch) {
		p.fatalf("the plain address opens epoch %s, want %d", got, after.Entries[0].Epoch)
	}
}

// TestLinkAddsEntry: a valid share link opened in the same browser adds an
// entry and leaves the saved session as it was; the list reopens either;
// Delete asks once and removes only the chosen entry.
func TestLinkAddsEntry(t *testing.T) {
	p := openAt(t, pageURL(t), 4*time.Minute)
	p.set("preset", "yinyang-h5-ws", "change")
	p.waitFor(`document.getElementById("status").dataset.params === "70"`, 10*time.Second)
	p.trainEpochs(2)
	trained := p.status("epoch")
	p.saveNow()
	p.click("share")
	p.waitFor(`delaylab.shareLink() !== ""`, 10*time.Second)
	link := eval[string](p, `delaylab.shareLink()`)
	first := p.library()

	// Train on, save, then open the link (of epoch 2) in the same browser.
	p.trainEpochs(mustAtoi(t, trained) + 1)
	p.saveNow()
	worked := p.library().Entries[0].Epoch
	p.navigate(link)
	p.waitMessage("Opened the shared model", false)
	p.waitFor(fmt.Sprintf(`JSON.parse(localStorage.getItem("delaylab.library")).entries.length === 2`), 10*time.Second)
	lib := p.library()
	if lib.Current == first.Current {
		p.fatalf("the link was saved over the session: %+v", lib)
	}
	var kept bool
	for _, e := range lib.Entries {
		kept = kept || (e.ID == first.Current && e.Epoch == worked)
	}
	if !kept {
		p.fatalf("the saved session (epoch %d) is not kept as it was: %+v", worked, lib)
	}

	// Reopen the first entry from the list.
	p.set("library", first.Current, "change")
	p.clearMessage()
	p.click("library-open")
	p.waitMessage("Opened the saved session", false)
	if got := p.status("epoch"); got != strconv.Itoa(worked) {
		p.fatalf("reopened at epoch %s, want %d", got, worked)
	}
	if p.library().Current != first.Current {
		p.fatalf("reopening did not make the entry current")
	}

	// Delete the other entry: one question, one entry less.
	other := lib.Current
	eval[bool](p, `(window.asked = 0, window.confirm = () => { window.asked++; return true; }, true)`)
	p.set("library", other, "change")
	p.click("library-delete")
	p.waitMessage("Deleted the saved session", false)
	if n := eval[int](p, `window.asked`); n != 1 {
		p.fatalf("delete asked %d times, want once", n)
	}
	lib = p.library()
	if len(lib.Entries) != 1 || lib.Entries[0].ID != first.Current {
		p.fatalf("after delete: %+v", lib)
	}
	if eval[bool](p, fmt.Sprintf(`localStorage.getItem("delaylab.entry.%s") !== null`, other)) {
		p.fatalf("the deleted entry's model stays in storage")
	}
	// Declining the question changes nothing.
	eval[bool](p, `(window.confirm = () => false, true)`)
	p.click("start-fresh")
	p.waitFrames(3)
	if got := p.status("epoch"); got != strconv.Itoa(worked) {
		p.fatalf("a declined Start fresh changed the model (epoch %s)", got)
	}
}

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPresetSaysCustom: once the settings differ from the preset the
// Preset box says "custom (from …)"; choosing a preset again clears it.
func TestPresetSaysCustom(t *testing.T) {
	p := openPage(t, time.Minute)
	preset := func() string {
		return eval[string](p, `(() => { const s = document.getElementById("preset"); return s.options[s.selectedIndex].textContent; })()`)
	}
	if got := preset(); got != "yinyang-h30-ws" {
		p.fatalf("the opening preset box says %q", got)
	}
	p.set("hidden", "20", "change")
	p.waitFor(`document.getElementById("status").dataset.params === "280"`, 10*time.Second)
	if got := preset(); got != "custom (from yinyang-h30-ws)" {
		p.fatalf("after changing the hidden size the preset box says %q", got)
	}
	p.set("preset", "yinyang-h5-ws", "change")
	p.waitFor(`document.getElementById("status").dataset.params === "70"`, 10*time.Second)
	if got := preset(); got != "yinyang-h5-ws" {
		p.fatalf("after choosing a preset the box says %q", got)
	}
	// The loss shows its name, also one the list did not have.
	p.set("preset", "chip-yinyang-w", "change")
	p.waitFor(`document.getElementById("status").dataset.params === "690"`, 10*time.Second)
	loss := eval[string](p, `(() => { const s = document.getElementById("loss"); return s.options[s.selectedIndex].textContent; })()`)
	if loss != "Shift-invariant MSE, Δt = 0.3" {
		p.fatalf("the loss box says %q", loss)
	}
}
