package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"delaylab/assets"
)

// TestExamplesList: `delaylab examples` prints a header and one line per
// example, in the catalogue's order, with its recorded test accuracy and
// its sentence.
func TestExamplesList(t *testing.T) {
	r := mustRun(t, "", "examples")
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	all := assets.All()
	if len(lines) != len(all)+1 || !strings.HasPrefix(lines[0], "name ") {
		t.Fatalf("want a header and %d lines:\n%s", len(all), r.stdout)
	}
	for i, e := range all {
		line := lines[i+1]
		test := fmt.Sprintf("  %.1f %%  ", 100*e.TestAccuracy())
		if f := strings.Fields(line); len(f) == 0 || f[0] != e.Name || !strings.Contains(line, test) || !strings.HasSuffix(line, e.About) {
			t.Errorf("line %q: want %s, its test accuracy%sand its sentence", line, e.Name, test)
		}
	}
	if !strings.Contains(r.stdout, "chip-yinyang-wa-authors  yinyang  4x5-30-3 axonal") || !strings.Contains(r.stdout, "chip 0, authors  300") {
		t.Errorf("the chip example's data, architecture, substrate or epoch is missing:\n%s", r.stdout)
	}
}

// TestExamplesWrite: -write puts the example's checkpoint in a file,
// byte for byte; the file evaluates to the recorded accuracy; an existing
// file is kept unless -force is given.
func TestExamplesWrite(t *testing.T) {
	dir := t.TempDir()
	ex := mustLookup(t, "xor")
	r := mustRun(t, dir, "examples", "-write", "xor")
	path := filepath.Join(dir, "xor.dlab")
	if got := readBytes(t, path); !bytes.Equal(got, ex.Bytes()) {
		t.Fatalf("xor.dlab holds %d bytes, not the example's %d", len(got), len(ex.Bytes()))
	}
	if !strings.HasPrefix(r.stdout, "wrote xor.dlab (") {
		t.Errorf("examples -write says %q", r.stdout)
	}
	ev := mustRun(t, dir, "eval", "-ckpt", "xor.dlab")
	if want := fmt.Sprintf("accuracy %.4f (%d/%d)", ex.TestAccuracy(), ex.TestRight, ex.TestTotal); lastLine(ev.stdout) != want {
		t.Errorf("eval -ckpt of the written example says %q, want %q", lastLine(ev.stdout), want)
	}

	// An existing file stays as it is.
	if err := os.WriteFile(path, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := delaylab(t, dir, "examples", "-write", "xor"); r.code != 1 || !strings.Contains(r.stderr, "delaylab examples: xor.dlab exists; -force replaces it") {
		t.Errorf("writing over an existing file: %v", r)
	}
	if got := string(readBytes(t, path)); got != "mine" {
		t.Errorf("the existing file was changed to %d bytes", len(got))
	}
	mustRun(t, dir, "examples", "-write", "xor", "-force")
	if got := readBytes(t, path); !bytes.Equal(got, ex.Bytes()) {
		t.Errorf("-force did not replace the file")
	}

	// -o names another file.
	mustRun(t, dir, "examples", "-write", "spirals", "-o", "mine.dlab")
	if got := readBytes(t, filepath.Join(dir, "mine.dlab")); !bytes.Equal(got, mustLookup(t, "spirals").Bytes()) {
		t.Errorf("-o mine.dlab does not hold the spirals example")
	}
}

// TestExamplesRefused: bad command lines exit 2 with the usage; an
// unknown name lists the names there are.
func TestExamplesRefused(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-write", "moon"}, `no example "moon" (there are: ` + strings.Join(assets.Names(), ", ") + ")"},
		{[]string{"-o", "a.dlab"}, "-o needs -write NAME"},
		{[]string{"-force"}, "-force needs -write NAME"},
		{[]string{"-write", "xor", "-o", "-"}, "a checkpoint cannot be written to standard output"},
		{[]string{"xor"}, `unexpected argument "xor"`},
	} {
		r := delaylab(t, dir, append([]string{"examples"}, c.args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, c.msg) || !strings.Contains(r.stderr, "usage: delaylab examples") || r.stdout != "" {
			t.Errorf("examples %s: want exit 2, %q and the usage\n%v", strings.Join(c.args, " "), c.msg, r)
		}
	}
	if r := delaylab(t, dir, "examples", "-write", "xor", "-o", "no/such/dir/x.dlab"); r.code != 1 || !strings.Contains(r.stderr, "cannot write no/such/dir/x.dlab") {
		t.Errorf("writing into a missing directory: %v", r)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("refused commands left files: %v", entries)
	}
}

func mustLookup(t *testing.T, name string) assets.Example {
	t.Helper()
	e, err := assets.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return e
}
