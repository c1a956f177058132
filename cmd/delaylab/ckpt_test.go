package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"delaylab/checkpoint"
)

// readDlab decodes a checkpoint file.
func readDlab(t *testing.T, path string) *checkpoint.File {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := checkpoint.Unmarshal(b)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return f
}

// sameRun checks that two checkpoints hold the same run: everything but
// the time they were written, with every parameter equal bit for bit.
func sameRun(t *testing.T, a, b string) {
	t.Helper()
	fa, fb := readDlab(t, a), readDlab(t, b)
	for l := range fa.Model.Layers {
		for _, p := range [][2][]float64{
			{fa.Model.Layers[l].Weights, fb.Model.Layers[l].Weights},
			{fa.Model.Layers[l].Theta, fb.Model.Layers[l].Theta},
		} {
			if !slices.EqualFunc(p[0], p[1], func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) }) {
				t.Fatalf("%s and %s: the parameters of layer %d differ", a, b, l)
			}
		}
	}
	fa.Meta.Created, fb.Meta.Created = time.Time{}, time.Time{}
	if !reflect.DeepEqual(fa, fb) {
		t.Errorf("%s and %s hold different runs:\n%+v\n%+v", a, b, fa.Train, fb.Train)
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

func readBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestResume: training 2 epochs straight and training 1, saving and
// resuming for 1 more give the same run bit for bit, whatever the workers;
// eval -ckpt measures what train reported.
func TestResume(t *testing.T) {
	dir := t.TempDir()
	straight := mustRun(t, dir, "train", "-preset", "yinyang-h5-ws", "-epochs", "2", "-workers", "2", "-o", "a.dlab", "-net-out", "a.json")
	mustRun(t, dir, "train", "-preset", "yinyang-h5-ws", "-epochs", "1", "-workers", "2", "-o", "b.dlab")
	if f := readDlab(t, filepath.Join(dir, "b.dlab")); f.Train == nil || f.Train.EpochsDone != 1 || len(f.History) != 1 ||
		f.Meta.Name != "yinyang-h5-ws" || f.Meta.Program != "delaylab "+version || f.Meta.Created.IsZero() || f.Chip != nil {
		t.Fatalf("b.dlab after one epoch: %+v", f.Meta)
	}
	resumed := mustRun(t, dir, "train", "-resume", "b.dlab", "-epochs", "1", "-workers", "1", "-log", "resumed.csv")
	if !strings.HasPrefix(resumed.stdout, "resume yinyang-h5-ws from b.dlab: ") || !strings.Contains(resumed.stdout, "1 of 2 epochs done") {
		t.Errorf("resume header:\n%s", resumed.stdout)
	}
	var epochs []string
	for _, l := range strings.Split(resumed.stdout, "\n") {
		if m := epochRE.FindStringSubmatch(l); m != nil {
			epochs = append(epochs, m[1])
		}
	}
	if !slices.Equal(epochs, []string{"2"}) {
		t.Errorf("the resumed run reported epochs %v, want 2:\n%s", epochs, resumed.stdout)
	}
	if lastLine(resumed.stdout) != lastLine(straight.stdout) || !testAccRE.MatchString(lastLine(straight.stdout)) {
		t.Errorf("straight: %q, resumed: %q", lastLine(straight.stdout), lastLine(resumed.stdout))
	}
	// Without -o the resumed run went back into b.dlab.
	sameRun(t, filepath.Join(dir, "a.dlab"), filepath.Join(dir, "b.dlab"))
	// The log has the new epoch only.
	fh, err := os.Open(filepath.Join(dir, "resumed.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(fh).ReadAll()
	fh.Close()
	if err != nil || len(rows) != 2 || rows[1][0] != "2" {
		t.Errorf("resumed log: %v %q", err, rows)
	}

	// The exported networks are byte for byte -net-out's.
	want := readBytes(t, filepath.Join(dir, "a.json"))
	for _, f := range []string{"a.dlab", "b.dlab"} {
		if r := mustRun(t, dir, "export", "-ckpt", f); r.stdout != string(want) {
			t.Errorf("export -ckpt %s differs from train -net-out", f)
		}
	}

	// eval -ckpt: the file's own test split, the accuracy train printed.
	if r := mustRun(t, dir, "eval", "-ckpt", "b.dlab"); r.stdout != strings.TrimPrefix(lastLine(straight.stdout), "test ")+"\n" {
		t.Errorf("eval -ckpt printed %q; train printed %q", r.stdout, lastLine(straight.stdout))
	}
	a := mustRun(t, dir, "eval", "-ckpt", "b.dlab", "-data", "xor:validation")
	b := mustRun(t, dir, "eval", "-net", "a.json", "-data", "xor:validation")
	if a.stdout != b.stdout || !evalAccRE.MatchString(a.stdout) {
		t.Errorf("eval -data xor:validation: -ckpt %q, -net %q", a.stdout, b.stdout)
	}

	// Without -epochs the run goes on to the recipe's total: here, done.
	r := mustRun(t, dir, "train", "-resume", "b.dlab", "-o", "c.dlab", "-select", "best-val")
	if !strings.Contains(r.stdout, "nothing to train: the recipe's 2 epochs are done") || !testAccRE.MatchString(lastLine(r.stdout)) ||
		!strings.Contains(r.stdout, "selected the network of epoch 2") {
		t.Errorf("resuming a finished run:\n%s", r.stdout)
	}
	sameRun(t, filepath.Join(dir, "b.dlab"), filepath.Join(dir, "c.dlab"))
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

// TestResumeAfterInterrupt: Ctrl-C saves the run mid-epoch, and resuming
// it gives the run that was never interrupted.
func TestResumeAfterInterrupt(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no os.Interrupt for processes on Windows")
	}
	dir := t.TempDir()
	cmd := exec.Command(bin, "train", "-preset", "yinyang-h5-ws", "-epochs", "10000", "-workers", "1", "-o", "int.dlab")
	cmd.Dir = dir
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	timer := time.AfterFunc(60*time.Second, func() { cmd.Process.Kill() })
	defer timer.Stop()
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "epoch 1/10000 ") {
			if err := cmd.Process.Signal(os.Interrupt); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	for sc.Scan() {
	}
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 ||
		!regexp.MustCompile(`^delaylab train: interrupted after \d+ of 10000 epochs; saved to int.dlab \(continue with -resume int.dlab\)\n$`).MatchString(errOut.String()) {
		t.Fatalf("interrupted train: %v\n%s", err, errOut.String())
	}
	f := readDlab(t, filepath.Join(dir, "int.dlab"))
	k := f.Train.EpochsDone
	t.Logf("interrupted after %d epochs and %d samples, evaluating %v", k, f.Train.Pos, f.Train.Run.Evaluating)
	if k < 1 || k >= 10000 {
		t.Fatalf("the checkpoint holds %d epochs", k)
	}
	mustRun(t, dir, "train", "-resume", "int.dlab", "-epochs", "1", "-o", "resumed.dlab")
	mustRun(t, dir, "train", "-preset", "yinyang-h5-ws", "-epochs", strconv.Itoa(k+1), "-o", "straight.dlab")
	sameRun(t, filepath.Join(dir, "straight.dlab"), filepath.Join(dir, "resumed.dlab"))
}

// TestCheckpointCommands: export, import, inspect and share.
func TestCheckpointCommands(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, dir, "train", "-preset", "yinyang-h30-ws", "-epochs", "1", "-o", "h30.dlab", "-net-out", "h30.json")
	netJSON := readBytes(t, filepath.Join(dir, "h30.json"))
	f := readDlab(t, filepath.Join(dir, "h30.dlab"))

	t.Run("export", func(t *testing.T) {
		mustRun(t, dir, "export", "-ckpt", "h30.dlab", "-o", "exported.json")
		if !bytes.Equal(readBytes(t, filepath.Join(dir, "exported.json")), netJSON) {
			t.Error("export -o differs from train -net-out")
		}
	})

	t.Run("import", func(t *testing.T) {
		mustRun(t, dir, "import", "-net", "h30.json", "-o", "imported.dlab")
		g := readDlab(t, filepath.Join(dir, "imported.dlab"))
		if g.Train != nil || len(g.History) != 0 || g.Config.Name != "yinyang-h30-ws" || g.Meta.Name != "h30" ||
			g.Meta.Program != "delaylab "+version || g.Data.Name != "yinyang" || g.Data.Train != 5000 {
			t.Errorf("imported: meta %+v, recipe %s, data %+v", g.Meta, g.Config.Name, g.Data)
		}
		// Round trip: the same net.json, the same accuracy.
		if r := mustRun(t, dir, "export", "-ckpt", "imported.dlab"); r.stdout != string(netJSON) {
			t.Error("export of the imported checkpoint differs from the net.json it came from")
		}
		want := mustRun(t, dir, "eval", "-net", "h30.json").stdout
		for _, ck := range []string{"h30.dlab", "imported.dlab"} {
			if got := mustRun(t, dir, "eval", "-ckpt", ck).stdout; got != want {
				t.Errorf("eval -ckpt %s: %q, eval -net: %q", ck, got, want)
			}
		}
		// A fresh optimiser trains it on.
		r := mustRun(t, dir, "train", "-resume", "imported.dlab", "-epochs", "1", "-o", "trained.dlab")
		if !strings.Contains(r.stdout, "0 of 1 epochs done") || !testAccRE.MatchString(lastLine(r.stdout)) {
			t.Errorf("training an imported network:\n%s", r.stdout)
		}
		if h := readDlab(t, filepath.Join(dir, "trained.dlab")); h.Train == nil || h.Train.EpochsDone != 1 {
			t.Error("no training state after training the imported network")
		}
		// Another recipe.
		h5, _ := writeTestNet(t, dir, "yinyang-h5-ws")
		mustRun(t, dir, "import", "-net", h5, "-o", "h5.dlab", "-preset", "yinyang-h5-ws")
		if g := readDlab(t, filepath.Join(dir, "h5.dlab")); g.Config.Name != "yinyang-h5-ws" || g.Config.Hidden[0] != 5 {
			t.Errorf("import -preset yinyang-h5-ws: recipe %s %v", g.Config.Name, g.Config.Hidden)
		}
	})

	t.Run("inspect", func(t *testing.T) {
		r := mustRun(t, dir, "inspect", "h30.dlab")
		got := inspectFields(t, r.stdout)
		fi, _ := os.Stat(filepath.Join(dir, "h30.dlab"))
		want := map[string]string{
			"file":          "h30.dlab",
			"size":          strconv.FormatInt(fi.Size(), 10) + " bytes (",
			"format":        ".dlab version 1",
			"name":          "yinyang-h30-ws",
			"created":       f.Meta.Created.UTC().Format("2006-01-02 15:04:05 UTC"),
			"program":       "delaylab " + version,
			"recipe":        "yinyang-h30-ws",
			"description":   "Yin-Yang 4-30-3, synaptic delays",
			"architecture":  "4-30-3",
			"delays":        "synaptic, synaptic (sigmoid, in (0, 1))",
			"neuron":        "tau_s 1, tau_m 2, threshold 1, leak 0, C 1",
			"parameters":    "210 weights, 210 delay parameters (420 in all)",
			"loss":          "simse",
			"epochs":        "1 of 1 done",
			"optimiser":     "Adam, ",
			"last epoch":    fmt.Sprintf("1: train loss %.4f acc %.4f, validation loss %.4f acc %.4f", f.History[0].TrainLoss, f.History[0].TrainAcc, f.History[0].ValLoss, f.History[0].ValAcc),
			"best epoch":    "1 (validation acc ",
			"data set":      "yinyang, 5000 train, 1000 validation, 1000 test samples, seed 0",
			"coding":        "t_early ",
			"substrate":     "ideal",
			"chip instance": "none",
		}
		for k, v := range want {
			if !strings.HasPrefix(got[k], v) {
				t.Errorf("inspect %s: %q, want it to start with %q", k, got[k], v)
			}
		}
		// The flags may come before or after the file name.
		if r2 := mustRun(t, dir, "inspect", "--", "h30.dlab"); r2.stdout != r.stdout {
			t.Error("inspect -- FILE differs")
		}
		g := inspectFields(t, mustRun(t, dir, "inspect", "imported.dlab").stdout)
		if !strings.HasPrefix(g["epochs"], "none trained") || g["last epoch"] != "none" || g["best epoch"] != "none" || g["name"] != "h30" {
			t.Errorf("inspect of an imported network: %q", g)
		}
	})

	t.Run("share", func(t *testing.T) {
		r := mustRun(t, dir, "share", "h30.dlab")
		link := strings.TrimSuffix(r.stdout, "\n")
		// Without -base: a whole link to the page `delaylab serve` serves.
		if !strings.HasPrefix(link, "http://127.0.0.1:8080/#m=") || len(link) > 3000 || strings.ContainsAny(link, " \n") {
			t.Fatalf("share printed %d characters: %.80q", len(link), link)
		}
		t.Logf("share link of yinyang-h30-ws: %d characters", len(link))
		s, err := checkpoint.ParseShareFragment(link)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Model.Net.Layers) != len(f.Model.Layers) || s.Config == nil || s.Config.Name != "yinyang-h30-ws" || s.Data.Name != "yinyang" {
			t.Fatalf("the link holds %d layers, recipe %v", len(s.Model.Net.Layers), s.Config)
		}
		for l, L := range f.Model.Layers {
			for _, p := range [][2][]float64{{s.Model.Net.Layers[l].Weights, L.Weights}, {s.Model.Theta[l], L.Theta}} {
				if len(p[0]) != len(p[1]) {
					t.Fatalf("layer %d: %d parameters, want %d", l, len(p[0]), len(p[1]))
				}
				for i, v := range p[1] {
					if p[0][i] != float64(float32(v)) {
						t.Fatalf("layer %d parameter %d: %v, want %v rounded to float32", l, i, p[0][i], v)
					}
				}
			}
		}
		// The training record: the file's epoch and curve, and the test
		// accuracy eval measures.
		rec := s.Record
		if rec == nil || rec.Epochs != 1 || len(rec.History) != 1 || rec.ValAcc != f.History[0].ValAcc {
			t.Fatalf("the link's record %+v, want epoch 1 with validation %v", rec, f.History[0].ValAcc)
		}
		if ev := mustRun(t, dir, "eval", "-ckpt", "h30.dlab").stdout; !strings.Contains(ev, fmt.Sprintf("accuracy %.4f", rec.TestAcc)) {
			t.Errorf("the link's test accuracy %v; eval says %q", rec.TestAcc, ev)
		}
		if s, err := checkpoint.ParseShareFragment(strings.TrimSpace(mustRun(t, dir, "share", "imported.dlab").stdout)); err != nil || s.Record != nil {
			t.Errorf("a link of an untrained network: record %+v, %v", s, err)
		}
		r = mustRun(t, dir, "share", "h30.dlab", "-base", "https://example.org/delaylab/#old", "-check")
		if r.stdout != "https://example.org/delaylab/"+strings.TrimPrefix(link, "http://127.0.0.1:8080/")+"\n" || !strings.Contains(r.stderr, "reads back") {
			t.Errorf("share -base -check: %v", r)
		}
	})
}

// inspectFields parses inspect's output, checking that the values are
// aligned.
func inspectFields(t *testing.T, out string) map[string]string {
	t.Helper()
	line := regexp.MustCompile(`^([a-z][a-z ]*[a-z]):( +)(\S.*)$`)
	fields := map[string]string{}
	col := -1
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		m := line.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("inspect line %q is not key: value", l)
		}
		if c := len(m[1]) + 1 + len(m[2]); col < 0 {
			col = c
		} else if c != col {
			t.Errorf("inspect line %q: value at column %d, others at %d", l, c, col)
		}
		fields[m[1]] = m[3]
	}
	return fields
}
