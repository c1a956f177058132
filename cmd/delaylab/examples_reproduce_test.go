package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"delaylab/assets"
)

// examplesEpochs is how many epochs of the long examples (the presets'
// 300) are rerun; the short teaching runs are rerun in full.
const examplesEpochs = 2

// TestExamplesReproduce: the command lines of assets/examples/MANIFEST
// still make the embedded examples. A short example is trained again in
// full and must be the same run, bit for bit (all but the time it was
// written); of a long one the first epochs are trained and their metrics
// must equal the file's history exactly. A deliberate change of training
// fails this test; the examples are then made anew with
// scripts/make-examples.sh and committed with the change.
func TestExamplesReproduce(t *testing.T) {
	lines := strings.Split(strings.TrimRight(assets.Manifest(), "\n"), "\n")[2:]
	if len(lines) != len(assets.All()) {
		t.Fatalf("MANIFEST has %d commands for %d examples", len(lines), len(assets.All()))
	}
	for _, line := range lines {
		args := strings.Fields(line)
		if len(args) < 4 || args[0] != "bin/delaylab" || args[len(args)-2] != "-o" {
			t.Fatalf("MANIFEST line %q is not bin/delaylab train … -o FILE", line)
		}
		name := strings.TrimSuffix(filepath.Base(args[len(args)-1]), ".dlab")
		ex, err := assets.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			embedded := filepath.Join(dir, "embedded.dlab")
			if err := os.WriteFile(embedded, ex.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			want := readDlab(t, embedded)
			run := append(append([]string(nil), args[1:len(args)-1]...), filepath.Join(dir, "again.dlab"))
			if want.Config.Epochs <= 30 {
				mustRun(t, dir, run...)
				sameRun(t, filepath.Join(dir, "again.dlab"), embedded)
				return
			}
			// The long commands keep their recipe's epochs; run the first few.
			mustRun(t, dir, append(run, "-epochs", strconv.Itoa(examplesEpochs))...)
			got := readDlab(t, filepath.Join(dir, "again.dlab")).History
			if len(got) != examplesEpochs || !reflect.DeepEqual(got, want.History[:examplesEpochs]) {
				t.Errorf("the first %d epochs no longer reproduce:\n code   %+v\n commit %+v\n(make the examples anew with scripts/make-examples.sh if training changed on purpose)",
					examplesEpochs, got, want.History[:examplesEpochs])
			}
		})
	}
}
