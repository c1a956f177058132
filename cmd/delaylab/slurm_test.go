package main

import (
	"bytes"
	"errors"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"delaylab/sweep"
)

// slurmCluster starts a private single-node Slurm cluster for the test
// (scripts/slurm-cluster.sh) and stops exactly its daemons afterwards; it
// skips, with the script's reason, where Slurm cannot run (not root, not
// Debian). It returns the environment for Slurm's clients.
func slurmCluster(t *testing.T) []string {
	t.Helper()
	state := filepath.Join(t.TempDir(), "slurm")
	script, err := filepath.Abs("../../scripts/slurm-cluster.sh")
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	start := exec.Command(script, "start", state)
	start.Stderr = &stderr
	err = start.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 3 {
		t.Skipf("Slurm: %s", strings.TrimSpace(stderr.String()))
	}
	if err != nil {
		t.Fatalf("starting Slurm: %v\n%s", err, stderr.String())
	}
	t.Cleanup(func() {
		if out, err := exec.Command(script, "stop", state).CombinedOutput(); err != nil {
			t.Errorf("stopping Slurm: %v\n%s", err, out)
		}
	})
	return append(os.Environ(), "SLURM_CONF="+filepath.Join(state, "slurm.conf"))
}

// buildDelaylab builds the CLI as a real executable for Slurm to run.
func buildDelaylab(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "delaylab")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// runCmd runs name with env and returns its stdout, stderr and exit code.
func runCmd(t *testing.T, env []string, name string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	c := exec.Command(name, args...)
	c.Env, c.Stdout, c.Stderr = env, &o, &e
	err := c.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("%s: %v", name, err)
	}
	return o.String(), e.String(), code
}

var jobIDRE = regexp.MustCompile(`Submitted batch job (\d+)`)

// submit runs sbatch with args and returns the job id.
func submit(t *testing.T, env []string, args ...string) string {
	t.Helper()
	out, errOut, code := runCmd(t, env, "sbatch", args...)
	m := jobIDRE.FindStringSubmatch(out)
	if code != 0 || m == nil {
		t.Fatalf("sbatch %v: %d\n%s%s", args, code, out, errOut)
	}
	return m[1]
}

// waitFor polls cond every 200 ms until it holds or limit passes.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(limit); !cond(); time.Sleep(200 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("timed out after %v waiting for %s", limit, what)
		}
	}
}

func rowCount(dir string) int {
	rows, _ := filepath.Glob(filepath.Join(dir, "rows", "*.csv"))
	return len(rows)
}

// TestSlurmSweep runs sweeps through a real Slurm: a planned grid as a job
// array equals a local sweep of the same grid; a task cancelled mid-run
// leaves no row, the merge names exactly that cell, and rerunning it
// completes the sweep; the same task run twice at once leaves one row.
func TestSlurmSweep(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a Slurm cluster")
	}
	env := slurmCluster(t)
	bin := buildDelaylab(t)
	work := t.TempDir()
	grid := []string{"-hidden", "3,5", "-delays", "none,axonal", "-seeds", "2", "-epochs", "3"}

	// A planned sweep through sbatch, merged.
	dir := filepath.Join(work, "planned")
	out, errOut, code := runCmd(t, env, bin, append([]string{"sweep", "-plan", dir, "-array-limit", "2", "-time", "0:10:00", "-mem", "500M"}, grid...)...)
	if code != 0 || !strings.Contains(out, "sbatch "+filepath.Join(dir, "sweep.sbatch")) {
		t.Fatalf("plan: %d\n%s%s", code, out, errOut)
	}
	submit(t, env, filepath.Join(dir, "sweep.sbatch"))
	waitFor(t, 2*time.Minute, "8 rows", func() bool { return rowCount(dir) == 8 })
	if out, errOut, code = runCmd(t, env, bin, "sweep", "-merge", dir); code != 0 {
		t.Fatalf("merge: %d\n%s%s", code, out, errOut)
	}
	local := filepath.Join(work, "local")
	if out, errOut, code = runCmd(t, env, bin, append([]string{"sweep", "-out", local, "-workers", "1"}, grid...)...); code != 0 {
		t.Fatalf("local sweep: %d\n%s%s", code, out, errOut)
	}
	planned, err := sweep.ReadResults(filepath.Join(dir, "sweep.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := sweep.ReadResults(filepath.Join(local, "sweep.csv"))
	if err != nil || len(planned) != 8 || len(want) != 8 {
		t.Fatalf("%d planned rows, %d local (%v)", len(planned), len(want), err)
	}
	for i := range want {
		a, b := planned[i], want[i]
		a.Seconds, b.Seconds = 0, 0
		if a != b {
			t.Errorf("row %d: Slurm %+v, local %+v", i, a, b)
		}
	}
	for _, fig := range []string{"ideal-error-vs-hidden.png", "ideal-error-vs-params.png"} {
		checkFigure(t, filepath.Join(dir, fig))
	}

	// A task cancelled mid-run, then rerun.
	dir = filepath.Join(work, "cancelled")
	long := []string{"-hidden", "30", "-delays", "none,synaptic", "-seeds", "1", "-epochs", "300"}
	if out, errOut, code = runCmd(t, env, bin, append([]string{"sweep", "-plan", dir}, long...)...); code != 0 {
		t.Fatalf("plan: %d\n%s%s", code, out, errOut)
	}
	script := filepath.Join(dir, "sweep.sbatch")
	job := submit(t, env, "--array=1", script)
	waitFor(t, time.Minute, "task 1 running", func() bool {
		o, _, _ := runCmd(t, env, "squeue", "-h", "-j", job, "-o", "%T")
		return strings.Contains(o, "RUNNING")
	})
	time.Sleep(time.Second) // into the training
	if _, e, c := runCmd(t, env, "scancel", job+"_1"); c != 0 {
		t.Fatalf("scancel: %s", e)
	}
	waitFor(t, time.Minute, "task 1 gone", func() bool {
		o, _, _ := runCmd(t, env, "squeue", "-h", "-j", job)
		return strings.TrimSpace(o) == ""
	})
	if n := rowCount(dir); n != 0 {
		t.Fatalf("%d rows after the cancelled task", n)
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, "rows", ".*")); len(tmp) != 0 {
		t.Fatalf("the cancelled task left %v", tmp)
	}
	_, errOut, code = runCmd(t, env, bin, "sweep", "-merge", dir)
	if code != 1 || !strings.Contains(errOut, "1 ideal/h30/synaptic/s0") || !strings.Contains(errOut, "0 ideal/h30/none/s0") ||
		!strings.Contains(errOut, "sbatch --array=0-1 "+script) {
		t.Fatalf("merge before the rerun: %d\n%s", code, errOut)
	}
	// Cell 0 by hand, twice at once: one row.
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if o, e, c := runCmd(t, env, bin, "sweep", "-task", "0", "-dir", dir); c != 0 {
				t.Errorf("task 0: %d\n%s%s", c, o, e)
			}
		}()
	}
	wg.Wait()
	if n := rowCount(dir); n != 1 {
		t.Fatalf("%d rows after task 0 ran twice at once", n)
	}
	_, errOut, _ = runCmd(t, env, bin, "sweep", "-merge", dir)
	if !strings.Contains(errOut, "sbatch --array=1 "+script) || strings.Contains(errOut, "0 ideal/h30/none/s0") {
		t.Fatalf("merge with only cell 1 missing:\n%s", errOut)
	}
	submit(t, env, "--array=1", script)
	waitFor(t, 3*time.Minute, "2 rows", func() bool { return rowCount(dir) == 2 })
	if out, errOut, code = runCmd(t, env, bin, "sweep", "-merge", dir); code != 0 || !strings.Contains(out, "merged 2 cells") {
		t.Fatalf("merge after the rerun: %d\n%s%s", code, out, errOut)
	}
}

// checkFigure decodes a PNG and checks that it is not one flat colour.
func checkFigure(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	b := img.Bounds()
	first := fmt.Sprint(img.At(b.Min.X, b.Min.Y))
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			if fmt.Sprint(img.At(x, y)) != first {
				return
			}
		}
	}
	t.Fatalf("%s is blank", path)
}
