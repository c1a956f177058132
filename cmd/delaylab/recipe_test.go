package main

import (
	"path/filepath"
	"strings"
	"testing"

	"delaylab/delgrad"
)

// TestTrainOtherData: train -data and -hidden train a preset's recipe on
// another data set with another hidden size; the checkpoint records the
// changed recipe under the preset's name, inspect shows it, resuming it
// continues the same run as training straight through, and eval -ckpt
// measures the test accuracy train reported.
func TestTrainOtherData(t *testing.T) {
	dir := t.TempDir()
	args := []string{"train", "-preset", "yinyang-h5-ws", "-data", "xor", "-hidden", "7", "-workers", "1"}
	straight := mustRun(t, dir, append(args, "-epochs", "2", "-o", "a.dlab")...)
	mustRun(t, dir, append(args, "-epochs", "1", "-o", "b.dlab")...)
	mustRun(t, dir, "train", "-resume", "b.dlab", "-epochs", "1", "-workers", "1")
	sameRun(t, filepath.Join(dir, "a.dlab"), filepath.Join(dir, "b.dlab"))

	f := readDlab(t, filepath.Join(dir, "a.dlab"))
	if c := f.Config; c.Name != "yinyang-h5-ws" || c.Dataset != "xor" || len(c.Hidden) != 1 || c.Hidden[0] != 7 || c.Outputs != 2 {
		t.Errorf("recorded recipe %s on %s, hidden %v, %d outputs; want yinyang-h5-ws on xor, [7], 2", c.Name, c.Dataset, c.Hidden, c.Outputs)
	}
	info := mustRun(t, dir, "inspect", "a.dlab").stdout
	for _, want := range []string{"architecture:  4-7-2", "description:   the recipe of yinyang-h5-ws on xor data, 4-7-2", "data set:      xor, 5000 train"} {
		if !strings.Contains(info, want) {
			t.Errorf("inspect does not say %q:\n%s", want, info)
		}
	}
	ev := mustRun(t, dir, "eval", "-ckpt", "a.dlab")
	if got, want := lastLine(ev.stdout), lastLine(straight.stdout); got != strings.TrimPrefix(want, "test ") {
		t.Errorf("eval -ckpt says %q, train said %q", got, want)
	}
}

// TestTrainOtherDataRefused: what -data and -hidden cannot do is a bad
// command line, said before any training.
func TestTrainOtherDataRefused(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-preset", "yinyang-h5-ws", "-data", "moon"}, `-data "moon": want one of yinyang, xor, circles, spirals`},
		{[]string{"-preset", "yinyang-h5-ws", "-data", "csv"}, `-data "csv": want one of`},
		{[]string{"-preset", "yinyang-h5-ws", "-hidden", "0"}, "-hidden 0: want at least 1 neuron"},
		{[]string{"-preset", "yinyang-h5-ws", "-hidden", "20000"}, "hidden layer 0 has 20000 neurons"},
		{[]string{"-resume", "run.dlab", "-data", "xor"}, "-data cannot be used with -resume"},
		{[]string{"-resume", "run.dlab", "-hidden", "3"}, "-hidden cannot be used with -resume"},
	} {
		r := delaylab(t, dir, append([]string{"train"}, c.args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, c.msg) || !strings.Contains(r.stderr, "usage: delaylab train") {
			t.Errorf("train %s: want exit 2 and %q with the usage\n%v", strings.Join(c.args, " "), c.msg, r)
		}
	}
}

// TestReshapeKeepsLayers: -hidden sizes one hidden layer; a recipe with
// more (none of today's presets) is refused rather than silently cut.
func TestReshapeKeepsLayers(t *testing.T) {
	cfg, err := delgrad.Preset("yinyang-h5-ws")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Hidden = []int{5, 5}
	if _, err := reshapeRecipe(&cfg, "", 8); err == nil || !strings.Contains(err.Error(), "has 2 hidden layers") {
		t.Errorf("reshaping a two-layer recipe: %v", err)
	}
}
