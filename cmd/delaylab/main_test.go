package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"delaylab/checkpoint/netjson"
	"delaylab/dataset"
	"delaylab/delgrad"
)

// bin is the delaylab binary that TestMain builds; the tests run it as a
// process and check its output, files and exit status.
var bin string

func TestMain(m *testing.M) {
	os.Exit(func() int {
		dir, err := os.MkdirTemp("", "delaylab-test")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		bin = filepath.Join(dir, "delaylab")
		if runtime.GOOS == "windows" {
			bin += ".exe"
		}
		build := exec.Command("go", "build", "-o", bin, ".")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			fmt.Fprintln(os.Stderr, "building delaylab:", err)
			return 1
		}
		return m.Run()
	}())
}

// result is what a run of the binary produced.
type result struct {
	stdout, stderr string
	code           int
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
}

// delaylab runs the binary with args in dir (if not empty).
func delaylab(t *testing.T, dir string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errOut.String()}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		t.Fatalf("delaylab %s: %v", strings.Join(args, " "), err)
	}
	return r
}

// mustRun runs the binary and fails the test unless it exits 0.
func mustRun(t *testing.T, dir string, args ...string) result {
	t.Helper()
	r := delaylab(t, dir, args...)
	if r.code != 0 {
		t.Fatalf("delaylab %s: %v", strings.Join(args, " "), r)
	}
	return r
}

// writeTestNet writes a freshly initialised network of a preset as
// net.json and returns its path and model.
func writeTestNet(t *testing.T, dir, preset string) (string, *delgrad.Model) {
	t.Helper()
	cfg, err := delgrad.Preset(preset)
	if err != nil {
		t.Fatal(err)
	}
	m, err := delgrad.NewModel(&cfg, rand.New(rand.NewPCG(7, 7)))
	if err != nil {
		t.Fatal(err)
	}
	return writeNet(t, filepath.Join(dir, preset+".json"), m), m
}

func writeNet(t *testing.T, path string, m *delgrad.Model) string {
	t.Helper()
	var buf bytes.Buffer
	if err := netjson.Encode(&buf, m, dataset.DefaultCoding()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestHelpAndPresets(t *testing.T) {
	r := mustRun(t, "", "help")
	for _, c := range commands {
		if !strings.Contains(r.stdout, "  "+c.name+" ") {
			t.Errorf("help does not list %s:\n%s", c.name, r.stdout)
		}
	}
	if r := mustRun(t, "", "train", "-h"); !strings.Contains(r.stderr, "usage: delaylab train -preset NAME") {
		t.Errorf("train -h: %v", r)
	}

	r = mustRun(t, "", "presets")
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	ps := delgrad.Presets()
	if len(lines) != len(ps) {
		t.Fatalf("presets printed %d lines, want %d:\n%s", len(lines), len(ps), r.stdout)
	}
	for i, p := range ps {
		if f := strings.Fields(lines[i]); len(f) < 2 || f[0] != p.Name || !strings.HasSuffix(lines[i], p.Description) {
			t.Errorf("line %d %q, want %s and its description", i, lines[i], p.Name)
		}
	}
}

// TestBadFlags: every command rejects a bad command line with its usage
// and status 2, before doing any work.
func TestBadFlags(t *testing.T) {
	dir := t.TempDir()
	net, _ := writeTestNet(t, dir, "yinyang-h5-ws")
	cases := []struct {
		args []string
		msg  string
	}{
		{nil, "usage: delaylab COMMAND"},
		{[]string{"nope"}, `unknown command "nope"`},
		{[]string{"presets", "extra"}, `unexpected argument "extra"`},
		{[]string{"train"}, "-preset is required"},
		{[]string{"train", "-preset", "nope"}, `unknown preset "nope"`},
		{[]string{"train", "-preset", "chip-yinyang-w", "-protocol", "theirs"}, `want ours, authors`},
		{[]string{"train", "-preset", "chip-yinyang-w", "-protocol", "ours+gradient-kap"}, `unknown convention "gradient-kap"`},
		{[]string{"train", "-preset", "yinyang-h5-ws", "-protocol", "authors"}, "nominal-threshold convention"},
		{[]string{"train", "-resume", "run.dlab", "-protocol", "authors"}, "-protocol cannot be used with -resume"},
		{[]string{"sweep", "-protocol", "authors", "-out", "sw"}, "nominal-threshold convention"},
		{[]string{"sweep", "-substrate", "chip", "-protocol", "theirs", "-out", "sw"}, "want ours, authors"},
		{[]string{"train", "-bogus"}, "flag provided but not defined: -bogus"},
		{[]string{"train", "-preset", "yinyang-h5-ws", "-epochs", "x"}, `invalid value "x" for flag -epochs`},
		{[]string{"train", "-preset", "yinyang-h5-ws", "-epochs", "-1"}, "-epochs -1 is negative"},
		{[]string{"train", "-preset", "yinyang-h5-ws", "-workers", "0"}, "-workers 0"},
		{[]string{"train", "-preset", "yinyang-h5-ws", "-seed", "-3"}, `invalid value "-3" for flag -seed`},
		{[]string{"eval"}, "-net FILE.json or -ckpt FILE.dlab is required"},
		{[]string{"eval", "-net", net, "-ckpt", "run.dlab"}, "-net and -ckpt are mutually exclusive"},
		{[]string{"eval", "-ckpt", "run.dlab", "-data", "moon"}, `unknown data name "moon"`},
		{[]string{"eval", "-ckpt", "run.dlab", "-chip", "chip-ideal"}, `-chip "chip-ideal"`},
		{[]string{"eval", "-net", net, "-data", "moon"}, `unknown data name "moon"`},
		{[]string{"eval", "-net", net, "-chip-without", "wobble"}, `no effect "wobble"`},
		{[]string{"eval", "-ckpt", "run.dlab", "-chip-set", "gain-std=x"}, `gain-std = "x" is not a number`},
		{[]string{"eval", "-net", net, "-data", "yinyang:tset"}, `unknown split "tset"`},
		{[]string{"eval", "-net"}, "flag needs an argument: -net"},
		{[]string{"train", "-preset", "yinyang-h5-ws", "-resume", "run.dlab"}, "-preset and -resume are mutually exclusive"},
		{[]string{"train", "-resume", "run.dlab", "-seed", "3"}, "-seed cannot be used with -resume"},
		{[]string{"train", "-resume", "run.dlab", "-chip-seed", "3"}, "-chip-seed cannot be used with -resume"},
		{[]string{"train", "-resume", "run.dlab", "-chip-set", "window=10"}, "-chip-set cannot be used with -resume"},
		{[]string{"train", "-preset", "yinyang-h5-ws", "-chip-without", "window"}, "yinyang-h5-ws runs on the ideal simulator"},
		{[]string{"train", "-preset", "chip-yinyang-w", "-chip-without", "window,wobble"}, `no effect "wobble"`},
		{[]string{"train", "-preset", "chip-yinyang-w", "-chip-set", "threshold-trial-std=-1"}, "ThresholdTrialStd = -1 must be finite and ≥ 0"},
		{[]string{"train", "-preset", "chip-yinyang-w", "-chip-set", "window"}, `"window" is not name=value`},
		{[]string{"train", "-resume", "run.dlab", "-epochs", "-2"}, "-epochs -2 is negative"},
		{[]string{"train", "-resume", "run.dlab", "-workers", "0"}, "-workers 0"},
		{[]string{"train", "-resume"}, "flag needs an argument: -resume"},
		{[]string{"train", "-preset", "yinyang-h5-ws", "-o", "-"}, "a checkpoint cannot be written to standard output"},
		{[]string{"export"}, "-ckpt is required"},
		{[]string{"export", "-ckpt", "run.dlab", "extra"}, `unexpected argument "extra"`},
		{[]string{"import", "-o", "run.dlab"}, "-net is required"},
		{[]string{"import", "-net", net}, "-o is required"},
		{[]string{"import", "-net", net, "-o", "-"}, "a checkpoint cannot be written to standard output"},
		{[]string{"import", "-net", net, "-o", "run.dlab", "-preset", "nope"}, `unknown preset "nope"`},
		{[]string{"import", "-net", net, "-o", "run.dlab", "-chip-seed", "2"}, "-chip-seed: preset yinyang-h30-ws does not run on a chip"},
		{[]string{"inspect"}, "FILE.dlab is required"},
		{[]string{"inspect", "a.dlab", "b.dlab"}, `unexpected argument "b.dlab"`},
		{[]string{"inspect", "-v", "a.dlab"}, "flag provided but not defined: -v"},
		{[]string{"share"}, "FILE.dlab is required"},
		{[]string{"share", "a.dlab", "-base"}, "flag needs an argument: -base"},
		{[]string{"share", "a.dlab", "-check", "b.dlab"}, `unexpected argument "b.dlab"`},
		{[]string{"grad", "-net", net}, "-data is required"},
		{[]string{"grad", "-data", "yinyang:train"}, "-net is required"},
		{[]string{"grad", "-net", net, "-data", "yinyang:train", "-loss", "huber"}, `loss "huber"`},
		{[]string{"grad", "-net", net, "-data", "yinyang:train", "-loss", "ttfs:0:1:1"}, `loss "ttfs:0:1:1"`},
		{[]string{"grad", "-net", net, "-data", "yinyang:train", "-range", "5"}, `-range "5"`},
		{[]string{"grad", "-net", net, "-data", "yinyang:train", "-range", "3:0"}, `-range "3:0"`},
		{[]string{"data"}, "-data is required"},
		{[]string{"data", "-data", "csv:"}, "lacks a path"},
		{[]string{"data", "-data", "xor", "extra"}, `unexpected argument "extra"`},
		{[]string{"bench", "-preset", "nope"}, `unknown preset "nope"`},
		{[]string{"bench", "-workers", "0"}, "-workers 0"},
		{[]string{"serve", "-addr"}, "flag needs an argument: -addr"},
	}
	for _, c := range cases {
		name := "delaylab " + strings.Join(c.args, " ")
		t.Run(name, func(t *testing.T) {
			t.Parallel() // the processes wait on a busy machine
			r := delaylab(t, dir, c.args...)
			if r.code != 2 {
				t.Fatalf("%s: exit %d, want 2\n%v", name, r.code, r)
			}
			if !strings.Contains(r.stderr, c.msg) || !strings.Contains(r.stderr, "usage: delaylab") || r.stdout != "" {
				t.Errorf("%s: want %q and the usage on stderr, nothing on stdout\n%v", name, c.msg, r)
			}
			if len(c.args) > 0 && c.args[0] != "nope" && !strings.Contains(r.stderr, "usage: delaylab "+c.args[0]) {
				t.Errorf("%s: the usage is not the command's\n%v", name, r)
			}
		})
	}
}

// TestFailures: commands that cannot do their work say why and exit 1.
func TestFailures(t *testing.T) {
	dir := t.TempDir()
	net, _ := writeTestNet(t, dir, "yinyang-h5-ws")
	cases := []struct {
		args []string
		msg  string
	}{
		{[]string{"train", "-preset", "yinyang-h5-ws", "-net-out", "no/such/dir/net.json"}, "delaylab train: cannot write no/such/dir/net.json"},
		{[]string{"train", "-preset", "yinyang-h5-ws", "-o", "no/such/dir/run.dlab"}, "delaylab train: cannot write no/such/dir/run.dlab"},
		{[]string{"train", "-resume", "missing.dlab"}, "delaylab train: open missing.dlab"},
		{[]string{"eval", "-ckpt", "missing.dlab"}, "delaylab eval: open missing.dlab"},
		{[]string{"export", "-ckpt", "missing.dlab"}, "delaylab export: open missing.dlab"},
		{[]string{"inspect", "missing.dlab"}, "delaylab inspect: open missing.dlab"},
		{[]string{"share", "missing.dlab"}, "delaylab share: open missing.dlab"},
		{[]string{"import", "-net", "missing.json", "-o", "run.dlab"}, "delaylab import: open missing.json"},
		{[]string{"import", "-net", net, "-o", "no/such/dir/run.dlab"}, "delaylab import: cannot write no/such/dir/run.dlab"},
		{[]string{"import", "-net", net, "-o", "run.dlab", "-preset", "chip-yinyang-wa"}, "does not suit the chip of preset chip-yinyang-wa"},
		{[]string{"eval", "-net", "missing.json"}, "delaylab eval: open missing.json"},
		{[]string{"eval", "-net", net, "-data", "csv:missing.csv"}, "delaylab eval: open missing.csv"},
		{[]string{"grad", "-net", net, "-data", "yinyang:train", "-range", "4990:11"}, "delaylab grad: -range 4990:11 is outside the 5000 samples of yinyang:train"},
		{[]string{"data", "-data", "csv:missing.csv"}, "delaylab data: open missing.csv"},
		{[]string{"eval", "-net", net, "-chip-seed", "1"}, "asks for synaptic delays, but the chip only has axonal delays"},
	}
	for _, c := range cases {
		r := delaylab(t, dir, c.args...)
		if r.code != 1 || !strings.Contains(r.stderr, c.msg) {
			t.Errorf("delaylab %s: want exit 1 and %q\n%v", strings.Join(c.args, " "), c.msg, r)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "run.dlab")); err == nil {
		t.Error("import wrote a file for a network that does not suit the chip")
	}
}

// TestBadNetFiles: a missing or malformed net.json is reported with the
// JSON path of the problem, by every command that reads one.
func TestBadNetFiles(t *testing.T) {
	dir := t.TempDir()
	net, _ := writeTestNet(t, dir, "yinyang-h5-ws")
	good, err := os.ReadFile(net)
	if err != nil {
		t.Fatal(err)
	}
	edit := func(change func(layers []any)) string {
		var doc map[string]any
		if err := json.Unmarshal(good, &doc); err != nil {
			t.Fatal(err)
		}
		change(doc["layers"].([]any))
		b, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	field := func(layer any, name string) []any { return layer.(map[string]any)[name].([]any) }
	files := map[string]string{
		"short.json": edit(func(layers []any) {
			w := field(layers[1], "weights")
			w[3] = w[3].([]any)[:2]
		}),
		"negative.json": edit(func(layers []any) {
			field(layers[0], "delays")[0].([]any)[1] = -1.5
		}),
		"truncated.json": string(good[:bytes.Index(good, []byte(`"delay_kind"`))]),
		"binary.json":    "\x93\xa4DLAB\x01",
	}
	want := map[string]string{
		"short.json":     "short.json: net.json: layers[1].weights[3]: want 3 numbers, got 2",
		"negative.json":  "negative.json: net.json: layers[0].delays[0][1]: delay -1.5 must be finite and ≥ 0",
		"truncated.json": "truncated.json: net.json: layers[0]: unexpected end of input",
		"binary.json":    "binary.json: net.json: invalid JSON at byte offset 0",
	}
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{
			{"eval", "-net", path},
			{"grad", "-net", path, "-data", "yinyang:train", "-range", "0:5"},
			{"import", "-net", path, "-o", filepath.Join(dir, "imported.dlab")},
		} {
			r := delaylab(t, dir, args...)
			if r.code != 1 || !strings.Contains(r.stderr, want[name]) || r.stdout != "" {
				t.Errorf("delaylab %s: want exit 1 and %q\n%v", strings.Join(args, " "), want[name], r)
			}
		}
	}
}
