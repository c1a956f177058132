package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"delaylab/run"
	"delaylab/sweep"
)

// A sweep on a Slurm cluster: -plan writes the grid and a job-array
// script, each array task runs -task N -dir DIR, and -merge collects the
// rows. Slurm schedules, retries and requeues; the tasks only make every
// step safe to repeat.

// exitInterrupted is a task's status when it was stopped (scancel,
// preemption, Ctrl-C) before its cell was done: nothing was written, and
// running it again starts the cell anew (EX_TEMPFAIL).
const exitInterrupted = 75

// sweepPlan writes the plan and its sbatch script into dir and prints the
// line that submits it.
func sweepPlan(c *cmdline, grid sweep.Grid, dir string, o sweep.SbatchOptions) int {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return c.fail(err)
	}
	exe, build, err := thisBuild()
	if err != nil {
		return c.fail(err)
	}
	p := sweep.NewPlan(grid, build)
	p.ArrayLimit = o.Limit
	if err := sweep.WritePlan(abs, p); err != nil {
		return c.fail(err)
	}
	o.Binary = exe
	script, err := sweep.WriteSbatch(abs, p, o)
	if err != nil {
		return c.fail(err)
	}
	fmt.Fprintf(c.e.stdout, "planned %d cells (plan %s) in %s\nsubmit with:\n  sbatch %s\nthen, when the array has run:\n  %s sweep -merge %s\n",
		len(p.Cells()), p.ID, abs, script, exe, abs)
	return exitOK
}

// sweepTask trains cell id of the planned sweep in dir.
func sweepTask(c *cmdline, dir string, id int) int {
	_, build, err := thisBuild()
	if err != nil {
		return c.fail(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	data, err := run.DefaultData("yinyang")
	if err != nil {
		return c.fail(err)
	}
	res, trained, err := sweep.RunTask(ctx, dir, id, build, data)
	switch {
	case ctx.Err() != nil:
		fmt.Fprintf(c.e.stderr, "delaylab sweep: task %d stopped before its cell was done; nothing was written\n", id)
		return exitInterrupted
	case errors.Is(err, sweep.ErrOtherBuild):
		return c.usageErr("%v", err)
	case err != nil:
		return c.fail(fmt.Errorf("task %d: %w", id, err))
	case !trained:
		fmt.Fprintf(c.e.stdout, "task %d: %s was already done (test %.4f)\n", id, res.Run.Key(), res.TestAcc)
	default:
		fmt.Fprintf(c.e.stdout, "task %d: %s test %.4f (%d params, %.0fs)\n", id, res.Run.Key(), res.TestAcc, res.Params(), res.Seconds)
	}
	return exitOK
}

// sweepMerge collects the rows of the planned sweep in dir; with every
// cell done it writes sweep.csv, summary.md and the figures as a local
// sweep does, otherwise it names the missing cells and the sbatch line
// that reruns only them.
func sweepMerge(c *cmdline, dir string) int {
	_, build, err := thisBuild()
	if err != nil {
		return c.fail(err)
	}
	m, err := sweep.Merge(dir, build)
	if errors.Is(err, sweep.ErrOtherBuild) {
		return c.usageErr("%v", err)
	} else if err != nil {
		return c.fail(err)
	}
	for _, b := range m.Bad {
		fmt.Fprintln(c.e.stderr, "delaylab sweep:", b)
	}
	if len(m.Missing) > 0 {
		cells := m.Plan.Cells()
		fmt.Fprintf(c.e.stderr, "delaylab sweep: %d of %d cells have no row:\n", len(m.Missing), len(cells))
		for _, id := range m.Missing {
			fmt.Fprintf(c.e.stderr, "  %d %s\n", id, cells[id].Key())
		}
		abs, _ := filepath.Abs(dir)
		array := sweep.ArraySpec(m.Missing)
		if m.Plan.ArrayLimit > 0 {
			array += fmt.Sprintf("%%%d", m.Plan.ArrayLimit)
		}
		fmt.Fprintf(c.e.stderr, "rerun only them with:\n  sbatch --array=%s %s\n", array, filepath.Join(abs, "sweep.sbatch"))
		return exitFail
	}
	fmt.Fprintf(c.e.stdout, "merged %d cells into %s\n", len(m.Results), filepath.Join(dir, "sweep.csv"))
	return writeSweepReport(c, m.Results, dir)
}

// thisBuild is the path of the running executable and a hash of its
// bytes: two tasks agree on it only when they run the same program.
func thisBuild() (exe, build string, err error) {
	if exe, err = os.Executable(); err != nil {
		return "", "", err
	}
	if exe, err = filepath.EvalSymlinks(exe); err != nil {
		return "", "", err
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", "", err
	}
	return exe, hex.EncodeToString(h.Sum(nil)[:8]), nil
}
