package main

// Checkpoints of chip runs, of the training protocols and damaged
// checkpoint files, through the CLI.

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"delaylab/checkpoint"
	"delaylab/chip"
	"delaylab/delgrad"
)

// TestCheckpointOnChip: a chip run's checkpoint keeps its chip instance,
// which eval and train -resume use.
func TestCheckpointOnChip(t *testing.T) {
	dir := t.TempDir()
	r := mustRun(t, dir, "train", "-preset", "chip-yinyang-wa", "-epochs", "1", "-chip-seed", "4", "-o", "chip.dlab", "-net-out", "chip.json")
	f := readDlab(t, filepath.Join(dir, "chip.dlab"))
	if f.Chip == nil || f.Chip.Seed != 4 || f.Chip.Substrate != "chip" {
		t.Fatalf("chip state %+v", f.Chip)
	}
	if got := inspectFields(t, mustRun(t, dir, "inspect", "chip.dlab").stdout); got["chip instance"] != "chip, seed 4" || got["architecture"] != "4x5-30-3" {
		t.Errorf("inspect: %q", got)
	}
	// Resuming runs on the file's chip: with no epoch to train, the test
	// accuracy is train's, noise and all.
	r0 := mustRun(t, dir, "train", "-resume", "chip.dlab", "-epochs", "0", "-o", "chip0.dlab")
	if lastLine(r0.stdout) != lastLine(r.stdout) {
		t.Errorf("resumed on the chip: %q, trained: %q", lastLine(r0.stdout), lastLine(r.stdout))
	}
	// The test accuracy train reports is what eval measures on the same
	// chip later: test passes draw the same trial noise.
	if e := mustRun(t, dir, "eval", "-ckpt", "chip.dlab"); strings.TrimPrefix(lastLine(r.stdout), "test ") != strings.TrimSpace(e.stdout) {
		t.Errorf("train said %q, eval says %q", lastLine(r.stdout), e.stdout)
	}
	// eval -ckpt runs on the file's chip instance, or the one asked for.
	for _, c := range [][2][]string{
		{{"-ckpt", "chip.dlab"}, {"-net", "chip.json", "-chip-seed", "4"}},
		{{"-ckpt", "chip.dlab", "-chip-seed", "9"}, {"-net", "chip.json", "-chip-seed", "9"}},
		{{"-ckpt", "chip.dlab", "-chip", "chip-realistic"}, {"-net", "chip.json", "-chip-seed", "4", "-chip", "chip-realistic"}},
	} {
		a := mustRun(t, dir, append([]string{"eval"}, c[0]...)...)
		b := mustRun(t, dir, append([]string{"eval"}, c[1]...)...)
		if a.stdout != b.stdout || !evalAccRE.MatchString(a.stdout) {
			t.Errorf("eval %v: %q; eval %v: %q", c[0], a.stdout, c[1], b.stdout)
		}
	}
	// import records the chip instance too.
	mustRun(t, dir, "import", "-net", "chip.json", "-preset", "chip-yinyang-wa", "-chip-seed", "4", "-o", "imported.dlab")
	if g := readDlab(t, filepath.Join(dir, "imported.dlab")); g.Chip == nil || !reflect.DeepEqual(*g.Chip, *f.Chip) {
		t.Errorf("imported chip state %+v, want %+v", g.Chip, f.Chip)
	}
}

// TestChipAblation: -chip-without and -chip-set change the chip model the
// run trains on, and the checkpoint records the changed model.
func TestChipAblation(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, dir, "train", "-preset", "chip-yinyang-w", "-epochs", "1", "-chip-seed", "2",
		"-chip-without", "threshold-offset,timestamp-grid", "-chip-set", "threshold-trial-std=0.1,window=inf", "-o", "abl.dlab")
	f := readDlab(t, filepath.Join(dir, "abl.dlab"))
	want := chip.DefaultConfig().Without(chip.ThresholdOffset, chip.TimestampGrid)
	want.ThresholdTrialStd, want.Window = 0.1, math.Inf(1)
	if f.Chip == nil || f.Chip.ChipConfig() != want || f.Chip.Seed != 2 {
		t.Fatalf("chip state %+v, want config %+v", f.Chip, want)
	}
	// eval changes the chip model the same way, for a checkpoint and for
	// a network file, and two spellings of one model agree.
	mustRun(t, dir, "export", "-ckpt", "abl.dlab", "-o", "abl.json")
	runs := [][]string{
		{"eval", "-ckpt", "abl.dlab", "-chip-set", "threshold-trial-std=0.3"},
		{"eval", "-net", "abl.json", "-chip-seed", "2", "-chip-without", "threshold-offset,timestamp-grid", "-chip-set", "threshold-trial-std=0.3,window=inf"},
	}
	a, b := mustRun(t, dir, runs[0]...), mustRun(t, dir, runs[1]...)
	if a.stdout != b.stdout || !evalAccRE.MatchString(a.stdout) {
		t.Errorf("%v: %q; %v: %q", runs[0], a.stdout, runs[1], b.stdout)
	}
	// Off and zero are the same chip.
	c1 := mustRun(t, dir, "eval", "-ckpt", "abl.dlab", "-chip-without", "threshold-trial")
	c2 := mustRun(t, dir, "eval", "-ckpt", "abl.dlab", "-chip-set", "threshold-trial-std=0")
	if c1.stdout != c2.stdout {
		t.Errorf("trial noise off: %q; at 0: %q", c1.stdout, c2.stdout)
	}
}

// TestTrainAuthorsProtocol: the authors' protocol trains a chip preset as a
// process, the checkpoint records it (with the interleaved input layout),
// a resumed run keeps it, and 'protocols' lists every convention.
func TestTrainAuthorsProtocol(t *testing.T) {
	dir := t.TempDir()
	r := mustRun(t, dir, "train", "-preset", "chip-yinyang-wa", "-protocol", "authors", "-seed", "1", "-epochs", "1", "-o", "a.dlab")
	if !testAccRE.MatchString(lastLine(r.stdout)) {
		t.Fatalf("last line %q", lastLine(r.stdout))
	}
	f := readDlab(t, filepath.Join(dir, "a.dlab"))
	if f.Config.Protocol != "authors" || !f.Model.InterleavedCopies {
		t.Fatalf("checkpoint protocol %q, interleaved %v", f.Config.Protocol, f.Model.InterleavedCopies)
	}
	mustRun(t, dir, "train", "-resume", "a.dlab", "-epochs", "1")
	if f := readDlab(t, filepath.Join(dir, "a.dlab")); f.Config.Protocol != "authors" || f.Train.EpochsDone != 2 {
		t.Fatalf("resumed: protocol %q after %d epochs", f.Config.Protocol, f.Train.EpochsDone)
	}
	out := mustRun(t, dir, "protocols").stdout
	for _, c := range delgrad.Conventions() {
		if !strings.Contains(out, c.String()+" ") {
			t.Errorf("protocols does not list %s:\n%s", c, out)
		}
	}
}

// TestBadCheckpoints: every command that reads a checkpoint reports each
// kind of bad file with the checkpoint package's own message, after the
// command and the file name, and exits 1 without writing anything.
func TestBadCheckpoints(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, dir, "train", "-preset", "yinyang-h5-ws", "-epochs", "1", "-o", "good.dlab", "-net-out", "good.json")
	good := readBytes(t, filepath.Join(dir, "good.dlab"))
	header := []byte{0x93, 0xa4, 'D', 'L', 'A', 'B', 0x01}
	if !bytes.HasPrefix(good, header) {
		t.Fatalf("a checkpoint starts % x", good[:8])
	}
	// edit encodes a changed copy of good.dlab without validating it, as a
	// careless or hostile writer would.
	edit := func(change func(f *checkpoint.File)) []byte {
		f, err := checkpoint.Unmarshal(good)
		if err != nil {
			t.Fatal(err)
		}
		change(f)
		b, err := f.MarshalMsg(slices.Clone(header))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	random := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	random[0] = 'R'
	future := slices.Clone(good)
	future[len(header)-1] = 2
	hostile := append(slices.Clone(header), 0x81, 0xa7, 'h', 'i', 's', 't', 'o', 'r', 'y', 0xdd, 0xff, 0xff, 0xff, 0xff, 0x80)

	cases := []struct {
		file, kind string
		data       []byte
		msg        string // the start of the package's message
	}{
		{"empty.dlab", "empty", nil, "checkpoint: empty input"},
		{"truncated.dlab", "truncated", good[:len(good)/2], "checkpoint: truncated data: the data ends inside the body"},
		{"net.json", "wrong magic", readBytes(t, filepath.Join(dir, "good.json")), `checkpoint: not a DelayLab checkpoint (no "DLAB" magic)`},
		{"random.dlab", "wrong magic", random, `checkpoint: not a DelayLab checkpoint (no "DLAB" magic)`},
		{"future.dlab", "future version", future, "checkpoint: file version 2 is newer than this build (reads up to 1)"},
		{"nan.dlab", "NaN weight", edit(func(f *checkpoint.File) { f.Model.Layers[1].Weights[3] = math.NaN() }),
			"checkpoint: model.layers[1].weights[3] is NaN, want a finite number"},
		{"shape.dlab", "mismatched shapes", edit(func(f *checkpoint.File) { f.Model.Layers[0].Weights = f.Model.Layers[0].Weights[:19] }),
			"checkpoint: shape mismatch: len(model.layers[0].weights) is 19, want 20"},
		{"oversize.dlab", "oversize array", edit(func(f *checkpoint.File) { f.Data.Points = make([]checkpoint.Point, checkpoint.MaxPoints+1) }),
			"checkpoint: number of data.points is 100001, more than the limit of 100000"},
		{"hostile.dlab", "array beyond the file", hostile,
			"checkpoint: truncated data: an array or map announces 4294967295 elements but only 1 bytes follow"},
	}
	byKind := map[string]string{}
	for i, c := range cases {
		path := filepath.Join(dir, c.file)
		if err := os.WriteFile(path, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := checkpoint.Unmarshal(c.data)
		if err == nil || !strings.HasPrefix(err.Error(), c.msg) {
			t.Fatalf("%s: the package says %v, want %q", c.file, err, c.msg)
		}
		msg := err.Error()
		if k, ok := byKind[msg]; ok && k != c.kind {
			t.Errorf("%s and %s files get the same message %q", k, c.kind, msg)
		}
		byKind[msg] = c.kind
		commands := [][]string{
			{"eval", "-ckpt", c.file},
			{"export", "-ckpt", c.file, "-o", "out.json"},
			{"inspect", c.file},
			{"share", c.file},
			{"train", "-resume", c.file, "-o", "out.dlab"},
		}
		// Process starts are slow on a busy machine, and every command
		// reads checkpoints with the same function: each case tries the
		// resume that would write the file back and one other command in
		// turn.
		for _, args := range [][]string{
			{"train", "-resume", c.file},
			commands[i%len(commands)],
		} {
			r := delaylab(t, dir, args...)
			want := fmt.Sprintf("delaylab %s: %s: %s\n", args[0], c.file, msg)
			if r.code != 1 || r.stderr != want || r.stdout != "" {
				t.Errorf("delaylab %s: want exit 1 and %q\n%v", strings.Join(args, " "), want, r)
			}
		}
		if b, _ := os.ReadFile(path); !bytes.Equal(b, c.data) {
			t.Errorf("%s was changed", c.file)
		}
	}
	if len(byKind) != 8 {
		t.Errorf("%d distinct messages for 8 kinds of bad file", len(byKind))
	}
	allowed := map[string]bool{"good.dlab": true, "good.json": true}
	for _, c := range cases {
		allowed[c.file] = true
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !allowed[e.Name()] {
			t.Errorf("a failed command left %s behind", e.Name())
		}
	}
}
