package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"delaylab/delgrad"
	"delaylab/sweep"
)

const sweepAbout = `Trains a grid of Yin-Yang networks — hidden sizes × delay kinds × seeds —
several at once (one per worker), on the ideal simulator or the chip model.
Each delay kind uses its reference recipe (none: yinyang-h30-w, axonal:
yinyang-h30-wa, synaptic and dendritic: yinyang-h30-ws; on the chip
chip-yinyang-w / -wa) with the hidden size replaced; run s uses seed s for
the parameters and, on the chip, for the chip instance.

Writes into -out: sweep.csv (one row per run, appended as runs finish),
curves/ (per-epoch metrics of every run), summary.md (mean ± std per
configuration) and PNG figures: test error against hidden size and against
parameter count (median with the 25–75 % band per delay kind), and for the
chip the validation curves with and without delays. Ctrl-C keeps the
finished rows; running the same command again skips them.`

func cmdSweep(e *env, args []string) int {
	c := newCmd(e, "sweep", "[-hidden 5,10,15,20,25,30] [-delays none,axonal,dendritic,synaptic] [-seeds 5] [-epochs N] [-substrate ideal|chip|chip-realistic] [-protocol ours|authors|…] [-workers N] [-out DIR]", sweepAbout)
	hidden := c.String("hidden", "5,10,15,20,25,30", "hidden layer `SIZES`")
	delays := c.String("delays", "none,axonal,dendritic,synaptic", "delay `KINDS`")
	seeds := c.Int("seeds", 5, "seeds per configuration")
	epochs := c.Int("epochs", 0, "epochs per run (default the recipe's, 300)")
	substrate := c.String("substrate", "ideal", "`ideal`, chip or chip-realistic")
	protocol := c.String("protocol", "ours", "training protocol of every run: `ours`, authors, … (see 'delaylab protocols')")
	workers := c.Int("workers", delgrad.DefaultWorkers(), "runs trained at once")
	out := c.String("out", "sweep", "output `DIR`")
	plan := c.String("plan", "", "for a Slurm cluster: write the grid and a job-array script into `DIR` instead of training")
	task := c.Int("task", -1, "train cell `N` of the plan in -dir (what each array task runs)")
	dir := c.String("dir", "", "the planned sweep's `DIR` (with -task)")
	merge := c.String("merge", "", "collect the rows of the planned sweep in `DIR` into sweep.csv and figures")
	limit := c.Int("array-limit", 0, "with -plan: array tasks running at once (0: as many as Slurm allows)")
	wall := c.String("time", "4:00:00", "with -plan: wall time per task (sbatch --time)")
	mem := c.String("mem", "1G", "with -plan: memory per task (sbatch --mem)")
	if code, ok := c.parse(args); !ok {
		return code
	}
	switch {
	case c.isSet("task") || *dir != "":
		if *dir == "" || *task < 0 {
			return c.usageErr("-task N and -dir DIR go together (N ≥ 0)")
		}
		return sweepTask(c, *dir, *task)
	case *merge != "":
		return sweepMerge(c, *merge)
	}
	hs, err := sweep.ParseInts(*hidden)
	if err != nil {
		return c.usageErr("-hidden: %v", err)
	}
	ds, err := sweep.ParseDelays(*delays)
	if err != nil {
		return c.usageErr("-delays: %v", err)
	}
	if *seeds < 1 || *seeds > 1000 || *epochs < 0 || *workers < 1 {
		return c.usageErr("-seeds must be 1..1000, -epochs ≥ 0 and -workers ≥ 1")
	}
	grid := sweep.Grid{Substrate: *substrate, Hidden: hs, Delays: ds, Seeds: *seeds, Epochs: *epochs, Protocol: *protocol}
	for _, d := range ds { // every cell must be trainable before hours are spent
		if _, err := sweep.Config(sweep.Run{Substrate: *substrate, Hidden: hs[0], Delay: d, Protocol: *protocol}, *epochs); err != nil {
			return c.usageErr("%v", err)
		}
	}
	if *plan != "" {
		if *limit < 0 {
			return c.usageErr("-array-limit %d is negative", *limit)
		}
		return sweepPlan(c, grid, *plan, sweep.SbatchOptions{Limit: *limit, Time: *wall, Mem: *mem})
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return c.fail(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	total := len(grid.Runs())
	fmt.Fprintf(e.stdout, "sweep: %d runs (%d hidden sizes × %d delay kinds × %d seeds) on %s, %d at a time, into %s\n",
		total, len(hs), len(ds), *seeds, *substrate, *workers, *out)
	start := time.Now()
	opt := sweep.Options{
		Grid: grid, Workers: *workers, CurvesDir: filepath.Join(*out, "curves"),
		Progress: func(done, n int, last sweep.Result, eta time.Duration) {
			line := fmt.Sprintf("[%d/%d] %s: test %.4f (%d params, %.0fs)  elapsed %s  ETA %s",
				done, n, last.Run.Key(), last.TestAcc, last.Params(), last.Seconds,
				time.Since(start).Round(time.Second), eta.Round(time.Second))
			if e.tty {
				fmt.Fprintf(e.stdout, "\r\x1b[K%s", line)
			} else {
				fmt.Fprintln(e.stdout, line)
			}
		},
	}
	results, err := sweep.Execute(ctx, opt, filepath.Join(*out, "sweep.csv"))
	if e.tty {
		fmt.Fprintln(e.stdout)
	}
	if err != nil {
		return c.fail(fmt.Errorf("%w (finished rows are kept in %s; run again to continue)", err, filepath.Join(*out, "sweep.csv")))
	}
	return writeSweepReport(c, results, *out)
}

// writeSweepReport writes summary.md and the figures of a finished sweep.
func writeSweepReport(c *cmdline, results []sweep.Result, out string) int {
	f, err := os.Create(filepath.Join(out, "summary.md"))
	if err != nil {
		return c.fail(err)
	}
	cells := sweep.Summarise(results)
	err = sweep.WriteMarkdown(f, cells)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return c.fail(err)
	}
	sweep.WriteMarkdown(c.e.stdout, cells)
	paths, err := sweep.Figures(results, filepath.Join(out, "curves"), out)
	if err != nil {
		return c.fail(err)
	}
	for _, p := range paths {
		fmt.Fprintln(c.e.stdout, "wrote", p)
	}
	return exitOK
}
