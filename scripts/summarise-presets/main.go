// Command summarise-presets reads the logs of scripts/reproduce-presets.sh
// (or scripts/chip-ablation.sh) and prints a Markdown table: per preset,
// the test accuracy (mean ± std over seeds) of the final network and of the
// best-validation network, and the spread of validation accuracy over the
// last 100 epochs. Ablation runs, named CONDITION--PRESET, also get a table
// of each condition with and without delays side by side. Besides the
// spread it reports the mean validation accuracy over the last 100 epochs
// and the share of optimiser steps that weight bumping replaced (the
// figures the DelGrad authors' runs are compared by).
package main

import (
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"delaylab/delgrad"
	"delaylab/sim"
	"delaylab/sweep"
)

var (
	finalRE = regexp.MustCompile(`final network \(epoch \d+\): test accuracy ([0-9.]+)`)
	lastRE  = regexp.MustCompile(`(?m)^test accuracy ([0-9.]+)`)
	nameRE  = regexp.MustCompile(`^(.*)-seed(\d+)\.txt$`)
	sizeRE  = regexp.MustCompile(`(\d+)/\d+/\d+ samples`)
)

func meanStd(v []float64) (float64, float64) {
	var m, s float64
	for _, x := range v {
		m += x
	}
	m /= float64(len(v))
	for _, x := range v {
		s += (x - m) * (x - m)
	}
	if len(v) > 1 {
		s = math.Sqrt(s / float64(len(v)-1))
	}
	return m, s
}

// curveStats reads a -log CSV: the mean and the (population) standard
// deviation of val_acc over the last 100 epochs, and the share of the
// optimiser steps that were weight bumps, with steps optimiser steps per
// epoch.
func curveStats(path string, steps int) (mean, spread, bumpShare float64) {
	nan := math.NaN()
	f, err := os.Open(path)
	if err != nil {
		return nan, nan, nan
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) < 2 {
		return nan, nan, nan
	}
	var v []float64
	for _, r := range recs[max(1, len(recs)-100):] {
		x, _ := strconv.ParseFloat(r[4], 64)
		v = append(v, x)
	}
	mean, spread = meanStd(v)
	if len(v) > 1 {
		spread *= math.Sqrt(float64(len(v)-1) / float64(len(v))) // population std
	}
	bumps := 0.0
	for _, r := range recs[1:] {
		b, _ := strconv.ParseFloat(r[6], 64)
		bumps += b
	}
	bumpShare = nan
	if steps > 0 {
		bumpShare = bumps / float64(steps*(len(recs)-1))
	}
	return mean, spread, bumpShare
}

// stepsPerEpoch is the number of mini-batches of a run's epoch, from the
// training-set size its log names and the batch of its preset (the part
// of the name after the last "--").
func stepsPerEpoch(txt []byte, name string) int {
	m := sizeRE.FindSubmatch(txt)
	preset := name
	if i := strings.LastIndex(name, "--"); i >= 0 {
		preset = name[i+2:]
	}
	cfg, err := delgrad.Preset(preset)
	if m == nil || err != nil || cfg.Batch <= 0 {
		return 0
	}
	n, _ := strconv.Atoi(string(m[1]))
	return (n + cfg.Batch - 1) / cfg.Batch
}

func main() {
	dir := os.Args[1]
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	type agg struct{ final, best, mean, spread, bumps []float64 }
	res := map[string]*agg{}
	for _, f := range files {
		m := nameRE.FindStringSubmatch(filepath.Base(f))
		if m == nil {
			continue
		}
		b, _ := os.ReadFile(f)
		fm, lm := finalRE.FindSubmatch(b), lastRE.FindAllSubmatch(b, -1)
		if fm == nil || lm == nil {
			continue
		}
		a := res[m[1]]
		if a == nil {
			a = &agg{}
			res[m[1]] = a
		}
		x, _ := strconv.ParseFloat(string(fm[1]), 64)
		y, _ := strconv.ParseFloat(string(lm[len(lm)-1][1]), 64)
		a.final, a.best = append(a.final, x), append(a.best, y)
		mean, spread, bumps := curveStats(strings.TrimSuffix(f, ".txt")+".csv", stepsPerEpoch(b, m[1]))
		a.mean, a.spread, a.bumps = append(a.mean, mean), append(a.spread, spread), append(a.bumps, bumps)
	}
	names := make([]string, 0, len(res))
	for n := range res {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Println("| preset | seeds | final network | best-validation network | val. mean, last 100 epochs | val. spread, last 100 epochs | steps bumped |")
	fmt.Println("|---|---|---|---|---|---|---|")
	for _, n := range names {
		a := res[n]
		fm, fs := meanStd(a.final)
		bm, bs := meanStd(a.best)
		vm, _ := meanStd(a.mean)
		sm, _ := meanStd(a.spread)
		bu, _ := meanStd(a.bumps)
		fmt.Printf("| %s | %d | %.1f ± %.1f %% | %.1f ± %.1f %% | %.1f %% | %.2f %% | %.1f %% |\n", n, len(a.final), 100*fm, 100*fs, 100*bm, 100*bs, 100*vm, 100*sm, 100*bu)
	}
	referenceTable(names, func(n string) (final, best, spread []float64) {
		a := res[n]
		return a.final, a.best, a.spread
	})
	pairTable(names, func(n string) (st pairStats, ok bool) {
		a := res[n]
		if a == nil {
			return st, false
		}
		st.final, _ = meanStd(a.final)
		st.best, _ = meanStd(a.best)
		st.mean, _ = meanStd(a.mean)
		st.spread, _ = meanStd(a.spread)
		st.bumps, _ = meanStd(a.bumps)
		return st, true
	})
	if err := chipCurves(dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// authorsRE reads the authors' single-seed figure from a preset's
// description, e.g. "(DelGrad: 96.7 %)".
var authorsRE = regexp.MustCompile(`\((?:DelGrad|Fast&Deep): ([0-9.]+) %\)`)

// referenceTable prints, for the reference presets on the ideal simulator
// among names, the README's comparison: parameters, our final and
// best-validation accuracy, the authors' figure and the project's target
// (theirs minus one point), and the validation spread.
func referenceTable(names []string, stats func(string) (final, best, spread []float64)) {
	header := false
	for _, n := range names {
		cfg, err := delgrad.Preset(n)
		m := authorsRE.FindStringSubmatch(cfg.Description)
		if err != nil || cfg.Substrate != "ideal" || m == nil {
			continue
		}
		model, err := delgrad.NewModel(&cfg, rand.New(rand.NewPCG(0, 0)))
		if err != nil {
			continue
		}
		if !header {
			fmt.Println()
			fmt.Println("| preset | params | ours: final network | ours: best-validation network | authors (1 seed) | target (mean) | val. spread, last 100 epochs |")
			fmt.Println("|---|---|---|---|---|---|---|")
			header = true
		}
		w, d := model.ParamCount()
		authors, _ := strconv.ParseFloat(m[1], 64)
		final, best, spread := stats(n)
		fm, fs := meanStd(final)
		bm, bs := meanStd(best)
		sm, _ := meanStd(spread)
		fmt.Printf("| `%s` | %d | %.1f ± %.1f %% | %.1f ± %.1f %% | %.1f %% | ≥ %.1f %% | %.2f %% |\n", n, w+d, 100*fm, 100*fs, 100*bm, 100*bs, authors, authors-1, 100*sm)
	}
}

// pairStats are the means over seeds of one condition and preset.
type pairStats struct{ final, best, mean, spread, bumps float64 }

// pairTable prints, for every ablation condition with the delay preset,
// weights only against axonal delays and the difference. A condition run
// only with delays (one that cannot change a weights-only network, such as
// the input-copy layout) borrows the weights-only figures of its base
// protocol, printed in parentheses.
func pairTable(names []string, stats func(string) (pairStats, bool)) {
	header := false
	for _, n := range names {
		cond, ok := strings.CutSuffix(n, "--chip-yinyang-wa")
		if !ok {
			continue
		}
		a, _ := stats(n)
		w, ok := stats(cond + "--chip-yinyang-w")
		open, close := "", ""
		if !ok {
			if w, ok = stats(baseProtocol(cond) + "--chip-yinyang-w"); !ok {
				continue
			}
			open, close = "(", ")"
		}
		if !header {
			fmt.Println()
			fmt.Println("| condition | final: w / wa (Δ) | best-val: w / wa (Δ) | val. mean, last 100: w / wa | val. spread: w / wa | steps bumped: w / wa |")
			fmt.Println("|---|---|---|---|---|---|")
			header = true
		}
		pct := func(v float64, digits int) string { return fmt.Sprintf("%s%.*f%s", open, digits, 100*v, close) }
		fmt.Printf("| %s | %s / %.1f (%+.1f) | %s / %.1f (%+.1f) | %s / %.1f %% | %s / %.2f %% | %s / %.1f %% |\n",
			cond, pct(w.final, 1), 100*a.final, 100*(a.final-w.final), pct(w.best, 1), 100*a.best, 100*(a.best-w.best),
			pct(w.mean, 1), 100*a.mean, pct(w.spread, 2), 100*a.spread, pct(w.bumps, 1), 100*a.bumps)
	}
}

// baseProtocol is the protocol an ablation condition starts from:
// "ours+interleaved-copies" → "ours", "authors-gradient-cap" → "authors".
func baseProtocol(cond string) string {
	if i := strings.IndexAny(cond, "+-"); i >= 0 {
		return cond[:i]
	}
	return cond
}

// chipCurves draws the validation curves of the chip presets with and
// without delays from their -log files, through the sweep's figure code.
func chipCurves(dir string) error {
	var results []sweep.Result
	curves := filepath.Join(dir, "curves")
	if err := os.MkdirAll(curves, 0o755); err != nil {
		return err
	}
	for _, p := range []struct {
		preset, substrate string
		delay             sim.DelayKind
	}{
		{"chip-yinyang-w", "chip", sim.DelayNone}, {"chip-yinyang-wa", "chip", sim.DelayAxonal},
		{"chip-yinyang-realistic-w", "chip-realistic", sim.DelayNone}, {"chip-yinyang-realistic-wa", "chip-realistic", sim.DelayAxonal},
	} {
		for s := range 5 {
			name := filepath.Join(dir, fmt.Sprintf("%s-seed%d", p.preset, s))
			if txt, err := os.ReadFile(name + ".txt"); err != nil || lastRE.Find(txt) == nil {
				continue // missing or still running
			}
			b, err := os.ReadFile(name + ".csv")
			if err != nil {
				continue
			}
			r := sweep.Run{Substrate: p.substrate, Hidden: 30, Delay: p.delay, Seed: uint64(s)}
			if err := os.WriteFile(filepath.Join(curves, sweep.CurveName(r)), b, 0o644); err != nil {
				return err
			}
			results = append(results, sweep.Result{Run: r})
		}
	}
	for _, sub := range []string{"chip", "chip-realistic"} {
		path, err := sweep.CurveFigure(results, sub, curves, dir)
		if err != nil {
			return err
		}
		if path != "" {
			fmt.Fprintln(os.Stderr, "wrote", path)
		}
	}
	return nil
}
