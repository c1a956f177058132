package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"delaylab/checkpoint/netjson"
	"delaylab/delgrad"
	"delaylab/run"
)

const trainAbout = `Trains a preset on its data set (the reference splits), validating after
every epoch, then prints the test accuracy as the last line:

  test accuracy 0.9820 (982/1000)

On a terminal a progress bar shows the run; otherwise each epoch prints one
line. samples/s counts training samples per second of wall-clock time. The
-log CSV has the columns epoch,train_loss,train_acc,val_loss,val_acc,
lr_scale,bumps,seconds (seconds since training started).

-data and -hidden change a preset's recipe: another data set (its
reference splits, one output neuron per class) and another size for its
hidden layer; everything else stays the preset's. The checkpoint records
the changed recipe, under the preset's name.

-o writes the run as a .dlab checkpoint when training ends: the recipe, the
network, the optimiser and shuffling state, the best network, the history,
the data set and the chip instance. -resume FILE.dlab continues such a run
where it stopped, on the file's data set and chip instance, bit for bit as
if it had never stopped. With -resume, -epochs N trains N more epochs (an
epoch left unfinished counts as the first); without -epochs the run goes on
to the total of its recipe. A resumed run is written back to its file
unless -o names another. Checkpoints are written to a temporary file that
then replaces the old one, so a failed or interrupted write never leaves a
broken file.

On Ctrl-C training stops, and the checkpoint (-o, or the -resume file) and
-net-out still receive the run as it is; -resume continues it.`

func cmdTrain(e *env, args []string) int {
	c := newCmd(e, "train", "-preset NAME | -resume FILE.dlab [-epochs N] [-seed N] [-chip-seed N] [-data NAME] [-hidden N] [-chip-without LIST] [-chip-set LIST] [-protocol NAME] [-workers N] [-o FILE.dlab] [-net-out FILE.json] [-log FILE.csv] [-select final|best-val]", trainAbout)
	preset := c.String("preset", "", "the recipe to train (see 'delaylab presets')")
	resume := c.String("resume", "", "continue the run saved in `FILE.dlab` (and write it back there unless -o is given)")
	seed := c.Uint64("seed", 0, "seed of the initial parameters and the shuffling (default the preset's; not with -resume)")
	epochs := c.Int("epochs", 0, "epochs to train (default the preset's); with -resume, how many more to train (default: up to the recipe's total)")
	workers := c.Int("workers", delgrad.DefaultWorkers(), "goroutines per mini-batch (results do not depend on it)")
	chipSeed := c.Uint64("chip-seed", 0, "seed of the chip's fixed-pattern mismatch (chip presets; not with -resume, which keeps the file's chip)")
	dataName := c.String("data", "", "train on this data set instead of the preset's: "+strings.Join(trainDataNames(), ", ")+" (reference splits; one output per class; not with -resume)")
	hidden := c.Int("hidden", 0, "the size of the preset's hidden layer (default the preset's; not with -resume)")
	chipWithout := c.String("chip-without", "", "chip presets: switch off these comma-separated effects (e.g. threshold-trial,delay-jitter; a wrong name lists them), for ablations")
	chipSet := c.String("chip-set", "", "chip presets: comma-separated knob=value settings applied after -chip-without (e.g. threshold-trial-std=0.08); a bad name lists the knobs")
	protocol := c.String("protocol", "ours", "training conventions: `ours`, authors (the DelGrad authors' code), ours+CONV… or authors-CONV… (see 'delaylab protocols')")
	out := c.String("o", "", "write the run as a checkpoint to `FILE.dlab` when training ends or is interrupted")
	netOut := c.String("net-out", "", "write the trained network to `FILE.json` (net.json interchange)")
	logPath := c.String("log", "", "write per-epoch metrics to `FILE.csv`")
	selectNet := c.String("select", "final", "which network to test and write: `final` (after the last epoch) or best-val (the epoch with the best validation accuracy)")
	if code, ok := c.parse(args); !ok {
		return code
	}
	switch {
	case *preset != "" && *resume != "":
		return c.usageErr("-preset and -resume are mutually exclusive: a checkpoint carries its recipe")
	case *preset == "" && *resume == "":
		return c.usageErr("-preset is required (or -resume FILE.dlab)")
	}
	if *resume != "" {
		for _, name := range []string{"seed", "chip-seed", "chip-without", "chip-set", "protocol"} {
			if c.isSet(name) {
				return c.usageErr("-%s cannot be used with -resume: the run keeps the seeds and the chip model of its checkpoint", name)
			}
		}
		for _, name := range []string{"data", "hidden"} {
			if c.isSet(name) {
				return c.usageErr("-%s cannot be used with -resume: the run keeps the recipe and the data set of its checkpoint", name)
			}
		}
	}
	if c.isSet("hidden") && *hidden < 1 {
		return c.usageErr("-hidden %d: want at least 1 neuron", *hidden)
	}
	if c.isSet("epochs") && *epochs < 0 {
		return c.usageErr("-epochs %d is negative", *epochs)
	}
	if *workers < 1 {
		return c.usageErr("-workers %d: want at least 1", *workers)
	}
	if *selectNet != "final" && *selectNet != "best-val" {
		return c.usageErr("-select %q: want final or best-val", *selectNet)
	}
	if *out == "-" {
		return c.usageErr(errStdoutCheckpoint)
	}

	// The run: a preset, or a checkpoint to resume. Everything that can
	// fail fails before training starts.
	var (
		rn       *run.Run
		from     *dlab
		name     string
		savePath = *out
		err      error
	)
	if *resume != "" {
		if from, err = readCheckpoint(*resume); err != nil {
			return c.fail(err)
		}
		name = from.Meta.Name
		if savePath == "" {
			savePath = *resume
		}
	} else {
		cfg, err := delgrad.Preset(*preset)
		if err != nil {
			return c.usageErr("%v", err)
		}
		if c.isSet("seed") {
			cfg.Seed = *seed
		}
		if c.isSet("epochs") {
			cfg.Epochs = *epochs
		}
		var data *run.Data
		if *dataName != "" || *hidden != 0 {
			if data, err = reshapeRecipe(&cfg, *dataName, *hidden); err != nil {
				return c.usageErr("%v", err)
			}
		}
		if cfg.Protocol, err = delgrad.ParseProtocol(*protocol); err != nil {
			return c.usageErr("-protocol: %v", err)
		}
		if err := cfg.Validate(); err != nil {
			return c.usageErr("-protocol %s: %v", *protocol, err)
		}
		sub, err := run.ForRecipe(cfg)
		if err != nil {
			return c.fail(err)
		}
		if *chipWithout != "" || *chipSet != "" {
			if !sub.OnChip() {
				return c.usageErr("-chip-without and -chip-set need a chip preset; %s runs on the ideal simulator", cfg.Name)
			}
			if sub.Chip, err = tweakConfig(sub.Chip, *chipWithout, *chipSet); err != nil {
				return c.usageErr("%v", err)
			}
		}
		if rn, err = run.New(cfg, sub, *chipSeed, data); err != nil {
			return c.fail(err)
		}
		name = cfg.Name
	}
	if savePath != "" {
		if err := checkDir(savePath); err != nil {
			return c.fail(err)
		}
	}
	if *netOut != "" {
		if err := checkDir(*netOut); err != nil {
			return c.fail(err)
		}
	}
	if from != nil {
		if rn, err = run.Open(from.File); err != nil {
			return c.fail(fmt.Errorf("%s: %w", *resume, err))
		}
		if c.isSet("epochs") {
			rn.Trainer().SetEpochs(rn.Progress().Epochs + *epochs)
		}
	}
	tr := rn.Trainer()
	cfg := rn.Config()
	data := rn.Data()
	train, val, test := data.Train, data.Val, data.Test
	tr.SetWorkers(*workers)
	save := func() error { return writeCheckpoint(savePath, rn.File(newMeta(name))) }
	var log *epochLog
	if *logPath != "" {
		if log, err = newEpochLog(*logPath); err != nil {
			return c.fail(err)
		}
		defer log.close()
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	nw, nd := tr.Model().ParamCount()
	if from == nil {
		fmt.Fprintf(e.stdout, "preset %s: %d weights, %d delay parameters; %d/%d/%d samples; %d epochs; seed %d; %d workers\n",
			cfg.Name, nw, nd, len(train), len(val), len(test), cfg.Epochs, cfg.Seed, tr.Workers())
	} else {
		underway := ""
		if tr.Progress().UnderWay() {
			underway = fmt.Sprintf(" (epoch %d under way)", tr.Progress().Epochs+1)
		}
		fmt.Fprintf(e.stdout, "resume %s from %s: %d weights, %d delay parameters; %d/%d/%d samples; %d of %d epochs done%s; %d workers\n",
			cfg.Name, *resume, nw, nd, len(train), len(val), len(test), tr.Progress().Epochs, cfg.Epochs, underway, tr.Workers())
		if tr.Done() {
			fmt.Fprintf(e.stdout, "nothing to train: the recipe's %d epochs are done (-epochs N trains N more)\n", cfg.Epochs)
		}
	}
	prog := newProgress(e, cfg.Epochs, len(train), len(val))
	prog.resumeAt(tr)
	epochStart := time.Now()
	interrupted := false
	reported := len(tr.History())
	for !tr.Done() {
		if ctx.Err() != nil {
			interrupted = true
			break
		}
		rn.Step(min(cfg.Batch, untilEpochEnd(tr)))
		for ; reported < len(tr.History()); reported++ {
			ep := tr.History()[reported]
			now := time.Now()
			prog.epoch(tr, ep, now.Sub(epochStart))
			epochStart = now
			if log != nil {
				if err := log.write(ep, now.Sub(prog.start)); err != nil {
					prog.finish()
					return c.fail(err)
				}
			}
		}
		prog.tick(tr)
	}
	prog.finish()

	chosen := tr.Model()
	if best, bestEpoch := tr.Best(); *selectNet == "best-val" && best != nil {
		_, facc := rn.Evaluate(run.TestSplit)
		fmt.Fprintf(e.stdout, "final network (epoch %d): test accuracy %.4f (%d/%d)\n", tr.Progress().Epochs, facc, int(math.Round(facc*float64(len(test)))), len(test))
		fmt.Fprintf(e.stdout, "selected the network of epoch %d (best validation accuracy %.4f)\n", bestEpoch, tr.History()[bestEpoch-1].ValAcc)
		chosen = best
	}
	// The checkpoint first: it holds the whole run.
	if savePath != "" {
		if err := save(); err != nil {
			return c.fail(err)
		}
	}
	if *netOut != "" {
		err := writeFile(e, *netOut, func(w io.Writer) error { return netjson.Encode(w, chosen, data.Coding) })
		if err != nil {
			return c.fail(err)
		}
	}
	if interrupted {
		msg := fmt.Sprintf("interrupted after %d of %d epochs", tr.Progress().Epochs, cfg.Epochs)
		if savePath != "" {
			msg += fmt.Sprintf("; saved to %s (continue with -resume %s)", savePath, savePath)
		}
		return c.fail(errors.New(msg))
	}
	_, acc := rn.EvaluateModel(chosen, run.TestSplit)
	right := int(math.Round(acc * float64(len(test))))
	fmt.Fprintf(e.stdout, "test accuracy %.4f (%d/%d)\n", acc, right, len(test))
	return exitOK
}

// untilEpochEnd is the work (samples) left in the epoch in progress, so
// that a step never asks for more than the epoch has left.
func untilEpochEnd(tr *delgrad.Trainer) int { return tr.Progress().LeftInEpoch() }

// epochLog is the -log CSV file, flushed after every epoch so that a long
// run can be watched.
type epochLog struct {
	f *os.File
}

func newEpochLog(path string) (*epochLog, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if _, err := io.WriteString(f, "epoch,train_loss,train_acc,val_loss,val_acc,lr_scale,bumps,seconds\n"); err != nil {
		f.Close()
		return nil, err
	}
	return &epochLog{f: f}, nil
}

func (l *epochLog) write(ep delgrad.Epoch, since time.Duration) error {
	g := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	_, err := fmt.Fprintf(l.f, "%d,%s,%s,%s,%s,%s,%d,%.3f\n", ep.Epoch, g(ep.TrainLoss), g(ep.TrainAcc),
		g(ep.ValLoss), g(ep.ValAcc), g(ep.LRScale), ep.Bumps, since.Seconds())
	return err
}

func (l *epochLog) close() { l.f.Close() }
