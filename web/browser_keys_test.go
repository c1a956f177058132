//go:build browser && !js

package web

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"delaylab/app"
	"delaylab/render/layout"
)

// key presses k (with modifiers) on whatever has the focus.
func (p *tab) key(k string, mods ...chromedp.Modifier) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.KeyEvent(k, chromedp.KeyModifiers(mods...))); err != nil {
		p.fatalf("key %q: %v", k, err)
	}
}

// clickElement clicks the middle of element id with the mouse, as a user
// does (which, unlike el.click(), focuses it).
func (p *tab) clickElement(id string) {
	p.t.Helper()
	at := eval[[]float64](p, fmt.Sprintf(`(() => { const r = document.getElementById(%q).getBoundingClientRect();
		return [r.left + r.width / 2, r.top + r.height / 2]; })()`, id))
	if err := chromedp.Do(p.ctx, chromedp.MouseClickXY(at[0], at[1])); err != nil {
		p.fatalf("click on %s: %v", id, err)
	}
}

func (p *tab) focused() string {
	p.t.Helper()
	return eval[string](p, `(() => { const a = document.activeElement; return a ? (a.id || a.tagName + (a.href ? " " + a.href : "")) : ""; })()`)
}

// TestSpaceAfterButton: after a click on Reset, space plays and pauses
// instead of pressing Reset again; in a text field it types a space.
func TestSpaceAfterButton(t *testing.T) {
	p := openPage(t, time.Minute)
	eval[bool](p, `(window.resets = 0, document.getElementById("reset").addEventListener("click", () => window.resets++), true)`)
	p.clickElement("reset")
	if f := p.focused(); f != "reset" {
		p.fatalf("a click on Reset leaves the focus on %q", f)
	}
	p.waitFrames(1)
	p.key(" ")
	p.waitFor(`document.getElementById("status").dataset.playing === "1"`, 5*time.Second)
	p.key(" ")
	p.waitFor(`document.getElementById("status").dataset.playing === "0"`, 5*time.Second)
	if n := eval[int](p, `window.resets`); n != 1 {
		p.fatalf("Reset was pressed %d times: once by the click, %d more by space", n, n-1)
	}

	p.clickElement("hidden")
	before := eval[string](p, `document.getElementById("hidden").value`)
	p.key(" ")
	p.waitFrames(2)
	if got := eval[string](p, `document.getElementById("hidden").value`); got != before+" " {
		p.fatalf("space in Hidden sizes: the field reads %q, want %q", got, before+" ")
	}
	if p.status("playing") != "0" {
		p.fatalf("space typed into a text field started training")
	}
}

// TestHelpTrapsFocus: while the help is open, Tab and Shift+Tab go round
// its own links and button; Esc closes it and gives the focus back.
func TestHelpTrapsFocus(t *testing.T) {
	p := openPage(t, time.Minute)
	eval[bool](p, `(document.getElementById("step").focus(), true)`)
	p.key("?")
	p.waitFor(`!document.getElementById("help").hidden && document.activeElement.id === "help-close"`, 5*time.Second)
	n := eval[int](p, `document.getElementById("help").querySelectorAll("a[href], button").length`)
	if n < 2 {
		p.fatalf("the help has %d focusable elements; the test needs its links and button", n)
	}
	var round []string
	for range n {
		p.key("\t")
		if !eval[bool](p, `document.getElementById("help").contains(document.activeElement)`) {
			p.fatalf("Tab moved the focus out of the open help, to %q (after %v)", p.focused(), round)
		}
		round = append(round, p.focused())
	}
	if round[n-1] != "help-close" || slices.Index(round, "help-close") != n-1 {
		p.fatalf("%d Tabs visit %v: want every element once, back to the Close button", n, round)
	}
	p.key("\t", chromedp.ModifierShift)
	if f := p.focused(); f != round[n-2] {
		p.fatalf("Shift+Tab from Close goes to %q, want %q", f, round[n-2])
	}
	p.key("\x1b")
	p.waitFor(`document.getElementById("help").hidden`, 5*time.Second)
	if f := p.focused(); f != "step" {
		p.fatalf("after Esc the focus is on %q, want it back on Step", f)
	}
}

// TestEdgeEditorKeys: the edge editor shows its weight and delay readably,
// Apply on what it shows changes nothing, and Esc closes it after Tab
// moved the focus through it.
func TestEdgeEditorKeys(t *testing.T) {
	p := openPage(t, time.Minute)
	p.set("speed", "0", "change")
	p.waitFrames(2)
	pg := p.page()
	g := layout.Network(pg.NetBody(), []int{4, 30, 3}, nil, 1)
	at := g.Along(layout.Edge{Layer: 1, Row: 11, Post: 1}, 0.45)
	if err := chromedp.Do(p.ctx, chromedp.MouseClickXY(at.X, at.Y)); err != nil {
		p.fatalf("click: %v", err)
	}
	p.waitFor(`!document.getElementById("edge-form").hidden && document.activeElement.id === "edge-weight"`, 5*time.Second)

	params := p.params()
	w := params[240+11*3+1] // layer 0: 4·30 weights and 4·30 θ; then weight (11, 1)
	shown := eval[string](p, `document.getElementById("edge-weight").value`)
	delay := eval[string](p, `document.getElementById("edge-delay").value`)
	t.Logf("weight %v shows as %q, delay as %q", w, shown, delay)
	if shown != app.EdgeText(w) || len(strings.TrimLeft(strings.ReplaceAll(shown, ".", ""), "-0")) > app.EdgeDigits {
		p.fatalf("weight %v shows as %q, want %q", w, shown, app.EdgeText(w))
	}
	if delay == "" || len(delay) > 8 {
		p.fatalf("delay shows as %q", delay)
	}

	version := p.status("version")
	p.click("edge-apply")
	p.waitMessage("unchanged", false)
	if v := p.status("version"); v != version {
		p.fatalf("Apply on the values shown changed the model: version %s → %s", version, v)
	}
	if !slices.Equal(p.params(), params) {
		p.fatalf("Apply on the values shown changed a parameter")
	}

	eval[bool](p, `(document.getElementById("edge-weight").focus(), true)`)
	p.key("\t")
	p.key("\t")
	if f := p.focused(); f != "edge-apply" {
		p.fatalf("two Tabs from the weight reach %q, want Apply", f)
	}
	p.key("\x1b")
	p.waitFor(`document.getElementById("edge-form").hidden`, 5*time.Second)
	if eval[bool](p, `document.getElementById("edge-form").contains(document.activeElement)`) {
		p.fatalf("the focus stayed in the closed editor")
	}
	p.key(" ")
	p.waitFor(`document.getElementById("status").dataset.playing === "1"`, 5*time.Second)
}
