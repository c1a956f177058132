//go:build browser

package web

import (
	"fmt"
	"image"
	"time"

	"testing"

	"github.com/chromedp/chromedp"

	"delaylab/render/layout"
)

// screenSizes are the windows the page must work in (CSS pixels): a
// phone, a tablet upright, a small laptop, a laptop and a desktop.
var screenSizes = []struct{ w, h int64 }{{390, 844}, {768, 1024}, {1024, 700}, {1400, 900}, {1920, 1080}}

// TestScreenSizes trains the default setup a little, then shows it in
// each window size: the controls are a column at the left on wide windows
// and a bar with a Settings drawer on narrow ones, nothing scrolls
// sideways, the renderer leaves exactly the controls' part of the canvas
// free, and every view draws something inside its own panel. (That no
// texts collide at these sizes is render's TestViewsDoNotCollide, on the
// same drawing code.) With DELAYLAB_SCREENSHOTS set it writes
// docs/screenshot-size-W×H.png.
func TestScreenSizes(t *testing.T) {
	p := openPage(t, 4*time.Minute)
	p.trainEpochs(3)
	defer chromedp.Do(p.ctx, chromedp.EmulateViewport(viewW, viewH))
	for _, sz := range screenSizes {
		if err := chromedp.Do(p.ctx, chromedp.EmulateViewport(sz.w, sz.h)); err != nil {
			p.fatalf("resize to %d×%d: %v", sz.w, sz.h, err)
		}
		narrow := sz.w < layout.DrawerBelow
		// The page measured its insets for this size and drew a frame.
		p.waitFor(fmt.Sprintf(`innerWidth === %d && (%v ? +document.body.dataset.insetTop > 0 && +document.body.dataset.insetLeft === 0
			: +document.body.dataset.insetLeft > 0 && +document.body.dataset.insetTop === 0)`, sz.w, narrow), 10*time.Second)
		frames := p.status("frames")
		p.waitFor(fmt.Sprintf(`document.getElementById("status").dataset.frames !== %q`, frames), 10*time.Second)
		time.Sleep(300 * time.Millisecond) // the frame after the resize is on screen

		if sw := eval[int](p, `document.scrollingElement.scrollWidth`); sw > int(sz.w) {
			p.fatalf("%d×%d: the page is %d px wide and scrolls sideways", sz.w, sz.h, sw)
		}
		toggle := eval[bool](p, `getComputedStyle(document.getElementById("controls-toggle")).display !== "none"`)
		controls := `getComputedStyle(document.getElementById("controls")).display !== "none"`
		if toggle != narrow || eval[bool](p, controls) == narrow {
			p.fatalf("%d×%d: Settings button shown %v, settings shown %v; want the drawer only below %d px",
				sz.w, sz.h, toggle, eval[bool](p, controls), layout.DrawerBelow)
		}
		pg := p.pageAt(float64(sz.w), float64(sz.h))
		// The controls cover only what the renderer leaves to them.
		bar := eval[float64](p, `document.getElementById("panel").getBoundingClientRect().bottom`)
		right := eval[float64](p, `document.getElementById("panel").getBoundingClientRect().right`)
		if narrow && (bar > pg.Area.Y || bar < 40) || !narrow && right > pg.Area.X {
			p.fatalf("%d×%d: controls reach %v (bar) / %v (column) but the views start at %+v", sz.w, sz.h, bar, right, pg.Area)
		}
		img := p.screenshot()
		for name, pa := range map[string]layout.Panel{"network": pg.Network, "map": pg.Map, "spikes": pg.Raster, "training": pg.Curves} {
			if f := foreground(img, rect(pa.Body)); f < 0.02 {
				p.fatalf("%d×%d: the %s view %+v is blank (%.3f foreground)", sz.w, sz.h, name, pa.Body, f)
			}
			if !rect(pa.Frame).In(image.Rect(0, 0, int(sz.w), int(sz.h))) {
				p.fatalf("%d×%d: the %s view %+v leaves the window", sz.w, sz.h, name, pa.Frame)
			}
		}
		p.save(img, fmt.Sprintf("size-%dx%d", sz.w, sz.h))
		if narrow {
			// The drawer opens over the views, shows the settings, and
			// closes again with the button and with Esc.
			p.click("controls-toggle")
			p.waitFor(controls+` && document.getElementById("controls-toggle").getAttribute("aria-expanded") === "true"`, 5*time.Second)
			if sz.w == 390 {
				p.save(p.screenshot(), "size-390x844-settings")
			}
			p.click("controls-toggle")
			p.waitFor("!("+controls+")", 5*time.Second)
			p.click("controls-toggle")
			p.waitFor(controls, 5*time.Second)
			if err := chromedp.Do(p.ctx, chromedp.KeyEvent("\x1b")); err != nil {
				p.fatalf("Esc: %v", err)
			}
			p.waitFor("!("+controls+")", 5*time.Second)
		}
	}
}
