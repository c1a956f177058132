package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// benchAuthorsScript runs scripts/bench-authors.sh from the module root
// with args and returns its combined output and error.
func benchAuthorsScript(t *testing.T, args ...string) (string, error) {
	return runScript(t, "bench-authors.sh", args...)
}

// runScript runs scripts/NAME from the module root with args and returns
// its combined output and error.
func runScript(t *testing.T, name string, args ...string) (string, error) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the CLI and benchmarks it")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", append([]string{filepath.Join(root, "scripts", name)}, args...)...)
	cmd.Dir = root
	cmd.Env = os.Environ()
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestBenchAuthorsScript: the side-by-side comparison with another
// program brackets each of that program's runs between two of DelayLab's,
// and its ratio is the mean of those two over the other's figure; the
// median is over the rounds' ratios.
func TestBenchAuthorsScript(t *testing.T) {
	for _, line := range []string{"theirs: 1250.5 samples/s (in 1 s)", "1250.5 samples/s"} {
		t.Run(line, func(t *testing.T) { checkBenchAuthorsRounds(t, line) })
	}
}

// checkBenchAuthorsRounds runs the script with a stand-in that prints
// line after a line without a figure.
func checkBenchAuthorsRounds(t *testing.T, line string) {
	out, err := benchAuthorsScript(t, "2", "--", "sh", "-c", `echo "warming up"; echo "`+line+`"`)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	round := regexp.MustCompile(`(?m)^round (\d): delaylab (\d+) / (\d+) samples/s, other 1250.5 samples/s, ratio ([0-9.]+)x$`)
	rounds := round.FindAllStringSubmatch(out, -1)
	if len(rounds) != 2 {
		t.Fatalf("want 2 round lines, got:\n%s", out)
	}
	var ratios []float64
	for _, m := range rounds {
		before, _ := strconv.ParseFloat(m[2], 64)
		after, _ := strconv.ParseFloat(m[3], 64)
		got, _ := strconv.ParseFloat(m[4], 64)
		want := (before + after) / 2 / 1250.5
		if before < 1000 || after < 1000 || got < want-0.006 || got > want+0.006 {
			t.Errorf("round %s: ratio %v, want (%v+%v)/2/1250.5 = %.3f", m[1], got, before, after, want)
		}
		ratios = append(ratios, got)
	}
	m := regexp.MustCompile(`(?m)^median ratio ([0-9.]+)x over 2 rounds`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no median line:\n%s", out)
	}
	got, _ := strconv.ParseFloat(m[1], 64)
	if want := (ratios[0] + ratios[1]) / 2; got < want-0.006 || got > want+0.006 {
		t.Errorf("median ratio %v, want the mean of the two rounds' %v", got, want)
	}
}

// TestBenchAuthorsScriptNoFigure: a command that prints no samples/s is
// an error that says so, not a ratio.
func TestBenchAuthorsScriptNoFigure(t *testing.T) {
	out, err := benchAuthorsScript(t, "1", "--", "echo", "done")
	if err == nil {
		t.Fatalf("succeeded without the other program's figure:\n%s", out)
	}
	if !strings.Contains(out, `printed no "NUMBER samples/s"`) || strings.Contains(out, "ratio") {
		t.Errorf("want the missing figure named and no ratio, got:\n%s", out)
	}
}

// TestBenchWasmScript: the wasm-against-native comparison runs the
// benchmark natively, under Node and natively again, and a round's ratio
// is the wasm time over the mean of the two native ones; a benchmark that
// matches nothing is an error, not a ratio.
func TestBenchWasmScript(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("needs node (scripts/ensure-node.sh)")
	}
	out, err := runScript(t, "bench-wasm.sh", "2", "TrainBatch/yinyang-h30-w/workers=1$", "5x")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	round := regexp.MustCompile(`(?m)^round \d: native (\d+) / (\d+) ns/op, wasm (\d+) ns/op, wasm/native ([0-9.]+)$`)
	rounds := round.FindAllStringSubmatch(out, -1)
	if len(rounds) != 2 || !strings.Contains(out, "median wasm/native ") {
		t.Fatalf("want 2 rounds and a median, got:\n%s", out)
	}
	for _, m := range rounds {
		n1, _ := strconv.ParseFloat(m[1], 64)
		n2, _ := strconv.ParseFloat(m[2], 64)
		w, _ := strconv.ParseFloat(m[3], 64)
		got, _ := strconv.ParseFloat(m[4], 64)
		if want := 2 * w / (n1 + n2); n1 <= 0 || n2 <= 0 || got < want-0.006 || got > want+0.006 {
			t.Errorf("ratio %v, want %v/((%v+%v)/2) = %.3f", got, w, n1, n2, want)
		}
	}
	out, err = runScript(t, "bench-wasm.sh", "1", "NoSuchBenchmark", "1x")
	if err == nil || !strings.Contains(out, "no benchmark matched NoSuchBenchmark") {
		t.Errorf("want an error naming the benchmark, got %v:\n%s", err, out)
	}
}
