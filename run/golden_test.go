package run

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"delaylab/delgrad"
)

// The golden runs pin training bit for bit: a fixed-seed run's parameters
// and per-epoch metrics after a few epochs, written as the exact bits of
// every float. A refactoring must leave them unchanged; a deliberate change
// of training regenerates them with
//
//	go test ./run -run GoldenRuns -update
var update = flag.Bool("update", false, "rewrite the golden runs in testdata")

// goldenRun is one pinned run: a preset, its protocol, a few epochs on
// reduced reference splits (so the test stays quick).
type goldenRun struct {
	preset   string
	protocol string
	epochs   int
	train    int // training samples (validation: a fifth of it)
}

var goldenRuns = []goldenRun{
	{"yinyang-h30-ws", "ours", 3, 1000},
	{"yinyang-h30-wa", "ours", 2, 1000},
	{"chip-yinyang-wa", "ours", 2, 600},
	{"chip-yinyang-w", "authors", 2, 600},
}

// dumpRun writes the run's history and parameters as exact float bits.
func dumpRun(h []delgrad.Epoch, m *delgrad.Model) []byte {
	var b bytes.Buffer
	bits := func(v float64) string { return fmt.Sprintf("%016x", math.Float64bits(v)) }
	for _, e := range h {
		fmt.Fprintf(&b, "epoch %d train_loss %s train_acc %s val_loss %s val_acc %s lr %s bumps %d\n",
			e.Epoch, bits(e.TrainLoss), bits(e.TrainAcc), bits(e.ValLoss), bits(e.ValAcc), bits(e.LRScale), e.Bumps)
	}
	for l, L := range m.Net.Layers {
		fmt.Fprintf(&b, "layer %d weights", l)
		for _, w := range L.Weights {
			b.WriteString(" " + bits(w))
		}
		fmt.Fprintf(&b, "\nlayer %d theta", l)
		for _, v := range m.Theta[l] {
			b.WriteString(" " + bits(v))
		}
		b.WriteString("\n")
	}
	return b.Bytes()
}

func TestGoldenRuns(t *testing.T) {
	for _, g := range goldenRuns {
		name := fmt.Sprintf("%s-%s", g.preset, g.protocol)
		t.Run(name, func(t *testing.T) {
			h, m := trainGolden(t, g)
			got := dumpRun(h, m)
			path := filepath.Join("testdata", "golden-"+name+".txt")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				gl, wl := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
				for i := range min(len(gl), len(wl)) {
					if !bytes.Equal(gl[i], wl[i]) {
						t.Fatalf("training changed: line %d of %s differs:\n got %.200s\nwant %.200s", i+1, path, gl[i], wl[i])
					}
				}
				t.Fatalf("training changed: %s has %d lines, the run %d", path, len(wl), len(gl))
			}
		})
	}
}
