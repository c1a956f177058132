//go:build browser && !js

package web

import (
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"delaylab/render/layout"
)

// maxIdleShare bounds the CPU a paused page may take, as a fraction of one
// core (the 5 %).
const maxIdleShare = 0.05

// waitRest waits until the page stops drawing: no new frame for a second
// (a decision map may still be computed after the last change).
func (p *tab) waitRest() {
	p.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	last, since := "", time.Now()
	for time.Now().Before(deadline) {
		if f := p.status("frames"); f != last {
			last, since = f, time.Now()
		} else if time.Since(since) >= time.Second {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	p.fatalf("the page never came to rest (frames go on: %s)", last)
}

// framesAdvance waits until the page has drawn a frame after what, which
// happened when it had drawn from frames.
func (p *tab) framesAdvance(from, what string) {
	p.t.Helper()
	n, _ := strconv.Atoi(from)
	p.waitFor(`+document.getElementById("status").dataset.frames > `+strconv.Itoa(n), 5*time.Second)
	p.t.Logf("%s: drawn again (frame %s after %s)", what, p.status("frames"), from)
}

// TestIdle: a paused page with the replay stopped draws nothing and takes
// at most 5 % of a core (CPU of the whole browser, see browser_cpu_test.go);
// a hovered edge, a step and a resized window are drawn at once. The
// figures it logs are the README's (Performance, "The page at rest").
func TestIdle(t *testing.T) {
	p := openPage(t, 3*time.Minute)
	p.set("speed", "0", "change")
	p.waitRest()
	rest := p.measureCPU(5 * time.Second)
	t.Logf("paused, replay stopped: %v", rest)
	if rest.frames != 0 {
		p.fatalf("a page at rest drew %d frames in %v", rest.frames, rest.wall.Round(time.Millisecond))
	}
	if rest.share() > maxIdleShare {
		p.fatalf("a page at rest takes %.1f %% of a core, want ≤ %.0f %%", 100*rest.share(), 100*maxIdleShare)
	}

	// Hovering an edge shows its tooltip; moving on to empty canvas
	// hides it. Both are drawn.
	pg := p.page()
	g := layout.Network(pg.NetBody(), []int{4, 30, 3}, nil, 1)
	at := g.Along(layout.Edge{Layer: 1, Row: 11, Post: 1}, 0.45)
	before := p.screenshot()
	f := p.status("frames")
	if err := chromedp.Do(p.ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, at.X, at.Y)); err != nil {
		p.fatalf("mouse: %v", err)
	}
	p.framesAdvance(f, "hovering an edge")
	p.waitRest()
	if d := differing(before, p.screenshot(), rect(pg.Network.Frame)); d < 0.001 {
		p.fatalf("hovering an edge changed %.3f %% of the network view: no tooltip drawn", 100*d)
	}
	f = p.status("frames")
	if err := chromedp.Do(p.ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, pg.Network.Frame.X+4, pg.Network.Frame.Y+4)); err != nil {
		p.fatalf("mouse: %v", err)
	}
	p.framesAdvance(f, "leaving the edge")
	p.waitRest()

	f = p.status("frames")
	p.click("step")
	p.framesAdvance(f, "a step")
	p.waitRest()

	f = p.status("frames")
	if err := chromedp.Do(p.ctx, chromedp.EmulateViewport(viewW-100, viewH)); err != nil {
		p.fatalf("resize: %v", err)
	}
	p.framesAdvance(f, "a narrower window")
	if err := chromedp.Do(p.ctx, chromedp.EmulateViewport(viewW, viewH)); err != nil {
		p.fatalf("resize: %v", err)
	}
	p.waitRest()

	// After training in the worker and Pause, as the issue found it: the
	// worker stops and the page rests again.
	p.trainEpochs(1)
	p.waitRest()
	paused := p.measureCPU(5 * time.Second)
	t.Logf("trained in the %s, then paused: %v", p.status("engine"), paused)
	if paused.frames != 0 || paused.share() > maxIdleShare {
		p.fatalf("paused after training: %d frames drawn, %.1f %% of a core, want 0 and ≤ %.0f %%", paused.frames, 100*paused.share(), 100*maxIdleShare)
	}

	// For comparison (logged, not bounded): the replay playing, which
	// redraws while spikes travel and rests at its end.
	p.set("speed", "1", "change")
	t.Logf("paused, replay playing: %v", p.measureCPU(5*time.Second))
}
