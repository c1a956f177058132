//go:build browser

package web

import (
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestFirstPaintBeforeWasm: while main.wasm is on its way (held back, as
// on a slow network), the page has already painted the controls and a
// drawing of a network with "Loading…" where the views will be; if the
// wasm fails, the drawing says so instead of loading for ever; when it
// runs, the renderer's first frame replaces the drawing.
func TestFirstPaintBeforeWasm(t *testing.T) {
	p := newTab(t, time.Minute, chromedp.WithNewBrowserContext())
	// Hold the wasm request: paused by the Fetch domain and never resumed.
	held := fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*main.wasm"}}}
	if _, err := chromedp.Call(p.ctx, fetch.Enable, held); err != nil {
		p.fatalf("holding the wasm: %v", err)
	}
	if err := chromedp.Do(p.ctx, chromedp.Navigate(pageURL(t)+"?fresh")); err != nil {
		p.fatalf("navigate: %v", err)
	}
	p.waitFor(`performance.getEntriesByName("first-contentful-paint").length > 0`, 10*time.Second)
	fcp := eval[float64](p, `performance.getEntriesByName("first-contentful-paint")[0].startTime`)
	t.Logf("first contentful paint %.0f ms after navigation, before any wasm", fcp)
	shown := `(() => { const e = document.getElementById("placeholder"); const r = e.getBoundingClientRect();
		return !e.hidden && r.width > 200 && r.height > 200 && e.querySelectorAll("circle").length >= 10 &&
			e.textContent.includes("Loading"); })()`
	if !eval[bool](p, shown) {
		p.fatalf("no network drawing saying Loading while the wasm is on its way")
	}
	p.save(p.screenshot(), "loading")
	if _, err := chromedp.Call(p.ctx, fetch.Disable, cdp.Empty{}); err != nil {
		p.fatalf("releasing: %v", err)
	}

	// A wasm that never comes: the status and the drawing say so.
	p2 := newTab(t, time.Minute, chromedp.WithNewBrowserContext())
	if _, err := chromedp.Call(p2.ctx, network.Enable, network.EnableParams{}); err != nil {
		p2.fatalf("network: %v", err)
	}
	block := []*network.BlockPattern{{URLPattern: "*://*:*/main.wasm", Block: true}}
	if _, err := chromedp.Call(p2.ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: block}); err != nil {
		p2.fatalf("blocking the wasm: %v", err)
	}
	if err := chromedp.Do(p2.ctx, chromedp.Navigate(pageURL(t)+"?fresh")); err != nil {
		p2.fatalf("navigate: %v", err)
	}
	p2.waitFor(`document.getElementById("status").textContent === "Not running."`, 20*time.Second)
	if got := eval[string](p2, `document.querySelector("#placeholder p").textContent`); got != "The simulator did not start." {
		p2.fatalf("placeholder says %q after the wasm failed", got)
	}

	p = p2
	// Unblocked, the first frame hides the drawing.
	if _, err := chromedp.Call(p.ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: []*network.BlockPattern{}}); err != nil {
		p.fatalf("unblocking: %v", err)
	}
	if err := chromedp.Do(p.ctx, chromedp.Navigate(pageURL(t)+"?fresh")); err != nil {
		p.fatalf("navigate: %v", err)
	}
	p.waitReady()
	if !eval[bool](p, `document.getElementById("placeholder").hidden`) {
		p.fatalf("the drawing stays after the first frame")
	}
}
