package main

import (
	"bytes"
	"delaylab/sweep"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"delaylab/dataset"
	"delaylab/delgrad"
)

// TestData: the CSV reads back to exactly the generated points, and a CSV
// data set is written back byte for byte.
func TestData(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "test.csv")
	mustRun(t, dir, "data", "-data", "yinyang:test", "-o", path)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("x,y,label\n")) {
		t.Errorf("no header: %.40q", b)
	}
	pts, err := dataset.ReadCSV(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if want := testPoints(); !slices.Equal(pts, want) {
		t.Errorf("read back %d points that differ from the %d of yinyang:test", len(pts), len(want))
	}
	if r := mustRun(t, dir, "data", "-data", "yinyang:test"); r.stdout != string(b) {
		t.Error("standard output differs from the -o file")
	}
	if r := mustRun(t, dir, "data", "-data", "csv:"+path); r.stdout != string(b) {
		t.Error("csv:PATH is not written back unchanged")
	}
	for _, name := range []string{"xor", "circles:train", "spirals:validation", "yinyang:train"} {
		r := mustRun(t, dir, "data", "-data", name)
		pts, err := dataset.ReadCSV(strings.NewReader(r.stdout))
		spec, split, _ := dataset.Parse(name)
		d, _ := dataset.Generate(spec)
		want, _ := d.Split(split)
		if err != nil || !slices.Equal(pts, want) {
			t.Errorf("data -data %s: %v, %d points, want %d", name, err, len(pts), len(want))
		}
	}
	// A csv data set evaluates like the set it came from.
	net, _ := writeTestNet(t, dir, "yinyang-h5-ws")
	a := mustRun(t, dir, "eval", "-net", net, "-data", "yinyang:test")
	b2 := mustRun(t, dir, "eval", "-net", net, "-data", "csv:"+path)
	if a.stdout != b2.stdout || !evalAccRE.MatchString(a.stdout) {
		t.Errorf("eval on yinyang:test %q, on its CSV %q", a.stdout, b2.stdout)
	}
}

func TestBench(t *testing.T) {
	r := mustRun(t, "", "bench", "-preset", "yinyang-h5-ws", "-workers", "1")
	line := regexp.MustCompile(`^([a-z_]+) (\d+) samples/s$`)
	var names []string
	for _, l := range strings.Split(strings.TrimRight(r.stdout, "\n"), "\n") {
		m := line.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("line %q is not 'name value samples/s'", l)
			continue
		}
		if m[2] == "0" {
			t.Errorf("%s is 0", m[1])
		}
		names = append(names, m[1])
	}
	if want := []string{"forward_samples_per_s", "forward_backward_samples_per_s", "train_samples_per_s"}; !slices.Equal(names, want) {
		t.Errorf("figures %v, want %v", names, want)
	}
}

// TestProgressLines checks the progress formats in process (a terminal
// cannot be faked portably for the binary).
func TestProgressLines(t *testing.T) {
	ep := delgrad.Epoch{Epoch: 12, TrainLoss: 0.01234, TrainAcc: 0.942, ValLoss: 0.02, ValAcc: 0.951}
	if got, want := epochLine(ep, 300, 12345.4), "epoch 12/300 loss 0.0123 train 0.9420 val 0.9510 12345 samples/s"; got != want {
		t.Errorf("epochLine: got %q, want %q", got, want)
	}
	for _, c := range []struct {
		frac float64
		last *delgrad.Epoch
		eta  time.Duration
		want string
	}{
		{0, nil, -1, "epoch 1/300 [--------------------]   0% 0 samples/s ETA ?"},
		{0.5, &ep, 192 * time.Second, "epoch 1/300 [##########----------]  50% loss 0.0123 train 0.9420 val 0.9510 0 samples/s ETA 3m12s"},
		{1.5, &ep, 3725 * time.Second, "epoch 1/300 [####################] 100% loss 0.0123 train 0.9420 val 0.9510 0 samples/s ETA 1h02m"},
	} {
		if got := barLine(1, 300, c.frac, c.last, 0, c.eta); got != c.want {
			t.Errorf("barLine: got %q, want %q", got, c.want)
		}
	}
	if got := formatETA(42*time.Second + 400*time.Millisecond); got != "42s" {
		t.Errorf("formatETA(42.4s) = %q", got)
	}
}

// TestSweep runs a tiny grid as a process, reruns it (nothing left to do),
// and checks the CSV, the summary and that the figures decode.
func TestSweep(t *testing.T) {
	dir := t.TempDir()
	args := []string{"sweep", "-hidden", "2,4", "-delays", "none,axonal", "-seeds", "1", "-epochs", "1", "-workers", "2", "-out", "out"}
	r := mustRun(t, dir, args...)
	if !strings.Contains(r.stdout, "[4/4]") || !strings.Contains(r.stdout, "wrote out/ideal-error-vs-params.png") {
		t.Fatalf("unexpected output:\n%s", r.stdout)
	}
	rows, err := sweep.ReadResults(filepath.Join(dir, "out", "sweep.csv"))
	if err != nil || len(rows) != 4 {
		t.Fatalf("%d rows (%v)", len(rows), err)
	}
	again := mustRun(t, dir, args...)
	if strings.Contains(again.stdout, "[1/") {
		t.Errorf("rerun trained again:\n%s", again.stdout)
	}
	for _, name := range []string{"ideal-error-vs-hidden.png", "ideal-error-vs-params.png"} {
		f, err := os.Open(filepath.Join(dir, "out", name))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil || img.Bounds().Dx() < 100 {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if r := delaylab(t, dir, "sweep", "-substrate", "chip", "-delays", "synaptic"); r.code != 2 {
		t.Errorf("chip sweep with synaptic delays: exit %d", r.code)
	}
}

// TestBenchChipIO: on a chip preset bench also reports the I/O of spike
// events against membrane traces, and spike events are far smaller.
func TestBenchChipIO(t *testing.T) {
	r := mustRun(t, "", "bench", "-preset", "chip-yinyang-w", "-workers", "1")
	re := regexp.MustCompile(`(?m)^chip_spike_bytes_per_sample ([0-9.]+) bytes\nchip_trace_bytes_per_sample ([0-9]+) bytes$`)
	m := re.FindStringSubmatch(r.stdout)
	if m == nil {
		t.Fatalf("no I/O figures:\n%s", r.stdout)
	}
	spikes, _ := strconv.ParseFloat(m[1], 64)
	traces, _ := strconv.ParseFloat(m[2], 64)
	// 33 neurons, one 4-byte event each at most; traces: 333 bytes each.
	if spikes <= 0 || spikes > 33*4 || traces != 33*333 {
		t.Errorf("spike bytes %v, trace bytes %v", spikes, traces)
	}
}
