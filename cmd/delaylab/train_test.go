package main

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"delaylab/checkpoint/netjson"
	"delaylab/dataset"
	"delaylab/delgrad"
	"delaylab/sim"
)

var (
	epochRE    = regexp.MustCompile(`^epoch (\d+)/2 loss \d+\.\d{4} train [01]\.\d{4} val [01]\.\d{4} \d+ samples/s$`)
	testAccRE  = regexp.MustCompile(`^test accuracy ([01]\.\d{4}) \((\d+)/1000\)$`)
	evalAccRE  = regexp.MustCompile(`^accuracy ([01]\.\d{4}) \((\d+)/(\d+)\)\n$`)
	logHeader  = []string{"epoch", "train_loss", "train_acc", "val_loss", "val_acc", "lr_scale", "bumps", "seconds"}
	testPoints = func() []dataset.Point {
		d, _ := dataset.Generate(dataset.DefaultSpec("yinyang"))
		return d.Test
	}
)

// TestTrainEvalGrad trains a small preset for two epochs, then evaluates
// and differentiates the network it wrote.
func TestTrainEvalGrad(t *testing.T) {
	dir := t.TempDir()
	netPath, logPath := filepath.Join(dir, "net.json"), filepath.Join(dir, "log.csv")
	r := mustRun(t, dir, "train", "-preset", "yinyang-h5-ws", "-epochs", "2", "-workers", "2", "-net-out", netPath, "-log", logPath)
	if strings.ContainsAny(r.stdout, "\r\x1b") {
		t.Errorf("progress bar drawn although stdout is not a terminal:\n%q", r.stdout)
	}
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	var epochs []string
	for _, l := range lines {
		if m := epochRE.FindStringSubmatch(l); m != nil {
			epochs = append(epochs, m[1])
		}
	}
	if !slices.Equal(epochs, []string{"1", "2"}) {
		t.Errorf("epoch lines %v, want 1 and 2:\n%s", epochs, r.stdout)
	}
	last := lines[len(lines)-1]
	m := testAccRE.FindStringSubmatch(last)
	if m == nil {
		t.Fatalf("last line %q does not match %v", last, testAccRE)
	}
	if acc, _ := strconv.ParseFloat(m[1], 64); strconv.Itoa(int(math.Round(acc*1000))) != m[2] {
		t.Errorf("%q: accuracy and count disagree", last)
	}

	// The log has a header and one row per epoch.
	f, err := os.Open(logPath)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(rows) != 3 || !slices.Equal(rows[0], logHeader) {
		t.Fatalf("log: %v %q", err, rows)
	}
	for i, row := range rows[1:] {
		if row[0] != strconv.Itoa(i+1) {
			t.Errorf("log row %d is epoch %s", i+1, row[0])
		}
		for _, v := range row {
			if _, err := strconv.ParseFloat(v, 64); err != nil {
				t.Errorf("log row %d: %v", i+1, err)
			}
		}
	}

	model, coding := readNet(t, netPath)
	if got := model.Net.Layers; len(got) != 2 || got[0].Size != 5 || got[1].Size != 3 || got[0].Delay != sim.DelaySynaptic {
		t.Fatalf("net.json holds %+v, want 4-5-3 with synaptic delays", got)
	}

	t.Run("eval", func(t *testing.T) {
		// The same network on the same test set: the same accuracy.
		r := mustRun(t, dir, "eval", "-net", netPath)
		if r.stdout != strings.TrimPrefix(last, "test ")+"\n" {
			t.Errorf("eval printed %q; train printed %q", r.stdout, last)
		}
	})

	t.Run("spikes", func(t *testing.T) {
		// Silence hidden neuron 0 so that the file must hold nulls.
		silent := model.Clone()
		L := &silent.Net.Layers[0]
		for i := range silent.Net.Rows(0) {
			L.Weights[i*L.Size] = -1
		}
		path := writeNet(t, filepath.Join(dir, "silent.json"), silent)
		out := filepath.Join(dir, "spikes.json")
		r := mustRun(t, dir, "eval", "-net", path, "-data", "yinyang:test", "-spikes", out)
		checkSpikes(t, out, r.stdout, silent, testPoints())
		// The trained network's file is valid too.
		r = mustRun(t, dir, "eval", "-net", netPath, "-spikes", out)
		checkSpikes(t, out, r.stdout, model, testPoints())
	})

	t.Run("grad", func(t *testing.T) {
		checkGrad(t, dir, netPath, model, coding, "simse:0.2")
		checkGrad(t, dir, netPath, model, coding, "ttfs:0.2:0.005:1")
		checkGrad(t, dir, netPath, model, coding, "mse:1.5:2.5")
	})
}

func readNet(t *testing.T, path string) (*delgrad.Model, dataset.Coding) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, coding, err := netjson.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return m, coding
}

// checkSpikes checks an eval -spikes file against the simulator and the
// accuracy line.
func checkSpikes(t *testing.T, path, stdout string, m *delgrad.Model, pts []dataset.Point) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Labels      []int
		Predictions []int
		Layers      [][][]*float64
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("spikes file is not valid JSON: %v", err)
	}
	if len(got.Labels) != len(pts) || len(got.Predictions) != len(pts) || len(got.Layers) != len(m.Net.Layers) {
		t.Fatalf("%d labels, %d predictions, %d layers; want %d, %d, %d",
			len(got.Labels), len(got.Predictions), len(got.Layers), len(pts), len(pts), len(m.Net.Layers))
	}
	ws := sim.NewWorkspace(m.Net)
	right, nulls := 0, 0
	for s, p := range pts {
		ws.Forward(m.Net, m.InputTimes(nil, dataset.DefaultCoding().Encode(nil, p)))
		if got.Labels[s] != p.Label || got.Predictions[s] != delgrad.Predict(ws.Output()) {
			t.Fatalf("sample %d: label %d prediction %d, want %d %d", s, got.Labels[s], got.Predictions[s], p.Label, delgrad.Predict(ws.Output()))
		}
		if got.Predictions[s] == p.Label {
			right++
		}
		for l := range got.Layers {
			times := got.Layers[l][s]
			if len(times) != m.Net.Layers[l].Size {
				t.Fatalf("layer %d sample %d has %d times", l, s, len(times))
			}
			for k, tp := range times {
				want := ws.Times[l+1][k]
				if tp == nil {
					nulls++
				}
				if (tp == nil) != math.IsInf(want, 1) || (tp != nil && *tp != want) {
					t.Fatalf("layer %d sample %d neuron %d: %v, want %v", l, s, k, tp, want)
				}
			}
		}
	}
	if m := evalAccRE.FindStringSubmatch(stdout); m == nil || m[2] != strconv.Itoa(right) || m[3] != strconv.Itoa(len(pts)) {
		t.Errorf("eval printed %q; the spikes file has %d/%d right", stdout, right, len(pts))
	}
	t.Logf("%s: %d silent neurons", filepath.Base(path), nulls)
}

// checkGrad runs grad on 40 training samples and compares it with the
// in-process gradient, exactly, and with central finite differences.
func checkGrad(t *testing.T, dir, netPath string, m *delgrad.Model, coding dataset.Coding, lossName string) {
	t.Helper()
	out := filepath.Join(dir, "grad.json")
	mustRun(t, dir, "grad", "-net", netPath, "-data", "yinyang:train", "-range", "100:40", "-loss", lossName, "-o", out)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Loss    float64
		Weights [][][]float64
		Delays  []json.RawMessage
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("grad output is not valid JSON: %v", err)
	}
	n := m.Net
	if len(got.Weights) != len(n.Layers) || len(got.Delays) != len(n.Layers) {
		t.Fatalf("%d weight and %d delay layers, want %d", len(got.Weights), len(got.Delays), len(n.Layers))
	}
	gw, gd := make([][]float64, len(n.Layers)), make([][]float64, len(n.Layers))
	for l, L := range n.Layers {
		if len(got.Weights[l]) != n.Rows(l) {
			t.Fatalf("layer %d: %d weight rows, want %d", l, len(got.Weights[l]), n.Rows(l))
		}
		for _, row := range got.Weights[l] {
			if len(row) != L.Size {
				t.Fatalf("layer %d: weight row of %d, want %d", l, len(row), L.Size)
			}
			gw[l] = append(gw[l], row...)
		}
		var d [][]float64 // synaptic: [n_pre][n_post]
		if err := json.Unmarshal(got.Delays[l], &d); err != nil || len(d) != n.PreSize(l) {
			t.Fatalf("layer %d delays: %v, %d rows, want %d", l, err, len(d), n.PreSize(l))
		}
		for _, row := range d {
			if len(row) != L.Size {
				t.Fatalf("layer %d: delay row of %d, want %d", l, len(row), L.Size)
			}
			gd[l] = append(gd[l], row...)
		}
	}

	loss, err := delgrad.ParseLoss(lossName)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := dataset.Generate(dataset.DefaultSpec("yinyang"))
	pts := data.Train[100:140]
	inputs := make([][]float64, len(pts))
	for i, p := range pts {
		inputs[i] = m.InputTimes(nil, coding.Encode(nil, p))
	}
	// meanLoss is the batch-mean loss and every neuron's causal-set size
	// (a finite difference across a change of causal set is meaningless).
	meanLoss := func(n *sim.Network) (float64, []int32) {
		ws := sim.NewWorkspace(n)
		dOut := make([]float64, n.Outputs())
		var L float64
		var sig []int32
		for i, p := range pts {
			ws.Forward(n, inputs[i])
			L += loss.Eval(ws.Output(), p.Label, dOut)
			for _, c := range ws.Causal {
				sig = append(sig, c...)
			}
		}
		return L / float64(len(pts)), sig
	}
	L0, sig0 := meanLoss(n)
	if math.Abs(got.Loss-L0) > 1e-12*math.Abs(L0) {
		t.Errorf("%s: loss %v, want %v", lossName, got.Loss, L0)
	}

	// The largest few gradient entries of each kind against central
	// differences.
	checked := 0
	for l := range n.Layers {
		for _, p := range []struct {
			name   string
			grad   []float64
			params func(n *sim.Network) []float64
		}{
			{"weight", gw[l], func(n *sim.Network) []float64 { return n.Layers[l].Weights }},
			{"delay", gd[l], func(n *sim.Network) []float64 { return n.Layers[l].Delays }},
		} {
			order := make([]int, len(p.grad))
			for i := range order {
				order[i] = i
			}
			slices.SortFunc(order, func(a, b int) int { return -cmpAbs(p.grad[a], p.grad[b]) })
			for _, i := range order[:3] {
				const h = 1e-6
				c := n.Clone()
				v := p.params(c)[i]
				if p.name == "delay" && v < h {
					continue
				}
				p.params(c)[i] = v + h
				up, sigUp := meanLoss(c)
				p.params(c)[i] = v - h
				down, sigDown := meanLoss(c)
				if !slices.Equal(sigUp, sig0) || !slices.Equal(sigDown, sig0) {
					continue
				}
				fd := (up - down) / (2 * h)
				if tol := 1e-6*math.Abs(fd) + 1e-9; math.Abs(fd-p.grad[i]) > tol {
					t.Errorf("%s: layer %d %s %d: grad %v, finite difference %v", lossName, l, p.name, i, p.grad[i], fd)
				}
				checked++
			}
		}
	}
	if checked < 6 {
		t.Errorf("%s: only %d entries checked against finite differences", lossName, checked)
	}
}

func cmpAbs(a, b float64) int {
	switch a, b := math.Abs(a), math.Abs(b); {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestTrainOnChip trains a chip preset chip-in-the-loop for an epoch on one
// chip instance, keeps the best-validation network, and evaluates it on
// that instance and on another.
func TestTrainOnChip(t *testing.T) {
	dir := t.TempDir()
	netPath := filepath.Join(dir, "chip.json")
	r := mustRun(t, dir, "train", "-preset", "chip-yinyang-wa", "-epochs", "1", "-chip-seed", "4", "-select", "best-val", "-net-out", netPath)
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	if !testAccRE.MatchString(lines[len(lines)-1]) || !strings.Contains(r.stdout, "selected the network of epoch 1") {
		t.Fatalf("unexpected output:\n%s", r.stdout)
	}
	for _, seed := range []string{"4", "9"} {
		e := mustRun(t, dir, "eval", "-net", netPath, "-chip-seed", seed, "-chip", "chip-realistic")
		if !evalAccRE.MatchString(e.stdout) {
			t.Errorf("eval on chip %s: %q", seed, e.stdout)
		}
	}
}
