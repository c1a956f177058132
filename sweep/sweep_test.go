package sweep

import (
	"bytes"
	"context"
	"encoding/csv"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"delaylab/delgrad"
	"delaylab/sim"
)

// TestTinySweepEndToEnd runs a tiny grid, checks the CSV, resumes without
// re-running, and checks that the figures decode and are not blank.
func TestTinySweepEndToEnd(t *testing.T) {
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "sweep.csv")
	opt := Options{
		Grid:      Grid{Substrate: "ideal", Hidden: []int{3, 6}, Delays: []sim.DelayKind{sim.DelayNone, sim.DelaySynaptic}, Seeds: 2, Epochs: 1},
		Workers:   2,
		CurvesDir: filepath.Join(dir, "curves"),
	}
	calls := 0
	opt.Progress = func(done, total int, last Result, eta time.Duration) { calls++ }
	res, err := Execute(context.Background(), opt, csvPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 8 || calls != 8 {
		t.Fatalf("%d results, %d progress calls; want 8", len(res), calls)
	}
	back, err := ReadResults(csvPath)
	if err != nil || len(back) != 8 {
		t.Fatalf("read back %d rows: %v", len(back), err)
	}
	for _, r := range back {
		want := 7 * r.Hidden
		if r.Delay == sim.DelaySynaptic {
			want = 14 * r.Hidden
		}
		if r.Params() != want || r.TestAcc <= 0 || r.TestAcc > 1 || r.Epochs != 1 {
			t.Errorf("bad row %+v (want %d params)", r, want)
		}
	}
	// Resuming skips every finished run.
	calls = 0
	if _, err := Execute(context.Background(), opt, csvPath); err != nil || calls != 0 {
		t.Fatalf("resume re-ran %d runs (%v)", calls, err)
	}
	paths, err := Figures(back, opt.CurvesDir, filepath.Join(dir, "fig"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 2 {
		t.Fatalf("figures %v", paths)
	}
	for _, p := range paths {
		checkPNG(t, p)
	}
	var md bytes.Buffer
	if err := WriteMarkdown(&md, Summarise(back)); err != nil || strings.Count(md.String(), "\n") != 6 {
		t.Fatalf("summary:\n%s (%v)", md.String(), err)
	}
}

// TestCancelledSweepKeepsRows: a cancelled sweep returns the context error
// and keeps the rows it finished.
func TestCancelledSweepKeepsRows(t *testing.T) {
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "sweep.csv")
	ctx, cancel := context.WithCancel(context.Background())
	opt := Options{
		Grid:     Grid{Substrate: "ideal", Hidden: []int{3}, Delays: []sim.DelayKind{sim.DelayNone}, Seeds: 4, Epochs: 1},
		Workers:  1,
		Progress: func(done, total int, last Result, eta time.Duration) { cancel() },
	}
	_, err := Execute(ctx, opt, csvPath)
	if err == nil {
		t.Fatal("cancelled sweep reported no error")
	}
	rows, _ := ReadResults(csvPath)
	if len(rows) != 1 {
		t.Fatalf("%d rows kept, want 1", len(rows))
	}
}

func TestChipRejectsSynaptic(t *testing.T) {
	if _, err := Config(Run{Substrate: "chip", Hidden: 5, Delay: sim.DelaySynaptic}, 1); err == nil {
		t.Error("chip sweep with synaptic delays accepted")
	}
}

func checkPNG(t *testing.T, path string) {
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
	colours := map[[3]uint32]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, bl >> 8}]++
		}
	}
	if len(colours) < 5 {
		t.Errorf("%s looks blank: %d colours", path, len(colours))
	}
}

// TestProtocolColumn: a run's protocol goes through the CSV, keys and
// curve names of our protocol stay as before protocols existed, and rows
// written before then (one column fewer) read as our protocol.
func TestProtocolColumn(t *testing.T) {
	ours := Run{Substrate: "chip", Hidden: 30, Delay: sim.DelayNone, Seed: 2}
	theirs := ours
	theirs.Protocol = "authors"
	if ours.Key() != "chip/h30/none/s2" || theirs.Key() != "chip+authors/h30/none/s2" || CurveName(theirs) != "chip+authors-h30-none-s2.csv" {
		t.Fatalf("keys %q, %q; curve %q", ours.Key(), theirs.Key(), CurveName(theirs))
	}
	old := "substrate,hidden,delay,seed,weights,delays,params,test_acc,val_acc,val_spread_last100,epochs,seconds\n" +
		"chip,30,none,2,690,0,690,0.9300,0.9200,0.0100,300,80.0\n"
	res := Result{Run: theirs, Weights: 690, TestAcc: 0.85, Epochs: 300}
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write(res.record())
	w.Flush()
	got, err := readResults(strings.NewReader(old+b.String()), "mixed.csv")
	if err != nil || len(got) != 2 || got[0].Protocol != "" || got[1].Protocol != "authors" || got[1].Key() != theirs.Key() {
		t.Fatalf("read %+v, %v", got, err)
	}
	cfg, err := Config(theirs, 1)
	if err != nil || cfg.Protocol != delgrad.AuthorsProtocol {
		t.Fatalf("config protocol %v, %v", cfg.Protocol, err)
	}
	if _, err := Config(Run{Substrate: "ideal", Hidden: 5, Delay: sim.DelayNone, Protocol: "authors"}, 1); err == nil {
		t.Fatal("the authors' protocol accepted for a tau_m = 2 tau_s recipe")
	}
}
