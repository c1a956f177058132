//go:build browser && !js

package web

// Browser tests of chip mode and of the compare panel (also on the chip).

import (
	"encoding/base64"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"delaylab/checkpoint"
)

// TestChipMode: the chip refuses synaptic delays with the chip's reason;
// the chip preset trains on it, and the side-by-side view reports the
// network on the ideal simulator and on the chip; the realistic chip and
// single effects switched off reach the downloaded file. The screenshot of the
// panels is docs/screenshot-travel.png.
func TestChipMode(t *testing.T) {
	p := openAt(t, pageURL(t), 3*time.Minute)
	p.set("substrate", "chip", "change")
	msg := p.waitMessage("only has axonal delays", true)
	t.Logf("%s", msg)
	// The refused choice stays on show, marked, with the reason beside it.
	if got := eval[string](p, `document.getElementById("substrate").value`); got != "chip" {
		p.fatalf("the substrate select shows %q after a refusal, want the choice kept", got)
	}
	p.waitFor(`document.getElementById("substrate").getAttribute("aria-invalid") === "true" &&
		document.getElementById("substrate").nextElementSibling.id === "field-error"`, 5*time.Second)
	// The BrainScaleS-2 recipe: 4×5 inputs, axonal delays, on the chip.
	p.set("preset", "chip-yinyang-wa", "change")
	p.waitFor(`document.getElementById("status").dataset.substrate === "chip"`, 10*time.Second)
	p.set("chip-seed", "7", "change")
	p.waitFor(`document.getElementById("chip-seed").value === "7" && !document.getElementById("chip-seed").hasAttribute("aria-invalid")`, 10*time.Second)
	eval[bool](p, `(document.getElementById("chip-compare").click(), true)`)
	p.trainEpochs(1)
	p.waitFor(`(() => { const o = document.getElementById("chip-compare-out"); return !o.hidden && o.dataset.epoch >= "1"; })()`, 20*time.Second)
	ideal, chip := eval[string](p, `document.getElementById("chip-compare-out").dataset.ideal`), eval[string](p, `document.getElementById("chip-compare-out").dataset.chip`)
	t.Logf("after %s epochs on chip seed 7: ideal %s, chip %s", p.status("epoch"), ideal, chip)
	for _, v := range []string{ideal, chip} {
		if f, err := strconv.ParseFloat(v, 64); err != nil || f < 0.2 || f > 1 {
			p.fatalf("side-by-side accuracies %s, %s", ideal, chip)
		}
	}
	// The saved file carries the chip instance.
	p.click("download")
	p.waitFor(`delaylab.lastDownload() !== ""`, 10*time.Second)
	raw, _ := base64.StdEncoding.DecodeString(eval[string](p, `delaylab.lastDownload()`))
	f, err := checkpoint.Unmarshal(raw)
	if err != nil || f.Chip == nil || f.Chip.Seed != 7 {
		p.fatalf("the download does not carry chip seed 7: %v", err)
	}
	// The realistic chip: chosen in the same select, named in the side by
	// side view, and recorded in the next download.
	p.set("substrate", "chip-realistic", "change")
	p.waitFor(`document.getElementById("status").dataset.substrate === "chip-realistic"`, 10*time.Second)
	p.waitFor(`document.getElementById("chip-compare-out").textContent.includes("Realistic chip (seed 7")`, 20*time.Second)
	p.click("download")
	p.waitFor(`delaylab.lastDownload() !== "" && delaylab.lastDownload() !== `+strconv.Quote(base64.StdEncoding.EncodeToString(raw)), 10*time.Second)
	raw, _ = base64.StdEncoding.DecodeString(eval[string](p, `delaylab.lastDownload()`))
	if f, err := checkpoint.Unmarshal(raw); err != nil || f.Chip == nil || f.Chip.Substrate != "chip-realistic" || f.Chip.Seed != 7 {
		p.fatalf("the download after choosing the realistic chip: %v %+v", err, f.Chip)
	}
	p.set("substrate", "chip", "change")
	p.waitFor(`document.getElementById("status").dataset.substrate === "chip"`, 10*time.Second)
	// Single effects switch off (an ablation); the download lacks them.
	eval[bool](p, `(document.getElementById("chip-effects-box").open = true, true)`)
	if n := eval[int](p, `document.querySelectorAll("#chip-effects input:checked").length`); n != 6 {
		p.fatalf("the authors' chip shows %d effects on, want 6", n)
	}
	eval[bool](p, `(document.querySelector('#chip-effects input[data-effect="threshold-trial"]').click(), true)`)
	p.waitFor(`document.getElementById("status").dataset.chipOff === "threshold-trial"`, 10*time.Second)
	prev := base64.StdEncoding.EncodeToString(raw)
	p.click("download")
	p.waitFor(`delaylab.lastDownload() !== "" && delaylab.lastDownload() !== `+strconv.Quote(prev), 10*time.Second)
	raw, _ = base64.StdEncoding.DecodeString(eval[string](p, `delaylab.lastDownload()`))
	if f, err := checkpoint.Unmarshal(raw); err != nil || f.Chip == nil || f.Chip.Config.ThresholdTrialStd != 0 || f.Chip.Config.WeightScale != 30 {
		p.fatalf("the download with trial noise off: %v %+v", err, f.Chip)
	}
	if os.Getenv("DELAYLAB_SCREENSHOTS") != "" {
		p.click("gradcheck")
		p.waitFor(`document.getElementById("gradcheck-out").dataset.rows === "12"`, 20*time.Second)
		eval[bool](p, `(document.getElementById("substrate-box").scrollIntoView(), true)`)
		p.waitFrames(5)
		p.save(p.screenshot(), "travel")
	}
}

// TestCompare: two configurations train side by side; the chart shows
// both curves with their parameter counts.
func TestCompare(t *testing.T) {
	p := openAt(t, pageURL(t), 3*time.Minute)
	p.set("preset", "yinyang-h30-w", "change")
	p.waitFor(`document.getElementById("status").dataset.params === "210"`, 10*time.Second)
	p.set("compare", "yinyang-h5-ws", "change")
	p.waitMessage("Comparing with yinyang-h5-ws", false)
	p.click("play")
	p.waitFor(`(() => { const o = document.getElementById("compare-out");
		return !o.hidden && +o.dataset.aEpochs >= 1 && +o.dataset.bEpochs >= 1; })()`, 90*time.Second)
	p.click("play")
	out := eval[map[string]string](p, `({...document.getElementById("compare-out").dataset})`)
	if out["aParams"] != "210" || out["bParams"] != "70" {
		p.fatalf("parameter counts %v, want 210 and 70", out)
	}
	if n := eval[int](p, `document.querySelectorAll("#compare-out polyline").length`); n != 2 {
		p.fatalf("%d curves, want 2", n)
	}
	key := eval[string](p, `document.getElementById("compare-out").textContent`)
	if !strings.Contains(key, "210 parameters") || !strings.Contains(key, "70 parameters") {
		p.fatalf("the key reads %q", key)
	}
	t.Logf("%s", key)
	if os.Getenv("DELAYLAB_SCREENSHOTS") != "" {
		eval[bool](p, `(document.getElementById("compare-box").scrollIntoView(), true)`)
		p.waitFrames(3)
		p.save(p.screenshot(), "compare")
	}
}

// TestCompareOnChip: in chip mode the compared preset trains on the same
// chip under the same training protocol — the paper's with/without-delays
// contrast in a few clicks — and the key says so.
func TestCompareOnChip(t *testing.T) {
	p := openAt(t, pageURL(t), 3*time.Minute)
	p.set("preset", "chip-yinyang-wa", "change")
	p.waitFor(`document.getElementById("status").dataset.params === "724"`, 10*time.Second)
	if v := eval[string](p, `document.getElementById("substrate").value`); v != "chip" {
		p.fatalf("the chip preset runs on %q", v)
	}
	p.set("protocol", "authors", "change")
	p.waitFor(`document.getElementById("protocol").value === "authors" && document.getElementById("status").dataset.params === "724"`, 10*time.Second)
	p.set("compare", "chip-yinyang-w", "change")
	p.waitMessage("Comparing with chip-yinyang-w", false)
	p.click("play")
	p.waitFor(`(() => { const o = document.getElementById("compare-out");
		return !o.hidden && +o.dataset.aEpochs >= 1 && +o.dataset.bEpochs >= 1; })()`, 150*time.Second)
	p.click("play")
	out := eval[map[string]string](p, `({...document.getElementById("compare-out").dataset})`)
	if out["aParams"] != "724" || out["bParams"] != "690" {
		p.fatalf("parameter counts %v, want 724 and 690", out)
	}
	key := eval[string](p, `document.getElementById("compare-out").textContent`)
	if strings.Count(key, "chip 0") != 2 || strings.Count(key, "authors protocol") != 2 {
		p.fatalf("the key should name the chip and protocol of both: %q", key)
	}
	if os.Getenv("DELAYLAB_SCREENSHOTS") != "" {
		eval[bool](p, `(document.getElementById("compare-box").scrollIntoView(), true)`)
		p.waitFrames(3)
		p.save(p.screenshot(), "compare-chip")
	}
}
