package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"delaylab/assets"
	"delaylab/checkpoint"
	"delaylab/delgrad"
)

const examplesAbout = `Lists the example runs built into DelayLab, one per line: its name, data
set, architecture and delay kinds, substrate (the chip with its instance
and training protocol), the epochs trained, the validation accuracy of
the last epoch, the test accuracy of the final network recorded when the
example was made, and a sentence on what it shows. The page offers the
same examples under Model.

-write NAME writes one as a .dlab checkpoint (to NAME.dlab, or -o FILE):
inspect it, evaluate it, continue it with 'train -resume' or open it in
the page. An existing file is not replaced unless -force is given.

The examples are made by scripts/make-examples.sh; the commands are in
assets/examples/MANIFEST.`

func cmdExamples(e *env, args []string) int {
	c := newCmd(e, "examples", "[-write NAME [-o FILE.dlab] [-force]]", examplesAbout)
	write := c.String("write", "", "write the example `NAME` as a checkpoint")
	out := c.String("o", "", "with -write: the `FILE.dlab` to write (default NAME.dlab)")
	force := c.Bool("force", false, "with -write: replace the file if it exists")
	if code, ok := c.parse(args); !ok {
		return code
	}
	if *write == "" {
		for _, name := range []string{"o", "force"} {
			if c.isSet(name) {
				return c.usageErr("-%s needs -write NAME", name)
			}
		}
		return listExamples(c)
	}
	ex, err := assets.Lookup(*write)
	if err != nil {
		return c.usageErr("%v", err)
	}
	path := *out
	if path == "" {
		path = ex.FileName()
	}
	if path == "-" {
		return c.usageErr(errStdoutCheckpoint)
	}
	if err := checkDir(path); err != nil {
		return c.fail(err)
	}
	if _, err := os.Stat(path); err == nil && !*force {
		return c.fail(fmt.Errorf("%s exists; -force replaces it", path))
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return c.fail(err)
	}
	b := ex.Bytes()
	if err := writeFile(e, path, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
		return c.fail(err)
	}
	fmt.Fprintf(e.stdout, "wrote %s (%s): %s; continue it with 'delaylab train -resume %s -epochs N'\n", path, byteSize(int64(len(b))), ex.Title, path)
	return exitOK
}

// listExamples prints the table of examples, each file decoded for its
// figures as a user's program would.
func listExamples(c *cmdline) int {
	tw := tabwriter.NewWriter(c.e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "name\tdata\tarchitecture\tsubstrate\tepoch\tvalidation\ttest\tshows")
	for _, ex := range assets.All() {
		f, err := checkpoint.Unmarshal(ex.Bytes())
		if err != nil {
			return c.fail(fmt.Errorf("example %s: %w", ex.Name, err))
		}
		cfg, m, _, err := f.Restore()
		if err != nil {
			return c.fail(fmt.Errorf("example %s: %w", ex.Name, err))
		}
		val, epochs := "-", len(f.History)
		if n := len(f.History); n > 0 {
			val = percent(f.History[n-1].ValAcc)
		}
		if f.Train != nil {
			epochs = f.Train.EpochsDone
		}
		fmt.Fprintf(tw, "%s\t%s\t%s %s\t%s\t%d\t%s\t%s\t%s\n", ex.Name, f.Data.Name, architecture(m), shortKinds(m),
			substrateOf(f, cfg), epochs, val, percent(ex.TestAccuracy()), ex.About)
	}
	if err := tw.Flush(); err != nil {
		return c.fail(err)
	}
	return exitOK
}

func percent(v float64) string { return fmt.Sprintf("%.1f %%", 100*v) }

// shortKinds is the delay kind of the network ("synaptic"), or one per
// layer joined by + when they differ.
func shortKinds(m *delgrad.Model) string {
	var kinds []string
	for _, L := range m.Net.Layers {
		kinds = append(kinds, L.Delay.String())
	}
	return strings.Join(slices.Compact(kinds), "+")
}

// substrateOf is "ideal", or the chip model, its instance and the
// training protocol ("chip 0, authors").
func substrateOf(f *checkpoint.File, cfg delgrad.Config) string {
	if f.Chip == nil {
		return "ideal"
	}
	return fmt.Sprintf("%s %d, %s", f.Chip.Substrate, f.Chip.Seed, cfg.Protocol)
}
