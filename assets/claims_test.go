package assets_test

import (
	"testing"

	"delaylab/assets"
	"delaylab/checkpoint"
)

// TestClaims: what the catalogue's sentences say in comparing examples
// holds for the recorded test accuracies (and, where they say so, the
// files), so that examples made anew by a changed trainer cannot keep a
// sentence that has become false.
func TestClaims(t *testing.T) {
	acc := map[string]float64{}
	for _, e := range assets.All() {
		acc[e.Name] = e.TestAccuracy()
	}
	file := func(name string) *checkpoint.File {
		e, err := assets.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := checkpoint.Unmarshal(e.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	params := func(name string) int {
		n := 0
		for _, L := range file(name).Model.Layers {
			n += len(L.Weights) + len(L.Theta)
		}
		return n
	}
	claim := func(ok bool, what string) {
		t.Helper()
		if !ok {
			t.Errorf("the catalogue says %s; the recorded figures disagree", what)
		}
	}
	const point = 0.01

	claim(acc["spirals"] < acc["xor"] && acc["spirals"] < acc["circles"], "spirals is the hardest of the three teaching sets")
	claim(acc["yinyang-h30-wa"] > acc["yinyang-h30-w"], "axonal delays test above weights alone")
	for name, a := range acc {
		if name != "yinyang-h30-ws" && file(name).Data.Name == "yinyang" {
			claim(acc["yinyang-h30-ws"] > a, "yinyang-h30-ws tests best of the Yin-Yang examples (against "+name+")")
		}
	}
	claim(acc["yinyang-h5-ws"] > acc["yinyang-h30-w"], "yinyang-h5-ws tests above the 4-30-3 network without delays")
	claim(3*params("yinyang-h5-ws") == params("yinyang-h30-w"), "yinyang-h5-ws has a third of the parameters of yinyang-h30-w")
	claim(params("yinyang-h30-wa")-params("yinyang-h30-w") == 34, "yinyang-h30-wa has 34 delays")

	for _, name := range []string{"xor", "circles", "spirals"} {
		c := file(name).Config
		hidden := map[string]int{"xor": 5, "circles": 5, "spirals": 20}[name]
		claim(c.Epochs == 30 && len(c.Hidden) == 1 && c.Hidden[0] == hidden, name+" trains 30 epochs with its hidden layer's size")
	}
	ws := file("yinyang-h30-ws").Model.Layers
	claim(len(ws[0].Theta)+len(ws[1].Theta) == 210, "yinyang-h30-ws has a delay on each of 210 connections")

	chip := file("chip-yinyang-w-ours").Chip
	for _, name := range []string{"chip-yinyang-wa-ours", "chip-yinyang-w-authors", "chip-yinyang-wa-authors"} {
		c := file(name).Chip
		claim(chip != nil && c != nil && c.Seed == chip.Seed && c.Substrate == chip.Substrate && c.ChipConfig() == chip.ChipConfig(),
			name+" runs on the same chip instance as chip-yinyang-w-ours")
	}
	claim(acc["chip-yinyang-wa-ours"] < acc["chip-yinyang-w-ours"], "under DelayLab's protocol the chip's delay network tests below weights only")
	h := file("chip-yinyang-wa-ours").History
	best := 0.0
	for _, ep := range h {
		best = max(best, ep.ValAcc)
	}
	claim(h[len(h)-1].ValAcc < best-3*point, "the validation accuracy of chip-yinyang-wa-ours dips late in training")
	claim(acc["chip-yinyang-w-ours"]-acc["chip-yinyang-w-authors"] >= 3*point, "the authors' protocol costs weights only several points")
	claim(acc["chip-yinyang-wa-authors"]-acc["chip-yinyang-w-authors"] >= 5*point, "under the authors' protocol the delay network is far ahead of weights only")
}
