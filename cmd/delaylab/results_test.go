package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"delaylab/run"
	"delaylab/sim"
	"delaylab/sweep"
)

// The committed results (docs/results/*) must come from the code that
// holds them. These tests rerun the first epochs of committed runs with
// the command lines their MANIFEST records and compare every per-epoch
// figure with the committed log, digit for digit. A deliberate change of
// training fails them; the results are then made anew (the scripts named
// in each MANIFEST) and committed with the change.
//
// By default a few runs are checked (an ideal preset with synaptic delays,
// a chip preset, each protocol study, a sweep cell); with
// DELAYLAB_RESULTS=all every run of every MANIFEST is.

const resultsDir = "../../docs/results"

// resultEpochs is how many epochs of each run are rerun.
const resultEpochs = 5

// checkedRuns are the logs checked by default.
var checkedRuns = []string{
	"presets/yinyang-h30-ws-seed1.csv",
	"presets/chip-yinyang-wa-seed2.csv",
	"protocol/authors--chip-yinyang-w-seed0.csv",
	"protocol-ablation/ours+nominal-threshold--chip-yinyang-w-seed3.csv",
}

func TestCommittedRunsReproduce(t *testing.T) {
	all := os.Getenv("DELAYLAB_RESULTS") == "all"
	want := map[string]bool{}
	for _, r := range checkedRuns {
		want[r] = true
	}
	found := 0
	for _, cmd := range manifestRuns(t) {
		if !all && !want[cmd.log] {
			continue
		}
		found++
		t.Run(cmd.log, func(t *testing.T) {
			dir := t.TempDir()
			logPath := filepath.Join(dir, "log.csv")
			mustRun(t, dir, cmd.args(resultEpochs, logPath)...)
			got := readRows(t, logPath)
			committed := readRows(t, filepath.Join(resultsDir, cmd.log))
			if len(got) != resultEpochs+1 || len(committed) < len(got) {
				t.Fatalf("rerun has %d rows, the committed log %d", len(got), len(committed))
			}
			for i := 1; i < len(got); i++ {
				// All columns but the last (seconds of wall time).
				g, c := got[i][:len(got[i])-1], committed[i][:len(committed[i])-1]
				if strings.Join(g, ",") != strings.Join(c, ",") {
					t.Fatalf("%s epoch %d no longer reproduces:\n code   %s\n commit %s\n(retrain with the MANIFEST's script if training changed on purpose)",
						cmd.log, i, strings.Join(g, ","), strings.Join(c, ","))
				}
			}
		})
	}
	if found < len(want) && !all {
		t.Fatalf("found %d of the %d checked runs in the MANIFESTs", found, len(want))
	}
}

// TestCommittedSweepCellReproduces reruns the first epochs of one cell of
// the committed sweep and compares them with its curve (which the sweep
// writes with 6 significant digits).
func TestCommittedSweepCellReproduces(t *testing.T) {
	data, err := run.DefaultData("yinyang")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		dir  string
		cell sweep.Run
	}{
		{"sweep", sweep.Run{Substrate: run.Ideal, Hidden: 10, Delay: sim.DelaySynaptic, Seed: 2}},
		{"sweep-chip", sweep.Run{Substrate: run.Chip, Hidden: 5, Delay: sim.DelayAxonal, Seed: 1}},
	} {
		curve := c.dir + "/curves/" + sweep.CurveName(c.cell)
		t.Run(curve, func(t *testing.T) {
			_, h, err := sweep.TrainCell(context.Background(), c.cell, resultEpochs, data)
			if err != nil {
				t.Fatal(err)
			}
			committed := readRows(t, filepath.Join(resultsDir, curve))
			g := func(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }
			for i, e := range h {
				got := strings.Join([]string{strconv.Itoa(e.Epoch), g(e.TrainLoss), g(e.TrainAcc), g(e.ValLoss), g(e.ValAcc)}, ",")
				if c := strings.Join(committed[i+1], ","); got != c {
					t.Fatalf("%s epoch %d no longer reproduces:\n code   %s\n commit %s", curve, i+1, got, c)
				}
			}
		})
	}
}

// manifestRun is one `delaylab train` line of a MANIFEST.
type manifestRun struct {
	words []string // the arguments after the binary, up to the redirection
	log   string   // the -log file, relative to docs/results
}

// args are the run's arguments for epochs epochs, logging to logPath.
func (m manifestRun) args(epochs int, logPath string) []string {
	var out []string
	for i := 0; i < len(m.words); i++ {
		switch m.words[i] {
		case "-epochs", "-log":
			i++
			continue
		}
		out = append(out, m.words[i])
	}
	return append(out, "-epochs", strconv.Itoa(epochs), "-log", logPath)
}

// manifestRuns reads the train lines of every docs/results/*/MANIFEST.
func manifestRuns(t *testing.T) []manifestRun {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(resultsDir, "*", "MANIFEST"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no MANIFEST under %s (%v)", resultsDir, err)
	}
	var runs []manifestRun
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			words := strings.Fields(sc.Text())
			if len(words) < 2 || words[0] != "bin/delaylab" || words[1] != "train" {
				continue
			}
			m := manifestRun{}
			for i := 1; i < len(words) && words[i] != ">"; i++ {
				m.words = append(m.words, words[i])
				if words[i] == "-log" && i+1 < len(words) {
					m.log = strings.TrimPrefix(words[i+1], "docs/results/")
				}
			}
			if m.log != "" {
				runs = append(runs, m)
			}
		}
		f.Close()
	}
	return runs
}

func readRows(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}
