package main

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"delaylab/checkpoint"
	"delaylab/dataset"
	"delaylab/delgrad"
	"delaylab/run"
	"delaylab/sim"
)

const exportAbout = `Writes the network of a .dlab checkpoint (the final one of its run) as
net.json, the plain JSON interchange that eval -net, grad and other tools
read. The recipe, the training state and the history stay behind; the
effective delays are written, not their parameters.`

func cmdExport(e *env, args []string) int {
	c := newCmd(e, "export", "-ckpt FILE.dlab [-o OUT.json]", exportAbout)
	ckptPath := c.String("ckpt", "", "the `FILE.dlab` checkpoint to export")
	out := c.String("o", "-", "write the net.json to `OUT.json` (- for standard output)")
	if code, ok := c.parse(args); !ok {
		return code
	}
	if *ckptPath == "" {
		return c.usageErr("-ckpt is required")
	}
	f, err := readCheckpoint(*ckptPath)
	if err != nil {
		return c.fail(err)
	}
	if err := writeFile(e, *out, func(w io.Writer) error { return checkpoint.ExportNet(w, f.File) }); err != nil {
		return c.fail(err)
	}
	return exitOK
}

// importBase is the recipe import gives a network when no -preset names one.
const importBase = "yinyang-h30-ws"

const importAbout = `Makes a .dlab checkpoint of a net.json network, without training state:
train -resume then trains it from these parameters with a fresh optimiser.
The recipe is -preset's (default ` + importBase + `) with its architecture
replaced by the network's; the data set is the recipe's and the spike
coding the net.json's. The delays are stored as their own parameters
(clip parametrisation), since net.json has no other. For a chip preset the
checkpoint records the chip instance of -chip-seed, and the network must
suit the chip.`

func cmdImport(e *env, args []string) int {
	c := newCmd(e, "import", "-net FILE.json -o OUT.dlab [-preset NAME] [-chip-seed N]", importAbout)
	netPath := c.String("net", "", "the network (net.json)")
	out := c.String("o", "", "write the checkpoint to `OUT.dlab`")
	preset := c.String("preset", importBase, "the recipe to give the network (see 'delaylab presets')")
	chipSeed := c.Uint64("chip-seed", 0, "seed of the chip instance to record, for a chip preset")
	if code, ok := c.parse(args); !ok {
		return code
	}
	if *netPath == "" {
		return c.usageErr("-net is required")
	}
	if *out == "" {
		return c.usageErr("-o is required")
	}
	if *out == "-" {
		return c.usageErr(errStdoutCheckpoint)
	}
	base, err := delgrad.Preset(*preset)
	if err != nil {
		return c.usageErr("%v", err)
	}
	sub, err := run.ForRecipe(base)
	if err != nil {
		return c.fail(err)
	}
	chipState := sub.State(*chipSeed)
	if chipState == nil && c.isSet("chip-seed") {
		return c.usageErr("-chip-seed: preset %s does not run on a chip", base.Name)
	}
	if err := checkDir(*out); err != nil {
		return c.fail(err)
	}
	fh, err := os.Open(*netPath)
	if err != nil {
		return c.fail(err)
	}
	defer fh.Close()
	name := strings.TrimSuffix(filepath.Base(*netPath), filepath.Ext(*netPath))
	f, err := checkpoint.ImportNet(fh, base, newMeta(name))
	if err != nil {
		return c.fail(fmt.Errorf("%s: %w", *netPath, err))
	}
	// The data set is the recipe's, with its sizes written out.
	if d := dataset.DefaultSpec(f.Data.Name); f.Data.Train == 0 && f.Data.Validation == 0 && f.Data.Test == 0 {
		f.Data.Train, f.Data.Validation, f.Data.Test, f.Data.Noise = d.Train, d.Validation, d.Test, d.Noise
	}
	if chipState != nil {
		f.Chip = chipState
		sub, err := chipState.NewSubstrate()
		if err != nil {
			return c.fail(err)
		}
		_, m, _, err := f.Restore()
		if err != nil {
			return c.fail(fmt.Errorf("%s: %w", *netPath, err))
		}
		delgrad.TellInputLayout(sub, m)
		if err := sub.Prepare(m.Net); err != nil {
			return c.fail(fmt.Errorf("%s: does not suit the chip of preset %s: %w", *netPath, base.Name, err))
		}
	}
	if err := writeCheckpoint(*out, f); err != nil {
		return c.fail(err)
	}
	return exitOK
}

const inspectAbout = `Prints a summary of a .dlab checkpoint, one "key: value" line each: where
it comes from, its recipe, network, training progress, metrics, data set
and chip instance.`

func cmdInspect(e *env, args []string) int {
	c := newCmd(e, "inspect", "FILE.dlab", inspectAbout)
	path, code, ok := c.parseFile(args, "FILE.dlab")
	if !ok {
		return code
	}
	f, err := readCheckpoint(path)
	if err != nil {
		return c.fail(err)
	}
	_, m, _, err := f.model()
	if err != nil {
		return c.fail(err)
	}
	var b strings.Builder
	writeAligned(&b, summary(f, m))
	io.WriteString(e.stdout, b.String())
	return exitOK
}

// summary is what inspect prints, as key, value pairs.
func summary(f *dlab, m *delgrad.Model) [][2]string {
	var out [][2]string
	add := func(key, format string, a ...any) { out = append(out, [2]string{key, fmt.Sprintf(format, a...)}) }
	cfg := &f.Config
	add("file", "%s", f.path)
	add("size", "%s", byteSize(f.size))
	add("format", ".dlab version %d", f.version)
	add("name", "%s", orNone(f.Meta.Name))
	if f.Meta.Created.IsZero() {
		add("created", "unknown")
	} else {
		add("created", "%s", f.Meta.Created.UTC().Format("2006-01-02 15:04:05 UTC"))
	}
	add("program", "%s", orNone(f.Meta.Program))
	add("recipe", "%s", orNone(cfg.Name))
	if cfg.Description != "" {
		add("description", "%s", cfg.Description)
	}
	add("architecture", "%s", architecture(m))
	add("delays", "%s", delayKinds(m))
	n := m.Net.Neuron
	add("neuron", "tau_s %g, tau_m %g, threshold %g, leak %g, C %g", n.TauSyn, n.TauMem, n.Threshold, n.Leak, n.C)
	nw, nd := m.ParamCount()
	add("parameters", "%d weights, %d delay parameters (%d in all)", nw, nd, nw+nd)
	add("loss", "%s", cfg.Loss.Kind)
	add("batch", "%d", cfg.Batch)
	add("seed", "%d", cfg.Seed)
	if s := f.Train; s != nil {
		progress := fmt.Sprintf("%d of %d done", s.EpochsDone, cfg.Epochs)
		switch {
		case s.Run.Evaluating:
			progress += fmt.Sprintf("; epoch %d validating (%d samples done)", s.EpochsDone+1, s.Run.EvalPos)
		case s.Pos > 0:
			progress += fmt.Sprintf("; epoch %d under way (%d of %d samples trained)", s.EpochsDone+1, s.Pos, len(s.Perm))
		}
		add("epochs", "%s", progress)
		add("optimiser", "Adam, %d steps in %d batches", s.Adam.Steps, s.Batches)
	} else {
		add("epochs", "none trained here (no training state; -resume starts afresh from this network)")
	}
	if n := len(f.History); n > 0 {
		h := f.History[n-1]
		add("last epoch", "%d: train loss %.4f acc %.4f, validation loss %.4f acc %.4f", h.Epoch, h.TrainLoss, h.TrainAcc, h.ValLoss, h.ValAcc)
	} else {
		add("last epoch", "none")
	}
	if s := f.Train; s != nil && s.BestEpoch > 0 {
		add("best epoch", "%d (validation acc %.4f)", s.BestEpoch, f.History[s.BestEpoch-1].ValAcc)
	} else {
		add("best epoch", "none")
	}
	add("data set", "%s", dataSummary(&f.Data))
	add("coding", "t_early %g, t_late %g", f.Data.TEarly, f.Data.TLate)
	add("substrate", "%s", cmp.Or(cfg.Substrate, "ideal"))
	if f.Chip != nil {
		add("chip instance", "%s, seed %d", f.Chip.Substrate, f.Chip.Seed)
	} else {
		add("chip instance", "none (ideal simulator)")
	}
	return out
}

func orNone(s string) string { return cmp.Or(s, "(none)") }

// writeAligned writes "key: value" lines with the values aligned.
func writeAligned(b *strings.Builder, kv [][2]string) {
	width := 0
	for _, p := range kv {
		width = max(width, len(p[0])+1)
	}
	for _, p := range kv {
		fmt.Fprintf(b, "%-*s %s\n", width, p[0]+":", p[1])
	}
}

// byteSize is a file size in bytes and, from a KiB up, in binary units.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d bytes (%.1f MiB)", n, float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d bytes (%.1f KiB)", n, float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// architecture writes the layer sizes, e.g. 4-30-3, 4x5-30-3 (features ×
// copies) or 4+bias-120+bias-3 (bias spikes into the next layer).
func architecture(m *delgrad.Model) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d", m.Features)
	if m.Copies > 1 {
		fmt.Fprintf(&b, "x%d", m.Copies)
	}
	for _, L := range m.Net.Layers {
		if len(L.BiasTimes) > 0 {
			b.WriteString("+bias")
		}
		fmt.Fprintf(&b, "-%d", L.Size)
	}
	return b.String()
}

// delayKinds lists the delay kind of every layer and the parametrisation.
func delayKinds(m *delgrad.Model) string {
	var kinds []string
	for _, L := range m.Net.Layers {
		kinds = append(kinds, L.Delay.String())
	}
	s := strings.Join(kinds, ", ")
	p := m.Delay
	if p.Mode == delgrad.DelayClip {
		s += fmt.Sprintf(" (clip at %g)", p.Shift)
	} else {
		s += fmt.Sprintf(" (sigmoid, in (%g, %g))", p.Shift, p.Shift+p.Scale)
	}
	if m.TieInputDelays && m.Copies > 1 && m.Net.Layers[0].Delay == sim.DelayAxonal {
		s += "; input delays tied across copies"
	}
	return s
}

func dataSummary(d *checkpoint.Data) string {
	if d.Name == "csv" {
		s := fmt.Sprintf("csv, %d points", len(d.Points))
		if d.Path != "" {
			s += " from " + d.Path
		}
		return s + fmt.Sprintf(", split with seed %d", d.Seed)
	}
	s := fmt.Sprintf("%s, %d train, %d validation, %d test samples, seed %d", d.Name, d.Train, d.Validation, d.Test, d.Seed)
	if d.Noise != 0 {
		s += fmt.Sprintf(", noise %g", d.Noise)
	}
	return s
}

const shareAbout = `Prints a share link of a checkpoint's network for the DelayLab web page:
-base followed by the fragment #m=..., or just the fragment when -base is
not given. The fragment carries the network (weights and delay parameters
rounded to float32), its recipe, data set and spike coding, and its
training record: the epochs trained, the validation accuracy and the test
accuracy (measured now, on the file's substrate) after the last one, and
the curves per epoch; compressed. Not the optimiser's state, and not the
points of a csv data set. -check decodes the link again and compares it
with the file (on standard error).`

func cmdShare(e *env, args []string) int {
	c := newCmd(e, "share", "FILE.dlab [-base URL] [-check]", shareAbout)
	base := c.String("base", "http://127.0.0.1:8080/", "the `URL` of the web page to put before the fragment (default: the page 'delaylab serve' serves)")
	check := c.Bool("check", false, "decode the link and check it against the file")
	path, code, ok := c.parseFile(args, "FILE.dlab")
	if !ok {
		return code
	}
	f, err := readCheckpoint(path)
	if err != nil {
		return c.fail(err)
	}
	cfg, m, coding, err := f.model()
	if err != nil {
		return c.fail(err)
	}
	spec, _ := f.Dataset()
	rec, err := f.shareRecord()
	if err != nil {
		return c.fail(err)
	}
	frag, err := checkpoint.ShareFragment(&checkpoint.Share{Model: m, Config: &cfg, Data: spec, Coding: coding, Record: rec})
	if err != nil {
		return c.fail(fmt.Errorf("%s: %w", path, err))
	}
	page, _, _ := strings.Cut(*base, "#")
	link := page + "#" + frag
	if *check {
		if err := checkShare(link, m, &cfg, coding, rec); err != nil {
			return c.fail(fmt.Errorf("%s: the share link does not read back: %w", path, err))
		}
		nw, nd := m.ParamCount()
		trained := "no training record"
		if rec != nil {
			trained = fmt.Sprintf("the record of %d epochs (%d with curves)", rec.Epochs, len(rec.History))
		}
		fmt.Fprintf(e.stderr, "check: the link (%d characters) reads back: %d weights and %d delay parameters within float32 rounding, the recipe, data set, coding and %s\n", len(link), nw, nd, trained)
	}
	fmt.Fprintln(e.stdout, link)
	return exitOK
}

// shareRecord is the training record a share link of the file carries:
// nil for a network never trained; the test accuracy is measured now by
// the run the file holds.
func (d *dlab) shareRecord() (*checkpoint.ShareRecord, error) {
	if d.Train == nil || d.Train.EpochsDone == 0 {
		return nil, nil
	}
	rn, err := run.Open(d.File)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.path, err)
	}
	_, test := rn.Evaluate(run.TestSplit)
	rec := &checkpoint.ShareRecord{Epochs: d.Train.EpochsDone, ValAcc: math.NaN(), TestAcc: test}
	if h := rn.Trainer().History(); len(h) == rec.Epochs {
		rec.History, rec.ValAcc = h, h[len(h)-1].ValAcc
	}
	return rec, nil
}

// checkShare decodes a share link and compares it with what it should
// carry.
func checkShare(link string, m *delgrad.Model, cfg *delgrad.Config, coding dataset.Coding, rec *checkpoint.ShareRecord) error {
	s, err := checkpoint.ParseShareFragment(link)
	if err != nil {
		return err
	}
	if (s.Record == nil) != (rec == nil) || rec != nil && (s.Record.Epochs != rec.Epochs || len(s.Record.History) != len(rec.History) ||
		!sameAcc(s.Record.ValAcc, rec.ValAcc) || !sameAcc(s.Record.TestAcc, rec.TestAcc)) {
		return fmt.Errorf("the training record does not read back")
	}
	if architecture(s.Model) != architecture(m) || delayKinds(s.Model) != delayKinds(m) || s.Model.Net.Neuron != m.Net.Neuron {
		return fmt.Errorf("network %s (%s), want %s (%s)", architecture(s.Model), delayKinds(s.Model), architecture(m), delayKinds(m))
	}
	for l, L := range m.Net.Layers {
		if err := sameAsFloat32(fmt.Sprintf("layer %d weight", l), s.Model.Net.Layers[l].Weights, L.Weights); err != nil {
			return err
		}
		if err := sameAsFloat32(fmt.Sprintf("layer %d delay parameter", l), s.Model.Theta[l], m.Theta[l]); err != nil {
			return err
		}
	}
	if s.Config == nil || s.Config.Name != cfg.Name || s.Config.Epochs != cfg.Epochs || s.Config.Seed != cfg.Seed {
		return fmt.Errorf("the recipe does not read back")
	}
	if s.Coding != coding {
		return fmt.Errorf("coding %+v, want %+v", s.Coding, coding)
	}
	return nil
}

// sameAsFloat32 checks that got is want rounded to float32.
func sameAsFloat32(what string, got, want []float64) error {
	if len(got) != len(want) {
		return fmt.Errorf("%d %ss, want %d", len(got), what, len(want))
	}
	for i, w := range want {
		if r := float64(float32(w)); math.Float64bits(got[i]) != math.Float64bits(r) {
			return fmt.Errorf("%s %d is %v, want %v", what, i, got[i], r)
		}
	}
	return nil
}

// sameAcc compares accuracies, NaN (not measured) included.
func sameAcc(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
