//go:build browser && !js

package web

// The page actions the browser tests share: opening a page in a fresh
// context, calling the hook, clicking, awaiting messages, uploading and
// dropping files, training epochs; and the files' parameters and temporary
// copies they compare and upload.

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"delaylab/checkpoint"
)

// openAt opens url (the page, with a query or fragment) in a new tab of a
// new browser context and waits until the page is ready.
func openAt(t *testing.T, url string, timeout time.Duration) *tab {
	t.Helper()
	p := newTab(t, timeout, chromedp.WithNewBrowserContext())
	if err := chromedp.Do(p.ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	p.waitReady()
	t.Logf("%.40s… ready after %v", url, time.Since(p.navAt).Round(time.Millisecond))
	return p
}

// waitReady waits for the page's first frame.
func (p *tab) waitReady() {
	p.t.Helper()
	p.waitFor(`document.getElementById("status") && document.getElementById("status").dataset.ready === "1"`, 30*time.Second)
}

// pageURL is the page's address in the shared server.
func pageURL(t *testing.T) string { return getBrowser(t).url }

// hook calls a Promise-returning function of window.delaylab.
func (p *tab) hook(call string) string {
	p.t.Helper()
	return eval[string](p, "delaylab."+call, chromedp.EvalAwaitPromise)
}

func (p *tab) predictions() string { p.t.Helper(); return p.hook("predictions()") }

func (p *tab) params() []float64 {
	p.t.Helper()
	var v []float64
	if err := json.Unmarshal([]byte(p.hook("params()")), &v); err != nil {
		p.fatalf("params: %v", err)
	}
	return v
}

// click clicks a button by id.
func (p *tab) click(id string) {
	p.t.Helper()
	eval[bool](p, fmt.Sprintf(`(document.getElementById(%q).click(), true)`, id))
}

// clearMessage dismisses the message, so that the next one can be awaited.
func (p *tab) clearMessage() {
	p.t.Helper()
	p.click("message-close")
	p.waitFor(`document.getElementById("message").hidden`, 5*time.Second)
}

// waitMessage waits for a message containing text (an error if isErr) and
// returns it.
func (p *tab) waitMessage(text string, isErr bool) string {
	p.t.Helper()
	p.waitFor(fmt.Sprintf(`(() => { const m = document.getElementById("message");
		return !m.hidden && m.dataset.error === %q && m.textContent.includes(%q); })()`, b01(isErr), text), 15*time.Second)
	return eval[string](p, `document.getElementById("message-text").textContent`)
}

func b01(v bool) string {
	if v {
		return "1"
	}
	return "0"
}

// upload gives a file input a file from disk, as choosing it would.
func (p *tab) upload(id, path string) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.SetUploadFiles("#"+id, []string{path})); err != nil {
		p.fatalf("upload %s: %v", path, err)
	}
}

// drop drops a file with the given content on the page.
func (p *tab) drop(name string, content []byte) {
	p.t.Helper()
	eval[bool](p, fmt.Sprintf(`(() => {
		const bytes = Uint8Array.from(atob(%q), c => c.charCodeAt(0));
		const dt = new DataTransfer();
		dt.items.add(new File([bytes], %q));
		window.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
		window.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
		return true;
	})()`, base64.StdEncoding.EncodeToString(content), name))
}

// trainEpochs plays until n epochs are done, then pauses.
func (p *tab) trainEpochs(n int) {
	p.t.Helper()
	p.click("play")
	p.waitFor(fmt.Sprintf(`+document.getElementById("status").dataset.epoch >= %d`, n), 90*time.Second)
	p.click("play")
	p.waitFor(`document.getElementById("status").dataset.playing === "0"`, 5*time.Second)
}

// flatParams is every weight and θ of a file's model, in the order of the
// hook's params().
func flatParams(f *checkpoint.File) []float64 {
	var out []float64
	for _, L := range f.Model.Layers {
		out = append(out, L.Weights...)
		out = append(out, L.Theta...)
	}
	return out
}

func writeTemp(t *testing.T, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
