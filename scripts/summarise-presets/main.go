// Command summarise-presets reads the logs of scripts/reproduce-presets.sh
// (or scripts/chip-ablation.sh) and prints a Markdown table: per preset,
// the test accuracy (mean ± std over seeds) of the final network and of the
// best-validation network, and the spread of validation accuracy over the
// last 100 epochs. Ablation runs, named CONDITION--PRESET, also get a table
// of each condition with and without delays side by side.
package main

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"delaylab/sim"
	"delaylab/sweep"
)

var (
	finalRE = regexp.MustCompile(`final network \(epoch \d+\): test accuracy ([0-9.]+)`)
	lastRE  = regexp.MustCompile(`(?m)^test accuracy ([0-9.]+)`)
	nameRE  = regexp.MustCompile(`^(.*)-seed(\d+)\.txt$`)
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

// spread is the standard deviation of val_acc over the last 100 epochs.
func spread(path string) float64 {
	f, err := os.Open(path)
	if err != nil {
		return math.NaN()
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) < 2 {
		return math.NaN()
	}
	var v []float64
	for _, r := range recs[max(1, len(recs)-100):] {
		x, _ := strconv.ParseFloat(r[4], 64)
		v = append(v, x)
	}
	_, s := meanStd(v)
	if len(v) > 1 {
		s *= math.Sqrt(float64(len(v)-1) / float64(len(v))) // population std
	}
	return s
}

func main() {
	dir := os.Args[1]
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	type agg struct{ final, best, spread []float64 }
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
		a.spread = append(a.spread, spread(strings.TrimSuffix(f, ".txt")+".csv"))
	}
	names := make([]string, 0, len(res))
	for n := range res {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Println("| preset | seeds | final network | best-validation network | val. spread, last 100 epochs |")
	fmt.Println("|---|---|---|---|---|")
	for _, n := range names {
		a := res[n]
		fm, fs := meanStd(a.final)
		bm, bs := meanStd(a.best)
		sm, _ := meanStd(a.spread)
		fmt.Printf("| %s | %d | %.1f ± %.1f %% | %.1f ± %.1f %% | %.2f %% |\n", n, len(a.final), 100*fm, 100*fs, 100*bm, 100*bs, 100*sm)
	}
	pairTable(names, func(n string) (final, best, spread float64, ok bool) {
		a := res[n]
		if a == nil {
			return 0, 0, 0, false
		}
		final, _ = meanStd(a.final)
		best, _ = meanStd(a.best)
		spread, _ = meanStd(a.spread)
		return final, best, spread, true
	})
	if err := chipCurves(dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// pairTable prints, for every ablation condition that has both chip
// presets, weights only against axonal delays and the difference.
func pairTable(names []string, stats func(string) (final, best, spread float64, ok bool)) {
	header := false
	for _, n := range names {
		cond, ok := strings.CutSuffix(n, "--chip-yinyang-w")
		if !ok {
			continue
		}
		wf, wb, ws, _ := stats(n)
		af, ab, as, ok := stats(cond + "--chip-yinyang-wa")
		if !ok {
			continue
		}
		if !header {
			fmt.Println()
			fmt.Println("| condition | final: w / wa (Δ) | best-val: w / wa (Δ) | val. spread: w / wa |")
			fmt.Println("|---|---|---|---|")
			header = true
		}
		fmt.Printf("| %s | %.1f / %.1f (%+.1f) | %.1f / %.1f (%+.1f) | %.2f / %.2f %% |\n",
			cond, 100*wf, 100*af, 100*(af-wf), 100*wb, 100*ab, 100*(ab-wb), 100*ws, 100*as)
	}
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
