//go:build browser && !js

package web

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"delaylab/render/layout"
)

// fieldErrorShown is the message beside control id, if it shows one in
// the viewport right after it (or after the pair of fields it is one of):
// its text, or "" with the reason it is not.
func (p *tab) fieldErrorShown(id string) (text, problem string) {
	p.t.Helper()
	r := eval[map[string]any](p, fmt.Sprintf(`(() => {
		const el = document.getElementById(%q), m = (el.closest(".pair") || el).nextElementSibling;
		if (!m || m.id !== "field-error" || m.hidden) return {problem: "no message after the field"};
		const a = el.getBoundingClientRect(), b = m.getBoundingClientRect();
		return {text: m.textContent, gap: b.top - a.bottom, top: b.top, bottom: b.bottom, height: innerHeight,
			invalid: el.getAttribute("aria-invalid") || "", describedBy: el.getAttribute("aria-describedby") || ""};
	})()`, id))
	if pr, ok := r["problem"].(string); ok {
		return "", pr
	}
	switch {
	case r["invalid"] != "true":
		return "", "the field is not marked aria-invalid"
	case !slices.Contains(strings.Fields(r["describedBy"].(string)), "field-error"):
		return "", fmt.Sprintf("aria-describedby %q does not name the message", r["describedBy"])
	case r["gap"].(float64) < -1 || r["gap"].(float64) > 12:
		return "", fmt.Sprintf("the message is %.0f px below the field", r["gap"])
	case r["top"].(float64) < 0 || r["bottom"].(float64) > r["height"].(float64):
		return "", fmt.Sprintf("the message is out of view (%.0f to %.0f px of %.0f)", r["top"], r["bottom"], r["height"])
	}
	return r["text"].(string), ""
}

// TestErrorBesideField: every control that can be refused keeps the value
// the user gave, is marked invalid and says why right after itself, in
// view — also the chip seed, low in the panel; the model stays as it was.
// A second refusal gives the first control its setting back; a valid value
// clears the mark.
func TestErrorBesideField(t *testing.T) {
	p := openPage(t, 2*time.Minute)
	p.click("step")
	p.waitFor(`document.getElementById("status").textContent.startsWith("Epoch 0")`, 5*time.Second)
	version, params := p.status("version"), p.params()
	initial := map[string]string{}
	cases := []struct{ id, value, event, says string }{
		{"hidden", "0", "change", "hidden layer 1 has 0 neurons"},
		{"hidden", "thirty", "change", "not a whole number"},
		{"batch", "-5", "change", "batch size"},
		{"lr-weights", "7", "change", "weight learning rate"},
		{"lr-delays", "-1", "change", "delay learning rate"},
		{"seed", "-1", "change", "seed"},
		{"sample", "99999", "change", "sample"},
		{"protocol", "authors", "change", "needs τm = τs"},
		{"delay-0", "dendritic", "change", ""}, // valid: clears the mark
		{"substrate", "chip", "change", "axonal delays"},
		{"chip-seed", "-3", "change", "chip seed"},
		{"chip-seed", "1.5", "change", "chip seed"},
	}
	for _, c := range cases {
		initial[c.id] = eval[string](p, fmt.Sprintf(`document.getElementById(%q).value`, c.id))
	}
	prev := ""
	for _, c := range cases {
		p.set(c.id, c.value, c.event)
		p.waitFrames(2)
		if c.says == "" {
			if _, problem := p.fieldErrorShown(prev); problem == "" {
				p.fatalf("%s = %q (valid) left %s marked invalid", c.id, c.value, prev)
			}
			version, params, prev = p.status("version"), p.params(), ""
			continue
		}
		text, problem := p.fieldErrorShown(c.id)
		if problem != "" {
			p.fatalf("%s = %q: %s", c.id, c.value, problem)
		}
		if !strings.Contains(strings.ToLower(text), strings.ToLower(c.says)) {
			p.fatalf("%s = %q: beside it %q, want it to say %q", c.id, c.value, text, c.says)
		}
		t.Logf("%s = %q: %s", c.id, c.value, text)
		if got := eval[string](p, fmt.Sprintf(`document.getElementById(%q).value`, c.id)); got != c.value {
			p.fatalf("%s = %q: the field now reads %q", c.id, c.value, got)
		}
		if v := p.status("version"); v != version || !slices.Equal(p.params(), params) {
			p.fatalf("%s = %q changed the model", c.id, c.value)
		}
		if prev != "" && prev != c.id {
			got := eval[string](p, fmt.Sprintf(`document.getElementById(%q).value`, prev))
			if _, problem := p.fieldErrorShown(prev); problem == "" || got != initial[prev] {
				p.fatalf("after %s was refused, %s still reads %q (marked: %v), want its setting %q", c.id, prev, got, problem == "", initial[prev])
			}
		}
		if c.id == "chip-seed" {
			p.save(p.screenshot(), "field-error")
		}
		prev = c.id
	}
	// The message box at the top says it too.
	p.waitMessage("chip seed", true)

	// A valid value clears the mark and the message beside the field.
	p.set("chip-seed", "5", "change")
	p.waitFor(`!document.getElementById("chip-seed").hasAttribute("aria-invalid") && document.getElementById("field-error").hidden`, 5*time.Second)
	v := p.status("version")
	p.set("hidden", "20", "change")
	p.waitFor(fmt.Sprintf(`document.getElementById("status").dataset.version !== %q`, v), 10*time.Second)
	if d := eval[string](p, `document.getElementById("hidden").getAttribute("aria-describedby")`); d != "hidden-hint" {
		p.fatalf("after a valid value the hidden field is described by %q, want its hint alone", d)
	}

	// The edge editor's fields: the one at fault is marked.
	p.set("speed", "0", "change")
	p.waitFrames(2)
	pg := p.page()
	g := layout.Network(pg.NetBody(), []int{4, 20, 3}, nil, 1)
	at := g.Along(layout.Edge{Layer: 1, Row: 11, Post: 1}, 0.45)
	if err := chromedp.Do(p.ctx, chromedp.MouseClickXY(at.X, at.Y)); err != nil {
		p.fatalf("click: %v", err)
	}
	p.waitFor(`!document.getElementById("edge-form").hidden`, 5*time.Second)
	shownDelay := eval[string](p, `document.getElementById("edge-delay").value`)
	for _, c := range []struct{ weight, delay, at, says string }{
		{"1e6", shownDelay, "edge-weight", "weight"},
		{"0.5", "99", "edge-delay", "delay 99"},
	} {
		eval[bool](p, fmt.Sprintf(`(document.getElementById("edge-weight").value = %q, document.getElementById("edge-delay").value = %q, true)`, c.weight, c.delay))
		p.click("edge-apply")
		p.waitFrames(2)
		text, problem := p.fieldErrorShown(c.at)
		if problem != "" || !strings.Contains(strings.ToLower(text), c.says) {
			p.fatalf("edge weight %q, delay %q: beside %s %q (%s), want it to say %q", c.weight, c.delay, c.at, text, problem, c.says)
		}
		t.Logf("edge weight %q, delay %q: beside %s: %s", c.weight, c.delay, c.at, text)
	}
	if eval[string](p, `document.getElementById("edge-weight").getAttribute("aria-invalid") || ""`) != "" {
		p.fatalf("the weight stays marked after the delay was blamed")
	}
	p.key("\x1b")
	p.waitFor(`document.getElementById("edge-form").hidden && document.getElementById("field-error").hidden`, 5*time.Second)
}
